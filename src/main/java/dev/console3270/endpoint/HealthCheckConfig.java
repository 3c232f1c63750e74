package dev.console3270.endpoint;

import java.time.Duration;
import java.util.Objects;

/**
 * How an endpoint is checked.
 *
 * @param interval time between the end of one probe and the start of the next (HAProxy {@code
 *     inter}, default 2 s)
 * @param timeout bound of one probe, connect to telnet DO (default 2 s, as HAProxy uses {@code
 *     inter} when {@code timeout check} is not set)
 * @param rise consecutive successes that take a DOWN endpoint UP (default 2)
 * @param fall consecutive failures that take an UP endpoint DOWN (default 3)
 * @param initialHealth health before the first check (default {@link InitialHealth#UP})
 * @param verifyTls verify the host's certificate and name against the JDK default trust (default
 *     true; turn off only for lab hosts with self-signed certificates)
 * @param ejectAfter consecutive passive failures (connect failures, unexpected drops) that eject an
 *     endpoint, as Envoy's consecutive-5xx outlier detection (default 3)
 */
public record HealthCheckConfig(
    Duration interval,
    Duration timeout,
    int rise,
    int fall,
    InitialHealth initialHealth,
    boolean verifyTls,
    int ejectAfter) {

  /** HAProxy's defaults: inter 2 s, rise 2, fall 3; starts UP; TLS verified; eject after 3. */
  public static final HealthCheckConfig DEFAULT =
      new HealthCheckConfig(
          Duration.ofSeconds(2), Duration.ofSeconds(2), 2, 3, InitialHealth.UP, true, 3);

  /** Validates. */
  public HealthCheckConfig {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(initialHealth, "initialHealth");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("health check interval must be > 0, got " + interval);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("health check timeout must be > 0, got " + timeout);
    }
    if (timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("health check timeout too long: " + timeout);
    }
    if (rise < 1) {
      throw new IllegalArgumentException("rise must be >= 1, got " + rise);
    }
    if (fall < 1) {
      throw new IllegalArgumentException("fall must be >= 1, got " + fall);
    }
    if (ejectAfter < 1) {
      throw new IllegalArgumentException("ejectAfter must be >= 1, got " + ejectAfter);
    }
  }

  /** A copy with another interval and timeout. */
  public HealthCheckConfig withTiming(Duration newInterval, Duration newTimeout) {
    return new HealthCheckConfig(
        newInterval, newTimeout, rise, fall, initialHealth, verifyTls, ejectAfter);
  }

  /** A copy with other rise and fall counts. */
  public HealthCheckConfig withRiseFall(int newRise, int newFall) {
    return new HealthCheckConfig(
        interval, timeout, newRise, newFall, initialHealth, verifyTls, ejectAfter);
  }

  /** A copy with another initial health. */
  public HealthCheckConfig withInitialHealth(InitialHealth initial) {
    return new HealthCheckConfig(interval, timeout, rise, fall, initial, verifyTls, ejectAfter);
  }

  /** A copy with TLS verification on or off. */
  public HealthCheckConfig withVerifyTls(boolean verify) {
    return new HealthCheckConfig(interval, timeout, rise, fall, initialHealth, verify, ejectAfter);
  }

  /** A copy with another passive ejection threshold. */
  public HealthCheckConfig withEjectAfter(int failures) {
    return new HealthCheckConfig(interval, timeout, rise, fall, initialHealth, verifyTls, failures);
  }

  /** Highest value of the health counter: {@code rise + fall - 1}. */
  public int maxCounter() {
    return rise + fall - 1;
  }

  /** The counter an endpoint starts with. */
  int initialCounter() {
    return switch (initialHealth) {
      case FULLY_UP -> maxCounter();
      case UP -> rise;
      case DOWN -> rise - 1;
      case FULLY_DOWN -> 0;
    };
  }
}
