package dev.console3270.endpoint;

/** What an operator decided about an endpoint, independent of its health. */
public enum AdminState {
  /** Takes new sessions when healthy. */
  ENABLED,
  /** No new sessions; existing ones stay; health checks go on (HAProxy's DRAIN). */
  DRAINING,
  /** No new sessions and health checks paused (HAProxy's MAINT). */
  DISABLED
}
