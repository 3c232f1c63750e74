package dev.console3270.audit.compliance;

/** The outcome of one rule. */
public enum RuleStatus {
  /** The configuration meets the rule. */
  PASS,
  /** It does not; the violations say where. */
  FAIL,
  /** The rule has nothing to look at (e.g. no remote endpoints). */
  NOT_APPLICABLE
}
