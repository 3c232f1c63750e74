package dev.console3270.audit;

/** The audit log cannot take events: it is closed, or its writer failed (see the cause). */
public final class AuditException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message and an optional cause. */
  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
