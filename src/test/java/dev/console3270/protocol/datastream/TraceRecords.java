package dev.console3270.protocol.datastream;

import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.trace.TraceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * TEST-ONLY de-framer: the host's 3270 records out of an x3270 trace, without the real telnet
 * codec. Splits host bytes at IAC EOR, undoubles IAC IAC, drops telnet negotiation, and when the
 * trace negotiated TN3270E strips the 5-byte header, keeping 3270-DATA records (and BIND images, so
 * a replay can take the alternate size from them).
 */
final class TraceRecords {

  /** A host record: 3270 data (command first), or a BIND image. */
  record HostRecord(byte[] data, boolean bind, int line) {}

  private static final byte TN3270E = 0x28;

  private TraceRecords() {}

  /** The corpus directory, or skip the test (fail under CI) when it is missing. */
  static Path corpus() {
    String prop = System.getProperty("conformance.dir");
    Path dir =
        prop != null && Files.isDirectory(Path.of(prop))
            ? Path.of(prop)
            : Path.of("/work/shared/conformance/x3270");
    if (!Files.isDirectory(dir)) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("conformance corpus missing: " + dir);
      }
      Assumptions.abort("conformance corpus missing: " + dir);
    }
    return dir;
  }

  static TraceFile load(String name) {
    try {
      return TraceFile.parse(Files.readString(corpus().resolve(name), StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + name, e);
    }
  }

  /** The model a trace was recorded with. */
  static TerminalModel model(TraceFile t) {
    if (t.model() != null) {
      try {
        TerminalModel m = TerminalModel.parse(t.model());
        if (t.rows() > 0 && (m.altRows() != t.rows() || m.altCols() != t.cols())) {
          return TerminalModel.custom(t.rows(), t.cols());
        }
        return m;
      } catch (IllegalArgumentException e) {
        // fall through
      }
    }
    if (t.rows() >= 24 && t.cols() >= 80) {
      return TerminalModel.custom(t.rows(), t.cols());
    }
    return TerminalModel.defaultModel();
  }

  /**
   * The host records of a trace, in order. TN3270E is in effect from the host's DEVICE-TYPE IS or
   * FUNCTIONS IS until it sends DONT or WONT TN3270E (scripted traces do not record the emulator's
   * side, so the host's bytes decide).
   */
  static List<HostRecord> records(TraceFile t) {
    boolean e = false;
    List<HostRecord> out = new ArrayList<>();
    ByteArrayOutputStream rec = new ByteArrayOutputStream();
    int recLine = -1;
    for (TraceFile.Burst burst : t.bursts()) {
      if (!burst.fromHost()) {
        continue;
      }
      byte[] d = burst.data();
      int i = 0;
      while (i < d.length) {
        int c = d[i] & 0xff;
        if (c != 0xff) {
          if (recLine < 0) {
            recLine = burst.line();
          }
          rec.write(c);
          i++;
          continue;
        }
        if (i + 1 >= d.length) {
          break; // IAC split across bursts: not in the corpus
        }
        int cmd = d[i + 1] & 0xff;
        switch (cmd) {
          case 0xff -> {
            rec.write(0xff);
            i += 2;
          }
          case 0xef -> { // EOR
            byte[] r = rec.toByteArray();
            rec.reset();
            add(out, r, e, recLine);
            recLine = -1;
            i += 2;
          }
          case 0xfb, 0xfc, 0xfd, 0xfe -> {
            rec.reset(); // NVT text before 3270 mode is not a record
            if ((cmd == 0xfc || cmd == 0xfe) && i + 2 < d.length && d[i + 2] == TN3270E) {
              e = false;
            }
            i += 3;
          }
          case 0xfa -> { // SB ... IAC SE
            rec.reset();
            if (i + 4 < d.length
                && d[i + 2] == TN3270E
                && (d[i + 3] == 0x02 || d[i + 3] == 0x03)
                && d[i + 4] == 0x04) {
              e = true; // DEVICE-TYPE IS or FUNCTIONS IS
            }
            int j = i + 2;
            while (j + 1 < d.length && !((d[j] & 0xff) == 0xff && (d[j + 1] & 0xff) == 0xf0)) {
              j++;
            }
            i = j + 2;
          }
          default -> i += 2;
        }
      }
    }
    return out;
  }

  private static void add(List<HostRecord> out, byte[] r, boolean tn3270e, int line) {
    if (!tn3270e) {
      out.add(new HostRecord(r, false, line));
      return;
    }
    if (r.length < 5) {
      return;
    }
    byte[] body = java.util.Arrays.copyOfRange(r, 5, r.length);
    switch (r[0]) {
      case 0x00 -> out.add(new HostRecord(body, false, line));
      case 0x03 -> out.add(new HostRecord(body, true, line));
      default -> {
        // SCS, NVT, SSCP-LU, responses, UNBIND: not 3270 data
      }
    }
  }

  /**
   * The alternate size a BIND image asks for (as x3270 reads its PS usage bytes 20-24), or null
   * when it names none.
   */
  static int[] bindAlternate(byte[] bind) {
    if (bind.length < 25) {
      return null;
    }
    int defRows = bind[20] & 0xff;
    int defCols = bind[21] & 0xff;
    int altRows = bind[22] & 0xff;
    int altCols = bind[23] & 0xff;
    return switch (bind[24] & 0xff) {
      case 0x7e -> new int[] {defRows, defCols};
      case 0x7f -> new int[] {altRows, altCols};
      default -> null;
    };
  }
}
