package dev.console3270.endpoint;

/** No endpoint of the requested group (or its fallback chain) can take a new session. */
public final class NoEndpointAvailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message that names the groups tried and why each endpoint was skipped. */
  public NoEndpointAvailableException(String message) {
    super(message);
  }
}
