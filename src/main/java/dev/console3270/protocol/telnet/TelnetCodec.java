package dev.console3270.protocol.telnet;

import dev.console3270.protocol.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Telnet, TN3270 and TN3270E protocol codec: host bytes go in through {@link #receive}, complete
 * records, mode changes and the bytes to send come out through a {@link TelnetListener}. It does no
 * I/O and keeps no threads; one codec serves one connection.
 *
 * <p>Option negotiation follows RFC 1143 (the Q method), accepting what x3270 accepts: locally
 * BINARY, EOR, TERMINAL-TYPE, SGA, TN3270E and NEW-ENVIRON (the last two per config), remotely
 * BINARY, EOR, TERMINAL-TYPE, SGA, ECHO and TN3270E. START-TLS is left to the caller. TN3270E
 * follows RFC 2355 and x3270's fallbacks: the LU list on DEVICE-TYPE REJECT, then WONT TN3270E and
 * plain TN3270.
 */
public final class TelnetCodec {

  /** Telnet IAC. */
  public static final int IAC = 255;

  static final int DONT = 254;
  static final int DO = 253;
  static final int WONT = 252;
  static final int WILL = 251;
  static final int SB = 250;
  static final int AO = 245;
  static final int IP = 244;
  static final int BREAK = 243;
  static final int NOP = 241;
  static final int SE = 240;
  static final int EOR = 239;

  /** Option BINARY (RFC 856). */
  public static final int OPT_BINARY = 0;

  /** Option ECHO. */
  public static final int OPT_ECHO = 1;

  /** Option SUPPRESS-GO-AHEAD. */
  public static final int OPT_SGA = 3;

  /** Option TIMING-MARK (RFC 860). */
  public static final int OPT_TIMING_MARK = 6;

  /** Option TERMINAL-TYPE (RFC 1091). */
  public static final int OPT_TTYPE = 24;

  /** Option END-OF-RECORD (RFC 885). */
  public static final int OPT_EOR = 25;

  /** Option NAWS. */
  public static final int OPT_NAWS = 31;

  /** Option NEW-ENVIRON (RFC 1572). */
  public static final int OPT_NEW_ENVIRON = 39;

  /** Option TN3270E (RFC 2355). */
  public static final int OPT_TN3270E = 40;

  /** Option START-TLS. */
  public static final int OPT_START_TLS = 46;

  // TN3270E subnegotiation codes (RFC 2355 section 14).
  private static final int E_ASSOCIATE = 0;
  private static final int E_CONNECT = 1;
  private static final int E_DEVICE_TYPE = 2;
  private static final int E_FUNCTIONS = 3;
  private static final int E_IS = 4;
  private static final int E_REJECT = 6;
  private static final int E_REQUEST = 7;
  private static final int E_SEND = 8;

  /** DEVICE-TYPE REJECT reason UNSUPPORTED-REQ: no point trying other LUs. */
  public static final int REASON_UNSUPPORTED_REQ = 7;

  private static final int TT_IS = 0;
  private static final int TT_SEND = 1;
  private static final int TLS_FOLLOWS = 1;
  private static final int NE_VAR = 0;
  private static final int NE_VALUE = 1;
  private static final int NE_ESC = 2;
  private static final int NE_USERVAR = 3;

  private static final int MAX_SB = 8192;

  // RFC 1143 states and queue bits.
  private static final byte NO = 0;
  private static final byte YES = 1;
  private static final byte WANTNO = 2;
  private static final byte WANTYES = 3;
  private static final byte EMPTY = 0;
  private static final byte OPPOSITE = 1;

  private enum State {
    DATA,
    IAC,
    WILL,
    WONT,
    DO,
    DONT,
    SB,
    SB_IAC
  }

  private enum Submode {
    UNBOUND,
    NVT,
    SSCP,
    LU3270
  }

  private final TelnetConfig config;
  private final TelnetListener listener;

  private final byte[] us = new byte[256];
  private final byte[] usq = new byte[256];
  private final byte[] him = new byte[256];
  private final byte[] himq = new byte[256];

  private State state = State.DATA;
  private final ByteArrayOutputStream recordBuf = new ByteArrayOutputStream();
  private final ByteArrayOutputStream sbBuf = new ByteArrayOutputStream();
  private final ByteArrayOutputStream nvtBuf = new ByteArrayOutputStream();
  private boolean sbOverflow;
  private long streamOffset;
  private boolean stopped;

  private TelnetMode mode = TelnetMode.PENDING;
  private boolean wasTn3270e;

  private boolean negotiated;
  private Submode submode = Submode.UNBOUND;
  private boolean bound;
  private final EnumSet<Tn3270eFunction> eFuncs = EnumSet.noneOf(Tn3270eFunction.class);
  private int xmitSeq;
  private String deviceType;
  private String luName;
  private int luIndex;

  private boolean didNeSend;
  private boolean deferredWillTtype;
  private int devNameCounter = 1;
  private int pendingTimingMarks;
  private boolean startTlsPending;
  private boolean awaitingTlsFollows;
  private String lastBackOffReason;
  private int lastRejectReason = -1;

  /** A codec for one connection, in {@link TelnetMode#PENDING}. */
  public TelnetCodec(TelnetConfig config, TelnetListener listener) {
    this.config = config;
    this.listener = listener;
    eFuncs.addAll(config.functions());
    resetLus();
  }

  // ---------------------------------------------------------------------------------------------
  // Input

  /**
   * Processes bytes from the host. Never throws on bad data: problems go to {@link
   * TelnetListener#protocolError}. Records may span calls, and IAC sequences may be split anywhere.
   *
   * @return how many bytes were consumed: all of them, except after SB START-TLS FOLLOWS, where
   *     processing stops and the remaining bytes belong to the TLS handshake
   */
  public int receive(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > data.length) {
      throw new IndexOutOfBoundsException("offset " + offset + " length " + length);
    }
    stopped = false;
    int i = offset;
    int end = offset + length;
    while (i < end && !stopped) {
      int c = data[i++] & 0xff;
      step(c);
      streamOffset++;
    }
    flushNvt();
    return i - offset;
  }

  /** Processes a whole array: {@code receive(data, 0, data.length)}. */
  public int receive(byte[] data) {
    return receive(data, 0, data.length);
  }

  private void step(int c) {
    switch (state) {
      case DATA -> {
        if (c == IAC) {
          state = State.IAC;
        } else {
          dataByte(c);
        }
      }
      case IAC -> command(c);
      case WILL -> {
        state = State.DATA;
        onWill(c);
      }
      case WONT -> {
        state = State.DATA;
        onWont(c);
      }
      case DO -> {
        state = State.DATA;
        onDo(c);
      }
      case DONT -> {
        state = State.DATA;
        onDont(c);
      }
      case SB -> {
        if (c == IAC) {
          state = State.SB_IAC;
        } else {
          sbByte(c);
        }
      }
      case SB_IAC -> {
        if (c == IAC) {
          sbByte(c);
          state = State.SB;
        } else if (c == SE) {
          state = State.DATA;
          if (sbOverflow) {
            error("subnegotiation longer than " + MAX_SB + " bytes ignored");
          } else {
            subnegotiation(sbBuf.toByteArray());
          }
        } else {
          error("IAC " + c + " inside a subnegotiation; subnegotiation dropped");
          command(c);
        }
      }
    }
  }

  private void dataByte(int c) {
    if (mode == TelnetMode.PENDING) {
      setMode(TelnetMode.NVT);
    }
    if (mode == TelnetMode.NVT) {
      nvtBuf.write(c);
    } else {
      recordBuf.write(c);
    }
  }

  private void sbByte(int c) {
    if (sbBuf.size() >= MAX_SB) {
      sbOverflow = true;
    } else {
      sbBuf.write(c);
    }
  }

  private void command(int c) {
    state = State.DATA;
    switch (c) {
      case IAC -> dataByte(IAC);
      case EOR -> endOfRecord();
      case WILL -> state = State.WILL;
      case WONT -> state = State.WONT;
      case DO -> state = State.DO;
      case DONT -> state = State.DONT;
      case SB -> {
        sbBuf.reset();
        sbOverflow = false;
        state = State.SB;
      }
      default -> {
        // NOP, GA, DM, AYT, BREAK, IP, AO, EC, EL, stray SE: nothing to do.
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Option negotiation (RFC 1143)

  private boolean usAccepts(int opt) {
    return switch (opt) {
      case OPT_BINARY, OPT_EOR, OPT_TTYPE, OPT_SGA -> true;
      case OPT_TN3270E -> config.tn3270e();
      case OPT_NEW_ENVIRON -> config.newEnviron();
      default -> false;
    };
  }

  private boolean himAccepts(int opt) {
    return switch (opt) {
      case OPT_BINARY, OPT_EOR, OPT_TTYPE, OPT_SGA, OPT_ECHO -> true;
      case OPT_TN3270E -> config.tn3270e();
      default -> false;
    };
  }

  private void onWill(int opt) {
    if (opt == OPT_TIMING_MARK) {
      if (pendingTimingMarks > 0) {
        pendingTimingMarks--;
        listener.timingMark();
      } else {
        sendOption(DONT, opt);
      }
      return;
    }
    switch (him[opt]) {
      case NO -> {
        if (himAccepts(opt)) {
          him[opt] = YES;
          sendOption(DO, opt);
          if (opt == OPT_EOR && us[opt] == NO) {
            // Volunteer EOR when the host does, as x3270 does.
            us[opt] = WANTYES;
            sendOption(WILL, opt);
          }
        } else {
          sendOption(DONT, opt);
        }
      }
      case WANTNO -> {
        if (himq[opt] == EMPTY) {
          him[opt] = NO;
        } else {
          him[opt] = YES;
          himq[opt] = EMPTY;
        }
      }
      case WANTYES -> {
        if (himq[opt] == EMPTY) {
          him[opt] = YES;
        } else {
          him[opt] = WANTNO;
          himq[opt] = EMPTY;
          sendOption(DONT, opt);
        }
      }
      default -> {
        // YES: already on.
      }
    }
    updateMode();
  }

  private void onWont(int opt) {
    if (opt == OPT_TIMING_MARK) {
      if (pendingTimingMarks > 0) {
        pendingTimingMarks--;
        listener.timingMark();
      }
      return;
    }
    switch (him[opt]) {
      case NO -> {
        if (opt == OPT_TN3270E && us[opt] == YES) {
          // Some hosts say WONT TN3270E when they mean DONT; x3270 backs off with WONT.
          us[opt] = NO;
          sendOption(WONT, opt);
        }
      }
      case YES -> {
        him[opt] = NO;
        sendOption(DONT, opt);
      }
      case WANTNO -> {
        if (himq[opt] == EMPTY) {
          him[opt] = NO;
        } else {
          him[opt] = WANTYES;
          himq[opt] = EMPTY;
          sendOption(DO, opt);
        }
      }
      default -> {
        him[opt] = NO;
        himq[opt] = EMPTY;
      }
    }
    updateMode();
  }

  private void onDo(int opt) {
    if (opt == OPT_TIMING_MARK) {
      sendOption(config.timingMark() ? WILL : WONT, opt);
      return;
    }
    if (opt == OPT_START_TLS && us[opt] == NO) {
      if (!startTlsPending) {
        startTlsPending = true;
        listener.startTlsRequested();
      }
      return;
    }
    switch (us[opt]) {
      case NO -> {
        if (usAccepts(opt)) {
          us[opt] = YES;
          if (opt == OPT_TTYPE && us[OPT_NEW_ENVIRON] == YES && !didNeSend) {
            // Like x3270: answer DO TTYPE after the host's NEW-ENVIRON SEND.
            deferredWillTtype = true;
          } else {
            sendOption(WILL, opt);
          }
        } else {
          sendOption(WONT, opt);
        }
      }
      case WANTNO -> {
        if (usq[opt] == EMPTY) {
          us[opt] = NO;
        } else {
          us[opt] = YES;
          usq[opt] = EMPTY;
        }
      }
      case WANTYES -> {
        if (usq[opt] == EMPTY) {
          us[opt] = YES;
        } else {
          us[opt] = WANTNO;
          usq[opt] = EMPTY;
          sendOption(WONT, opt);
        }
      }
      default -> {
        // YES: already on.
      }
    }
    updateMode();
  }

  private void onDont(int opt) {
    if (opt == OPT_TIMING_MARK) {
      return;
    }
    if (opt == OPT_START_TLS) {
      startTlsPending = false;
    }
    if (opt == OPT_TTYPE) {
      deferredWillTtype = false;
    }
    switch (us[opt]) {
      case YES -> {
        us[opt] = NO;
        sendOption(WONT, opt);
      }
      case WANTNO -> {
        if (usq[opt] == EMPTY) {
          us[opt] = NO;
        } else {
          us[opt] = WANTYES;
          usq[opt] = EMPTY;
          sendOption(WILL, opt);
        }
      }
      case WANTYES -> {
        us[opt] = NO;
        usq[opt] = EMPTY;
      }
      default -> {
        // NO: already off.
      }
    }
    updateMode();
  }

  /**
   * Asks to enable or disable an option on our side (WILL/WONT), per RFC 1143: nothing is sent when
   * the request would not change anything or is already queued.
   */
  public void requestLocalOption(int option, boolean enable) {
    int opt = option & 0xff;
    if (enable) {
      switch (us[opt]) {
        case NO -> {
          us[opt] = WANTYES;
          sendOption(WILL, opt);
        }
        case WANTNO -> usq[opt] = OPPOSITE;
        case WANTYES -> usq[opt] = EMPTY;
        default -> {
          // YES: already on.
        }
      }
    } else {
      switch (us[opt]) {
        case YES -> {
          us[opt] = WANTNO;
          sendOption(WONT, opt);
        }
        case WANTNO -> usq[opt] = EMPTY;
        case WANTYES -> usq[opt] = OPPOSITE;
        default -> {
          // NO: already off.
        }
      }
    }
    updateMode();
  }

  /**
   * Asks the host to enable or disable an option on its side (DO/DONT), per RFC 1143: nothing is
   * sent when the request would not change anything or is already queued.
   */
  public void requestRemoteOption(int option, boolean enable) {
    int opt = option & 0xff;
    if (enable) {
      switch (him[opt]) {
        case NO -> {
          him[opt] = WANTYES;
          sendOption(DO, opt);
        }
        case WANTNO -> himq[opt] = OPPOSITE;
        case WANTYES -> himq[opt] = EMPTY;
        default -> {
          // YES: already on.
        }
      }
    } else {
      switch (him[opt]) {
        case YES -> {
          him[opt] = WANTNO;
          sendOption(DONT, opt);
        }
        case WANTNO -> himq[opt] = EMPTY;
        case WANTYES -> himq[opt] = OPPOSITE;
        default -> {
          // NO: already off.
        }
      }
    }
    updateMode();
  }

  private void sendOption(int verb, int opt) {
    send(new byte[] {(byte) IAC, (byte) verb, (byte) opt});
  }

  // ---------------------------------------------------------------------------------------------
  // Subnegotiations

  private void subnegotiation(byte[] sb) {
    if (sb.length == 0) {
      error("empty subnegotiation");
      return;
    }
    int opt = sb[0] & 0xff;
    switch (opt) {
      case OPT_TTYPE -> {
        if (sb.length >= 2 && (sb[1] & 0xff) == TT_SEND && us[OPT_TTYPE] == YES) {
          sendTerminalType();
        }
      }
      case OPT_TN3270E -> {
        if (us[OPT_TN3270E] == YES) {
          tn3270eSubnegotiation(sb);
        }
      }
      case OPT_NEW_ENVIRON -> {
        if (sb.length >= 2 && (sb[1] & 0xff) == TT_SEND && us[OPT_NEW_ENVIRON] == YES) {
          sendNewEnviron(sb);
          didNeSend = true;
          if (deferredWillTtype && us[OPT_TTYPE] == YES) {
            deferredWillTtype = false;
            sendOption(WILL, OPT_TTYPE);
            updateMode();
          }
        }
      }
      case OPT_START_TLS -> {
        if (awaitingTlsFollows && sb.length >= 2 && (sb[1] & 0xff) == TLS_FOLLOWS) {
          awaitingTlsFollows = false;
          stopped = true;
          flushNvt();
          listener.startTlsFollows();
        } else {
          error("unexpected START-TLS subnegotiation");
        }
      }
      default -> {
        // Subnegotiation for an option we do not do: ignore.
      }
    }
  }

  private void sendTerminalType() {
    if (!config.luNames().isEmpty() && tryLu() == null) {
      error("cannot connect to any of the specified LUs " + config.luNames());
      return;
    }
    String lu = tryLu();
    String value = config.terminalType() + (lu != null && !lu.isEmpty() ? "@" + lu : "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(IAC);
    out.write(SB);
    out.write(OPT_TTYPE);
    out.write(TT_IS);
    writeDoubled(out, ascii(value));
    out.write(IAC);
    out.write(SE);
    luName = lu != null && !lu.isEmpty() ? lu : null;
    send(out.toByteArray());
    nextLu();
  }

  private void tn3270eSubnegotiation(byte[] sb) {
    int op = sb.length > 1 ? sb[1] & 0xff : -1;
    int sub = sb.length > 2 ? sb[2] & 0xff : -1;
    switch (op) {
      case E_SEND -> {
        if (sub == E_DEVICE_TYPE) {
          sendDeviceTypeRequest();
        }
      }
      case E_DEVICE_TYPE -> {
        if (sub == E_IS) {
          int i = 3;
          while (i < sb.length && (sb[i] & 0xff) != E_CONNECT) {
            i++;
          }
          String type = new String(sb, 3, i - 3, StandardCharsets.ISO_8859_1);
          String lu =
              i < sb.length
                  ? new String(sb, i + 1, sb.length - i - 1, StandardCharsets.ISO_8859_1)
                  : "";
          if (!type.isEmpty()) {
            deviceType = type;
          }
          if (!lu.isEmpty()) {
            luName = lu;
          }
          sendFunctions(E_REQUEST);
        } else if (sub == E_REJECT) {
          int reason = sb.length > 4 ? sb[4] & 0xff : -1;
          lastRejectReason = reason;
          if (reason == REASON_UNSUPPORTED_REQ) {
            backOffTn3270e("host rejected the request type");
            return;
          }
          nextLu();
          if (tryLu() != null) {
            sendDeviceTypeRequest();
          } else {
            backOffTn3270e("host rejected the device type or LU (reason " + reason + ")");
          }
        }
      }
      case E_FUNCTIONS -> {
        EnumSet<Tn3270eFunction> rcvd = EnumSet.noneOf(Tn3270eFunction.class);
        boolean unknown = false;
        for (int i = 3; i < sb.length; i++) {
          Tn3270eFunction f = Tn3270eFunction.of(sb[i] & 0xff);
          if (f == null) {
            unknown = true;
          } else {
            rcvd.add(f);
          }
        }
        boolean subset = !unknown && eFuncs.containsAll(rcvd);
        if (sub == E_REQUEST) {
          if (subset) {
            eFuncs.retainAll(rcvd);
            sendFunctions(E_IS);
            negotiated = true;
            updateMode();
          } else {
            eFuncs.retainAll(rcvd);
            sendFunctions(E_REQUEST);
          }
        } else if (sub == E_IS) {
          if (!subset) {
            backOffTn3270e("host added functions");
            return;
          }
          eFuncs.retainAll(rcvd);
          negotiated = true;
          if (!eFuncs.contains(Tn3270eFunction.BIND_IMAGE)) {
            submode = Submode.LU3270;
          }
          updateMode();
        }
      }
      default -> {
        // Unknown TN3270E operation: ignore, as x3270 does.
      }
    }
  }

  private void sendDeviceTypeRequest() {
    String type = config.terminalType();
    if (type.startsWith("IBM-3279")) {
      type = "IBM-3278" + type.substring(8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(IAC);
    out.write(SB);
    out.write(OPT_TN3270E);
    out.write(E_DEVICE_TYPE);
    out.write(E_REQUEST);
    writeDoubled(out, ascii(type));
    String lu = tryLu();
    if (config.associate() != null) {
      out.write(E_ASSOCIATE);
      writeDoubled(out, ascii(config.associate()));
    } else if (lu != null && !lu.isEmpty()) {
      out.write(E_CONNECT);
      writeDoubled(out, ascii(lu));
    }
    out.write(IAC);
    out.write(SE);
    send(out.toByteArray());
  }

  private void sendFunctions(int op) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(IAC);
    out.write(SB);
    out.write(OPT_TN3270E);
    out.write(E_FUNCTIONS);
    out.write(op);
    for (Tn3270eFunction f : eFuncs) {
      out.write(f.code());
    }
    out.write(IAC);
    out.write(SE);
    send(out.toByteArray());
  }

  private void backOffTn3270e(String why) {
    lastBackOffReason = why;
    sendOption(WONT, OPT_TN3270E);
    us[OPT_TN3270E] = WANTNO;
    usq[OPT_TN3270E] = EMPTY;
    resetLus();
    updateMode();
  }

  // NEW-ENVIRON (RFC 1572) -----------------------------------------------------------------------

  private void sendNewEnviron(byte[] sb) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(IAC);
    out.write(SB);
    out.write(OPT_NEW_ENVIRON);
    out.write(TT_IS);
    if (sb.length == 2) {
      writeAllVars(out, true, true);
    } else {
      int i = 2;
      while (i < sb.length) {
        int type = sb[i++] & 0xff;
        if (type != NE_VAR && type != NE_USERVAR) {
          error("bad NEW-ENVIRON SEND list");
          break;
        }
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        while (i < sb.length) {
          int b = sb[i] & 0xff;
          if (b == NE_VAR || b == NE_USERVAR) {
            break;
          }
          i++;
          if (b == NE_ESC && i < sb.length) {
            b = sb[i++] & 0xff;
          }
          name.write(b);
        }
        String n = new String(name.toByteArray(), StandardCharsets.ISO_8859_1);
        if (n.isEmpty()) {
          writeAllVars(out, type == NE_VAR, type == NE_USERVAR);
        } else {
          String value = envValue(type, n);
          writeVar(out, type, n, value);
        }
      }
    }
    out.write(IAC);
    out.write(SE);
    send(out.toByteArray());
  }

  private void writeAllVars(ByteArrayOutputStream out, boolean vars, boolean uservars) {
    if (vars && config.user() != null) {
      writeVar(out, NE_VAR, "USER", config.user());
    }
    if (uservars) {
      for (EnvVar v : config.userVars()) {
        writeVar(out, NE_USERVAR, v.name(), v.value());
      }
      if (config.devName() != null) {
        writeVar(out, NE_USERVAR, "DEVNAME", nextDevName());
      }
    }
  }

  private String envValue(int type, String name) {
    if (type == NE_VAR) {
      return name.equals("USER") ? config.user() : null;
    }
    if (name.equals("DEVNAME") && config.devName() != null) {
      return nextDevName();
    }
    for (EnvVar v : config.userVars()) {
      if (v.name().equals(name)) {
        return v.value();
      }
    }
    return null;
  }

  private void writeVar(ByteArrayOutputStream out, int type, String name, String value) {
    out.write(type);
    writeEnvString(out, name);
    if (value != null) {
      out.write(NE_VALUE);
      writeEnvString(out, value);
    }
  }

  private static void writeEnvString(ByteArrayOutputStream out, String s) {
    for (byte b : ascii(s)) {
      int c = b & 0xff;
      if (c <= NE_USERVAR) {
        out.write(NE_ESC);
      }
      out.write(c);
      if (c == IAC) {
        out.write(IAC);
      }
    }
  }

  private String nextDevName() {
    String template = config.devName();
    int n = 0;
    while (n < template.length() && template.charAt(template.length() - 1 - n) == '=') {
      n++;
    }
    if (n == 0) {
      return template;
    }
    int max = 1;
    for (int i = 0; i < n && max < 1_000_000_000 / 10; i++) {
      max *= 10;
    }
    max -= 1;
    String digits = String.valueOf(devNameCounter);
    StringBuilder sb = new StringBuilder(template.substring(0, template.length() - n));
    for (int i = digits.length(); i < n; i++) {
      sb.append('0');
    }
    sb.append(digits);
    if (devNameCounter < max) {
      devNameCounter++;
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Records

  private void endOfRecord() {
    byte[] rec = recordBuf.toByteArray();
    recordBuf.reset();
    if (mode == TelnetMode.TN3270) {
      flushNvt();
      listener.record(null, rec);
      return;
    }
    if (us[OPT_TN3270E] != YES || !negotiated) {
      // EOR outside 3270 mode: ignored, as x3270 does.
      return;
    }
    flushNvt();
    if (rec.length < Tn3270eHeader.SIZE) {
      error("TN3270E record shorter than its header (" + rec.length + " bytes)");
      return;
    }
    Tn3270eHeader h = Tn3270eHeader.parse(rec);
    byte[] body = new byte[rec.length - Tn3270eHeader.SIZE];
    System.arraycopy(rec, Tn3270eHeader.SIZE, body, 0, body.length);
    boolean bindImage = eFuncs.contains(Tn3270eFunction.BIND_IMAGE);
    switch (h.dataType()) {
      case DATA_3270 -> {
        if (bindImage && !bound) {
          error("3270-DATA before BIND ignored");
          return;
        }
        submode = Submode.LU3270;
        updateMode();
        listener.record(h, body);
      }
      case BIND_IMAGE -> {
        if (!bindImage) {
          error("BIND-IMAGE without the BIND-IMAGE function ignored");
          return;
        }
        BindImage bind = BindImage.parse(body, config.maxRows(), config.maxCols());
        bound = true;
        if (bind.isBind()) {
          submode = Submode.LU3270;
        }
        listener.bind(bind);
        updateMode();
      }
      case UNBIND -> {
        if (!bindImage) {
          error("UNBIND without the BIND-IMAGE function ignored");
          return;
        }
        bound = false;
        submode = Submode.UNBOUND;
        listener.unbind(body.length > 0 ? body[0] & 0xff : -1);
        updateMode();
      }
      case NVT_DATA -> {
        submode = Submode.NVT;
        updateMode();
        listener.record(h, body);
      }
      case SSCP_LU_DATA -> {
        if (!bindImage) {
          error("SSCP-LU-DATA without the BIND-IMAGE function ignored");
          return;
        }
        submode = Submode.SSCP;
        updateMode();
        listener.record(h, body);
      }
      case BID -> {
        if (h.alwaysResponse()) {
          sendResponse(h, true, Tn3270eHeader.POS_DEVICE_END);
        }
        listener.bid(h);
      }
      default -> listener.record(h, body);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  /**
   * Sends a record: with a TN3270E header in TN3270E mode (sequence number counted when RESPONSES
   * is on; NVT-DATA always carries 0, as x3270 sends it), IAC doubled, IAC EOR appended.
   *
   * @throws IllegalStateException when not in TN3270 or negotiated TN3270E mode, or when {@code
   *     type} is not 3270-DATA in TN3270 mode
   */
  public void sendRecord(DataType type, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 16);
    if (inTn3270e()) {
      if (type == DataType.UNKNOWN) {
        throw new IllegalArgumentException("unknown data type");
      }
      int seq = type == DataType.NVT_DATA ? 0 : xmitSeq;
      writeDoubled(out, new Tn3270eHeader(type.code(), 0, 0, seq).toBytes());
      if (type != DataType.NVT_DATA && eFuncs.contains(Tn3270eFunction.RESPONSES)) {
        xmitSeq = (xmitSeq + 1) & 0x7fff;
      }
    } else if (mode == TelnetMode.TN3270) {
      if (type != DataType.DATA_3270) {
        throw new IllegalStateException(type + " cannot be sent in TN3270 mode");
      }
    } else {
      throw new IllegalStateException("not in a 3270 mode: " + mode);
    }
    writeDoubled(out, data);
    out.write(IAC);
    out.write(EOR);
    send(out.toByteArray());
  }

  /** Sends NVT data (IAC doubled, nothing else added), for plain NVT mode. */
  public void sendNvt(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 8);
    writeDoubled(out, data);
    send(out.toByteArray());
  }

  /**
   * Answers a host record after processing it, when its header asks: a positive response only when
   * the host wants one always, a negative one when it wants one always or on error. Call it before
   * sending any reply data, as x3270 does.
   *
   * @param request the header of the host's record
   * @param positive true for success
   * @param reason the reason byte: {@link Tn3270eHeader#POS_DEVICE_END} for a positive response,
   *     e.g. {@link Tn3270eHeader#NEG_COMMAND_REJECT} or {@link Tn3270eHeader#NEG_OPERATION_CHECK}
   *     for a negative one
   * @return true when a response was sent
   */
  public boolean respond(Tn3270eHeader request, boolean positive, int reason) {
    if (request == null || !inTn3270e()) {
      return false;
    }
    boolean wanted =
        positive
            ? request.responseFlag() == Tn3270eHeader.RSF_ALWAYS_RESPONSE
            : request.responseFlag() != Tn3270eHeader.RSF_NO_RESPONSE;
    if (!wanted) {
      return false;
    }
    sendResponse(request, positive, reason);
    return true;
  }

  private void sendResponse(Tn3270eHeader request, boolean positive, int reason) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(12);
    Tn3270eHeader h =
        new Tn3270eHeader(
            DataType.RESPONSE.code(),
            0,
            positive ? Tn3270eHeader.RSF_POSITIVE_RESPONSE : Tn3270eHeader.RSF_NEGATIVE_RESPONSE,
            request.sequenceNumber());
    writeDoubled(out, h.toBytes());
    writeDoubled(out, new byte[] {(byte) reason});
    out.write(IAC);
    out.write(EOR);
    send(out.toByteArray());
  }

  /**
   * Sends ATTN as x3270 does: IAC IP in TN3270E when bound, IAC BREAK in TN3270.
   *
   * @return false when nothing was sent (TN3270E not bound, where x3270 shows "minus function", or
   *     not in a 3270 mode)
   */
  public boolean sendAttn() {
    if (inTn3270e()) {
      if (!bound) {
        return false;
      }
      send(new byte[] {(byte) IAC, (byte) IP});
      return true;
    }
    if (mode == TelnetMode.TN3270) {
      send(new byte[] {(byte) IAC, (byte) BREAK});
      return true;
    }
    return false;
  }

  /**
   * Sends SYSREQ as x3270 does in TN3270E with the SYSREQ function: IAC AO, switching from the
   * LU-LU session to the SSCP-LU session or back.
   *
   * @return false when nothing was sent (no TN3270E SYSREQ function, or in NVT/unbound state); in
   *     TN3270 the caller sends the SYSREQ AID in the data stream instead
   */
  public boolean sendSysReq() {
    if (!inTn3270e() || !eFuncs.contains(Tn3270eFunction.SYSREQ)) {
      return false;
    }
    switch (submode) {
      case SSCP -> {
        send(new byte[] {(byte) IAC, (byte) AO});
        if (bound || !eFuncs.contains(Tn3270eFunction.BIND_IMAGE)) {
          submode = Submode.LU3270;
          updateMode();
        }
        return true;
      }
      case LU3270 -> {
        send(new byte[] {(byte) IAC, (byte) AO});
        submode = Submode.SSCP;
        updateMode();
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** Sends IAC NOP (keepalive). */
  public void sendNop() {
    send(new byte[] {(byte) IAC, (byte) NOP});
  }

  /**
   * Sends IAC DO TIMING-MARK (keepalive with an answer); the host's WILL or WONT is reported
   * through {@link TelnetListener#timingMark()} and not answered.
   */
  public void sendTimingMark() {
    pendingTimingMarks++;
    sendOption(DO, OPT_TIMING_MARK);
  }

  /**
   * Accepts the host's START-TLS request: sends WILL START-TLS and SB START-TLS FOLLOWS. The TLS
   * handshake starts when the host's FOLLOWS arrives ({@link TelnetListener#startTlsFollows()}).
   *
   * @return false when no request is pending
   */
  public boolean acceptStartTls() {
    if (!startTlsPending) {
      return false;
    }
    startTlsPending = false;
    us[OPT_START_TLS] = YES;
    sendOption(WILL, OPT_START_TLS);
    send(
        new byte[] {
          (byte) IAC, (byte) SB, (byte) OPT_START_TLS, (byte) TLS_FOLLOWS, (byte) IAC, (byte) SE
        });
    awaitingTlsFollows = true;
    return true;
  }

  /**
   * Refuses the host's START-TLS request with WONT START-TLS.
   *
   * @return false when no request is pending
   */
  public boolean refuseStartTls() {
    if (!startTlsPending) {
      return false;
    }
    startTlsPending = false;
    sendOption(WONT, OPT_START_TLS);
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // State

  /** The current mode. */
  public TelnetMode mode() {
    return mode;
  }

  /** The device type the host granted in TN3270E DEVICE-TYPE IS, or null. */
  public String deviceType() {
    return inTn3270e() || us[OPT_TN3270E] == YES ? deviceType : null;
  }

  /**
   * The LU name: the one the host granted in TN3270E (DEVICE-TYPE IS ... CONNECT), or the one we
   * asked for in TN3270 ({@code type@LU}); null when none.
   */
  public String luName() {
    return luName;
  }

  /** The negotiated TN3270E functions; empty unless TN3270E negotiation has completed. */
  public Set<Tn3270eFunction> functions() {
    if (!inTn3270e()) {
      return Set.of();
    }
    return Collections.unmodifiableSet(EnumSet.copyOf(eFuncs));
  }

  /** True in TN3270E after a BIND and before an UNBIND. */
  public boolean bound() {
    return inTn3270e() && bound;
  }

  /**
   * True when an option is enabled on our side (we said WILL and the host agreed, or vice versa).
   */
  public boolean localOption(int option) {
    return us[option & 0xff] == YES;
  }

  /** True when an option is enabled on the host's side. */
  public boolean remoteOption(int option) {
    return him[option & 0xff] == YES;
  }

  /** True when we send in BINARY. */
  public boolean binaryOut() {
    return localOption(OPT_BINARY);
  }

  /** True when the host sends in BINARY. */
  public boolean binaryIn() {
    return remoteOption(OPT_BINARY);
  }

  /** True when we send EOR. */
  public boolean eorOut() {
    return localOption(OPT_EOR);
  }

  /** True when the host sends EOR. */
  public boolean eorIn() {
    return remoteOption(OPT_EOR);
  }

  /** Why TN3270E was last abandoned (e.g. a DEVICE-TYPE REJECT), or null. */
  public String tn3270eBackOffReason() {
    return lastBackOffReason;
  }

  /**
   * The reason code of the host's last DEVICE-TYPE REJECT (e.g. 1 DEVICE-IN-USE, 3 INV-NAME, 4
   * INV-DEVICE-TYPE, 7 UNSUPPORTED-REQ), or -1.
   */
  public int lastRejectReason() {
    return lastRejectReason;
  }

  /** The configuration. */
  public TelnetConfig config() {
    return config;
  }

  private boolean inTn3270e() {
    return us[OPT_TN3270E] == YES && negotiated;
  }

  private void updateMode() {
    boolean e = us[OPT_TN3270E] == YES;
    if (!e) {
      negotiated = false;
      submode = Submode.UNBOUND;
      bound = false;
    }
    if (e != wasTn3270e) {
      resetLus();
      if (!e) {
        eFuncs.clear();
        eFuncs.addAll(config.functions());
      }
      wasTn3270e = e;
    }
    TelnetMode m;
    if (e) {
      if (!negotiated) {
        m = TelnetMode.TN3270E_UNBOUND;
      } else {
        m =
            switch (submode) {
              case UNBOUND -> TelnetMode.TN3270E_UNBOUND;
              case NVT -> TelnetMode.TN3270E_NVT;
              case SSCP -> TelnetMode.TN3270E_SSCP_LU;
              case LU3270 -> TelnetMode.TN3270E_3270;
            };
      }
    } else if (us[OPT_BINARY] == YES
        && us[OPT_EOR] == YES
        && us[OPT_TTYPE] == YES
        && him[OPT_BINARY] == YES
        && him[OPT_EOR] == YES) {
      m = TelnetMode.TN3270;
    } else if (mode == TelnetMode.NVT) {
      m = TelnetMode.NVT;
    } else {
      m = TelnetMode.PENDING;
    }
    setMode(m);
  }

  private void setMode(TelnetMode m) {
    if (m != mode) {
      flushNvt();
      mode = m;
      listener.modeChanged(m);
    }
  }

  // LU list ------------------------------------------------------------------------------------

  private void resetLus() {
    luIndex = 0;
    luName = null;
    deviceType = null;
  }

  private String tryLu() {
    List<String> lus = config.luNames();
    return luIndex < lus.size() ? lus.get(luIndex) : null;
  }

  private void nextLu() {
    if (luIndex < config.luNames().size()) {
      luIndex++;
    }
  }

  // Helpers ------------------------------------------------------------------------------------

  private void flushNvt() {
    if (nvtBuf.size() > 0) {
      byte[] d = nvtBuf.toByteArray();
      nvtBuf.reset();
      listener.nvtData(d);
    }
  }

  private void send(byte[] bytes) {
    flushNvt();
    listener.send(bytes);
  }

  private void error(String reason) {
    listener.protocolError(
        new ProtocolException((int) Math.min(streamOffset, Integer.MAX_VALUE), reason));
  }

  private static void writeDoubled(ByteArrayOutputStream out, byte[] data) {
    for (byte b : data) {
      out.write(b);
      if ((b & 0xff) == IAC) {
        out.write(IAC);
      }
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
