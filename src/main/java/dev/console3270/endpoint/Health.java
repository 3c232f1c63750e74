package dev.console3270.endpoint;

/** What the health checks concluded about an endpoint. */
public enum Health {
  /** Its health counter is at least {@code rise}. */
  UP,
  /** Its health counter is below {@code rise}, or passive checks ejected it. */
  DOWN
}
