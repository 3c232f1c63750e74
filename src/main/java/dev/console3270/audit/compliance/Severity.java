package dev.console3270.audit.compliance;

/** How much a failed rule matters. LOW marks a recommendation. */
public enum Severity {
  /** A recommendation. */
  LOW,
  /** Should be fixed. */
  MEDIUM,
  /** Must be fixed. */
  HIGH,
  /** Must be fixed before the system holds regulated data. */
  CRITICAL
}
