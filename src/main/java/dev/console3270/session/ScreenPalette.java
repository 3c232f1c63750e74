package dev.console3270.session;

import dev.console3270.protocol.screen.FieldAttribute;

/**
 * The colours a screen is shown in, as {@code #rrggbb}: one palette for the terminal view, the HTML
 * and PNG exports. Base colours follow x3270's defaults.
 */
public final class ScreenPalette {

  /** The screen background. */
  public static final String BACKGROUND = "#000000";

  /** The eight base colours, indexed by the low three bits of X'F0'-X'F7'. */
  private static final String[] BASE = {
    "#000000", // F0 neutral black
    "#5591ff", // F1 blue
    "#ff2e2e", // F2 red
    "#ff58d8", // F3 pink
    "#33ff33", // F4 green
    "#3ee0e0", // F5 turquoise
    "#ffff33", // F6 yellow
    "#f2f2f2", // F7 neutral white
  };

  /** X'F8'-X'FF': black, deep blue, orange, purple, pale green, pale turquoise, grey, white. */
  private static final String[] EXTENDED = {
    "#000000", "#3030ff", "#ffa500", "#a020f0", "#98fb98", "#afeeee", "#bebebe", "#ffffff",
  };

  private ScreenPalette() {}

  /** The colour of an extended colour value X'F0'-X'FF'; other values give neutral white. */
  public static String color(int code) {
    int c = code & 0xff;
    if (c >= 0xf8) {
      return EXTENDED[c - 0xf8];
    }
    if (c >= 0xf0) {
      return BASE[c - 0xf0];
    }
    return BASE[7];
  }

  /**
   * The foreground of a character: its own colour (X'F0'-X'FF') when set, else x3270's defaults by
   * field: green or red (intensified) for input, blue or white (intensified) for protected, green
   * on an unformatted screen.
   */
  public static String foreground(int code, FieldAttribute field) {
    if ((code & 0xff) >= 0xf0) {
      return color(code);
    }
    if (field == null) {
      return BASE[4];
    }
    boolean bright = field.isIntensified();
    if (field.isProtected()) {
      return bright ? BASE[7] : BASE[1];
    }
    return bright ? BASE[2] : BASE[4];
  }

  /** The background of a character: its colour when set (X'F0'-X'FF'), else null (none). */
  public static String background(int code) {
    return (code & 0xff) >= 0xf0 ? color(code) : null;
  }

  /** The colour the OIA line is drawn in. */
  public static String oia() {
    return BASE[5];
  }

  /** The colour of the line above the OIA. */
  public static String oiaRule() {
    return BASE[1];
  }
}
