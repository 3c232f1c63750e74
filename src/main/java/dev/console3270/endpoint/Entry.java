package dev.console3270.endpoint;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mutable state of one registered endpoint. Written under the registry's lock; fields are volatile
 * so the balancer and views read them without it.
 */
final class Entry {
  final String name;
  volatile Endpoint endpoint;
  volatile HealthCheckConfig config;
  volatile AdminState admin = AdminState.ENABLED;
  volatile int counter;
  volatile boolean ejected;
  volatile int passiveFailures;
  volatile CheckResult lastResult;
  volatile String lastDetail = "";

  /** Ticker time the endpoint came back UP, for slow start; {@link Long#MIN_VALUE} when none. */
  volatile long upSince = Long.MIN_VALUE;

  /** Mean latency in micros of the window, {@link Double#POSITIVE_INFINITY} when unknown. */
  volatile double meanLatency = Double.POSITIVE_INFINITY;

  final AtomicLong fallbackPicks = new AtomicLong();

  /** Open sessions; written under {@link #load}'s monitor, read without it. */
  volatile int sessions;

  /** The live load of its group; set by the registry's rebuild. */
  volatile GroupLoad load;

  /** Its index in {@link #load}'s eligible set, -1 when not eligible; guarded by that monitor. */
  int slot = -1;

  private final long[] window = new long[LatencyStats.WINDOW];
  private int windowSize;
  private int windowNext;

  Entry(Endpoint endpoint, HealthCheckConfig config) {
    this.name = endpoint.name();
    this.endpoint = endpoint;
    this.config = config;
    this.counter = config.initialCounter();
  }

  boolean up() {
    return counter >= config.rise();
  }

  Health health() {
    return up() ? Health.UP : Health.DOWN;
  }

  synchronized void addLatency(long micros) {
    window[windowNext] = micros;
    windowNext = (windowNext + 1) % window.length;
    windowSize = Math.min(windowSize + 1, window.length);
    long sum = 0;
    for (int i = 0; i < windowSize; i++) {
      sum += window[i];
    }
    meanLatency = (double) sum / windowSize;
  }

  synchronized void clearLatency() {
    windowSize = 0;
    windowNext = 0;
    meanLatency = Double.POSITIVE_INFINITY;
  }

  synchronized LatencyStats latency() {
    if (windowSize == 0) {
      return LatencyStats.UNKNOWN;
    }
    long[] sorted = Arrays.copyOf(window, windowSize);
    Arrays.sort(sorted);
    long sum = 0;
    for (long v : sorted) {
      sum += v;
    }
    int rank = (int) Math.ceil(0.95 * windowSize); // nearest rank, 1-based
    return new LatencyStats(windowSize, Math.round((double) sum / windowSize), sorted[rank - 1]);
  }
}
