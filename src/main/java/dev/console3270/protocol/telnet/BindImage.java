package dev.console3270.protocol.telnet;

import java.util.Arrays;

/**
 * A BIND request unit as the host sent it in a TN3270E BIND-IMAGE record, with the fields an
 * emulator uses, derived as x3270 does.
 *
 * <p>The presentation space size byte (offset 24) selects the sizes: X'00' and X'02' mean 24x80
 * both ways; X'03' means default 24x80 and alternate the terminal's maximum ({@code maxRows} x
 * {@code maxCols} of the parse); X'7E' means the default rows/cols bytes (offsets 20, 21) both
 * ways; X'7F' means default from offsets 20, 21 and alternate from offsets 22, 23. Any other value
 * carries no size.
 *
 * @param raw the BIND RU (without the TN3270E header)
 * @param pluName the primary LU name (EBCDIC letters, digits, national characters decoded), or ""
 * @param maxRuSecondary maximum RU size secondary to primary, or 0
 * @param maxRuPrimary maximum RU size primary to secondary, or 0
 * @param screenSizeCode the presentation space size byte, or -1 when the BIND is too short
 * @param sizePresent true when the BIND names a screen size
 * @param alternatePresent true when the alternate size comes from the BIND itself (not X'03')
 * @param sizeValid true when the size is present and within 24x80 .. the terminal's maximum (when
 *     false, x3270 keeps the model's sizes)
 * @param defaultRows default rows, or 0
 * @param defaultCols default columns, or 0
 * @param altRows alternate rows, or 0
 * @param altCols alternate columns, or 0
 */
public record BindImage(
    byte[] raw,
    String pluName,
    int maxRuSecondary,
    int maxRuPrimary,
    int screenSizeCode,
    boolean sizePresent,
    boolean alternatePresent,
    boolean sizeValid,
    int defaultRows,
    int defaultCols,
    int altRows,
    int altCols) {

  /** The BIND RU's request code. */
  public static final int BIND_RU = 0x31;

  private static final int OFF_MAXRU_SEC = 10;
  private static final int OFF_MAXRU_PRI = 11;
  private static final int OFF_RD = 20;
  private static final int OFF_CD = 21;
  private static final int OFF_RA = 22;
  private static final int OFF_CA = 23;
  private static final int OFF_SSIZE = 24;
  private static final int OFF_PLU_NAME_LEN = 27;
  private static final int OFF_PLU_NAME = 28;
  private static final int PLU_NAME_MAX = 8;
  private static final int MIN_ROWS = 24;
  private static final int MIN_COLS = 80;

  public BindImage {
    raw = raw.clone();
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }

  /** True when the RU starts with the BIND request code X'31'. */
  public boolean isBind() {
    return raw.length > 0 && (raw[0] & 0xff) == BIND_RU;
  }

  /**
   * Parses a BIND RU.
   *
   * @param ru the RU bytes (after the TN3270E header)
   * @param maxRows the terminal's maximum (alternate) rows, used for X'03' and for validation
   * @param maxCols the terminal's maximum (alternate) columns
   */
  public static BindImage parse(byte[] ru, int maxRows, int maxCols) {
    int len = ru.length;
    if (len < 1 || (ru[0] & 0xff) != BIND_RU) {
      return new BindImage(ru, "", 0, 0, -1, false, false, false, 0, 0, 0, 0);
    }
    int maxSec = len > OFF_MAXRU_SEC ? maxRu(ru[OFF_MAXRU_SEC] & 0xff) : 0;
    int maxPri = len > OFF_MAXRU_PRI ? maxRu(ru[OFF_MAXRU_PRI] & 0xff) : 0;
    int code = -1;
    boolean present = false;
    boolean alt = false;
    int rd = 0;
    int cd = 0;
    int ra = 0;
    int ca = 0;
    if (len > OFF_SSIZE) {
      code = ru[OFF_SSIZE] & 0xff;
      switch (code) {
        case 0x00, 0x02 -> {
          rd = MIN_ROWS;
          cd = MIN_COLS;
          ra = MIN_ROWS;
          ca = MIN_COLS;
          present = true;
          alt = true;
        }
        case 0x03 -> {
          rd = MIN_ROWS;
          cd = MIN_COLS;
          ra = maxRows;
          ca = maxCols;
          present = true;
        }
        case 0x7e -> {
          rd = ru[OFF_RD] & 0xff;
          cd = ru[OFF_CD] & 0xff;
          ra = rd;
          ca = cd;
          present = true;
          alt = true;
        }
        case 0x7f -> {
          rd = ru[OFF_RD] & 0xff;
          cd = ru[OFF_CD] & 0xff;
          ra = ru[OFF_RA] & 0xff;
          ca = ru[OFF_CA] & 0xff;
          present = true;
          alt = true;
        }
        default -> {
          // no size in this BIND
        }
      }
    }
    boolean valid =
        present
            && rd <= maxRows
            && cd <= maxCols
            && rd >= MIN_ROWS
            && cd >= MIN_COLS
            && ra <= maxRows
            && ca <= maxCols
            && ra >= MIN_ROWS
            && ca >= MIN_COLS;
    String plu = "";
    if (len > OFF_PLU_NAME_LEN) {
      int n = Math.min(ru[OFF_PLU_NAME_LEN] & 0xff, PLU_NAME_MAX);
      if (n > 0 && len > OFF_PLU_NAME + n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
          sb.append(ebcdicNameChar(ru[OFF_PLU_NAME + i] & 0xff));
        }
        plu = sb.toString();
      }
    }
    return new BindImage(ru, plu, maxSec, maxPri, code, present, alt, valid, rd, cd, ra, ca);
  }

  private static int maxRu(int c) {
    if ((c & 0x80) == 0) {
      return 0;
    }
    return ((c >> 4) & 0x0f) * (1 << (c & 0x0f));
  }

  /** Decodes the EBCDIC characters SNA names use (A-Z, 0-9, @ # $, blank); others as '?'. */
  private static char ebcdicNameChar(int b) {
    if (b >= 0xc1 && b <= 0xc9) {
      return (char) ('A' + (b - 0xc1));
    }
    if (b >= 0xd1 && b <= 0xd9) {
      return (char) ('J' + (b - 0xd1));
    }
    if (b >= 0xe2 && b <= 0xe9) {
      return (char) ('S' + (b - 0xe2));
    }
    if (b >= 0xf0 && b <= 0xf9) {
      return (char) ('0' + (b - 0xf0));
    }
    return switch (b) {
      case 0x7c -> '@';
      case 0x7b -> '#';
      case 0x5b -> '$';
      case 0x40 -> ' ';
      default -> '?';
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BindImage b && Arrays.equals(raw, b.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "BindImage[plu="
        + pluName
        + ", default="
        + defaultRows
        + "x"
        + defaultCols
        + ", alternate="
        + altRows
        + "x"
        + altCols
        + (sizeValid ? "" : " (not used)")
        + "]";
  }
}
