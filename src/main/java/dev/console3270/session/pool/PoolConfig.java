package dev.console3270.session.pool;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * How a {@link SessionPool} limits and idles its sessions.
 *
 * @param maxSessions the most sessions the pool holds at once
 * @param maxPerEndpoint the most sessions per endpoint name
 * @param idleTimeout how long without operator input or host data before a session is idle ({@link
 *     Duration#ZERO}: never)
 * @param idlePolicy what happens to an idle session
 * @param checkInterval how often the idle check runs
 */
public record PoolConfig(
    int maxSessions,
    ToIntFunction<String> maxPerEndpoint,
    Duration idleTimeout,
    IdlePolicy idlePolicy,
    Duration checkInterval) {
  public PoolConfig {
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1: " + maxSessions);
    }
    Objects.requireNonNull(maxPerEndpoint, "maxPerEndpoint");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(idlePolicy, "idlePolicy");
    Objects.requireNonNull(checkInterval, "checkInterval");
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idleTimeout must not be negative: " + idleTimeout);
    }
    if (checkInterval.isNegative() || checkInterval.isZero()) {
      throw new IllegalArgumentException("checkInterval must be positive: " + checkInterval);
    }
  }

  /** 1,000 sessions, 1,000 per endpoint, no idle timeout, LOCK, checks every 30 s. */
  public static PoolConfig defaults() {
    return new PoolConfig(1000, e -> 1000, Duration.ZERO, IdlePolicy.LOCK, Duration.ofSeconds(30));
  }

  /** A per-endpoint limit from a map, with {@code otherwise} for endpoints it does not name. */
  public static ToIntFunction<String> perEndpoint(Map<String, Integer> limits, int otherwise) {
    Map<String, Integer> copy = Map.copyOf(limits);
    return e -> copy.getOrDefault(e, otherwise);
  }

  /** A copy with another overall limit. */
  public PoolConfig withMaxSessions(int value) {
    return new PoolConfig(value, maxPerEndpoint, idleTimeout, idlePolicy, checkInterval);
  }

  /** A copy with another per-endpoint limit. */
  public PoolConfig withMaxPerEndpoint(ToIntFunction<String> value) {
    return new PoolConfig(maxSessions, value, idleTimeout, idlePolicy, checkInterval);
  }

  /** A copy with another idle timeout and policy. */
  public PoolConfig withIdle(Duration timeout, IdlePolicy policy) {
    return new PoolConfig(maxSessions, maxPerEndpoint, timeout, policy, checkInterval);
  }

  /** A copy with another idle check interval. */
  public PoolConfig withCheckInterval(Duration value) {
    return new PoolConfig(maxSessions, maxPerEndpoint, idleTimeout, idlePolicy, value);
  }
}
