package dev.console3270.protocol.screen;

/** The 3270 colours (extended colour attribute values X'F0'-X'FF'), plus the default. */
public enum Color {
  DEFAULT(0x00),
  NEUTRAL_BLACK(0xf0),
  BLUE(0xf1),
  RED(0xf2),
  PINK(0xf3),
  GREEN(0xf4),
  TURQUOISE(0xf5),
  YELLOW(0xf6),
  NEUTRAL_WHITE(0xf7),
  BLACK(0xf8),
  DEEP_BLUE(0xf9),
  ORANGE(0xfa),
  PURPLE(0xfb),
  PALE_GREEN(0xfc),
  PALE_TURQUOISE(0xfd),
  GREY(0xfe),
  WHITE(0xff);

  private final int code;

  Color(int code) {
    this.code = code;
  }

  /** The attribute value. */
  public int code() {
    return code;
  }

  /** The colour for an attribute value; unknown values are the default. */
  public static Color of(int code) {
    int c = code & 0xff;
    if (c >= 0xf0) {
      return values()[c - 0xf0 + 1];
    }
    return DEFAULT;
  }
}
