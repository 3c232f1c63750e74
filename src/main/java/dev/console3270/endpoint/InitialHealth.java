package dev.console3270.endpoint;

/**
 * Health of an endpoint before its first check, with HAProxy's {@code init-state} semantics. Also
 * applied when an endpoint leaves {@link AdminState#DISABLED} or changes address.
 */
public enum InitialHealth {
  /** UP, counter at {@code rise+fall-1}: goes DOWN only after {@code fall} failed checks. */
  FULLY_UP,
  /** UP, counter at {@code rise} ("going down"): the first failed check takes it DOWN. Default. */
  UP,
  /** DOWN, counter at {@code rise-1} ("going up"): the first successful check takes it UP. */
  DOWN,
  /** DOWN, counter at 0: goes UP only after {@code rise} successful checks. */
  FULLY_DOWN
}
