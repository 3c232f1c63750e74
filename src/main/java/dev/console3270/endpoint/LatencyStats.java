package dev.console3270.endpoint;

/**
 * Latency of the last successful probes (a moving window of {@link #WINDOW}).
 *
 * @param samples how many successful probes the window holds (0 = unknown)
 * @param meanMicros mean latency in microseconds, -1 when unknown
 * @param p95Micros 95th percentile (nearest rank) in microseconds, -1 when unknown
 */
public record LatencyStats(int samples, long meanMicros, long p95Micros) {
  /** Successful probes the window keeps. */
  public static final int WINDOW = 20;

  /** No sample yet. */
  public static final LatencyStats UNKNOWN = new LatencyStats(0, -1, -1);

  /** True when at least one sample exists. */
  public boolean known() {
    return samples > 0;
  }
}
