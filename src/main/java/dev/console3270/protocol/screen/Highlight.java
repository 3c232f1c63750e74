package dev.console3270.protocol.screen;

/** Extended highlighting. */
public enum Highlight {
  DEFAULT,
  NORMAL,
  BLINK,
  REVERSE,
  UNDERSCORE,
  INTENSIFY;

  /** The highlighting for an attribute value; unknown values are the default. */
  public static Highlight of(int code) {
    return switch (code & 0xff) {
      case Attributes.HL_NORMAL -> NORMAL;
      case Attributes.HL_BLINK -> BLINK;
      case Attributes.HL_REVERSE -> REVERSE;
      case Attributes.HL_UNDERSCORE -> UNDERSCORE;
      case Attributes.HL_INTENSIFY -> INTENSIFY;
      default -> DEFAULT;
    };
  }
}
