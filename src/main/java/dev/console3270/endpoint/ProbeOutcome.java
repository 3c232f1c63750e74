package dev.console3270.endpoint;

import java.util.Objects;

/**
 * The result of one probe.
 *
 * @param result the check status
 * @param latencyNanos time from the start of the connect to the result
 * @param detail a short human-readable explanation ("" when none)
 */
public record ProbeOutcome(CheckResult result, long latencyNanos, String detail) {
  /** Validates. */
  public ProbeOutcome {
    Objects.requireNonNull(result, "result");
    if (latencyNanos < 0) {
      throw new IllegalArgumentException("latency must be >= 0, got " + latencyNanos);
    }
    detail = detail == null ? "" : detail;
  }
}
