package dev.console3270.protocol.screen;

/**
 * A 3270 field attribute byte: protection, numeric, display/intensity and the modified data tag.
 *
 * @param value the attribute byte (0-255)
 */
public record FieldAttribute(int value) {

  /** Protected bit. */
  public static final int PROTECTED = 0x20;

  /** Numeric bit. */
  public static final int NUMERIC = 0x10;

  /** Display bits mask. */
  public static final int DISPLAY_MASK = 0x0c;

  /** Normal intensity, selector-pen detectable. */
  public static final int DISPLAY_DETECTABLE = 0x04;

  /** Intensified, detectable. */
  public static final int DISPLAY_INTENSIFIED = 0x08;

  /** Non-display. */
  public static final int DISPLAY_NONE = 0x0c;

  /** Modified data tag. */
  public static final int MDT = 0x01;

  public FieldAttribute {
    value &= 0xff;
  }

  public boolean isProtected() {
    return (value & PROTECTED) != 0;
  }

  public boolean isNumeric() {
    return (value & NUMERIC) != 0;
  }

  /** Protected and numeric: the cursor skips over the field. */
  public boolean isAutoSkip() {
    return isProtected() && isNumeric();
  }

  public boolean isNonDisplay() {
    return (value & DISPLAY_MASK) == DISPLAY_NONE;
  }

  public boolean isIntensified() {
    return (value & DISPLAY_MASK) == DISPLAY_INTENSIFIED;
  }

  /** Selector-pen detectable (display bits 01 or 10). */
  public boolean isDetectable() {
    int d = value & DISPLAY_MASK;
    return d == DISPLAY_DETECTABLE || d == DISPLAY_INTENSIFIED;
  }

  public boolean isModified() {
    return (value & MDT) != 0;
  }
}
