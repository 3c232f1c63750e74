package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.protocol.trace.TraceFile;
import dev.console3270.testing.Conformance;
import dev.console3270.testing.S3270;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayHostTest {

  /** Host asks for the terminal type; the emulator answers over two lines with a note between. */
  private static final String TRACE =
      "20261124.100000.000 Trace started\n"
          + "< 0x0   fffd18\n"
          + "> 0x0   fffb18\n"
          + "< 0x0   fffa1801fff0\n"
          + "> 0x0   fffa180049424d2d\n"
          + "20261124.100000.000 a note\n"
          + "> 0x0   333237392d322d45fff0\n"
          + "< 0x0   f5c3c1c2ffef\n";

  private static byte[] readN(InputStream in, int n) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < n) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      out.write(b);
    }
    return out.toByteArray();
  }

  private static ReplayHost.Options fast() {
    return ReplayHost.Options.defaults().withReadTimeout(Duration.ofMillis(500));
  }

  @Test
  void aClientThatAnswersAsRecordedPasses() throws Exception {
    try (ReplayHost host = ReplayHost.start(TRACE, fast());
        Socket s = new Socket(InetAddress.getLoopbackAddress(), host.port())) {
      s.setSoTimeout(5000);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      assertThat(readN(in, 3)).isEqualTo(HexFormat.of().parseHex("fffd18"));
      out.write(HexFormat.of().parseHex("fffb18"));
      assertThat(readN(in, 6)).isEqualTo(HexFormat.of().parseHex("fffa1801fff0"));
      out.write(HexFormat.of().parseHex("fffa180049424d2d333237392d322d45fff0"));
      assertThat(readN(in, 6)).isEqualTo(HexFormat.of().parseHex("f5c3c1c2ffef"));
      assertThat(host.awaitAllSent(Duration.ofSeconds(5))).isTrue();
      assertThat(host.exchanges()).hasSize(2).allMatch(ReplayHost.Exchange::matches);
      assertThat(host.firstDifference()).isEmpty();
      s.shutdownOutput();
      assertThat(host.awaitFinished(Duration.ofSeconds(5))).isTrue();
      assertThat(host.failure()).isNull();
    }
  }

  @Test
  void theFirstDifferenceNamesTheExactLineOffsetAndBytes() throws Exception {
    try (ReplayHost host = ReplayHost.start(TRACE, fast());
        Socket s = new Socket(InetAddress.getLoopbackAddress(), host.port())) {
      s.setSoTimeout(5000);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      readN(in, 3);
      out.write(HexFormat.of().parseHex("fffb18"));
      readN(in, 6);
      // IBM-3278-2-E instead of IBM-3279-2-E: byte 11 of the answer, on the trace's 7th line.
      out.write(HexFormat.of().parseHex("fffa180049424d2d333237382d322d45fff0"));
      assertThat(host.awaitAllSent(Duration.ofSeconds(5))).isTrue();
      Optional<ReplayHost.Difference> d = host.firstDifference();
      assertThat(d).isPresent();
      assertThat(d.get().line()).isEqualTo(7);
      assertThat(d.get().burstLine()).isEqualTo(5);
      assertThat(d.get().offset()).isEqualTo(11);
      assertThat(d.get().expected()).isEqualTo(HexFormat.of().parseHex("392d322d45fff0"));
      assertThat(d.get().actual()).isEqualTo(HexFormat.of().parseHex("382d322d45fff0"));
      assertThat(d.get().describe())
          .isEqualTo(
              "difference at trace line 7 (burst at line 5), offset 11:"
                  + " expected 392d322d45fff0, got 382d322d45fff0");
    }
  }

  @Test
  void aSilentClientTimesOutAndIsReportedWithoutHanging() throws Exception {
    long start = System.nanoTime();
    try (ReplayHost host = ReplayHost.start(TRACE, fast());
        Socket s = new Socket(InetAddress.getLoopbackAddress(), host.port())) {
      assertThat(host.awaitAllSent(Duration.ofSeconds(5))).isTrue();
      assertThat(host.exchanges()).allSatisfy(e -> assertThat(e.actual()).isEmpty());
      ReplayHost.Difference d = host.firstDifference().orElseThrow();
      assertThat(d.line()).isEqualTo(3);
      assertThat(d.offset()).isZero();
      assertThat(d.describe()).endsWith("expected fffb18, got nothing (timeout or disconnect)");
      assertThat(s.isConnected()).isTrue();
    }
    // 500 ms for the first miss, at most 300 ms for the next.
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
  }

  @Test
  void bytesAfterTheEndOfTheTraceAreADifference() throws Exception {
    String trace = "< 0x0   fffd18\n> 0x0   fffb18\n";
    try (ReplayHost host = ReplayHost.start(trace, fast());
        Socket s = new Socket(InetAddress.getLoopbackAddress(), host.port())) {
      readN(s.getInputStream(), 3);
      s.getOutputStream().write(HexFormat.of().parseHex("fffb18fffb19"));
      assertThat(host.awaitAllSent(Duration.ofSeconds(5))).isTrue();
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (host.extraBytes().length < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      ReplayHost.Difference d = host.firstDifference().orElseThrow();
      assertThat(d.line()).isZero();
      assertThat(d.describe())
          .isEqualTo("difference after the end of the trace: expected nothing, got fffb19");
    }
  }

  @Test
  void servesConnectionsOneAfterTheOther() throws Exception {
    String trace = "< 0x0   fffd18\n> 0x0   fffb18\n";
    try (ReplayHost host = ReplayHost.start(trace, fast().withConnections(2))) {
      for (int i = 0; i < 2; i++) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), host.port())) {
          s.setSoTimeout(5000);
          assertThat(readN(s.getInputStream(), 3)).isEqualTo(HexFormat.of().parseHex("fffd18"));
          s.getOutputStream().write(HexFormat.of().parseHex(i == 0 ? "fffb18" : "fffc18"));
          long deadline = System.nanoTime() + 5_000_000_000L;
          while (host.exchanges().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
          }
          assertThat(host.exchanges()).hasSize(1);
          assertThat(host.firstDifference().isEmpty()).isEqualTo(i == 0);
        }
        Thread.sleep(100);
      }
      assertThat(host.awaitFinished(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void closingWithoutAClientReturnsPromptly() throws Exception {
    ReplayHost host = ReplayHost.start(TraceFile.parse(TRACE));
    assertThat(host.awaitConnected(Duration.ofMillis(100))).isFalse();
    long start = System.nanoTime();
    host.close();
    assertThat(host.awaitFinished(Duration.ofSeconds(3))).isTrue();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2500);
  }

  @Test
  void badInputIsRejectedClearly(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> ReplayHost.start("< 0x0   fff\n", fast()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odd-length hex at line 1");
    assertThatThrownBy(() -> ReplayHost.start(dir.resolve("missing.trc"), fast()))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ReplayHost.Options.defaults().withPort(70000))
        .isInstanceOf(IllegalArgumentException.class);
    Path file = dir.resolve("t.trc");
    Files.writeString(file, TRACE);
    try (ReplayHost host = ReplayHost.start(file, fast())) {
      assertThat(host.trace().bursts()).hasSize(5);
    }
  }

  @Test
  void s3270AnswersTheLoginTraceExactly() throws Exception {
    S3270.assumeAvailable();
    Path file = Conformance.file("s3270__login.trc");
    try (ReplayHost host = ReplayHost.start(file, ReplayHost.Options.defaults());
        S3270 s3270 = S3270.start("3278-4-E", "bracket")) {
      assertThat(s3270.connect("127.0.0.1", host.port()).ok()).isTrue();
      assertThat(host.awaitAllSent(Duration.ofSeconds(30))).isTrue();
      // The seven '>' lines (negotiation answers) are one emulator burst: no host line between.
      assertThat(host.exchanges()).hasSize(1).allMatch(ReplayHost.Exchange::matches);
      assertThat(host.exchanges().get(0).expected()).hasSize(36);
      assertThat(host.firstDifference()).isEmpty();
      List<String> screen = s3270.ascii();
      for (int i = 0; i < 40 && !screen.get(0).contains("Global Payments Europe"); i++) {
        Thread.sleep(100);
        screen = s3270.ascii();
      }
      assertThat(screen.get(0)).contains("Global Payments Europe");
    }
  }

  @Test
  void aWrongModelIsCaughtAtItsTerminalType() throws Exception {
    S3270.assumeAvailable();
    Path file = Conformance.file("s3270__login.trc");
    try (ReplayHost host = ReplayHost.start(file, fast());
        S3270 s3270 = S3270.start("3279-2-E", "bracket")) {
      s3270.send("Connect(127.0.0.1:" + host.port() + ")");
      assertThat(host.awaitAllSent(Duration.ofSeconds(30))).isTrue();
      ReplayHost.Difference d = host.firstDifference().orElseThrow();
      // "> 0x0   fffa180049424d2d333237382d342d45fff0" on line 64: IBM-3278-4-E vs IBM-3279-2-E
      // (the burst starts with fffb18 on line 61).
      assertThat(d.line()).isEqualTo(64);
      assertThat(d.burstLine()).isEqualTo(61);
      assertThat(d.offset()).isEqualTo(14);
      assertThat(HexFormat.of().formatHex(d.expected())).startsWith("382d342d45fff0");
      assertThat(HexFormat.of().formatHex(d.actual())).startsWith("392d322d45fff0");
    }
  }
}
