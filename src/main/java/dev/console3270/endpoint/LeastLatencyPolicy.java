package dev.console3270.endpoint;

/**
 * Lowest mean latency of the last successful probes; an endpoint without samples counts as the
 * slowest; ties go to the one picked least recently (round robin). O(log n): the registry keeps a
 * heap updated when a latency sample arrives ({@link GroupLoad}).
 */
final class LeastLatencyPolicy implements Policy {
  @Override
  public Entry pick(GroupView g, String key, EndpointRegistry registry) {
    return g.load.pickLeastLatency();
  }
}
