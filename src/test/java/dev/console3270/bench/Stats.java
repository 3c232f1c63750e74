package dev.console3270.bench;

import java.util.Arrays;

/** Percentiles of measured samples (nearest rank), shared by the benchmarks and the report. */
public final class Stats {
  private Stats() {}

  /**
   * The nearest-rank percentile of sorted samples: the smallest sample such that at least {@code p}
   * percent of the samples are less than or equal to it.
   *
   * @param sorted samples in ascending order
   * @param p the percentile, 0 to 100 (0 gives the smallest sample)
   * @return the sample, or -1 when there are none
   * @throws IllegalArgumentException when {@code p} is outside 0..100
   */
  public static long percentile(long[] sorted, double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be within 0..100: " + p);
    }
    if (sorted.length == 0) {
      return -1;
    }
    // the small margin keeps binary rounding (99.9 / 100 * 1000 = 999.0000000000001) from
    // pushing the rank one place up
    int rank = (int) Math.ceil(p / 100.0 * sorted.length - 1e-9);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** A sorted copy of the samples. */
  public static long[] sorted(long[] samples) {
    long[] copy = samples.clone();
    Arrays.sort(copy);
    return copy;
  }

  /** The mean, or NaN when there are no samples. */
  public static double mean(long[] samples) {
    if (samples.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (long v : samples) {
      sum += v;
    }
    return sum / samples.length;
  }
}
