package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.Terminal;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.datastream.InboundEncoder;
import dev.console3270.protocol.keyboard.KeyResult;
import dev.console3270.protocol.screen.Field;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.trace.TraceFile;
import dev.console3270.testing.Conformance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWriterTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T09:30:01.234Z"), ZoneOffset.UTC);

  private static final TraceWriter.Header HEADER =
      new TraceWriter.Header(
          "1.2.3", "3278-4-E", 43, 80, false, true, "bracket", "localhost", 4001);

  /** An output stream that remembers each write as one chunk. */
  private static final class Chunks extends OutputStream {
    final List<byte[]> chunks = new ArrayList<>();
    boolean closed;

    @Override
    public synchronized void write(int b) {
      chunks.add(new byte[] {(byte) b});
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      chunks.add(Arrays.copyOfRange(b, off, off + len));
    }

    @Override
    public void close() {
      closed = true;
    }

    synchronized String text() {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      chunks.forEach(all::writeBytes);
      return all.toString(StandardCharsets.UTF_8);
    }
  }

  private static TraceWriter writer(Chunks out, boolean redact) {
    return new TraceWriter(out, HEADER, redact, CLOCK, Duration.ZERO);
  }

  private static List<String> dataLines(String text, char direction) {
    return text.lines().filter(l -> l.startsWith(direction + " 0x")).toList();
  }

  @Test
  void headerAndDataLinesReadBackAsTheSameBursts() throws IOException {
    TraceFile login = Conformance.trace("s3270__login.trc");
    Chunks out = new Chunks();
    TraceWriter w = writer(out, false);
    for (TraceFile.Burst b : login.bursts()) {
      if (b.fromHost()) {
        w.hostBytes(b.data(), 0, b.data().length);
      } else {
        w.clientBytes(b.data(), null);
      }
      w.note("between bursts");
    }
    w.close();
    String text = out.text();
    TraceFile back = TraceFile.parse(text);
    assertThat(back.model()).isEqualTo("3278-4-E");
    assertThat(back.rows()).isEqualTo(43);
    assertThat(back.cols()).isEqualTo(80);
    assertThat(back.codePage()).isEqualTo("bracket");
    assertThat(back.bursts()).hasSameSizeAs(login.bursts());
    for (int i = 0; i < login.bursts().size(); i++) {
      assertThat(back.bursts().get(i).fromHost()).isEqualTo(login.bursts().get(i).fromHost());
      assertThat(back.bursts().get(i).data()).isEqualTo(login.bursts().get(i).data());
    }
    assertThat(text)
        .startsWith("20261124.093001.234 Trace started\n Version: console3270 1.2.3\n")
        .contains(
            " Model 3278-4-E, 43 rows x 80 cols, monochrome display, extended data stream,"
                + " code page bracket\n")
        .contains("20261124.093001.234 between bursts\n")
        .endsWith("20261124.093001.234 Trace stopped\n");
    assertThat(out.closed).isTrue();
  }

  @Test
  void dataLinesAreFormattedExactlyAsX3270Does() throws IOException {
    // The second host read of s3270__login.trc is 3827 bytes: 0x0 ... 0xee0, 32 bytes a line.
    String corpus = Conformance.text("s3270__login.trc");
    List<String> lines = corpus.lines().toList();
    List<String> recorded = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).endsWith("Host socket read complete nr=3827")) {
        for (int j = i + 1; lines.get(j).startsWith("< 0x"); j++) {
          recorded.add(lines.get(j));
        }
        break;
      }
    }
    assertThat(recorded).hasSize((3827 + 31) / 32);
    byte[] data = TraceFile.parse(String.join("\n", recorded)).bursts().get(0).data();

    Chunks out = new Chunks();
    TraceWriter w = writer(out, true);
    byte[] padded = new byte[data.length + 10];
    System.arraycopy(data, 0, padded, 5, data.length);
    w.hostBytes(padded, 5, data.length);
    w.close();
    assertThat(dataLines(out.text(), '<')).isEqualTo(recorded);
    assertThat(out.text()).contains(" Host socket read complete nr=3827\n");
  }

  @Test
  void offsetsRestartForEachReadAndWrite() {
    Chunks out = new Chunks();
    TraceWriter w = writer(out, false);
    byte[] forty = new byte[40];
    w.hostBytes(forty, 0, 40);
    w.clientBytes(new byte[] {(byte) 0xff, (byte) 0xfb, 0x18}, null);
    w.hostBytes(forty, 0, 3);
    w.close();
    String zeros = "00".repeat(32);
    assertThat(dataLines(out.text(), '<'))
        .containsExactly("< 0x0   " + zeros, "< 0x20  " + "00".repeat(8), "< 0x0   000000");
    assertThat(dataLines(out.text(), '>')).containsExactly("> 0x0   fffb18");
  }

  /** The login trace replayed into a real terminal whose bytes go to a trace writer. */
  private static String traceLoginWithPassword(boolean redact, String password) throws IOException {
    TraceFile login = Conformance.trace("s3270__login.trc");
    Chunks out = new Chunks();
    TraceWriter w = writer(out, redact);
    Terminal[] terminal = new Terminal[1];
    terminal[0] =
        new Terminal(
            TerminalModel.parse("3278-4-E"),
            CodePages.bracket(),
            new Terminal.Listener() {
              @Override
              public void send(byte[] bytes) {
                w.clientBytes(bytes, terminal[0].snapshot());
              }
            });
    terminal[0].connected();
    for (TraceFile.Burst b : login.bursts()) {
      if (b.fromHost()) {
        w.hostBytes(b.data(), 0, b.data().length);
        terminal[0].receive(b.data());
      }
    }
    ScreenSnapshot screen = terminal[0].snapshot();
    Field hidden =
        screen.fields().stream()
            .filter(f -> f.attribute().isNonDisplay() && !f.attribute().isProtected())
            .findFirst()
            .orElseThrow();
    int size = screen.size();
    assertThat(terminal[0].key(k -> k.moveCursor(hidden.dataStart(size))))
        .isInstanceOf(KeyResult.Done.class);
    assertThat(terminal[0].key(k -> k.type(password))).isInstanceOf(KeyResult.Done.class);
    assertThat(terminal[0].key(k -> k.enter())).isInstanceOf(KeyResult.SendAid.class);
    w.close();
    return out.text();
  }

  private static String hex(String text) {
    StringBuilder sb = new StringBuilder();
    for (char c : text.toCharArray()) {
      sb.append(String.format("%02x", CodePages.bracket().toEbcdic(c)));
    }
    return sb.toString();
  }

  @Test
  void passwordTypedIntoTheSignOnScreenNeverReachesTheTrace() throws IOException {
    String plain = traceLoginWithPassword(false, "PW7X");
    String redacted = traceLoginWithPassword(true, "PW7X");
    TraceFile p = TraceFile.parse(plain);
    TraceFile r = TraceFile.parse(redacted);
    byte[] sentPlain = p.bursts().get(p.bursts().size() - 1).data();
    byte[] sentRedacted = r.bursts().get(r.bursts().size() - 1).data();
    String pw = hex("PW7X");
    // Without redaction the password is in the Read Modified; with it, four markers instead.
    assertThat(HexFormat.of().formatHex(sentPlain)).contains(pw).endsWith("ffef");
    assertThat(HexFormat.of().formatHex(sentRedacted))
        .doesNotContain(pw)
        .isEqualTo(HexFormat.of().formatHex(sentPlain).replace(pw, "5c5c5c5c"));
    assertThat(sentRedacted).hasSameSizeAs(sentPlain);
    assertThat(redacted).doesNotContain(pw).contains("(4 bytes of non-display data redacted)");
    assertThat(redacted).contains("Redaction of non-display fields: on");
    // Everything else is the same trace.
    assertThat(r.bursts()).hasSameSizeAs(p.bursts());
  }

  @Test
  void recordsSplitAcrossWritesAndDoubledIacsAreRedacted() {
    TerminalState state = TraceRedactorTest.signOn();
    state.screen().setChar(174, 0xff, 0, 0, 0, 0); // an X'FF' in the hidden data
    ScreenSnapshot screen = state.screen().snapshot();
    byte[] rm = InboundEncoder.readModified(state, Aid.ENTER, false);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (byte b : rm) {
      wire.write(b);
      if (b == (byte) 0xff) {
        wire.write(b);
      }
    }
    wire.writeBytes(new byte[] {(byte) 0xff, (byte) 0xef});
    byte[] raw = wire.toByteArray();
    Chunks out = new Chunks();
    TraceWriter w = writer(out, true);
    w.clientBytes(HexFormat.of().parseHex("fffb19fffd19"), screen); // WILL EOR, DO EOR
    int cut = TraceRedactorTest.indexOf(raw, TraceRedactorTest.ebcdic("SEC")) + 2;
    w.clientBytes(Arrays.copyOf(raw, cut), screen);
    w.clientBytes(Arrays.copyOfRange(raw, cut, raw.length), screen);
    w.close();
    String text = out.text();
    TraceFile back = TraceFile.parse(text);
    byte[] record = back.bursts().get(0).data();
    String h = HexFormat.of().formatHex(record);
    assertThat(h).startsWith("fffb19fffd19").endsWith("ffef").doesNotContain("ffff");
    assertThat(h).doesNotContain(HexFormat.of().formatHex(TraceRedactorTest.ebcdic("SE")));
    // The record (after the negotiation) is the Read Modified with six markers, FF un-doubled.
    byte[] expected = rm.clone();
    int at = TraceRedactorTest.indexOf(rm, new byte[] {(byte) 0xe2, (byte) 0xc5, (byte) 0xc3});
    Arrays.fill(expected, at, at + 6, (byte) 0x5c);
    assertThat(h).isEqualTo("fffb19fffd19" + HexFormat.of().formatHex(expected) + "ffef");
    // The split record was held back and written whole with the write that ended it.
    assertThat(dataLines(text, '>')).hasSize(2);
  }

  @Test
  void unfinishedRecordIsRedactedAtClose() {
    TerminalState state = TraceRedactorTest.signOn();
    byte[] rm = InboundEncoder.readModified(state, Aid.ENTER, false);
    Chunks out = new Chunks();
    TraceWriter w = writer(out, true);
    w.clientBytes(HexFormat.of().parseHex("fffb28"), null); // WILL TN3270E
    byte[] rec = new byte[rm.length + 5];
    System.arraycopy(rm, 0, rec, 5, rm.length);
    w.clientBytes(rec, state.screen().snapshot());
    w.close();
    String h = HexFormat.of().formatHex(TraceFile.parse(out.text()).bursts().get(0).data());
    assertThat(h)
        .startsWith("fffb28")
        .doesNotContain(HexFormat.of().formatHex(TraceRedactorTest.ebcdic("SECRET")));
    assertThat(h).contains(HexFormat.of().formatHex(TraceRedactorTest.ebcdic("JOHN")));
    assertThat(h).hasSize((3 + rec.length) * 2);
    assertThat(out.text()).contains("Record without IAC EOR at close (6 bytes of non-display");
  }

  @Test
  void aTraceStartedAfterTheNegotiationStillRedactsWholeRecords() {
    TerminalState state = TraceRedactorTest.signOn();
    byte[] rm = InboundEncoder.readModified(state, Aid.ENTER, false);
    for (boolean tn3270e : new boolean[] {false, true}) {
      ByteArrayOutputStream wire = new ByteArrayOutputStream();
      if (tn3270e) {
        wire.writeBytes(new byte[] {0, 0, 0, 0, 1});
      }
      wire.writeBytes(rm);
      wire.writeBytes(new byte[] {(byte) 0xff, (byte) 0xef});
      Chunks out = new Chunks();
      TraceWriter w = writer(out, true);
      w.clientBytes(wire.toByteArray(), state.screen().snapshot());
      w.close();
      byte[] back = TraceFile.parse(out.text()).bursts().get(0).data();
      assertThat(back).hasSize(wire.size());
      assertThat(TraceRedactorTest.indexOf(back, TraceRedactorTest.ebcdic("SECRET"))).isEqualTo(-1);
      assertThat(TraceRedactorTest.indexOf(back, TraceRedactorTest.ebcdic("JOHN"))).isPositive();
    }
  }

  @Test
  void nvtDataWithoutRecordFramingPassesAsItComes() {
    Chunks out = new Chunks();
    TraceWriter w = writer(out, true);
    w.clientBytes("ls\r\n".getBytes(StandardCharsets.US_ASCII), null);
    assertThat(w.redacting()).isTrue();
    w.flush();
    assertThat(dataLines(out.text(), '>')).containsExactly("> 0x0   6c730d0a");
    w.close();
  }

  @Test
  void onlyWholeLinesReachTheFileAndTheTimerFlushes() throws Exception {
    Chunks out = new Chunks();
    TraceWriter w = new TraceWriter(out, HEADER, false, CLOCK, Duration.ofMillis(50));
    w.hostBytes(new byte[100], 0, 100);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!out.text().contains("< 0x60  ") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(out.text()).contains("< 0x60  00000000\n");
    w.note("more");
    w.close();
    w.note("after close is ignored");
    w.hostBytes(new byte[1], 0, 1);
    synchronized (out) {
      assertThat(out.chunks).allSatisfy(c -> assertThat(c[c.length - 1]).isEqualTo((byte) '\n'));
    }
    assertThat(out.text()).doesNotContain("after close");
  }

  @Test
  void unflushedLinesStayInMemoryUntilFlushOrClose() {
    Chunks out = new Chunks();
    TraceWriter w = writer(out, false);
    w.hostBytes(new byte[10], 0, 10);
    assertThat(out.chunks).isEmpty();
    w.flush();
    assertThat(out.chunks).hasSize(1);
    w.close();
  }

  @Test
  void openWritesAFileThatTheParserReads(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("t.trc");
    SessionProfile profile = SessionProfile.of("example.com", 23);
    TraceWriter w = TraceWriter.open(file, TraceWriter.Header.of(profile), true);
    w.hostBytes(new byte[] {(byte) 0xff, (byte) 0xfd, 0x18}, 0, 3);
    w.close();
    TraceFile t = TraceFile.parse(Files.readString(file, StandardCharsets.ISO_8859_1));
    assertThat(t.model()).isEqualTo("3279-4-E");
    assertThat(t.rows()).isEqualTo(43);
    assertThat(t.codePage()).isEqualTo("bracket");
    assertThat(t.bursts()).hasSize(1);
    assertThat(Files.readString(file))
        .contains(" Connected to example.com, port 23\n")
        .containsPattern(" Version: console3270 \\d+\\.\\d+")
        .doesNotContain("unknown");
  }
}
