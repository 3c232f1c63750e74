package dev.console3270.host;

import dev.console3270.protocol.telnet.DataType;
import dev.console3270.protocol.telnet.Tn3270eFunction;
import dev.console3270.protocol.telnet.Tn3270eHeader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The server side of telnet for TN3270E and TN3270 (RFC 854, 1091, 885, 856, 1576, 2355): option
 * negotiation, subnegotiation, IAC doubling and EOR framing. No I/O: bytes in through {@link
 * #receive}, bytes to send collected for {@link #takeOutput}.
 *
 * <p>It starts with DO TN3270E. A client that agrees is asked for its DEVICE-TYPE and gets a device
 * name and the RESPONSES function at most. A client that refuses gets plain TN3270: DO
 * TERMINAL-TYPE, SEND, then DO/WILL EOR and BINARY. Other options are refused.
 */
public final class HostTelnet {

  static final int IAC = 255;
  static final int DONT = 254;
  static final int DO = 253;
  static final int WONT = 252;
  static final int WILL = 251;
  static final int SB = 250;
  static final int SE = 240;
  static final int EOR = 239;

  static final int OPT_BINARY = 0;
  static final int OPT_TTYPE = 24;
  static final int OPT_EOR = 25;
  static final int OPT_TN3270E = 40;

  static final int E_ASSOCIATE = 0;
  static final int E_CONNECT = 1;
  static final int E_DEVICE_TYPE = 2;
  static final int E_FUNCTIONS = 3;
  static final int E_IS = 4;
  static final int E_REASON = 5;
  static final int E_REJECT = 6;
  static final int E_REQUEST = 7;
  static final int E_SEND = 8;
  static final int REASON_INV_ASSOCIATE = 2;
  static final int REASON_INV_DEVICE_TYPE = 4;
  static final int FUNCTION_RESPONSES = Tn3270eFunction.RESPONSES.code();

  /** The longest record a client may send. */
  static final int MAX_RECORD = 32 * 1024;

  /** The longest subnegotiation a client may send. */
  static final int MAX_SUBNEGOTIATION = 512;

  private enum Phase {
    ASK_TN3270E,
    TN3270E_DEVICE_TYPE,
    TN3270E_FUNCTIONS,
    ASK_TTYPE,
    TTYPE_SENT,
    BINARY_EOR,
    READY
  }

  private enum Parse {
    DATA,
    IAC,
    VERB,
    SB,
    SB_IAC
  }

  private final Supplier<String> deviceNames;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final ByteArrayOutputStream record = new ByteArrayOutputStream();
  private final ByteArrayOutputStream sub = new ByteArrayOutputStream();
  private final boolean[] remote = new boolean[256];
  private final boolean[] local = new boolean[256];
  private final boolean[] askedDo = new boolean[256];
  private final boolean[] askedWill = new boolean[256];
  private Phase phase = Phase.ASK_TN3270E;
  private Parse parse = Parse.DATA;
  private int verb;
  private boolean tn3270e;
  private String terminalType;
  private String deviceName;
  private int sequence;

  /**
   * A codec that starts negotiating at once (DO TN3270E waits in the output).
   *
   * @param deviceNames gives a device name to each TN3270E client that does not ask for one
   */
  public HostTelnet(Supplier<String> deviceNames) {
    this.deviceNames = deviceNames;
    sendVerb(DO, OPT_TN3270E);
  }

  /** Takes the bytes to send to the client. */
  public byte[] takeOutput() {
    byte[] b = output.toByteArray();
    output.reset();
    return b;
  }

  /** True once 3270 mode is negotiated (TN3270E or TN3270). */
  public boolean ready() {
    return phase == Phase.READY;
  }

  /** True when TN3270E is in use. */
  public boolean tn3270e() {
    return tn3270e;
  }

  /** The client's terminal type, once known. */
  public String terminalType() {
    return terminalType;
  }

  /** The device name given to a TN3270E client, or null. */
  public String deviceName() {
    return deviceName;
  }

  /**
   * Takes bytes from the client.
   *
   * @return the 3270 data of every complete inbound record (TN3270E header removed; records of
   *     other TN3270E data types, such as responses, are dropped)
   * @throws ClientDataException on data the server cannot accept; the connection should close
   */
  public List<byte[]> receive(byte[] data, int offset, int length) throws ClientDataException {
    List<byte[]> records = new ArrayList<>();
    for (int k = offset; k < offset + length; k++) {
      int b = data[k] & 0xff;
      switch (parse) {
        case DATA -> {
          if (b == IAC) {
            parse = Parse.IAC;
          } else {
            dataByte(b);
          }
        }
        case IAC -> {
          parse = Parse.DATA;
          switch (b) {
            case IAC -> dataByte(IAC);
            case DO, DONT, WILL, WONT -> {
              verb = b;
              parse = Parse.VERB;
            }
            case SB -> {
              sub.reset();
              parse = Parse.SB;
            }
            case EOR -> endOfRecord(records);
            default -> {
              // NOP, AYT, GA and other commands: nothing to do
            }
          }
        }
        case VERB -> {
          parse = Parse.DATA;
          option(verb, b);
        }
        case SB -> {
          if (b == IAC) {
            parse = Parse.SB_IAC;
          } else {
            subByte(b);
          }
        }
        case SB_IAC -> {
          if (b == SE) {
            parse = Parse.DATA;
            subnegotiation(sub.toByteArray());
          } else if (b == IAC) {
            subByte(IAC);
            parse = Parse.SB;
          } else {
            throw new ClientDataException(String.format("IAC X'%02X' inside a subnegotiation", b));
          }
        }
      }
    }
    return records;
  }

  private void dataByte(int b) throws ClientDataException {
    if (phase != Phase.READY) {
      throw new ClientDataException("data before 3270 mode was negotiated");
    }
    if (record.size() >= MAX_RECORD) {
      throw new ClientDataException("inbound record longer than " + MAX_RECORD + " bytes");
    }
    record.write(b);
  }

  private void subByte(int b) throws ClientDataException {
    if (sub.size() >= MAX_SUBNEGOTIATION) {
      throw new ClientDataException("subnegotiation longer than " + MAX_SUBNEGOTIATION + " bytes");
    }
    sub.write(b);
  }

  private void endOfRecord(List<byte[]> records) throws ClientDataException {
    if (phase != Phase.READY) {
      throw new ClientDataException("end of record before 3270 mode was negotiated");
    }
    byte[] r = record.toByteArray();
    record.reset();
    if (!tn3270e) {
      records.add(r);
      return;
    }
    if (r.length < Tn3270eHeader.SIZE) {
      throw new ClientDataException("TN3270E record shorter than its 5-byte header");
    }
    if (Tn3270eHeader.parse(r).dataType() == DataType.DATA_3270) {
      byte[] body = new byte[r.length - Tn3270eHeader.SIZE];
      System.arraycopy(r, Tn3270eHeader.SIZE, body, 0, body.length);
      records.add(body);
    }
  }

  private void sendVerb(int v, int option) {
    output.write(IAC);
    output.write(v);
    output.write(option);
    if (v == DO) {
      askedDo[option] = true;
    } else if (v == WILL) {
      askedWill[option] = true;
    }
  }

  private static boolean remoteSupported(int option) {
    return option == OPT_TN3270E
        || option == OPT_TTYPE
        || option == OPT_EOR
        || option == OPT_BINARY;
  }

  private static boolean localSupported(int option) {
    return option == OPT_EOR || option == OPT_BINARY;
  }

  private void option(int v, int option) throws ClientDataException {
    switch (v) {
      case WILL -> {
        if (!remoteSupported(option) || (option == OPT_TN3270E && phase != Phase.ASK_TN3270E)) {
          if (!askedDo[option] || remote[option]) {
            sendVerb(DONT, option);
          }
          remote[option] = false;
          return;
        }
        if (!remote[option]) {
          remote[option] = true;
          if (!askedDo[option]) {
            sendVerb(DO, option);
          }
        }
        afterRemote(option, true);
      }
      case WONT -> {
        boolean was = remote[option];
        remote[option] = false;
        if (was) {
          sendVerb(DONT, option);
        }
        afterRemote(option, false);
      }
      case DO -> {
        if (!localSupported(option)) {
          sendVerb(WONT, option);
          return;
        }
        if (!local[option]) {
          local[option] = true;
          if (!askedWill[option]) {
            sendVerb(WILL, option);
          }
        }
        checkTn3270Ready();
      }
      case DONT -> {
        if (local[option]) {
          local[option] = false;
          sendVerb(WONT, option);
        }
        if (phase == Phase.READY && !tn3270e && localSupported(option)) {
          throw new ClientDataException("client turned off " + optionName(option));
        }
      }
      default -> throw new IllegalStateException("not a verb: " + v);
    }
  }

  private void afterRemote(int option, boolean on) throws ClientDataException {
    if (option == OPT_TN3270E) {
      if (on && phase == Phase.ASK_TN3270E) {
        sendSub(OPT_TN3270E, E_SEND, E_DEVICE_TYPE);
        phase = Phase.TN3270E_DEVICE_TYPE;
      } else if (!on && tn3270e) {
        throw new ClientDataException("client turned off TN3270E");
      } else if (!on
          && (phase == Phase.ASK_TN3270E
              || phase == Phase.TN3270E_DEVICE_TYPE
              || phase == Phase.TN3270E_FUNCTIONS)) {
        phase = Phase.ASK_TTYPE;
        sendVerb(DO, OPT_TTYPE);
      }
      return;
    }
    if (option == OPT_TTYPE) {
      if (on && phase == Phase.ASK_TTYPE) {
        sendSub(OPT_TTYPE, 1);
        phase = Phase.TTYPE_SENT;
      } else if (!on && (phase == Phase.ASK_TTYPE || phase == Phase.TTYPE_SENT)) {
        throw new ClientDataException("client refused TERMINAL-TYPE and TN3270E");
      }
      return;
    }
    if (!on && (phase == Phase.BINARY_EOR || phase == Phase.READY) && !tn3270e) {
      throw new ClientDataException("client refused " + optionName(option));
    }
    checkTn3270Ready();
  }

  private void checkTn3270Ready() {
    if (phase == Phase.BINARY_EOR
        && remote[OPT_EOR]
        && local[OPT_EOR]
        && remote[OPT_BINARY]
        && local[OPT_BINARY]) {
      phase = Phase.READY;
    }
  }

  private static String optionName(int option) {
    return switch (option) {
      case OPT_BINARY -> "BINARY";
      case OPT_EOR -> "END-OF-RECORD";
      case OPT_TTYPE -> "TERMINAL-TYPE";
      case OPT_TN3270E -> "TN3270E";
      default -> "option " + option;
    };
  }

  private void subnegotiation(byte[] s) throws ClientDataException {
    if (s.length == 0) {
      throw new ClientDataException("empty subnegotiation");
    }
    int option = s[0] & 0xff;
    if (option == OPT_TTYPE) {
      if (s.length < 2 || s[1] != 0 || phase != Phase.TTYPE_SENT) {
        return;
      }
      String type = ascii(s, 2, s.length);
      if (ClientTerminal.modelOf(type).isEmpty()) {
        throw new ClientDataException("terminal type '" + type + "' is not a 3270");
      }
      terminalType = type;
      phase = Phase.BINARY_EOR;
      sendVerb(DO, OPT_EOR);
      sendVerb(WILL, OPT_EOR);
      sendVerb(DO, OPT_BINARY);
      sendVerb(WILL, OPT_BINARY);
      return;
    }
    if (option != OPT_TN3270E || s.length < 3) {
      return;
    }
    int what = s[1] & 0xff;
    int op = s[2] & 0xff;
    if (what == E_DEVICE_TYPE && op == E_REQUEST && phase == Phase.TN3270E_DEVICE_TYPE) {
      int end = 3;
      while (end < s.length && s[end] != E_CONNECT && s[end] != E_ASSOCIATE) {
        end++;
      }
      String type = ascii(s, 3, end);
      if (end < s.length && s[end] == E_ASSOCIATE) {
        sendSub(OPT_TN3270E, E_DEVICE_TYPE, E_REJECT, E_REASON, REASON_INV_ASSOCIATE);
        return;
      }
      if (ClientTerminal.modelOf(type).isEmpty()) {
        sendSub(OPT_TN3270E, E_DEVICE_TYPE, E_REJECT, E_REASON, REASON_INV_DEVICE_TYPE);
        return;
      }
      String requested = end < s.length ? ascii(s, end + 1, s.length) : "";
      terminalType = type;
      deviceName = requested.isEmpty() ? deviceNames.get() : requested;
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write(OPT_TN3270E);
      b.write(E_DEVICE_TYPE);
      b.write(E_IS);
      b.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
      b.write(E_CONNECT);
      b.writeBytes(deviceName.getBytes(StandardCharsets.US_ASCII));
      sendSub(b.toByteArray());
      phase = Phase.TN3270E_FUNCTIONS;
    } else if (what == E_FUNCTIONS && phase == Phase.TN3270E_FUNCTIONS) {
      if (op == E_REQUEST) {
        boolean responses = false;
        for (int k = 3; k < s.length; k++) {
          responses |= s[k] == FUNCTION_RESPONSES;
        }
        if (responses) {
          sendSub(OPT_TN3270E, E_FUNCTIONS, E_IS, FUNCTION_RESPONSES);
        } else {
          sendSub(OPT_TN3270E, E_FUNCTIONS, E_IS);
        }
        tn3270e = true;
        phase = Phase.READY;
      } else if (op == E_IS) {
        tn3270e = true;
        phase = Phase.READY;
      }
    }
  }

  private static String ascii(byte[] s, int from, int to) throws ClientDataException {
    for (int k = from; k < to; k++) {
      if (s[k] < 0x21 || s[k] > 0x7e) {
        throw new ClientDataException("non-printable byte in a terminal type or device name");
      }
    }
    return new String(s, from, to - from, StandardCharsets.US_ASCII);
  }

  private void sendSub(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int k = 0; k < bytes.length; k++) {
      b[k] = (byte) bytes[k];
    }
    sendSub(b);
  }

  private void sendSub(byte[] body) {
    output.write(IAC);
    output.write(SB);
    for (byte x : body) {
      output.write(x);
      if ((x & 0xff) == IAC) {
        output.write(IAC);
      }
    }
    output.write(IAC);
    output.write(SE);
  }

  /**
   * Frames 3270 data as one record: the TN3270E 3270-DATA header when TN3270E is in use, IAC
   * doubled, IAC EOR at the end.
   */
  public byte[] frame(byte[] data) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(data.length + 16);
    if (tn3270e) {
      Tn3270eHeader header =
          new Tn3270eHeader(
              DataType.DATA_3270.code(), 0, Tn3270eHeader.RSF_NO_RESPONSE, sequence++ & 0xffff);
      doubled(b, header.toBytes());
    }
    doubled(b, data);
    b.write(IAC);
    b.write(EOR);
    return b.toByteArray();
  }

  private static void doubled(ByteArrayOutputStream b, byte[] data) {
    for (byte x : data) {
      b.write(x);
      if ((x & 0xff) == IAC) {
        b.write(IAC);
      }
    }
  }
}
