package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.console3270.host.DemoHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoHostCommandTest {

  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** Reads the first bytes the demo host sends: IAC DO TN3270E. */
  private static void expectTelnetGreeting(int port) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      assertThat(HexFormat.of().formatHex(s.getInputStream().readNBytes(3))).isEqualTo("fffd28");
    }
  }

  @Test
  void printsTheListeningLineServesAndStopsWhenTheHostCloses() throws Exception {
    AtomicReference<DemoHost> started = new AtomicReference<>();
    CommandLine cl =
        new CommandLine(new DemoHostCommand(started::set))
            .setExecutionExceptionHandler(
                (ex, cmd, parse) -> {
                  throw ex;
                });
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> cl.execute("--port", "0", "--name", "CMDTEST"));
    await().atMost(Duration.ofSeconds(20)).until(() -> started.get() != null);
    DemoHost host = started.get();
    assertThat(out.toString()).isEqualTo("listening on 127.0.0.1:" + host.port() + "\n");
    assertThat(host.name()).isEqualTo("CMDTEST");
    expectTelnetGreeting(host.port());
    host.close();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void isASubcommandOfMainWithHelp() {
    Run r = run("demo-host", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("Usage: console3270 demo-host")
        .contains("--port")
        .contains("--name")
        .contains("--bind");
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(run("demo-host", "--port", "70000").exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run("demo-host", "--port", "x").exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run("demo-host", "--max-clients", "0").exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run("demo-host", "--name", " ").exit()).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void aPortInUseFails() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Run r = run("demo-host", "--port", String.valueOf(taken.getLocalPort()));
      assertThat(r.exit()).isEqualTo(Main.EXIT_FAILURE);
      assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void runsAsAProcessUntilTerminated() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "demo-host",
                "--port",
                "0",
                "--name",
                "PROC")
            .redirectErrorStream(false)
            .start();
    try {
      InputStream stdout = p.getInputStream();
      CompletableFuture<String> first =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))
                      .readLine();
                } catch (IOException e) {
                  return "read failed: " + e;
                }
              });
      String line = first.get(60, TimeUnit.SECONDS);
      Matcher m = LISTENING.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      int port = Integer.parseInt(m.group(1));
      expectTelnetGreeting(port);
      try (Socket client = new Socket("127.0.0.1", port)) {
        client.setSoTimeout(20_000);
        InputStream in = client.getInputStream();
        assertThat(in.readNBytes(3)).hasSize(3);
        p.destroy(); // SIGTERM: the shutdown hook closes the host and its clients
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(in.read()).isEqualTo(-1);
      }
    } finally {
      p.destroyForcibly();
    }
  }
}
