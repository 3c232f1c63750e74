package dev.console3270.protocol.screen;

/** Extended attribute type codes and values of the 3270 data stream (SFE, SA, MF orders). */
public final class Attributes {
  private Attributes() {}

  /** Attribute type: the 3270 field attribute. */
  public static final int TYPE_FIELD = 0xc0;

  /** Attribute type: extended highlighting. */
  public static final int TYPE_HIGHLIGHT = 0x41;

  /** Attribute type: foreground colour. */
  public static final int TYPE_FOREGROUND = 0x42;

  /** Attribute type: character set. */
  public static final int TYPE_CHARSET = 0x43;

  /** Attribute type: background colour. */
  public static final int TYPE_BACKGROUND = 0x45;

  /** Attribute type: transparency. */
  public static final int TYPE_TRANSPARENCY = 0x46;

  /** Attribute type: field validation. */
  public static final int TYPE_VALIDATION = 0xc1;

  /** Attribute type: field outlining. */
  public static final int TYPE_OUTLINING = 0xc2;

  /** SA type 0x00: reset all character attributes. */
  public static final int TYPE_ALL = 0x00;

  /** Highlighting: default. */
  public static final int HL_DEFAULT = 0x00;

  /** Highlighting: normal. */
  public static final int HL_NORMAL = 0xf0;

  /** Highlighting: blink. */
  public static final int HL_BLINK = 0xf1;

  /** Highlighting: reverse video. */
  public static final int HL_REVERSE = 0xf2;

  /** Highlighting: underscore. */
  public static final int HL_UNDERSCORE = 0xf4;

  /** Highlighting: intensify. */
  public static final int HL_INTENSIFY = 0xf8;

  /** Colour: default. */
  public static final int COLOR_DEFAULT = 0x00;

  /** Character set: default. */
  public static final int CS_DEFAULT = 0x00;

  /** Character set: APL / graphic escape. */
  public static final int CS_APL = 0xf1;

  /** Character set: DBCS. */
  public static final int CS_DBCS = 0xf8;

  /** Validation: mandatory fill. */
  public static final int VALIDATION_MANDATORY_FILL = 0x04;

  /** Validation: mandatory entry. */
  public static final int VALIDATION_MANDATORY_ENTRY = 0x02;

  /** Validation: trigger. */
  public static final int VALIDATION_TRIGGER = 0x01;
}
