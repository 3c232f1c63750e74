package dev.console3270.endpoint;

/**
 * Fewest active sessions; among equals the higher configured weight; among those, the one picked
 * least recently (so ties go round robin). O(log n): the registry keeps the eligible endpoints that
 * are not full in a heap ordered that way ({@link GroupLoad}). Slow start does not enter the tie
 * break.
 */
final class LeastSessionsPolicy implements Policy {
  @Override
  public Entry pick(GroupView g, String key, EndpointRegistry registry) {
    return g.load.pickLeastSessions();
  }
}
