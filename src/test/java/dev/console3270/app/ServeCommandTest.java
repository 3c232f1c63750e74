package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.host.DemoHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

  private static final Pattern READY =
      Pattern.compile("api (http://127\\.0\\.0\\.1:(\\d+)/api/v1) token-file (\\S+)");

  @TempDir Path dir;
  private DemoHost host;

  @BeforeEach
  void startHost() throws IOException {
    host = DemoHost.start(0, "SERVE");
    Files.writeString(
        dir.resolve(EndpointConfig.FILE_NAME),
        "{\"version\":1,\"strategy\":\"ROUND_ROBIN\",\"endpoints\":[{\"name\":\"demo\","
            + "\"host\":\"127.0.0.1\",\"port\":"
            + host.port()
            + "}]}");
  }

  @AfterEach
  void stopHost() {
    host.close();
  }

  private static CommandLine commandLine(ServeCommand serve) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    return new CommandLine(
        new Main(),
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            return cls == ServeCommand.class ? cls.cast(serve) : defaults.create(cls);
          }
        });
  }

  private static String get(String url, String token) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  @Test
  void servesTheApiUntilStoppedThenClosesTheAuditLog() throws Exception {
    // the option wins over the environment, the environment over the file
    Files.writeString(
        dir.resolve(Settings.FILE_NAME), "{\"compliance\":{\"packs\":[\"no-such-pack\"]}}");
    ServeCommand serve =
        new ServeCommand(
            Map.of("CONSOLE3270_API_PORT", "x", "CONSOLE3270_COMPLIANCE_PACKS", "pci-dss"), false);
    CommandLine cl = commandLine(serve);
    PipedWriter pipe = new PipedWriter();
    BufferedReader lines = new BufferedReader(new PipedReader(pipe, 1 << 16));
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(pipe, true));
    cl.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> cl.execute("--config-dir", dir.toString(), "serve", "--api-port", "0"));
    String ready = lines.readLine();
    Matcher m = READY.matcher(ready == null ? "" : ready);
    assertThat(m.matches()).as(ready + " / " + err).isTrue();
    Path tokenFile = Path.of(m.group(3));
    assertThat(tokenFile).isEqualTo(dir.resolve("api.token").toAbsolutePath());
    assertThat(Files.getPosixFilePermissions(tokenFile))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    String token = Files.readString(tokenFile).trim();

    assertThat(get(m.group(1) + "/health", token)).contains("\"version\"");
    assertThat(get(m.group(1) + "/endpoints", token))
        .contains("\"demo\"")
        .contains(String.valueOf(host.port()));

    serve.stop();
    assertThat(exit.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();
    assertThat(Files.readString(dir.resolve("logs").resolve(ServeCommand.LOG_FILE)))
        .contains("REST API listening")
        .contains("stopping");
    assertThat(auditTail(dir.resolve("audit"))).containsSubsequence("AUDIT_STOP", "CHECKPOINT");
    assertVerifies(dir.resolve("audit"));
  }

  @Test
  void aBadEndpointsFileIsRejectedUntouchedAndNothingStarts() throws Exception {
    Path file = dir.resolve(EndpointConfig.FILE_NAME);
    String bad = "{\"version\":1,\"endpoints\":[{\"name\":\"x\",\"host\":\"h\",\"port\":\"no\"}]}";
    Files.writeString(file, bad);
    ServeCommand serve = new ServeCommand(Map.of(), false);
    CommandLine cl = commandLine(serve);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute("--config-dir", dir.toString(), "serve");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains(file.toString()).contains("port must be a number");
    assertThat(out.toString()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo(bad);
    try (Stream<Path> s = Files.list(dir)) {
      // nothing moved aside, no audit log, no token
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly(EndpointConfig.FILE_NAME);
    }
  }

  @Test
  void aBadSettingsFileAndABadPackFromTheEnvironmentAreRejected() throws Exception {
    Path settings = dir.resolve("custom.json");
    Files.writeString(settings, "{not json");
    StringWriter err = new StringWriter();
    CommandLine cl = commandLine(new ServeCommand(Map.of(), false));
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("--config-dir", dir.toString(), "serve", "--config", settings.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains(settings.toString()).contains("not valid JSON");
    assertThat(Files.readString(settings)).isEqualTo("{not json");

    StringWriter err2 = new StringWriter();
    CommandLine cl2 =
        commandLine(
            new ServeCommand(Map.of("CONSOLE3270_COMPLIANCE_PACKS", "no-such-pack"), false));
    cl2.setErr(new PrintWriter(err2, true));
    assertThat(cl2.execute("--config-dir", dir.toString(), "serve")).isEqualTo(1);
    assertThat(err2.toString()).contains("no-such-pack");
    assertThat(dir.resolve("audit")).doesNotExist();
  }

  @Test
  void aBadPortInTheEnvironmentIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cl = commandLine(new ServeCommand(Map.of("CONSOLE3270_API_PORT", "x"), false));
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("--config-dir", dir.toString(), "serve")).isEqualTo(2);
    assertThat(err.toString()).contains("CONSOLE3270_API_PORT");
  }

  @Test
  void sigtermStopsTheProcessWithExitZeroAndAVerifiableAuditLog() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xlog:class+load=info:file=" + dir.resolve("classes.txt"),
            "-cp",
            System.getProperty("java.class.path"),
            "dev.console3270.app.Main",
            "--config-dir",
            dir.toString(),
            "serve");
    pb.environment().put("CONSOLE3270_AUDIT_DIR", dir.resolve("trail").toString());
    pb.redirectError(dir.resolve("stderr.txt").toFile());
    Process p = pb.start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String ready = out.readLine();
      assertThat(ready).as(Files.readString(dir.resolve("stderr.txt"))).matches(READY);
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
    } finally {
      p.destroyForcibly();
    }
    // a headless JVM loads neither JavaFX nor the window's classes
    assertThat(Files.readString(dir.resolve("classes.txt")))
        .contains("dev.console3270.app.Platform")
        .doesNotContain("javafx.")
        .doesNotContain("dev.console3270.ui.");
    assertThat(auditTail(dir.resolve("trail"))).containsSubsequence("AUDIT_STOP", "CHECKPOINT");
    assertVerifies(dir.resolve("trail"));
  }

  /** The record types named on the last lines of the newest audit file. */
  private static List<String> auditTail(Path auditDir) throws IOException {
    Path newest;
    try (Stream<Path> s = Files.list(auditDir)) {
      newest = s.filter(Files::isRegularFile).sorted().reduce((a, b) -> b).orElseThrow();
    }
    List<String> all = Files.readAllLines(newest, StandardCharsets.UTF_8);
    List<String> types = new ArrayList<>();
    for (String line : all.subList(Math.max(0, all.size() - 2), all.size())) {
      types.add(
          line.contains("AUDIT_STOP")
              ? "AUDIT_STOP"
              : line.contains("CHECKPOINT") ? "CHECKPOINT" : line);
    }
    return types;
  }

  private static void assertVerifies(Path auditDir) {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    assertThat(cl.execute("audit", "verify", auditDir.toString())).as(out.toString()).isZero();
    assertThat(out.toString()).startsWith("PASS");
  }
}
