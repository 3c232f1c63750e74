package dev.console3270.endpoint;

/** One balancing strategy's algorithm. Implementations are thread-safe. */
sealed interface Policy
    permits RoundRobinPolicy,
        WeightedRoundRobinPolicy,
        LeastSessionsPolicy,
        LeastLatencyPolicy,
        PowerOfTwoPolicy,
        StickyPolicy {

  /**
   * An eligible entry of the group that is not full, or null when every eligible entry is full. The
   * group has at least one eligible entry.
   */
  Entry pick(GroupView group, String stickyKey, EndpointRegistry registry);

  /** True when eligible entry {@code i} has reached its session limit. */
  static boolean full(GroupView g, int i) {
    int limit = g.limits[i];
    return limit > 0 && g.eligible[i].sessions >= limit;
  }

  /** The policy of a strategy. */
  static Policy of(Strategy strategy, long seed) {
    return switch (strategy) {
      case ROUND_ROBIN -> new RoundRobinPolicy();
      case WEIGHTED_ROUND_ROBIN -> new WeightedRoundRobinPolicy();
      case LEAST_SESSIONS -> new LeastSessionsPolicy();
      case LEAST_LATENCY -> new LeastLatencyPolicy();
      case POWER_OF_TWO -> new PowerOfTwoPolicy(seed);
      case STICKY -> new StickyPolicy();
    };
  }
}
