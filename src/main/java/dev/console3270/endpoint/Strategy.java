package dev.console3270.endpoint;

/** How the {@link Balancer} chooses among the eligible endpoints of a group. */
public enum Strategy {
  /** Each eligible endpoint once per cycle. */
  ROUND_ROBIN,
  /** Smooth weighted round robin, earliest deadline first (weights ramped during slow start). */
  WEIGHTED_ROUND_ROBIN,
  /** Fewest active sessions (registry counters); ties to the higher weight, then round robin. */
  LEAST_SESSIONS,
  /** Lowest mean probe latency; unknown latency counts as the worst; ties round robin. */
  LEAST_LATENCY,
  /** Two random eligible endpoints, the one with fewer sessions wins. */
  POWER_OF_TWO,
  /** Consistent hashing of the sticky key with bounded loads (c = 1.25). */
  STICKY
}
