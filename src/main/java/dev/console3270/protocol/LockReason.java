package dev.console3270.protocol;

/** Why the keyboard is locked; each reason is shown in the Operator Information Area. */
public enum LockReason {
  /** Not connected to a host. */
  NOT_CONNECTED("X Not Connected", false),
  /** Connected, waiting for the host's first screen. */
  AWAITING_FIRST("X Wait", false),
  /** An AID was sent; waiting for the host to restore the keyboard ("X SYSTEM"). */
  SYSTEM("X SYSTEM", false),
  /** Typing into a protected position. */
  PROTECTED("X PROT", true),
  /** A non-numeric character typed into a numeric field. */
  NUMERIC("X NUM", true),
  /** Insert mode with no room left in the field. */
  OVERFLOW("X >", true),
  /** A function that is not available here (for example Dup in a field that forbids it). */
  MINUS_FUNCTION("X -f", true);

  private final String indicator;
  private final boolean operatorError;

  LockReason(String indicator, boolean operatorError) {
    this.indicator = indicator;
    this.operatorError = operatorError;
  }

  /** The OIA text, as x3270 shows it. */
  public String indicator() {
    return indicator;
  }

  /** An operator error: cleared by Reset, not by the host. */
  public boolean isOperatorError() {
    return operatorError;
  }
}
