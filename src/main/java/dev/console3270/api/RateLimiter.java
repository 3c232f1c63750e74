package dev.console3270.api;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Fixed-window rate limiting per key (a token): {@code limit} requests per window. Answers with
 * what the RateLimit headers (draft-ietf-httpapi-ratelimit-headers) need.
 */
final class RateLimiter {

  /**
   * The outcome for one request.
   *
   * @param allowed whether it may go on
   * @param remaining requests left in this window
   * @param resetSeconds seconds until the window ends (at least 1)
   */
  record Decision(boolean allowed, long remaining, long resetSeconds) {}

  private final int limit;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private final Map<String, long[]> windows = new HashMap<>();

  RateLimiter(int limit, long windowNanos, LongSupplier nanoTime) {
    this.limit = limit;
    this.windowNanos = windowNanos;
    this.nanoTime = nanoTime;
  }

  int limit() {
    return limit;
  }

  long windowSeconds() {
    return Math.max(1, windowNanos / 1_000_000_000L);
  }

  synchronized Decision acquire(String key) {
    long now = nanoTime.getAsLong();
    long[] w = windows.get(key); // [start, count]
    if (w == null || now - w[0] >= windowNanos) {
      if (windows.size() > 1000) {
        windows.clear();
      }
      w = new long[] {now, 0};
      windows.put(key, w);
    }
    long reset = Math.max(1, (w[0] + windowNanos - now + 999_999_999L) / 1_000_000_000L);
    if (w[1] >= limit) {
      return new Decision(false, 0, reset);
    }
    w[1]++;
    return new Decision(true, limit - w[1], reset);
  }
}
