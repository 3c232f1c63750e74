package dev.console3270.protocol.screen;

/**
 * 3270 buffer addresses in 12-, 14- and 16-bit form. The two address bytes of an order carry a
 * 12-bit address when the top two bits of the first byte are not 00, else a 14-bit address; 16-bit
 * addressing is used only when the host has switched to it.
 */
public final class BufferAddress {

  /** The 64 graphic codes that carry six address bits each in 12-bit addressing. */
  private static final byte[] CODES = {
    0x40,
    (byte) 0xc1,
    (byte) 0xc2,
    (byte) 0xc3,
    (byte) 0xc4,
    (byte) 0xc5,
    (byte) 0xc6,
    (byte) 0xc7,
    (byte) 0xc8,
    (byte) 0xc9,
    0x4a,
    0x4b,
    0x4c,
    0x4d,
    0x4e,
    0x4f,
    0x50,
    (byte) 0xd1,
    (byte) 0xd2,
    (byte) 0xd3,
    (byte) 0xd4,
    (byte) 0xd5,
    (byte) 0xd6,
    (byte) 0xd7,
    (byte) 0xd8,
    (byte) 0xd9,
    0x5a,
    0x5b,
    0x5c,
    0x5d,
    0x5e,
    0x5f,
    0x60,
    0x61,
    (byte) 0xe2,
    (byte) 0xe3,
    (byte) 0xe4,
    (byte) 0xe5,
    (byte) 0xe6,
    (byte) 0xe7,
    (byte) 0xe8,
    (byte) 0xe9,
    0x6a,
    0x6b,
    0x6c,
    0x6d,
    0x6e,
    0x6f,
    (byte) 0xf0,
    (byte) 0xf1,
    (byte) 0xf2,
    (byte) 0xf3,
    (byte) 0xf4,
    (byte) 0xf5,
    (byte) 0xf6,
    (byte) 0xf7,
    (byte) 0xf8,
    (byte) 0xf9,
    0x7a,
    0x7b,
    0x7c,
    0x7d,
    0x7e,
    0x7f
  };

  private BufferAddress() {}

  /** Decodes a 12- or 14-bit address from two bytes (values 0-255). */
  public static int decode(int b1, int b2) {
    if ((b1 & 0xc0) == 0) {
      return ((b1 & 0x3f) << 8) | (b2 & 0xff);
    }
    return ((b1 & 0x3f) << 6) | (b2 & 0x3f);
  }

  /** Decodes a 16-bit address from two bytes. */
  public static int decode16(int b1, int b2) {
    return ((b1 & 0xff) << 8) | (b2 & 0xff);
  }

  /**
   * Encodes an address for the host: 12-bit coded form when the buffer has at most 4096 cells, else
   * 14-bit binary. Returns the two bytes packed as {@code (b1 << 8) | b2}.
   */
  public static int encode(int address, int bufferSize) {
    if (bufferSize <= 4096) {
      return ((CODES[(address >> 6) & 0x3f] & 0xff) << 8) | (CODES[address & 0x3f] & 0xff);
    }
    return ((address >> 8) & 0x3f) << 8 | (address & 0xff);
  }

  /** The graphic code for six address bits (used by 12-bit addresses). */
  public static int code(int sixBits) {
    return CODES[sixBits & 0x3f] & 0xff;
  }
}
