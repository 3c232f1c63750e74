package dev.console3270.protocol.datastream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.console3270.protocol.trace.TraceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: loads x3270 traces and splits their bursts into 3270 records. */
final class InboundTraces {
  private InboundTraces() {}

  /** The conformance directory, or a skipped (failed under CI=true) test when it is missing. */
  static Path dir() {
    String prop = System.getProperty("conformance.dir");
    Path p = prop != null ? Path.of(prop) : null;
    if (p == null || !Files.isDirectory(p)) {
      p = Path.of("/work/shared/conformance/x3270");
    }
    if (!Files.isDirectory(p)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("x3270 conformance traces missing at " + p);
      }
      assumeTrue(false, "x3270 conformance traces not found (conformance.dir or " + p + ")");
    }
    return p;
  }

  static TraceFile load(String name) {
    Path file = dir().resolve(name);
    try {
      return TraceFile.parse(Files.readString(file, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }

  /**
   * The records (ended by IAC EOR, IAC doubling undone, telnet negotiation dropped) in the bursts
   * of one direction, each with {@code header} leading bytes (the TN3270E header) removed.
   */
  static List<byte[]> records(TraceFile trace, boolean fromHost, int header) {
    List<byte[]> out = new ArrayList<>();
    for (Rec r : sequence(trace, header)) {
      if (r.fromHost() == fromHost) {
        out.add(r.data());
      }
    }
    return out;
  }

  /** A record and its direction. */
  record Rec(boolean fromHost, byte[] data) {}

  /** All records in trace order, both directions, as {@link #records}. */
  static List<Rec> sequence(TraceFile trace, int header) {
    List<Rec> out = new ArrayList<>();
    ByteArrayOutputStream rec = new ByteArrayOutputStream();
    for (TraceFile.Burst b : trace.bursts()) {
      rec.reset();
      byte[] d = b.data();
      int i = 0;
      while (i < d.length) {
        int c = d[i] & 0xff;
        if (c == 0xff && i + 1 < d.length) {
          int cmd = d[i + 1] & 0xff;
          if (cmd == 0xff) {
            rec.write(0xff);
            i += 2;
          } else if (cmd == 0xef) {
            byte[] r = rec.toByteArray();
            if (r.length >= header) {
              byte[] body = new byte[r.length - header];
              System.arraycopy(r, header, body, 0, body.length);
              out.add(new Rec(b.fromHost(), body));
            }
            rec.reset();
            i += 2;
          } else if (cmd == 0xfa) {
            int j = i + 2;
            while (j + 1 < d.length && !((d[j] & 0xff) == 0xff && (d[j + 1] & 0xff) == 0xf0)) {
              j++;
            }
            i = j + 2;
          } else if (cmd >= 0xfb && cmd <= 0xfe) {
            i += 3;
          } else {
            i += 2;
          }
        } else {
          rec.write(c);
          i++;
        }
      }
    }
    return out;
  }

  static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s.replace(" ", ""));
  }
}
