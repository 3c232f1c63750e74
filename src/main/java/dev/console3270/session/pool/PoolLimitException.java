package dev.console3270.session.pool;

/** A session was refused because the pool, or the endpoint, has as many as it allows. */
public final class PoolLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A refusal with a message saying which limit. */
  public PoolLimitException(String message) {
    super(message);
  }
}
