package dev.console3270.protocol.telnet;

import dev.console3270.protocol.trace.TraceFile;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replays a trace's host bytes into a codec and compares what the codec sends with x3270's. */
public final class TraceReplay {
  private TraceReplay() {}

  /**
   * Terminal types the trace header does not show: c3270 shrank the model to 2 because its window
   * had 24 lines (the header still names the configured model 4; the DEVICE-TYPE REQUEST says
   * IBM-3278-2-E). In testTn the termName is "abc^Adef", which x3270 sent as "abc?def".
   */
  static final Map<String, String> TYPE_OVERRIDES =
      Map.of(
          "s3270__contention-resolution.trc", "IBM-3279-2-E",
          "s3270__sscp-lu.trc", "IBM-3279-2-E",
          "s3270__testTn.trc", "abc?def");

  /** The login name x3270 took from the environment (VAR USER), where the host asked for it. */
  static final Map<String, String> USER_OVERRIDES =
      Map.of(
          "s3270__target.trc", "pdm",
          "s3270__dbcs-wrap.trc", "pdm",
          "s3270__korean.trc", "pdm",
          "s3270__testTn.trc", "pdm",
          "s3270__empty-user.trc", "");

  /** USERVARs that headerless or newer traces show x3270 had (4.5+ adds code page variables). */
  static final Map<String, List<EnvVar>> USERVAR_OVERRIDES =
      Map.of(
          "s3270__elf.trc",
          List.of(new EnvVar("IBMELF", "YES"), new EnvVar("IBMAPPLID", "12345")),
          "s3270__dbcs-wrap.trc",
          codePageVars("1027", "1172", "JPB"),
          "s3270__korean.trc",
          codePageVars("833", "1173", "KQB"),
          "s3270__testTn.trc",
          codePageVars("037", "697", "USB"));

  private static List<EnvVar> codePageVars(String cp, String cs, String kbd) {
    List<EnvVar> v = new ArrayList<>(TelnetConfig.DEFAULT_USER_VARS);
    v.add(new EnvVar("CODEPAGE", cp));
    v.add(new EnvVar("CHARSET", cs));
    v.add(new EnvVar("KBDTYPE", kbd));
    return v;
  }

  private static final Pattern DEVNAME = Pattern.compile("devName=(\\S+)");
  private static final Pattern OVERSIZE = Pattern.compile("oversize=(\\S+)");
  private static final Pattern CONTENTION = Pattern.compile("contentionResolution[=:] *(\\w+)");
  private static final Pattern ASSOC = Pattern.compile("-assoc (\\S+)");
  private static final Pattern VERSION = Pattern.compile(" Version: \\S+ v(\\d+)\\.(\\d+)");
  private static final Pattern STATE = Pattern.compile(" Connection state: (\\S+)");

  /** The trace header (the lines before the data stream). */
  static String header(String text) {
    int i = text.indexOf(" Data stream:");
    if (i >= 0) {
      return text.substring(0, i);
    }
    String[] lines = text.split("\n", 40);
    return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 39)));
  }

  /**
   * True when the trace starts on a live connection: its first host burst is x3270's replay of the
   * negotiated options (net_snap_options), not real negotiation.
   */
  static boolean snapshot(String name) {
    Matcher m = STATE.matcher(header(Conformance.text(name)));
    return m.find() && m.group(1).startsWith("connected");
  }

  /** The config x3270 had when it recorded the trace, as far as the header tells. */
  public static TelnetConfig configFor(String name) {
    String text = Conformance.text(name);
    TraceFile t = TraceFile.parse(text);
    String header = header(text);
    String model = t.model() != null ? t.model() : "3279-4-E";
    String type = "IBM-" + model;
    Matcher ov = OVERSIZE.matcher(header);
    if (ov.find()) {
      type = "IBM-DYNAMIC";
    }
    type = TYPE_OVERRIDES.getOrDefault(name, type);
    int maxRows = t.rows() >= 24 ? t.rows() : 43;
    int maxCols = t.cols() >= 80 ? t.cols() : 80;
    EnumSet<Tn3270eFunction> funcs = EnumSet.copyOf(Tn3270eFunction.displayDefaults());
    Matcher v = VERSION.matcher(header);
    if (v.find()
        && Integer.parseInt(v.group(1)) * 100 + Integer.parseInt(v.group(2)) < 402
        && !name.equals("s3270__ibmlink-cr.trc")) {
      // CONTENTION-RESOLUTION arrived in x3270 4.2 (ibmlink-cr was a 4.0 test build with it).
      funcs.remove(Tn3270eFunction.CONTENTION_RESOLUTION);
    }
    Matcher cr = CONTENTION.matcher(header);
    if (cr.find() && cr.group(1).equals("false")) {
      funcs.remove(Tn3270eFunction.CONTENTION_RESOLUTION);
    }
    String associate = null;
    Matcher as = ASSOC.matcher(header);
    if (as.find()) {
      associate = as.group(1);
      type = "IBM-3287-1";
      funcs =
          EnumSet.of(
              Tn3270eFunction.BIND_IMAGE,
              Tn3270eFunction.DATA_STREAM_CTL,
              Tn3270eFunction.RESPONSES,
              Tn3270eFunction.SCS_CTL_CODES,
              Tn3270eFunction.SYSREQ);
    }
    Matcher dn = DEVNAME.matcher(header);
    String devName = dn.find() ? dn.group(1) : null;
    if (name.equals("s3270__devname_change2.trc")) {
      devName = "bar="; // set in the session with "set devname bar=" before connecting
    }
    boolean tn3270e = !name.equals("s3270__testTn.trc"); // x3270 refused TN3270E there
    return new TelnetConfig(
        type,
        List.of(),
        associate,
        tn3270e,
        funcs,
        true,
        USER_OVERRIDES.get(name),
        USERVAR_OVERRIDES.getOrDefault(name, TelnetConfig.DEFAULT_USER_VARS),
        devName,
        true,
        maxRows,
        maxCols);
  }

  /** The outcome of a negotiation replay. */
  record Result(String trace, boolean matched, int comparedBursts, String detail) {}

  /**
   * Feeds each host burst (in chunks of {@code chunk} bytes, 0 for whole bursts) and compares the
   * bytes the codec sends with each following emulator burst, up to the first emulator burst that
   * carries a record (IAC EOR), of which the codec's output must be a prefix.
   */
  static Result negotiate(String name, TelnetConfig config, int chunk) {
    TraceFile t = Conformance.trace(name);
    RecordingListener l = new RecordingListener();
    TelnetCodec codec = new TelnetCodec(config, l);
    int compared = 0;
    boolean fedSinceCompare = false;
    for (TraceFile.Burst b : t.bursts()) {
      if (b.fromHost()) {
        feed(codec, b.data(), chunk);
        fedSinceCompare = true;
        continue;
      }
      byte[] got = l.takeSent();
      byte[] want = b.data();
      if (containsEor(want)) {
        if (!startsWith(want, got)) {
          return new Result(name, false, compared, diff(b.line(), want, got));
        }
        return new Result(
            name, true, compared + 1, "stopped at the first record, line " + b.line());
      }
      if (!java.util.Arrays.equals(want, got)) {
        return new Result(name, false, compared, diff(b.line(), want, got));
      }
      compared++;
      fedSinceCompare = false;
    }
    byte[] rest = l.takeSent();
    if (fedSinceCompare && rest.length > 0) {
      return new Result(
          name, false, compared, "codec sent " + hex(rest) + " at the end; x3270 nothing");
    }
    return new Result(name, true, compared, "whole trace");
  }

  /**
   * Replays a whole trace as a conversation: host bursts go into the codec; for each emulator
   * burst, the codec's own output (negotiation, automatic BID responses) must come first, and what
   * remains is reproduced by calling the codec's API as a caller would ({@code respond} for
   * RESPONSE records, {@code sendRecord} for data records, {@code sendSysReq}/{@code sendAttn}/
   * {@code sendNop} for IAC AO/IP/BREAK/NOP, {@code sendNvt} for NVT text); the bytes must equal
   * x3270's.
   */
  static Result conversation(String name, TelnetConfig config) {
    return conversation(name, config, false);
  }

  /**
   * As {@link #conversation(String, TelnetConfig)}; with {@code dropSnapshotAnswers}, what the
   * codec answers to the first host burst is dropped (for traces that start on a live connection
   * and leave out x3270's answers to its option snapshot).
   */
  static Result conversation(String name, TelnetConfig config, boolean dropSnapshotAnswers) {
    TraceFile t = Conformance.trace(name);
    RecordingListener l = new RecordingListener();
    TelnetCodec codec = new TelnetCodec(config, l);
    java.util.Map<Integer, Tn3270eHeader> requests = new java.util.HashMap<>();
    int delivered = 0;
    int compared = 0;
    boolean first = true;
    for (TraceFile.Burst b : t.bursts()) {
      if (b.fromHost()) {
        codec.receive(b.data(), 0, b.data().length);
        if (first && dropSnapshotAnswers) {
          l.takeSent();
        }
        first = false;
        for (; delivered < l.records.size(); delivered++) {
          Tn3270eHeader h = l.records.get(delivered).header();
          if (h != null) {
            requests.put(h.sequenceNumber(), h);
          }
        }
        continue;
      }
      byte[] want = b.data();
      byte[] own = l.takeSent();
      if (!startsWith(want, own)) {
        return new Result(name, false, compared, diff(b.line(), want, own));
      }
      int i = own.length;
      while (i < want.length) {
        int next = nextMessage(want, i, codec.mode());
        byte[] msg = java.util.Arrays.copyOfRange(want, i, next);
        String problem = reproduce(codec, msg, requests);
        byte[] got = l.takeSent();
        if (problem != null) {
          return new Result(name, false, compared, "line " + b.line() + ": " + problem);
        }
        if (!java.util.Arrays.equals(msg, got)) {
          return new Result(name, false, compared, diff(b.line(), msg, got));
        }
        i = next;
      }
      compared++;
    }
    byte[] rest = l.takeSent();
    if (rest.length > 0) {
      return new Result(
          name, false, compared, "codec sent " + hex(rest) + " at the end; x3270 nothing");
    }
    return new Result(name, true, compared, "whole conversation");
  }

  /** End of the message starting at {@code i}: after IAC EOR, or a 2-byte telnet command. */
  private static int nextMessage(byte[] b, int i, TelnetMode mode) {
    if ((b[i] & 0xff) == 0xff && i + 1 < b.length && (b[i + 1] & 0xff) != 0xff) {
      int cmd = b[i + 1] & 0xff;
      if (cmd >= 0xfb && cmd <= 0xfe) {
        return Math.min(b.length, i + 3);
      }
      if (cmd != 0xfa) {
        return i + 2;
      }
      for (int j = i + 2; j + 1 < b.length; j++) {
        if ((b[j] & 0xff) == 0xff && (b[j + 1] & 0xff) == 0xf0) {
          return j + 2;
        }
      }
      return b.length;
    }
    if (mode == TelnetMode.NVT) {
      int j = i;
      while (j < b.length
          && !((b[j] & 0xff) == 0xff && j + 1 < b.length && (b[j + 1] & 0xff) != 0xff)) {
        j += (b[j] & 0xff) == 0xff ? 2 : 1;
      }
      return j;
    }
    for (int j = i; j + 1 < b.length; j++) {
      if ((b[j] & 0xff) == 0xff) {
        if ((b[j + 1] & 0xff) == 0xef) {
          return j + 2;
        }
        j++;
      }
    }
    return b.length;
  }

  private static String reproduce(
      TelnetCodec codec, byte[] msg, java.util.Map<Integer, Tn3270eHeader> requests) {
    if ((msg[0] & 0xff) == 0xff && msg.length == 2) {
      switch (msg[1] & 0xff) {
        case 0xf5 -> {
          return codec.sendSysReq() ? null : "sendSysReq() sent nothing";
        }
        case 0xf4, 0xf3 -> {
          return codec.sendAttn() ? null : "sendAttn() sent nothing";
        }
        case 0xf1 -> {
          codec.sendNop();
          return null;
        }
        default -> {
          return "x3270 sent telnet command " + hex(msg) + " the harness cannot map";
        }
      }
    }
    if ((msg[0] & 0xff) == 0xff) {
      return "x3270 sent telnet negotiation " + hex(msg) + " the codec did not";
    }
    if (codec.mode() == TelnetMode.NVT) {
      codec.sendNvt(undouble(msg, 0, msg.length));
      return null;
    }
    if (msg.length < 2
        || (msg[msg.length - 2] & 0xff) != 0xff
        || (msg[msg.length - 1] & 0xff) != 0xef) {
      return "unterminated record " + hex(msg);
    }
    byte[] rec = undouble(msg, 0, msg.length - 2);
    if (!codec.mode().isTn3270e()) {
      codec.sendRecord(DataType.DATA_3270, rec);
      return null;
    }
    if (rec.length < Tn3270eHeader.SIZE) {
      return "short TN3270E record " + hex(msg);
    }
    Tn3270eHeader h = Tn3270eHeader.parse(rec);
    byte[] body = java.util.Arrays.copyOfRange(rec, Tn3270eHeader.SIZE, rec.length);
    if (h.dataType() == DataType.RESPONSE) {
      Tn3270eHeader req = requests.get(h.sequenceNumber());
      if (req == null) {
        return "response to unknown sequence number " + h.sequenceNumber();
      }
      boolean positive = h.responseFlag() == Tn3270eHeader.RSF_POSITIVE_RESPONSE;
      return codec.respond(req, positive, body.length > 0 ? body[0] & 0xff : 0)
          ? null
          : "respond() sent nothing for " + req;
    }
    codec.sendRecord(h.dataType(), body);
    return null;
  }

  private static byte[] undouble(byte[] b, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = from; i < to; i++) {
      out.write(b[i]);
      if ((b[i] & 0xff) == 0xff && i + 1 < to && (b[i + 1] & 0xff) == 0xff) {
        i++;
      }
    }
    return out.toByteArray();
  }

  static void feed(TelnetCodec codec, byte[] data, int chunk) {
    if (chunk <= 0) {
      codec.receive(data, 0, data.length);
      return;
    }
    for (int i = 0; i < data.length; i += chunk) {
      codec.receive(data, i, Math.min(chunk, data.length - i));
    }
  }

  /** The host's records (IAC EOR-terminated, IAC undoubled, telnet commands removed). */
  static List<byte[]> hostRecords(byte[] host) {
    List<byte[]> out = new ArrayList<>();
    ByteArrayOutputStream cur = new ByteArrayOutputStream();
    int i = 0;
    boolean sb = false;
    while (i < host.length) {
      int c = host[i] & 0xff;
      if (c != 0xff) {
        if (!sb) {
          cur.write(c);
        }
        i++;
        continue;
      }
      if (i + 1 >= host.length) {
        break;
      }
      int d = host[i + 1] & 0xff;
      if (d == 0xff) {
        if (!sb) {
          cur.write(0xff);
        }
        i += 2;
      } else if (d == 0xef && !sb) {
        out.add(cur.toByteArray());
        cur.reset();
        i += 2;
      } else if (d == 0xfa) {
        sb = true;
        i += 2;
      } else if (d == 0xf0) {
        sb = false;
        i += 2;
      } else if (d >= 0xfb && d <= 0xfe) {
        i += 3;
      } else {
        i += 2;
      }
    }
    return out;
  }

  private static boolean containsEor(byte[] b) {
    for (int i = 0; i + 1 < b.length; i++) {
      if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xef) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] whole, byte[] prefix) {
    if (prefix.length > whole.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (whole[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static String diff(int line, byte[] want, byte[] got) {
    return "line " + line + ": x3270 sent " + hex(want) + ", codec sent " + hex(got);
  }
}
