package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.testing.Conformance;
import dev.console3270.testing.S3270;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {

  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)\n");

  /** A writer other threads can read while the command runs. */
  private static final class Shared extends Writer {
    private final StringBuffer text = new StringBuffer();

    @Override
    public void write(char[] buf, int off, int len) {
      text.append(buf, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    String text() {
      return text.toString();
    }
  }

  /** The command running on its own thread. */
  private record Running(CompletableFuture<Integer> exit, Shared out, Shared err) {

    int awaitPort() throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        Matcher m = LISTENING.matcher(out.text());
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
        Thread.sleep(20);
      }
      throw new AssertionError("no listening line; out: " + out.text() + " err: " + err.text());
    }

    void awaitOut(String part) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!out.text().contains(part) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(out.text()).contains(part);
    }

    int exitCode() throws Exception {
      return exit.get(20, TimeUnit.SECONDS);
    }
  }

  private static Running start(String... args) {
    Shared out = new Shared();
    Shared err = new Shared();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                exit.complete(cl.execute(args));
              } catch (RuntimeException e) {
                exit.completeExceptionally(e);
              }
            },
            "replay-command");
    t.setDaemon(true);
    t.start();
    return new Running(exit, out, err);
  }

  private static final String TRACE = "< 0x0   fffd18\n> 0x0   fffb18\n< 0x0   fffa1801fff0\n";

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

  @Test
  void missingTraceIsAUsageError(@TempDir Path dir) throws Exception {
    Running r = start("replay", dir.resolve("nope.trc").toString());
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.err().text()).contains("cannot read trace").contains("no such file");
    assertThat(r.out().text()).doesNotContain("listening");
  }

  @Test
  void aDirectoryIsAUsageErrorAndBadHexAFailure(@TempDir Path dir) throws Exception {
    Running r = start("replay", dir.toString());
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.err().text()).contains("not a readable file");
    Path bad = dir.resolve("bad.trc");
    Files.writeString(bad, "< 0x0   fffd1\n");
    Running b = start("replay", bad.toString());
    assertThat(b.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(b.err().text()).contains("is not an x3270 trace").contains("odd-length hex");
    Path empty = dir.resolve("empty.trc");
    Files.writeString(empty, "just a note\n");
    Running e = start("replay", empty.toString());
    assertThat(e.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(e.err().text()).contains("holds no data lines");
  }

  @Test
  void missingArgumentAndBadPortAreUsageErrors(@TempDir Path dir) throws Exception {
    assertThat(start("replay").exitCode()).isEqualTo(Main.EXIT_USAGE);
    Path file = dir.resolve("t.trc");
    Files.writeString(file, TRACE);
    Running r = start("replay", file.toString(), "--port", "70000");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.err().text()).contains("--port must be 0 to 65535");
    assertThat(start("replay", file.toString(), "--port", "x").exitCode())
        .isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void noClientWithinTheAcceptTimeoutFails(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.trc");
    Files.writeString(file, TRACE);
    Running r = start("replay", file.toString(), "--accept-timeout", "1");
    r.awaitPort();
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(r.err().text()).contains("no client connected within 1 s");
  }

  @Test
  void verifyReportsTheFirstDifferenceAndExitsOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.trc");
    Files.writeString(file, TRACE);
    Running r = start("replay", file.toString(), "--verify", "--read-timeout", "500");
    int port = r.awaitPort();
    assertThat(r.out().text()).isEqualTo("listening on 127.0.0.1:" + port + "\n");
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      assertThat(readN(s.getInputStream(), 3)).isEqualTo(HexFormat.of().parseHex("fffd18"));
      s.getOutputStream().write(HexFormat.of().parseHex("fffc18")); // WONT instead of WILL
      assertThat(readN(s.getInputStream(), 6)).hasSize(6);
      r.awaitOut("difference");
    }
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(r.out().text())
        .endsWith(
            "difference at trace line 2 (burst at line 2), offset 1: expected fb18, got fc18\n");
  }

  @Test
  void withoutVerifyAServedClientExitsZero(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.trc");
    Files.writeString(file, TRACE);
    Running r = start("replay", file.toString(), "--read-timeout", "300", "--hold", "0");
    int port = r.awaitPort();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      assertThat(readN(s.getInputStream(), 9)).hasSize(9);
      assertThat(r.exitCode()).isZero();
    }
    assertThat(r.out().text()).doesNotContain("PASS");
  }

  @Test
  void servesTheLoginTraceToS3270AndVerifies() throws Exception {
    S3270.assumeAvailable();
    Path file = Conformance.file("s3270__login.trc");
    Running r = start("replay", file.toString(), "--verify");
    int port = r.awaitPort();
    try (S3270 s3270 = S3270.start("3278-4-E", "bracket")) {
      assertThat(s3270.connect("127.0.0.1", port).ok()).isTrue();
      r.awaitOut("PASS\n");
      List<String> screen = s3270.ascii();
      for (int i = 0; i < 40 && !screen.get(0).contains("Global Payments Europe"); i++) {
        Thread.sleep(100);
        screen = s3270.ascii();
      }
      assertThat(screen.get(0)).contains("Global Payments Europe");
      assertThat(r.exit().isDone()).isFalse(); // holds the connection until the client leaves
      s3270.runOk("Disconnect()");
      assertThat(r.exitCode()).isZero();
    }
    assertThat(r.out().text()).isEqualTo("listening on 127.0.0.1:" + port + "\nPASS\n");
    assertThat(r.err().text()).isEmpty();
  }

  @Test
  void helpListsTheOptionsAndExitCodes() throws Exception {
    Running r = start("replay", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().text())
        .contains("--verify")
        .contains("--port")
        .contains("Exit codes:")
        .contains("missing or unreadable");
    Running top = start("--help");
    assertThat(top.exitCode()).isZero();
    assertThat(top.out().text()).contains("replay");
  }
}
