package dev.console3270.protocol.keyboard;

import dev.console3270.protocol.LockReason;

/** Why a key was refused. */
public enum Failure {
  /** The keyboard is locked (x3270 would queue the key as typeahead; this keyboard refuses it). */
  LOCKED,
  /** Typing, deleting or erasing on a protected position or a field attribute ("X PROT"). */
  PROTECTED,
  /** A non-numeric character in a numeric field with numeric lock on ("X NUM"). */
  NUMERIC,
  /** Insert mode with no null left between the cursor and the end of the field ("X >"). */
  OVERFLOW,
  /** A function not available now, e.g. a PF key in SSCP-LU mode ("X -f"). */
  MINUS_FUNCTION,
  /** The character has no code in the terminal's code page. */
  NO_TRANSLATION,
  /** No 3270 session (not connected or still negotiating). */
  NOT_CONNECTED,
  /** The session is in NVT mode, where the session layer handles keys. */
  NOT_3270,
  /** A bad argument, such as PF(25) or an address outside the screen. */
  INVALID_ARGUMENT;

  /** The keyboard lock reason this failure sets, or null when it sets none. */
  public LockReason lockReason() {
    return switch (this) {
      case PROTECTED -> LockReason.PROTECTED;
      case NUMERIC -> LockReason.NUMERIC;
      case OVERFLOW -> LockReason.OVERFLOW;
      case MINUS_FUNCTION -> LockReason.MINUS_FUNCTION;
      default -> null;
    };
  }
}
