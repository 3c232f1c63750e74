package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the jpackage app-image from what {@code mvn package} left in {@code target/jpackage} (the
 * same arguments the installers use) and runs its launcher: {@code self-check}, then {@code serve}
 * answering an authenticated health request and stopping cleanly on SIGTERM. Skipped, with the
 * reason, when this JDK has no jpackage, unless {@code CI=true}.
 */
class AppImageIT {

  private static final Pattern READY =
      Pattern.compile("api (http://127\\.0\\.0\\.1:\\d+/api/v1) token-file (.+)");

  private static Path launcher;

  /** Why the app-image cannot be built here (each test is then skipped with it), else null. */
  private static String skipped;

  @BeforeAll
  static void buildAppImage() throws IOException {
    Optional<ToolProvider> jpackage = ToolProvider.findFirst("jpackage");
    String missing = null;
    if (jpackage.isEmpty()) {
      missing =
          "this JDK ("
              + System.getProperty("java.home")
              + ") has no jpackage tool (module jdk.jpackage)";
    } else if (isLinux() && !onPath("objcopy")) {
      missing = "objcopy (Debian: binutils) is not on PATH; jlink --strip-debug runs it";
    }
    if (missing != null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true and the app-image cannot be built: " + missing);
      }
      skipped = "app-image test skipped: " + missing;
      System.err.println(skipped);
      return;
    }
    Path args = Path.of(property("jpackage.args"));
    if (!Files.isRegularFile(args)) {
      fail(args + " is missing: run this test through Maven (mvn verify), after package");
    }
    Path dest = Path.of(property("it.dir")).resolve("app-image");
    deleteTree(dest);
    StringWriter log = new StringWriter();
    PrintWriter out = new PrintWriter(log, true);
    int rc = jpackage.get().run(out, out, "@" + args, "--dest", dest.toString());
    assertThat(rc).as("jpackage @%s failed:%n%s", args, log).isZero();
    launcher = launcherIn(dest.resolve("Console3270"));
    assertThat(launcher).as("the launcher").isExecutable();
  }

  @Test
  void selfCheckPassesEveryCheckInTheTrimmedRuntime(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(skipped == null, skipped);
    Path stdout = dir.resolve("out.txt");
    Path stderr = dir.resolve("err.txt");
    Process p =
        new ProcessBuilder(launcher.toString(), "self-check")
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("self-check ends within 60 s").isTrue();
      List<String> expected = new ArrayList<>();
      SelfCheckCommand.standardChecks().forEach(c -> expected.add("ok " + c.name()));
      assertThat(Files.readAllLines(stdout))
          .as("self-check output (stderr: %s)", Files.readString(stderr))
          .containsExactlyElementsOf(expected);
      assertThat(p.exitValue()).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void serveAnswersAnAuthenticatedHealthRequestAndStopsCleanlyOnSigterm(@TempDir Path dir)
      throws Exception {
    Assumptions.assumeTrue(skipped == null, skipped);
    Path config = dir.resolve("config");
    Path stdout = dir.resolve("out.txt");
    Path stderr = dir.resolve("err.txt");
    Process p =
        new ProcessBuilder(
                launcher.toString(), "--config-dir", config.toString(), "serve", "--api-port", "0")
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    try {
      String ready = firstLine(p, stdout, stderr);
      Matcher m = READY.matcher(ready);
      assertThat(m.matches()).as("the ready line: %s", ready).isTrue();
      String token = Files.readString(Path.of(m.group(2)), StandardCharsets.UTF_8).trim();
      assertThat(token).isNotEmpty();

      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      URI health = URI.create(m.group(1) + "/health");
      HttpResponse<String> ok =
          client.send(
              HttpRequest.newBuilder(health)
                  .header("Authorization", "Bearer " + token)
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).as("GET %s: %s", health, ok.body()).isEqualTo(200);
      HttpResponse<String> anonymous =
          client.send(
              HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).as("without the token").isEqualTo(401);

      p.destroy(); // SIGTERM
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("serve stops within 30 s").isTrue();
      assertThat(p.exitValue()).as("exit code (stderr: %s)", Files.readString(stderr)).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  /** Waits (up to 60 s) for the process's first complete line of standard output. */
  private static String firstLine(Process p, Path stdout, Path stderr)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String text = Files.readString(stdout, StandardCharsets.UTF_8);
      int eol = text.indexOf('\n');
      if (eol >= 0) {
        return text.substring(0, eol).strip();
      }
      if (!p.isAlive()) {
        fail("serve ended (exit " + p.exitValue() + ") before ready: " + Files.readString(stderr));
      }
      Thread.sleep(100);
    }
    return fail("no ready line within 60 s; stderr: " + Files.readString(stderr));
  }

  private static Path launcherIn(Path image) {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      return image.resolve("Console3270.exe");
    }
    if (os.contains("mac")) {
      return image.resolveSibling("Console3270.app").resolve("Contents/MacOS/Console3270");
    }
    return image.resolve("bin").resolve("Console3270");
  }

  private static boolean isLinux() {
    return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(File.pathSeparator))
            .filter(d -> !d.isEmpty())
            .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }

  private static String property(String name) {
    String v = System.getProperty(name);
    if (v == null || v.isBlank()) {
      fail("system property " + name + " is not set: run this test through Maven (mvn verify)");
    }
    return v;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
