package dev.console3270.protocol;

/** Attention identifiers: the keys (and host-visible events) that send the screen to the host. */
public enum Aid {
  NONE(0x60),
  ENTER(0x7d),
  PF1(0xf1),
  PF2(0xf2),
  PF3(0xf3),
  PF4(0xf4),
  PF5(0xf5),
  PF6(0xf6),
  PF7(0xf7),
  PF8(0xf8),
  PF9(0xf9),
  PF10(0x7a),
  PF11(0x7b),
  PF12(0x7c),
  PF13(0xc1),
  PF14(0xc2),
  PF15(0xc3),
  PF16(0xc4),
  PF17(0xc5),
  PF18(0xc6),
  PF19(0xc7),
  PF20(0xc8),
  PF21(0xc9),
  PF22(0x4a),
  PF23(0x4b),
  PF24(0x4c),
  PA1(0x6c),
  PA2(0x6e),
  PA3(0x6b),
  CLEAR(0x6d),
  SYSREQ(0xf0),
  SELECTOR_PEN(0x7e),
  STRUCTURED_FIELD(0x88),
  READ_PARTITION(0x61);

  private final int code;

  Aid(int code) {
    this.code = code;
  }

  /** The AID byte. */
  public int code() {
    return code;
  }

  /** PF key 1 to 24. */
  public static Aid pf(int n) {
    if (n < 1 || n > 24) {
      throw new IllegalArgumentException("PF key must be 1 to 24: " + n);
    }
    return values()[PF1.ordinal() + n - 1];
  }

  /** PA key 1 to 3. */
  public static Aid pa(int n) {
    return switch (n) {
      case 1 -> PA1;
      case 2 -> PA2;
      case 3 -> PA3;
      default -> throw new IllegalArgumentException("PA key must be 1 to 3: " + n);
    };
  }

  /** PA keys and Clear send a short read (the AID alone). */
  public boolean isShortRead() {
    return this == PA1 || this == PA2 || this == PA3 || this == CLEAR;
  }
}
