package dev.console3270.session;

import dev.console3270.audit.CardMasker;

/**
 * Masks payment card numbers in one direction of a TN3270 byte stream as it goes into a trace: the
 * rules of {@link CardMasker} (Luhn-valid runs of 13 to 19 digits, optionally grouped by single
 * spaces or dashes, keep their first six and last four digits) applied to the EBCDIC characters of
 * the 3270 data, with masked digits becoming EBCDIC {@code *} (X'5C'). Only digit bytes change, so
 * lengths, telnet framing, orders and addresses stay as they were and the trace still replays.
 *
 * <p>Which bytes are characters: the telnet layer is followed ({@code IAC} commands and
 * sub-negotiations are never data, {@code IAC IAC} is a data X'FF', {@code IAC EOR} ends a record).
 * At the start of a record the TN3270E header (when the first byte is a data type X'00' to X'08')
 * and then the command and WCC (from the host) or the AID and cursor address (from the client) are
 * skipped. After that the parameters of the 3270 orders SBA, SF, SFE, SA, MF, RA, EUA and GE are
 * skipped (so an address or attribute byte that happens to be X'F0'-X'F9' is never taken for a
 * digit), and every order or control byte below X'40' ends a digit group. Digits are X'F0'-X'F9';
 * separators are the space X'40' and the dash X'60'.
 *
 * <p>Not covered: a card number split by an order (e.g. each group written with its own SBA), a
 * card number split over two calls (two socket reads), and the inside of Write Structured Field
 * records, whose length bytes are not parsed (digits there are still found when the bytes around
 * them are not digits). Not thread-safe: one instance per direction, fed in stream order.
 */
public final class EbcdicCardMasker {

  /** EBCDIC {@code *}, the byte a masked digit becomes. */
  public static final int MASK = 0x5c;

  private static final int IAC = 0xff;
  private static final int SB = 0xfa;
  private static final int SE = 0xf0;
  private static final int WILL = 0xfb;
  private static final int DONT = 0xfe;
  private static final int EOR = 0xef;

  private static final int T_DATA = 0;
  private static final int T_IAC = 1;
  private static final int T_OPT = 2;
  private static final int T_SB = 3;
  private static final int T_SB_IAC = 4;

  private final boolean fromHost;
  private int telnet = T_DATA;
  private boolean recordStart = true;
  private int prefix; // bytes of record prefix still to skip (after the first byte)
  private int skip; // order parameter bytes still to skip
  private boolean pairCount; // the next skipped byte is an SFE/MF pair count
  private long maskedDigits;

  /**
   * A masker for one direction.
   *
   * @param fromHost true for what the host sends (command, WCC, orders), false for what the client
   *     sends (AID, cursor address, orders)
   */
  public EbcdicCardMasker(boolean fromHost) {
    this.fromHost = fromHost;
  }

  /** How many digits this masker has masked so far. */
  public long maskedDigits() {
    return maskedDigits;
  }

  /**
   * A copy of {@code data[off, off+len)} with card numbers masked, advancing the stream state. The
   * input is not changed.
   */
  public byte[] mask(byte[] data, int off, int len) {
    byte[] out = new byte[len];
    System.arraycopy(data, off, out, 0, len);
    char[] chars = new char[len];
    boolean anyDigit = false;
    for (int i = 0; i < len; i++) {
      int b = out[i] & 0xff;
      char c = feed(b);
      chars[i] = c;
      anyDigit |= c >= '0' && c <= '9';
    }
    if (!anyDigit) {
      return out;
    }
    String text = new String(chars);
    String masked = CardMasker.mask(text);
    if (!masked.equals(text)) {
      for (int i = 0; i < len; i++) {
        if (masked.charAt(i) == '*' && chars[i] != '*') {
          out[i] = (byte) MASK;
          maskedDigits++;
        }
      }
    }
    return out;
  }

  /** Feeds one byte; returns the character it stands for, or NUL when it is no text character. */
  private char feed(int b) {
    switch (telnet) {
      case T_DATA -> {
        if (b == IAC) {
          telnet = T_IAC;
          return 0;
        }
        return data(b);
      }
      case T_IAC -> {
        telnet = T_DATA;
        if (b == IAC) {
          return data(b);
        }
        if (b == EOR) {
          recordStart = true;
          prefix = 0;
          skip = 0;
          pairCount = false;
        } else if (b >= WILL && b <= DONT) {
          telnet = T_OPT;
        } else if (b == SB) {
          telnet = T_SB;
        }
        return 0;
      }
      case T_OPT -> {
        telnet = T_DATA;
        return 0;
      }
      case T_SB -> {
        if (b == IAC) {
          telnet = T_SB_IAC;
        }
        return 0;
      }
      default -> {
        telnet = b == SE ? T_DATA : T_SB;
        return 0;
      }
    }
  }

  /** One byte of 3270 data. */
  private char data(int b) {
    if (recordStart) {
      recordStart = false;
      int head = fromHost ? 2 : 3;
      prefix = (b <= 0x08 ? 5 : 0) + head - 1;
      return 0;
    }
    if (prefix > 0) {
      prefix--;
      return 0;
    }
    if (skip > 0) {
      skip--;
      if (pairCount) {
        pairCount = false;
        skip += 2 * b;
      }
      return 0;
    }
    if (b < 0x40) {
      switch (b) {
        case 0x11, 0x28, 0x12 -> skip = 2; // SBA, SA, EUA
        case 0x1d, 0x08 -> skip = 1; // SF, GE
        case 0x3c -> skip = 3; // RA: address and character
        case 0x29, 0x2c -> { // SFE, MF: count, then pairs
          skip = 1;
          pairCount = true;
        }
        default -> {
          // IC, PT and controls take no parameters.
        }
      }
      return 0;
    }
    if (b >= 0xf0 && b <= 0xf9) {
      return (char) ('0' + (b - 0xf0));
    }
    if (b == 0x40) {
      return ' ';
    }
    if (b == 0x60) {
      return '-';
    }
    return b == MASK ? '*' : 'x';
  }
}
