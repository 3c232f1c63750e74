package dev.console3270.endpoint;

/**
 * Lowest mean latency of the last successful probes; an endpoint without samples counts as the
 * slowest; ties round robin.
 */
final class LeastLatencyPolicy implements Policy {
  private final Rotor rotor = new Rotor();

  @Override
  public Entry pick(GroupView g, String key, EndpointRegistry registry, LoadSource load) {
    int n = g.eligible.length;
    int start = rotor.next(g.name, n);
    int best = -1;
    double bestLatency = 0;
    for (int k = 0; k < n; k++) {
      int i = start + k;
      if (i >= n) {
        i -= n;
      }
      if (g.anyLimit && Policy.full(g, i, load)) {
        continue;
      }
      double latency = g.eligible[i].meanLatency;
      if (best < 0 || latency < bestLatency) {
        best = i;
        bestLatency = latency;
      }
    }
    return best < 0 ? null : g.eligible[best];
  }
}
