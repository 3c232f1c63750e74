package dev.console3270.session.pool;

/** A migration failed; the message says which step and why (never a secret). */
public final class MigrationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with a message and, where there is one, its cause. */
  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
