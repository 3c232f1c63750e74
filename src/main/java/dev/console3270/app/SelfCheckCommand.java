package dev.console3270.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.concurrent.Callable;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code console3270 self-check}: proves, without a window, that the Java runtime running the app
 * has what the app needs (EBCDIC charsets, the HTTP server and client, crypto, TLS 1.3, JSON,
 * logging). Meant for trimmed runtimes such as the installers' own. Prints one line per check,
 * {@code ok NAME} or {@code FAIL NAME: REASON}, and exits 0 only if every check passed.
 */
@Command(
    name = "self-check",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Check that this Java runtime has what Console3270 needs, without opening a window.",
      "Prints one line per check: 'ok NAME' or 'FAIL NAME: REASON'."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every check passed", "1:at least one check failed"})
public final class SelfCheckCommand implements Callable<Integer> {

  /** What a check runs; it throws when the runtime lacks what is checked. */
  @FunctionalInterface
  interface Probe {
    /** Runs the check. */
    void run() throws Exception;
  }

  /** One named check. */
  record Check(String name, Probe probe) {}

  @Spec private CommandSpec spec;

  private final List<Check> checks;

  /** The command as the command line creates it: every standard check. */
  public SelfCheckCommand() {
    this(standardChecks());
  }

  /** A command running {@code checks} in order (tests give their own). */
  SelfCheckCommand(List<Check> checks) {
    this.checks = List.copyOf(checks);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean allOk = true;
    for (Check check : checks) {
      String failure = run(check.probe());
      if (failure == null) {
        out.println("ok " + check.name());
      } else {
        out.println("FAIL " + check.name() + ": " + failure);
        allOk = false;
      }
      out.flush();
    }
    return allOk ? 0 : Main.EXIT_FAILURE;
  }

  /** Runs one probe; null when it passed, else why it failed, on one line. */
  static String run(Probe probe) {
    try {
      probe.run();
      return null;
    } catch (Exception | LinkageError | ServiceConfigurationError e) {
      // a module missing from the runtime shows up as NoClassDefFoundError
      String message = e.getMessage();
      String reason = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
      return reason.replace('\n', ' ').replace('\r', ' ');
    }
  }

  /** Every check the app needs, in the order they run. */
  static List<Check> standardChecks() {
    return List.of(
        charset("IBM037", "A1[$", "c1f1ba5b"),
        charset("IBM1047", "A1[$", "c1f1ad5b"),
        charset("IBM01140", "A1€", "c1f19f"),
        new Check("jdk.httpserver", SelfCheckCommand::httpServer),
        new Check("java.net.http", SelfCheckCommand::httpClient),
        digest(
            "SHA-256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        new Check("HmacSHA256", SelfCheckCommand::hmac),
        new Check("AES/GCM/NoPadding", SelfCheckCommand::aesGcm),
        new Check("PBKDF2WithHmacSHA256", SelfCheckCommand::pbkdf2),
        new Check("EC P-256", SelfCheckCommand::ellipticCurve),
        new Check("TLSv1.3", SelfCheckCommand::tls13),
        new Check("java.management", SelfCheckCommand::management),
        new Check("jackson", SelfCheckCommand::jackson),
        new Check("logback", SelfCheckCommand::logback),
        new Check("javafx", SelfCheckCommand::javafx));
  }

  /** Encodes {@code text} with {@code name} and expects {@code hex}, then decodes it back. */
  static Check charset(String name, String text, String hex) {
    return new Check(
        "charset " + name,
        () -> {
          Charset cs = Charset.forName(name);
          byte[] bytes = text.getBytes(cs);
          expect("encoding of \"" + text + "\"", hex, HexFormat.of().formatHex(bytes));
          expect("decoding", text, new String(bytes, cs));
        });
  }

  /** Hashes {@code text} (UTF-8) with {@code algorithm} and expects {@code hex}. */
  static Check digest(String algorithm, String text, String hex) {
    return new Check(
        algorithm,
        () -> {
          byte[] d = MessageDigest.getInstance(algorithm).digest(text.getBytes(UTF8));
          expect("digest of \"" + text + "\"", hex, HexFormat.of().formatHex(d));
        });
  }

  private static final Charset UTF8 = StandardCharsets.UTF_8;

  private static void expect(String what, String expected, String actual) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException(what + " is " + actual + ", expected " + expected);
    }
  }

  /** A loopback HTTP server answering {@code GET /self-check} with "self-check". */
  private static HttpServer server() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/self-check",
        exchange -> {
          byte[] body = "self-check".getBytes(UTF8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  private static URI uri(HttpServer server) {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/self-check"); // loopback only
  }

  private static void httpServer() throws IOException {
    HttpServer server = server();
    try {
      HttpURLConnection c = (HttpURLConnection) uri(server).toURL().openConnection();
      c.setConnectTimeout(5000);
      c.setReadTimeout(5000);
      try (InputStream in = c.getInputStream()) {
        expect("status", "200", Integer.toString(c.getResponseCode()));
        expect("body", "self-check", new String(in.readAllBytes(), UTF8));
      } finally {
        c.disconnect();
      }
    } finally {
      server.stop(0);
    }
  }

  private static void httpClient() throws IOException, InterruptedException {
    HttpServer server = server();
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(uri(server)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      expect("status", "200", Integer.toString(r.statusCode()));
      expect("body", "self-check", r.body());
    } finally {
      server.stop(0);
    }
  }

  /** RFC 4231 test case 2. */
  private static void hmac() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("Jefe".getBytes(UTF8), "HmacSHA256"));
    String hex =
        HexFormat.of().formatHex(mac.doFinal("what do ya want for nothing?".getBytes(UTF8)));
    expect("HMAC", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", hex);
  }

  private static void aesGcm() throws Exception {
    KeyGenerator kg = KeyGenerator.getInstance("AES");
    kg.init(256);
    SecretKey key = kg.generateKey();
    byte[] iv = new byte[12];
    new SecureRandom().nextBytes(iv);
    byte[] plain = "console3270 self-check".getBytes(UTF8);
    Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
    enc.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
    byte[] sealed = enc.doFinal(plain);
    Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
    dec.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
    if (!Arrays.equals(plain, dec.doFinal(sealed))) {
      throw new IllegalStateException("decryption did not give the plain text back");
    }
  }

  /** RFC 7914 section 11, first PBKDF2-HMAC-SHA256 vector (one iteration, 64 bytes). */
  private static void pbkdf2() throws Exception {
    SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
    byte[] dk =
        f.generateSecret(new PBEKeySpec("passwd".toCharArray(), "salt".getBytes(UTF8), 1, 512))
            .getEncoded();
    expect(
        "derived key",
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
            + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
        HexFormat.of().formatHex(dk));
  }

  private static void ellipticCurve() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    byte[] data = "console3270".getBytes(UTF8);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(pair.getPrivate());
    s.update(data);
    byte[] signature = s.sign();
    Signature v = Signature.getInstance("SHA256withECDSA");
    v.initVerify(pair.getPublic());
    v.update(data);
    if (!v.verify(signature)) {
      throw new IllegalStateException("an ECDSA signature did not verify");
    }
  }

  private static void tls13() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLSv1.3");
    ctx.init(null, null, null);
    SSLEngine engine = ctx.createSSLEngine();
    if (!Arrays.asList(engine.getEnabledProtocols()).contains("TLSv1.3")) {
      throw new IllegalStateException(
          "TLSv1.3 is not enabled: " + Arrays.toString(engine.getEnabledProtocols()));
    }
    if (!Arrays.asList(engine.getEnabledCipherSuites()).contains("TLS_AES_128_GCM_SHA256")) {
      throw new IllegalStateException("TLS_AES_128_GCM_SHA256 is not enabled");
    }
  }

  private static void management() {
    // the audit trail names the process through the runtime MXBean
    String name = ManagementFactory.getRuntimeMXBean().getName();
    if (name == null || name.isBlank()) {
      throw new IllegalStateException("the runtime MXBean has no name");
    }
  }

  /** A record the JSON check writes and reads back. */
  record Sample(String name, int count, List<String> tags, Map<String, Boolean> flags) {}

  private static void jackson() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Sample sample = new Sample("Zürich €", 3270, List.of("a", "b"), Map.of("tls", true));
    String json = mapper.writeValueAsString(sample);
    Sample back = mapper.readValue(json, Sample.class);
    if (!sample.equals(back)) {
      throw new IllegalStateException("JSON round trip gave " + back + " for " + json);
    }
  }

  private static void logback() {
    if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      throw new IllegalStateException(
          "SLF4J is bound to "
              + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName()
              + ", not Logback");
    }
    for (Status s : ctx.getStatusManager().getCopyOfStatusList()) {
      if (s.getLevel() >= Status.ERROR) {
        throw new IllegalStateException("Logback configuration error: " + s.getMessage());
      }
    }
    Logger logger = ctx.getLogger(SelfCheckCommand.class.getName() + ".probe");
    ListAppender<ILoggingEvent> list = new ListAppender<>();
    list.setContext(ctx);
    list.start();
    boolean additive = logger.isAdditive();
    logger.setAdditive(false);
    logger.addAppender(list);
    try {
      logger.warn("self-check {}", 3270);
    } finally {
      logger.detachAppender(list);
      logger.setAdditive(additive);
      list.stop();
    }
    if (list.list.size() != 1
        || !"self-check 3270".equals(list.list.get(0).getFormattedMessage())) {
      throw new IllegalStateException("a logged event did not arrive: " + list.list);
    }
  }

  /**
   * The window's classes are present (not started: no display is needed), and when JavaFX runs as
   * modules (jpackage, javafx:run) ControlsFX can reach the JavaFX internal it needs.
   */
  private static void javafx() throws ClassNotFoundException {
    ClassLoader loader = SelfCheckCommand.class.getClassLoader();
    Class.forName("javafx.scene.control.Control", false, loader);
    Class.forName("javafx.fxml.FXMLLoader", false, loader);
    Module base = Class.forName("javafx.event.Event", false, loader).getModule();
    Module app = SelfCheckCommand.class.getModule();
    if (base.isNamed() && !base.isExported("com.sun.javafx.event", app)) {
      throw new IllegalStateException(
          "module javafx.base does not export com.sun.javafx.event to the application"
              + " (--add-exports javafx.base/com.sun.javafx.event=ALL-UNNAMED is missing)");
    }
  }
}
