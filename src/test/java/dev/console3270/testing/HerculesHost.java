package dev.console3270.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Hercules 3.13 (Debian package {@code hercules}) serving 3270 console devices on a free
 * loopback port, for live tests. Without an operating system loaded, each device shows Hercules'
 * logo screen over plain TN3270 and is never freed after its client leaves, so each instance has a
 * fixed number of devices (see ../shared/hercules/hercules.cnf).
 */
public final class HerculesHost implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/hercules");

  private final Process process;
  private final Path dir;
  private final int port;

  private HerculesHost(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** Skips the calling test when Hercules is missing, except under CI where that is a failure. */
  public static void assumeInstalled() {
    boolean present = Files.isExecutable(BINARY);
    if (!present && Peers.isCi()) {
      throw new AssertionError("hercules is required under CI=true but " + BINARY + " is missing");
    }
    assumeTrue(present, "hercules is not installed (apt-get install hercules); live test skipped");
  }

  /** Starts Hercules with {@code devices} 3270 devices (from 0010) and waits until it listens. */
  public static HerculesHost start(int devices) throws IOException, InterruptedException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    return start(devices, port);
  }

  /** Starts Hercules on a given loopback port (to restart one where clients expect it). */
  public static HerculesHost start(int devices, int port) throws IOException, InterruptedException {
    assumeInstalled();
    Path dir = Files.createTempDirectory("hercules");
    String config =
        String.join(
            "\n",
            "CPUSERIAL 000611",
            "CPUMODEL  3090",
            "MAINSIZE  16",
            "XPNDSIZE  0",
            "NUMCPU    1",
            "ARCHMODE  S/370",
            "CNSLPORT  127.0.0.1:" + port,
            "PANRATE   SLOW",
            "0009      3215-C  /",
            (devices == 1 ? "0010" : "0010." + devices) + "    3270",
            "");
    Path cnf = dir.resolve("hercules.cnf");
    Files.writeString(cnf, config, StandardCharsets.US_ASCII);
    Path log = dir.resolve("hercules.log");
    Process p =
        new ProcessBuilder(BINARY.toString(), "-d", "-f", cnf.toString())
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    HerculesHost host = new HerculesHost(p, dir, port);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)
          && Files.readString(log, StandardCharsets.ISO_8859_1).contains("HHCTE003I")) {
        return host;
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    String text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    host.close();
    throw new IOException("hercules did not start listening on " + port + ":\n" + text);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
