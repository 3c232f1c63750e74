package dev.console3270.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code s3270} (x3270 4.1) as a subprocess, driven through its stdin protocol: each
 * action is a line; s3270 answers with {@code data: } lines, a 12-field status line, then {@code
 * ok} or {@code error}. Every wait is bounded; {@link #close()} quits, then kills.
 */
public final class S3270 implements AutoCloseable {

  /** Where Debian installs s3270. */
  public static final Path BINARY = Path.of("/usr/bin/s3270");

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
  private static final String EOF = "\u0000EOF";

  /**
   * One reply.
   *
   * @param data the {@code data:} lines without the prefix
   * @param status the status line
   * @param ok true for {@code ok}, false for {@code error}
   */
  public record Reply(List<String> data, String status, boolean ok) {
    /** The 12 status fields. */
    public String[] statusFields() {
      return status.split(" ");
    }

    /** Status field 2: {@code F} when the screen is formatted. */
    public boolean formatted() {
      String[] f = statusFields();
      return f.length > 1 && f[1].equals("F");
    }
  }

  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuffer stderr = new StringBuffer();

  private S3270(Process process) {
    this.process = process;
    this.stdin = process.getOutputStream();
    pump(process.getInputStream(), true);
    pump(process.getErrorStream(), false);
  }

  /** True when s3270 is installed. */
  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Skips the test when s3270 is missing (fails it when CI=true). */
  public static void assumeAvailable() {
    Conformance.require(
        available(), "s3270 not installed at " + BINARY + " (apt-get install s3270)");
  }

  /**
   * Starts s3270.
   *
   * @param model a model such as {@code 3279-4-E}, or null for s3270's default
   * @param codePage a code page name for {@code -codepage}, or null for the default (bracket)
   * @param extraArgs more command-line options (e.g. {@code -oversize 132x43})
   */
  public static S3270 start(String model, String codePage, String... extraArgs) throws IOException {
    assumeAvailable();
    List<String> cmd = new ArrayList<>();
    cmd.add(BINARY.toString());
    if (model != null) {
      cmd.add("-model");
      cmd.add(model);
    }
    if (codePage != null) {
      cmd.add("-codepage");
      cmd.add(codePage);
    }
    cmd.addAll(List.of(extraArgs));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("LANG", "C.UTF-8");
    env.remove("LC_ALL");
    return new S3270(pb.start());
  }

  private void pump(InputStream in, boolean out) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (out) {
                    lines.add(line);
                  } else {
                    stderr.append(line).append('\n');
                  }
                }
              } catch (IOException e) {
                // process ended
              } finally {
                if (out) {
                  lines.add(EOF);
                }
              }
            },
            out ? "s3270-stdout" : "s3270-stderr");
    t.setDaemon(true);
    t.start();
  }

  /** The process id (to read its memory from /proc). */
  public long pid() {
    return process.pid();
  }

  /** Runs an action with the default 15-second timeout. */
  public Reply run(String action) throws IOException {
    return run(action, DEFAULT_TIMEOUT);
  }

  /**
   * Runs an action and reads its reply.
   *
   * @throws IOException when s3270 exits or does not answer in time
   */
  public Reply run(String action, Duration timeout) throws IOException {
    send(action);
    return awaitReply(action, timeout);
  }

  /** Sends an action without waiting for its reply; take it later with {@link #awaitReply}. */
  public void send(String action) throws IOException {
    stdin.write((action + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  /**
   * Reads the reply to an action sent earlier.
   *
   * @throws IOException when s3270 exits or does not answer in time
   */
  public Reply awaitReply(String action, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> data = new ArrayList<>();
    String status = "";
    while (true) {
      long left = deadline - System.nanoTime();
      String line;
      try {
        line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for s3270", e);
      }
      if (line == null) {
        throw new IOException("s3270 did not answer " + action + " within " + timeout);
      }
      if (line.equals(EOF)) {
        lines.add(EOF);
        throw new IOException("s3270 exited during " + action + "; stderr: " + stderr);
      }
      if (line.equals("ok") || line.equals("error")) {
        return new Reply(List.copyOf(data), status, line.equals("ok"));
      }
      if (line.startsWith("data: ")) {
        data.add(line.substring(6));
      } else if (line.startsWith("data:")) {
        data.add(line.substring(5));
      } else {
        status = line;
      }
    }
  }

  /** Runs an action that must succeed. */
  public Reply runOk(String action) throws IOException {
    Reply r = run(action);
    if (!r.ok()) {
      throw new IOException(action + " failed: " + String.join("\n", r.data()));
    }
    return r;
  }

  /** {@code Connect(host:port)}. */
  public Reply connect(String host, int port) throws IOException {
    return run("Connect(" + host + ":" + port + ")");
  }

  /** {@code Wait(seconds,what)}, e.g. {@code wait(2, "Output")}; an error reply on timeout. */
  public Reply waitFor(int seconds, String what) throws IOException {
    return run("Wait(" + seconds + "," + what + ")", Duration.ofSeconds(seconds + 10L));
  }

  /** {@code Wait(seconds,Output)}: waits for the host to change the screen. */
  public Reply waitOutput(int seconds) throws IOException {
    return waitFor(seconds, "Output");
  }

  /** The screen as {@code Ascii()} prints it: one string per row. */
  public List<String> ascii() throws IOException {
    return runOk("Ascii()").data();
  }

  /** {@code Query(what)}: the first data line, or the empty string. */
  public String query(String what) throws IOException {
    List<String> d = runOk("Query(" + what + ")").data();
    return d.isEmpty() ? "" : d.get(0);
  }

  /** What s3270 wrote to stderr so far. */
  public String stderr() {
    return stderr.toString();
  }

  /** Sends {@code Quit()}, waits up to 3 seconds, then kills the process. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        stdin.write("Quit()\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        stdin.close();
      }
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(3, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
