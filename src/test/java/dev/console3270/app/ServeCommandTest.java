package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.console3270.api.webhooks.WebhookDispatcher;
import dev.console3270.api.webhooks.WebhookSigner;
import dev.console3270.host.DemoHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
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
    config("");
  }

  /** Writes the configuration file: the demo host's endpoint and {@code more} sections. */
  private void config(String more) throws IOException {
    Files.writeString(
        dir.resolve(Settings.FILE_NAME),
        "{\"version\":1,\"balancer\":{\"strategy\":\"ROUND_ROBIN\"},"
            + more
            + "\"endpoints\":[{\"name\":\"demo\",\"host\":\"127.0.0.1\",\"port\":"
            + host.port()
            + "}]}");
  }

  @AfterEach
  void stopHost() {
    host.close();
  }

  /** A serve command running on a thread of the test, its ready line read. */
  private record Running(CompletableFuture<Integer> exit, Matcher ready, StringWriter err) {}

  /**
   * Runs {@code serve} with {@code args} after {@code --config-dir DIR serve} and reads its ready
   * line, which must match {@code ready}.
   */
  private Running start(ServeCommand serve, Pattern ready, String... args) throws IOException {
    CommandLine cl = commandLine(serve);
    PipedWriter pipe = new PipedWriter();
    BufferedReader lines = new BufferedReader(new PipedReader(pipe, 1 << 16));
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(pipe, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("--config-dir", dir.toString(), "serve"));
    all.addAll(List.of(args));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> cl.execute(all.toArray(String[]::new)));
    String line = lines.readLine();
    Matcher m = ready.matcher(line == null ? "" : line);
    assertThat(m.matches()).as(line + " / " + err).isTrue();
    return new Running(exit, m, err);
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
    config("\"compliance\":{\"packs\":[\"no-such-pack\"]},\"api\":{\"port\":1},");
    // a port in use: were the environment to win over --api-port 0, the API could not start
    ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    ServeCommand serve =
        new ServeCommand(
            Map.of(
                "CONSOLE3270_API_PORT",
                String.valueOf(taken.getLocalPort()),
                "CONSOLE3270_COMPLIANCE_PACKS",
                "pci-dss"),
            false);
    Running running = start(serve, READY, "--api-port", "0");
    CompletableFuture<Integer> exit = running.exit();
    StringWriter err = running.err();
    Matcher m = running.ready();
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
    taken.close();
    assertThat(exit.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();
    assertThat(Files.readString(dir.resolve("logs").resolve(ServeCommand.LOG_FILE)))
        .contains("REST API listening")
        .contains("stopping");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("logs"))))
        .isEqualTo("rwx------");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("logs").resolve(ServeCommand.LOG_FILE))))
        .isEqualTo("rw-------");
    assertThat(auditTail(dir.resolve("audit"))).containsSubsequence("AUDIT_STOP", "CHECKPOINT");
    assertVerifies(dir.resolve("audit"));
  }

  private static HttpResponse<String> post(String url, String token, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesEventsWebhooksAndAuditAndKeepsPendingDeliveriesAcrossAStop() throws Exception {
    // a receiver that answers, and a port where nothing listens
    List<HttpExchangeRecord> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        ex -> {
          try (ex;
              InputStream in = ex.getRequestBody()) {
            received.add(
                new HttpExchangeRecord(
                    ex.getRequestHeaders().getFirst(WebhookSigner.ID),
                    ex.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP),
                    ex.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE),
                    in.readAllBytes()));
            ex.sendResponseHeaders(204, -1);
          }
        });
    receiver.start();
    int downPort;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      downPort = free.getLocalPort();
    }
    ServeCommand serve = new ServeCommand(Map.of(), false);
    CommandLine cl = commandLine(serve);
    PipedWriter pipe = new PipedWriter();
    BufferedReader lines = new BufferedReader(new PipedReader(pipe, 1 << 16));
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(pipe, true));
    cl.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> cl.execute("--config-dir", dir.toString(), "serve"));
    String downSubId;
    try {
      String ready = lines.readLine();
      Matcher m = READY.matcher(ready == null ? "" : ready);
      assertThat(m.matches()).as(ready + " / " + err).isTrue();
      String api = m.group(1);
      String token = Files.readString(Path.of(m.group(3))).trim();
      ObjectMapper json = new ObjectMapper();

      HttpResponse<String> good =
          post(
              api + "/webhooks",
              token,
              "{\"url\":\"http://127.0.0.1:"
                  + receiver.getAddress().getPort()
                  + "/hook\",\"types\":[\"session.created\"]}");
      assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
      String secret = json.readTree(good.body()).get("secret").asText();
      HttpResponse<String> down =
          post(
              api + "/webhooks",
              token,
              "{\"url\":\"http://127.0.0.1:"
                  + downPort
                  + "/hook\",\"types\":[\"session.created\"]}");
      assertThat(down.statusCode()).as(down.body()).isEqualTo(201);
      downSubId = json.readTree(down.body()).get("id").asText();

      BlockingQueue<String> events = new LinkedBlockingQueue<>();
      HttpResponse<Stream<String>> sse =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(api + "/events"))
                      .header("Authorization", "Bearer " + token)
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofLines());
      assertThat(sse.statusCode()).isEqualTo(200);
      Thread reader =
          new Thread(
              () -> {
                try (Stream<String> st = sse.body()) {
                  st.forEach(events::add);
                } catch (RuntimeException e) {
                  // the server stopped
                }
              },
              "sse-reader");
      reader.setDaemon(true);
      reader.start();

      HttpResponse<String> created =
          post(api + "/sessions", token, "{\"name\":\"s1\",\"endpoint\":\"demo\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String sessionId = json.readTree(created.body()).get("id").asText();
      boolean seen = false;
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (!seen && System.nanoTime() < until) {
        String line = events.poll(1, TimeUnit.SECONDS);
        seen =
            line != null
                && line.startsWith("data:")
                && line.contains("session.created")
                && line.contains(sessionId);
      }
      assertThat(seen).as("session.created on /events: " + events).isTrue();

      await().atMost(Duration.ofSeconds(15)).until(() -> !received.isEmpty());
      HttpExchangeRecord r = received.get(0);
      assertThat(WebhookSigner.verify(secret, r.id(), r.ts(), r.sig(), r.body(), Instant.now()))
          .isTrue();
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains(sessionId);

      // the other delivery failed once and waits for its retry
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  json.readTree(get(api + "/webhooks/" + downSubId + "/deliveries", token))
                          .get("items")
                          .size()
                      >= 1);

      JsonNode audit = json.readTree(get(api + "/audit?type=API_ACCESS", token)).get("items");
      assertThat(audit.size()).isPositive();
      assertThat(audit.get(0).toString()).contains("API_ACCESS");
    } finally {
      serve.stop();
      receiver.stop(0);
    }
    assertThat(exit.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();

    // nothing lost: the pending delivery is in the journal and comes back with the next start
    assertThat(Files.readString(dir.resolve(WebhookDispatcher.JOURNAL))).contains(downSubId);
    try (Platform again = Platform.open(Platform.Options.lenient(dir))) {
      assertThat(again.dispatcher().pending())
          .extracting(d -> d.subscriptionId())
          .contains(downSubId);
      assertThat(again.webhooks().list()).hasSize(2);
    }
  }

  private record HttpExchangeRecord(String id, String ts, String sig, byte[] body) {}

  @Test
  void aCorruptWebhooksFileIsRejectedUntouched() throws Exception {
    Path file = dir.resolve("webhooks.json");
    Files.writeString(file, "[{\"id\":");
    StringWriter err = new StringWriter();
    CommandLine cl = commandLine(new ServeCommand(Map.of(), false));
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("--config-dir", dir.toString(), "serve")).isEqualTo(1);
    assertThat(err.toString()).contains(file.toString());
    assertThat(Files.readString(file)).isEqualTo("[{\"id\":");
    assertThat(dir.resolve("audit")).doesNotExist();
  }

  @Test
  void aBadEndpointIsRejectedWithItsPathUntouchedAndNothingStarts() throws Exception {
    Path file = dir.resolve(Settings.FILE_NAME);
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
    assertThat(err.toString())
        .contains(file + ": $.endpoints[0].port: must be a whole number, not \"no\"");
    assertThat(out.toString()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo(bad);
    try (Stream<Path> s = Files.list(dir)) {
      // nothing moved aside, no audit log, no token
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly(Settings.FILE_NAME);
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
  void aBadPortInTheEnvironmentIsRejected() {
    StringWriter err = new StringWriter();
    CommandLine cl = commandLine(new ServeCommand(Map.of("CONSOLE3270_API_PORT", "x"), false));
    cl.setErr(new PrintWriter(err, true));
    // --config-dir may come after the command too
    assertThat(cl.execute("serve", "--config-dir", dir.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains("CONSOLE3270_API_PORT ($.api.port): must be a whole number, not \"x\"");
    assertThat(dir.resolve("audit")).doesNotExist();
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

  @Test
  @org.junit.jupiter.api.Timeout(120)
  void servesHttpsWithTheKeyStoreOfTheFileAndThePasswordFromTheEnvironment() throws Exception {
    Path store =
        dev.console3270.session.TlsTestKit.keyPair(dir, "api.p12", "CN=localhost", "ip:127.0.0.1");
    config("\"api\":{\"tls\":{\"keyStore\":\"" + store + "\"}},");
    ServeCommand serve =
        new ServeCommand(
            Map.of(
                "CONSOLE3270_API_KEYSTORE_PASSWORD",
                new String(dev.console3270.session.TlsTestKit.PASSWORD)),
            false);
    Running running =
        start(
            serve,
            Pattern.compile("api (https://127\\.0\\.0\\.1:(\\d+)/api/v1) token-file (\\S+)"),
            "--api-port",
            "0");
    CompletableFuture<Integer> exit = running.exit();
    StringWriter err = running.err();
    Matcher m = running.ready();
    String token = Files.readString(Path.of(m.group(3))).trim();
    java.security.KeyStore trust = dev.console3270.session.TlsTestKit.load(store);
    javax.net.ssl.TrustManagerFactory tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
    HttpResponse<String> health =
        https.send(
            HttpRequest.newBuilder(URI.create(m.group(1) + "/health"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(Files.readString(dir.resolve(Settings.FILE_NAME))).doesNotContain("changeit");
    serve.stop();
    assertThat(exit.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();
  }
}
