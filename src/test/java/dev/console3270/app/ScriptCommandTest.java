package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.session.LoopbackSession;
import dev.console3270.session.ScriptableSession;
import dev.console3270.session.SessionProfile;
import dev.console3270.testing.Conformance;
import dev.console3270.testing.TraceReplayServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code console3270 script} with test sessions on a trace replay. */
class ScriptCommandTest {

  private record Run(int exit, List<String> out, String err) {}

  private final List<LoopbackSession> sessions = new ArrayList<>();
  private final List<SessionProfile> profiles = new ArrayList<>();
  private TraceReplayServer server;

  @AfterEach
  void tearDown() throws IOException {
    sessions.forEach(LoopbackSession::close);
    if (server != null) {
      server.close();
    }
  }

  private final Function<SessionProfile, ScriptableSession> factory =
      p -> {
        profiles.add(p);
        LoopbackSession s = new LoopbackSession(p);
        sessions.add(s);
        return s;
      };

  private Run run(String stdin, String... args) {
    ScriptCommand command =
        new ScriptCommand(
            factory, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    CommandLine cl = new CommandLine(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString().lines().toList(), err.toString());
  }

  private int login() throws IOException {
    server = new TraceReplayServer(Conformance.trace("s3270__login.trc"), Duration.ofMillis(500));
    return server.port();
  }

  @Test
  void runsActionsFromStdinInS3270sFormatUntilQuit() throws IOException {
    int port = login();
    Run r =
        run(
            String.join(
                "\n",
                "Connect(127.0.0.1:" + port + ")",
                "Wait(5,InputField)",
                "Ascii(0,29,22)",
                "Query(Cursor)",
                "Foo()",
                "Quit()",
                "Ascii()"),
            "--model",
            "3278-4-E");
    assertThat(r.exit()).isZero();
    String status = "U F U C\\(127\\.0\\.0\\.1\\) I 4 43 80 5 32 0x0 \\d+\\.\\d{3}";
    List<String> o = r.out();
    assertThat(o).hasSize(15);
    // Connect returns once negotiated; the first screen may or may not be there yet.
    assertThat(o.get(0))
        .matches("[LU] [FU] U C\\(127\\.0\\.0\\.1\\) I 4 (24|43) 80 \\d+ \\d+ 0x0 .*");
    assertThat(o.get(1)).isEqualTo("ok");
    assertThat(o.get(2)).matches(status);
    assertThat(o.subList(3, 6)).containsExactly("ok", "data: Global Payments Europe", o.get(5));
    assertThat(o.get(5)).matches(status);
    assertThat(o.subList(6, 10)).containsExactly("ok", "data: 5 32", o.get(8), "ok");
    assertThat(o.subList(10, 12)).containsExactly("data: Unknown action: Foo", o.get(11));
    assertThat(o.get(12)).isEqualTo("error");
    assertThat(o.get(13)).matches(status);
    assertThat(o.get(14)).isEqualTo("ok");
    assertThat(profiles).hasSize(1);
    assertThat(profiles.get(0).host()).isEqualTo("127.0.0.1");
    assertThat(profiles.get(0).port()).isEqualTo(port);
    assertThat(profiles.get(0).model().name()).isEqualTo("3278-4-E");
    assertThat(sessions.get(0).status().state().isConnected()).isFalse();
  }

  /** Output lines with each status line's last field (the command time) dropped. */
  private static List<String> withoutTimes(List<String> lines) {
    return lines.stream()
        .map(
            l -> l.matches("[LUE] [FU] [PU] .* 0x0 \\d+\\.\\d{3}") ? l.replaceAll(" \\S+$", "") : l)
        .toList();
  }

  @Test
  void theCommandOnTheRealSessionPrintsWhatS3270Prints() throws Exception {
    dev.console3270.testing.S3270.assumeAvailable();
    String script =
        String.join(
            "\n",
            "Wait(5,InputField)",
            "Ascii()",
            "Query(Cursor)",
            "Ascii(0,29,22)",
            "Tab",
            "String(abc)",
            "Query(Cursor1)",
            "Query(ConnectionState)",
            "Disconnect()",
            "Query(ConnectionState)",
            "");
    List<String> theirs;
    try (TraceReplayServer host =
        new TraceReplayServer(Conformance.trace("s3270__login.trc"), Duration.ofSeconds(5))) {
      Process p = new ProcessBuilder("/usr/bin/s3270", "-model", "3278-4-E").start();
      try (var in = p.getOutputStream()) {
        in.write(("Connect(127.0.0.1:" + host.port() + ")\n" + script).getBytes());
      }
      assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      theirs =
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    Run ours;
    try (TraceReplayServer host =
        new TraceReplayServer(Conformance.trace("s3270__login.trc"), Duration.ofSeconds(5))) {
      String stdin = "Connect(127.0.0.1:" + host.port() + ")\n" + script;
      ScriptCommand command =
          new ScriptCommand(
              dev.console3270.session.Session::new,
              new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      CommandLine cl = new CommandLine(command);
      StringWriter out = new StringWriter();
      cl.setOut(new PrintWriter(out));
      cl.setErr(new PrintWriter(new StringWriter()));
      ours = new Run(cl.execute("--model", "3278-4-E"), out.toString().lines().toList(), "");
    }
    assertThat(ours.exit()).isZero();
    // After Connect's block (status and ok: whether the first screen had come yet is timing),
    // every line is s3270's, the command time aside.
    assertThat(theirs).hasSizeGreaterThan(60).contains("data: Global Payments Europe");
    assertThat(theirs.get(1)).isEqualTo("ok");
    assertThat(withoutTimes(ours.out().subList(2, ours.out().size())))
        .containsExactlyElementsOf(withoutTimes(theirs.subList(2, theirs.size())));
  }

  @Test
  void runsAFileAndEndsAtItsEnd(@TempDir Path dir) throws IOException {
    int port = login();
    Path script = dir.resolve("login.x3270");
    Files.writeString(
        script,
        "Connect(127.0.0.1:" + port + ")\nWait(5,InputField)\nQuery(CodePage)\n",
        StandardCharsets.UTF_8);
    Run r = run("", "--code-page", "cp037", script.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("data: cp037 sbcs gcsgid 697 cpgid 37");
    assertThat(r.out()).filteredOn("ok"::equals).hasSize(3);
    assertThat(profiles.get(0).codePage()).isEqualTo("cp037");
  }

  @Test
  void connectFormsReachTheProfile() throws IOException {
    int port = login();
    // L: asks for TLS (the test session ignores it and connects in the clear); lu@ names the LU.
    Run r = run("Connect(L:LU1@127.0.0.1:" + port + ")\nQuery(Host)\n");
    assertThat(r.exit()).isZero();
    assertThat(profiles).hasSize(1);
    assertThat(profiles.get(0).tlsMode()).isEqualTo(dev.console3270.session.TlsMode.TLS);
    assertThat(profiles.get(0).luNames()).containsExactly("LU1");
    assertThat(r.out()).contains("data: host 127.0.0.1 " + port);
  }

  @Test
  void aSecondConnectOpensANewSessionAndClosesTheOld() throws IOException {
    int port = login();
    try (TraceReplayServer second =
        new TraceReplayServer(Conformance.trace("s3270__login.trc"), Duration.ofMillis(500))) {
      Run r =
          run(
              "Connect(127.0.0.1:"
                  + port
                  + ")\nDisconnect\nConnect 127.0.0.1 "
                  + second.port()
                  + "\nWait(5,InputField) Query(Host)\n");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).filteredOn("ok"::equals).hasSize(4);
      assertThat(r.out()).contains("data: host 127.0.0.1 " + second.port());
      assertThat(profiles).extracting(SessionProfile::port).containsExactly(port, second.port());
    }
  }

  @Test
  void beforeConnectEveryActionAnswersNotConnected() {
    Run r = run("Query(ConnectionState)\nString(x)\n");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .map(l -> l.replaceAll(" 0x0 \\d+\\.\\d{3}$", " 0x0 T"))
        .containsExactly(
            "data: not-connected",
            "L U U N N 4 24 80 0 0 0x0 T",
            "ok",
            "data: Canceled",
            "L U U N N 4 24 80 0 0 0x0 T",
            "error");
    assertThat(profiles).isEmpty();
  }

  @Test
  void aMissingFileIsAFailure(@TempDir Path dir) {
    Run r = run("", dir.resolve("nope").toString());
    assertThat(r.exit()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(r.err()).contains("cannot read").contains("nope");
  }

  @Test
  void badModelOrCodePageIsAUsageError() {
    assertThat(run("", "--model", "9999").exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run("", "--code-page", "klingon").exit()).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void mainRegistersTheCommand() {
    CommandLine cl = Main.commandLine();
    assertThat(cl.getSubcommands()).containsKey("script");
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("script", "--help")).isZero();
    assertThat(out.toString()).contains("--model").contains("--code-page").contains("FILE");
  }
}
