package dev.console3270.audit;

/** How the audited action ended. */
public enum AuditOutcome {
  /** It succeeded. */
  SUCCESS,
  /** It failed or was refused. */
  FAILURE,
  /** Not known (e.g. recorded before the action completed). */
  UNKNOWN
}
