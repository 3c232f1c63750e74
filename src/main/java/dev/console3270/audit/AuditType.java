package dev.console3270.audit;

/** What an audit event records. */
public enum AuditType {
  /** A session was created (not yet connected). */
  SESSION_CREATED,
  /** A session connected to its host. */
  SESSION_CONNECTED,
  /** A session lost or dropped its connection. */
  SESSION_DISCONNECTED,
  /** A session was closed for good. */
  SESSION_CLOSED,
  /** A session moved to another endpoint or pool member. */
  SESSION_MIGRATED,
  /** A session failed over after its endpoint failed. */
  SESSION_FAILED_OVER,
  /** A user signed on to a host application. */
  SIGN_ON,
  /** An attention key (Enter, PF, PA, Clear) was sent. */
  AID_KEY,
  /** A screen was read (by a script, the API or an export). */
  SCREEN_READ,
  /** A field was changed. */
  FIELD_CHANGED,
  /** An administrative action (configuration, pool, endpoint). */
  ADMIN_ACTION,
  /** An API call. */
  API_ACCESS,
  /** An API call that failed authentication. */
  API_AUTH_FAILURE,
  /** Someone read or verified the audit trail. */
  AUDIT_ACCESS,
  /** The audit log was opened; written by the log itself. */
  AUDIT_START,
  /** The audit log was closed; written by the log itself. */
  AUDIT_STOP,
  /** An authenticated checkpoint of the chain; written by the log itself. */
  CHECKPOINT,
  /** Crash recovery set bytes aside on open; written by the log itself. */
  RECOVERY,
  /** Old audit files were archived or deleted under the retention policy. */
  RETENTION;

  /** Whether only the log itself writes events of this type ({@link AuditLog#append} refuses). */
  public boolean isInternal() {
    return this == AUDIT_START || this == AUDIT_STOP || this == CHECKPOINT || this == RECOVERY;
  }
}
