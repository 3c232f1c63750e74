package dev.console3270.protocol;

/** How Read Buffer and Read Modified replies carry attributes (set by Set Reply Mode). */
public enum ReplyMode {
  /** Field mode: field attributes as SF orders, no extended attributes. */
  FIELD(0x00),
  /** Extended field mode: SFE orders carrying the fields' extended attributes. */
  EXTENDED_FIELD(0x01),
  /** Character mode: SFE orders plus SA orders for the selected character attributes. */
  CHARACTER(0x02);

  private final int code;

  ReplyMode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The mode for a Set Reply Mode code, or null when unknown. */
  public static ReplyMode of(int code) {
    for (ReplyMode m : values()) {
      if (m.code == code) {
        return m;
      }
    }
    return null;
  }
}
