package dev.console3270.audit.compliance;

/**
 * A rule pack cannot be used: unknown name, unreadable or malformed file, or a rule that clashes
 * with another. The message names the file, the rule (when there is one) and the reason.
 */
public final class CompliancePackException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The pack file, e.g. {@code /compliance/pci-dss.json}. */
  private final String file;

  /** The rule id, or null when the problem is not in one rule. */
  private final String ruleId;

  /** What is wrong. */
  private final String reason;

  /** An error in {@code file}, in rule {@code ruleId} (or null), for {@code reason}. */
  public CompliancePackException(String file, String ruleId, String reason) {
    this(file, ruleId, reason, null);
  }

  /** The same with the exception behind it. */
  public CompliancePackException(String file, String ruleId, String reason, Throwable cause) {
    super(
        "compliance pack " + file + (ruleId == null ? "" : ", rule " + ruleId) + ": " + reason,
        cause);
    this.file = file;
    this.ruleId = ruleId;
    this.reason = reason;
  }

  /** The pack file. */
  public String file() {
    return file;
  }

  /** The rule id, or null. */
  public String ruleId() {
    return ruleId;
  }

  /** What is wrong. */
  public String reason() {
    return reason;
  }
}
