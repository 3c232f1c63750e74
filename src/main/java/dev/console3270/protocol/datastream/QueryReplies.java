package dev.console3270.protocol.datastream;

import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.codepage.CodePage;
import java.util.Locale;

/**
 * Query Replies: the inbound structured fields (AID X'88') that describe this terminal's
 * capabilities in answer to Read Partition Query and Query List.
 *
 * <p>The replies are those of x3270 4.x, byte for byte, with these exceptions: RPQ Names names this
 * product ({@code console3270}) instead of {@code x3270}; Distributed Data Management (X'95', the
 * IND$FILE DFT transfer) is sent only when the caller passes a DFT buffer size; DBCS-Asia (X'91')
 * is never sent (no DBCS code pages). The alternate size of the model is what the Usable Area,
 * Alphanumeric Partitions and Implicit Partition replies report.
 */
public final class QueryReplies {

  /** AID of inbound structured fields. */
  public static final int AID_STRUCTURED_FIELD = 0x88;

  /** Structured field ID of a Query Reply. */
  public static final int SFID_QUERY_REPLY = 0x81;

  /** QCODE: Summary. */
  public static final int QR_SUMMARY = 0x80;

  /** QCODE: Usable Area. */
  public static final int QR_USABLE_AREA = 0x81;

  /** QCODE: Alphanumeric Partitions. */
  public static final int QR_ALPHA_PARTITIONS = 0x84;

  /** QCODE: Character Sets. */
  public static final int QR_CHARACTER_SETS = 0x85;

  /** QCODE: Color. */
  public static final int QR_COLOR = 0x86;

  /** QCODE: Highlighting. */
  public static final int QR_HIGHLIGHTING = 0x87;

  /** QCODE: Reply Modes. */
  public static final int QR_REPLY_MODES = 0x88;

  /** QCODE: Distributed Data Management (IND$FILE DFT). */
  public static final int QR_DDM = 0x95;

  /** QCODE: RPQ Names. */
  public static final int QR_RPQ_NAMES = 0xa1;

  /** QCODE: Implicit Partition. */
  public static final int QR_IMPLICIT_PARTITION = 0xa6;

  /** QCODE: Null (sent when a Query List names nothing we support). */
  public static final int QR_NULL = 0xff;

  /** Query List request type: the listed replies only. */
  public static final int REQUEST_LIST = 0x00;

  /** Query List request type: equivalent (everything) plus the listed replies. */
  public static final int REQUEST_EQUIVALENT = 0x40;

  /** Query List request type: all replies. */
  public static final int REQUEST_ALL = 0x80;

  /** The product name sent in RPQ Names (EBCDIC lower case, like x3270's "x3270"). */
  public static final String PRODUCT_NAME = "console3270";

  /** Character cell width and height in pixels, as x3270 reports them (a 3279-2's). */
  private static final int CELL_WIDTH = 0x09;

  private static final int CELL_HEIGHT = 0x0c;

  /** Horizontal and vertical distance between points (a 3279-2's, in mm ratios). */
  private static final int XR = 0x000a02e5;

  private static final int YR = 0x0002006f;

  /** CGCSGID of the APL character set (GCSGID 963, CPGID 310). */
  private static final int CGCSGID_APL = 0x03c30136;

  private QueryReplies() {}

  /** Answer to Read Partition Query: AID X'88' followed by every Query Reply this terminal has. */
  public static byte[] query(TerminalState state) {
    return query(state, 0);
  }

  /**
   * Answer to Read Partition Query, with the Distributed Data Management reply (X'95') for IND$FILE
   * DFT transfers when {@code dftBufferSize} is positive.
   *
   * @param dftBufferSize the DFT inbound and outbound limit in bytes (x3270's default is 16384), or
   *     0 when DFT transfers are not supported
   */
  public static byte[] query(TerminalState state, int dftBufferSize) {
    ByteSink out = new ByteSink();
    out.write(AID_STRUCTURED_FIELD);
    for (int code : supportedCodes(dftBufferSize)) {
      out.writeBytes(reply(state, code, dftBufferSize));
    }
    return out.toByteArray();
  }

  /**
   * Answer to Read Partition Query List.
   *
   * @param requestType X'00' list, X'40' equivalent + list, X'80' all
   * @param codes the QCODEs the host listed (for list and equivalent)
   * @return the reply; empty (nothing to send) for any other request type, which the host must be
   *     told is an invalid command
   */
  public static byte[] queryList(TerminalState state, int requestType, byte[] codes) {
    return queryList(state, requestType, codes, 0);
  }

  /**
   * Answer to Read Partition Query List, with DFT support as in {@link #query(TerminalState, int)}.
   * For a list, the replies we support among those listed are sent in our usual order; if there is
   * none, the Null reply. Equivalent + list and all send every reply (as x3270 does).
   *
   * @return the reply; empty for an unknown request type
   */
  public static byte[] queryList(
      TerminalState state, int requestType, byte[] codes, int dftBufferSize) {
    switch (requestType & 0xff) {
      case REQUEST_EQUIVALENT, REQUEST_ALL -> {
        return query(state, dftBufferSize);
      }
      case REQUEST_LIST -> {
        ByteSink out = new ByteSink();
        out.write(AID_STRUCTURED_FIELD);
        boolean any = false;
        for (int code : supportedCodes(dftBufferSize)) {
          if (listed(codes, code)) {
            out.writeBytes(reply(state, code, dftBufferSize));
            any = true;
          }
        }
        if (!any) {
          out.writeBytes(reply(state, QR_NULL, dftBufferSize));
        }
        return out.toByteArray();
      }
      default -> {
        return new byte[0];
      }
    }
  }

  /**
   * The QCODEs this terminal answers, in the order they are sent (and listed in the Summary).
   *
   * @param dftBufferSize positive when DFT transfers are supported (adds X'95')
   */
  public static int[] supportedCodes(int dftBufferSize) {
    if (dftBufferSize > 0) {
      return new int[] {
        QR_SUMMARY,
        QR_USABLE_AREA,
        QR_ALPHA_PARTITIONS,
        QR_CHARACTER_SETS,
        QR_COLOR,
        QR_HIGHLIGHTING,
        QR_REPLY_MODES,
        QR_DDM,
        QR_RPQ_NAMES,
        QR_IMPLICIT_PARTITION
      };
    }
    return new int[] {
      QR_SUMMARY,
      QR_USABLE_AREA,
      QR_ALPHA_PARTITIONS,
      QR_CHARACTER_SETS,
      QR_COLOR,
      QR_HIGHLIGHTING,
      QR_REPLY_MODES,
      QR_RPQ_NAMES,
      QR_IMPLICIT_PARTITION
    };
  }

  /**
   * One Query Reply structured field (length, X'81', QCODE, body), without the AID.
   *
   * @param code a QCODE from {@link #supportedCodes(int)} or {@link #QR_NULL}
   * @param dftBufferSize as in {@link #query(TerminalState, int)}
   * @throws IllegalArgumentException for a QCODE this terminal does not answer
   */
  public static byte[] reply(TerminalState state, int code, int dftBufferSize) {
    QueryBody body = new QueryBody();
    TerminalModel model = state.model();
    int cols = model.altCols();
    int rows = model.altRows();
    switch (code) {
      case QR_SUMMARY -> {
        for (int c : supportedCodes(dftBufferSize)) {
          body.u8(c);
        }
      }
      case QR_USABLE_AREA -> {
        body.u8(0x01); // 12/14-bit addressing
        body.u8(0x00); // no special character features
        body.u16(cols);
        body.u16(rows);
        body.u8(0x01); // units: millimetres
        body.u32(XR);
        body.u32(YR);
        body.u8(CELL_WIDTH);
        body.u8(CELL_HEIGHT);
        body.u16(cols * rows); // buffer size
      }
      case QR_ALPHA_PARTITIONS -> {
        body.u8(0x00); // one partition
        body.u16(cols * rows);
        body.u8(0x00); // no special features
      }
      case QR_CHARACTER_SETS -> {
        body.u8(0x82); // GE supported, CGCSGIDs present
        body.u8(0x00);
        body.u8(CELL_WIDTH);
        body.u8(CELL_HEIGHT);
        body.u32(0); // no loadable character sets
        body.u8(0x07); // descriptor length
        body.u8(0x00); // set 0: the base set
        body.u8(0x10); //  non-loadable, single-plane, single-byte, no compare
        body.u8(0x00); //  LCID 0
        body.u32(cgcsgid(state.codePage()));
        body.u8(0x01); // set 1: APL
        body.u8(0x00);
        body.u8(0xf1); //  LCID X'F1'
        body.u32(CGCSGID_APL);
      }
      case QR_COLOR -> {
        body.u8(0x00); // no options
        body.u8(16); // 16 colour pairs
        body.u8(0x00); // default colour is
        body.u8(0xf4); //  green
        for (int c = 0xf1; c <= 0xff; c++) {
          body.u8(c);
          body.u8(model.color() ? c : 0x00);
        }
      }
      case QR_HIGHLIGHTING -> {
        body.u8(5); // 5 pairs
        body.u8(0x00);
        body.u8(0xf0); // default is normal
        for (int h : new int[] {0xf1, 0xf2, 0xf4, 0xf8}) {
          body.u8(h);
          body.u8(h);
        }
      }
      case QR_REPLY_MODES -> {
        body.u8(0x00); // field
        body.u8(0x01); // extended field
        body.u8(0x02); // character
      }
      case QR_DDM -> {
        if (dftBufferSize <= 0) {
          throw new IllegalArgumentException("DDM reply needs a DFT buffer size");
        }
        body.u16(0); // reserved
        body.u16(dftBufferSize); // INLIM
        body.u16(dftBufferSize); // OUTLIM
        body.u8(0x01); // NSS
        body.u8(0x01); // DDMSS
      }
      case QR_RPQ_NAMES -> {
        body.u32(0); // device type: all
        body.u32(0); // model: all
        body.u8(1 + PRODUCT_NAME.length()); // RPQ name length, including itself
        for (int i = 0; i < PRODUCT_NAME.length(); i++) {
          body.u8(ebcdicInvariant(PRODUCT_NAME.charAt(i)));
        }
      }
      case QR_IMPLICIT_PARTITION -> {
        body.u8(0x00); // reserved
        body.u8(0x00);
        body.u8(0x0b); // length of the size parameter
        body.u8(0x01); // implicit partition sizes
        body.u8(0x00); // reserved
        body.u16(TerminalModel.DEFAULT_COLS);
        body.u16(TerminalModel.DEFAULT_ROWS);
        body.u16(cols);
        body.u16(rows);
      }
      case QR_NULL -> {
        // no body
      }
      default ->
          throw new IllegalArgumentException(
              "no Query Reply for QCODE " + Integer.toHexString(code));
    }
    byte[] b = body.toByteArray();
    int length = b.length + 4;
    byte[] sf = new byte[length];
    sf[0] = (byte) (length >> 8);
    sf[1] = (byte) length;
    sf[2] = (byte) SFID_QUERY_REPLY;
    sf[3] = (byte) code;
    System.arraycopy(b, 0, sf, 4, b.length);
    return sf;
  }

  /**
   * The CGCSGID (GCSGID in the high 16 bits, CPGID in the low 16 bits) reported for a code page,
   * with x3270's values; a numbered code page it does not know is reported as GCSGID 697 with its
   * number, anything else (or no code page) as CP037's X'02B90025'.
   */
  public static int cgcsgid(CodePage codePage) {
    return codePage == null ? 0x02b90025 : cgcsgid(codePage.name());
  }

  /** The CGCSGID for a code page name, as {@link #cgcsgid(CodePage)}. */
  static int cgcsgid(String codePageName) {
    String name = codePageName.toLowerCase(Locale.ROOT).trim();
    int cpgid =
        switch (name) {
          case "bracket", "apl", "us", "us-intl", "bracket437" -> 37;
          case "us-euro" -> 1140;
          case "german" -> 273;
          case "german-euro" -> 1141;
          case "belgian", "international" -> 500;
          case "belgian-euro" -> 1148;
          default -> number(name);
        };
    if (cpgid <= 0 || cpgid > 0xffff) {
      return 0x02b90025;
    }
    int gcsgid =
        switch (cpgid) {
          case 424 -> 0x0545;
          case 870, 880 -> 0x03bf;
          case 875 -> 0x039d;
          case 1026 -> 0x0480;
          case 1160 -> 0x0573;
          default -> cpgid >= 1140 && cpgid <= 1149 ? 0x02b7 : 0x02b9;
        };
    return gcsgid << 16 | cpgid;
  }

  /** The number in a code page name such as {@code 037}, {@code cp1047} or {@code IBM-273}. */
  private static int number(String name) {
    String digits = name.replaceFirst("^(cp|ibm-?|x-ibm)", "");
    if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(digits);
  }

  private static boolean listed(byte[] codes, int code) {
    if (codes == null) {
      return false;
    }
    for (byte c : codes) {
      if ((c & 0xff) == code) {
        return true;
      }
    }
    return false;
  }

  /** EBCDIC for a lower-case letter or digit (the same in every code page). */
  private static int ebcdicInvariant(char c) {
    if (c >= '0' && c <= '9') {
      return 0xf0 + (c - '0');
    }
    if (c >= 'a' && c <= 'i') {
      return 0x81 + (c - 'a');
    }
    if (c >= 'j' && c <= 'r') {
      return 0x91 + (c - 'j');
    }
    if (c >= 's' && c <= 'z') {
      return 0xa2 + (c - 's');
    }
    throw new IllegalArgumentException("not an invariant character: " + c);
  }
}
