package dev.console3270.app;

import dev.console3270.protocol.trace.TraceFile;
import dev.console3270.session.ReplayHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code console3270 replay TRACE}: plays the host side of an x3270 trace to one TN3270 client on
 * 127.0.0.1. Prints {@code listening on 127.0.0.1:PORT} once ready; with {@code --verify}, prints
 * {@code PASS} or the first difference once the trace has been played.
 *
 * <p>Exit codes: 0 the client was served (and, with {@code --verify}, matched the trace); 1 it
 * differed, or the replay failed (no client within {@code --accept-timeout}, the port is taken, the
 * file is not a trace, interrupted); 2 bad usage, including a trace file that is missing or
 * unreadable.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Serve an x3270 trace to one TN3270 client on 127.0.0.1, as the host it was recorded with.",
      "Prints 'listening on 127.0.0.1:PORT' when ready. After each host burst it reads as many"
          + " bytes as the trace's emulator lines hold; --verify compares them byte for byte.",
      "In a trace whose header says redaction or card masking was on, a masked byte ('*',"
          + " X'5C') in the emulator lines matches whatever the client sends there."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:served (with --verify: the client sent exactly what the trace holds)",
      "1:the client differed, or the replay failed (no client in time, port taken, not a trace)",
      "2:bad usage, or the trace file is missing or unreadable"
    })
public final class ReplayCommand implements Callable<Integer> {

  /** Exit code when the replay ran and the client matched (or no verification). */
  public static final int EXIT_OK = 0;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TRACE", description = "the x3270 trace file (.trc)")
  private Path trace;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      description = "port to listen on (0, the default, picks a free one)")
  private int port;

  @Option(
      names = "--verify",
      description = "compare what the client sends with the trace; print PASS or the difference")
  private boolean verify;

  @Option(
      names = "--read-timeout",
      paramLabel = "MS",
      defaultValue = "2000",
      description = "how long to wait for the client's bytes after a host burst (default 2000)")
  private long readTimeoutMillis;

  @Option(
      names = "--accept-timeout",
      paramLabel = "SECONDS",
      defaultValue = "0",
      description = "give up when no client connects in time (0, the default: wait until killed)")
  private long acceptTimeoutSeconds;

  @Option(
      names = "--hold",
      paramLabel = "SECONDS",
      defaultValue = "-1",
      description =
          "after the trace, keep the connection open this long (default: until the client"
              + " disconnects)")
  private long holdSeconds;

  /** Pause after the last burst so that bytes sent past the end of the trace are counted. */
  private static final Duration SETTLE = Duration.ofMillis(300);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      err.println("error: --port must be 0 to 65535: " + port);
      err.flush();
      return Main.EXIT_USAGE;
    }
    if (readTimeoutMillis <= 0) {
      err.println("error: --read-timeout must be positive: " + readTimeoutMillis);
      err.flush();
      return Main.EXIT_USAGE;
    }
    if (!Files.isRegularFile(trace) || !Files.isReadable(trace)) {
      err.println(
          "error: cannot read trace "
              + trace
              + (Files.exists(trace) ? ": not a readable file" : ": no such file"));
      err.flush();
      return Main.EXIT_USAGE;
    }
    String text;
    try {
      text = Files.readString(trace, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      err.println("error: cannot read trace " + trace + ": " + e.getMessage());
      err.flush();
      return Main.EXIT_USAGE;
    }
    TraceFile parsed;
    try {
      parsed = TraceFile.parse(text);
    } catch (IllegalArgumentException e) {
      err.println("error: " + trace + " is not an x3270 trace: " + e.getMessage());
      err.flush();
      return Main.EXIT_FAILURE;
    }
    if (parsed.bursts().isEmpty()) {
      err.println("error: " + trace + " holds no data lines ('< 0x...' or '> 0x...')");
      err.flush();
      return Main.EXIT_FAILURE;
    }
    ReplayHost.Options options =
        ReplayHost.Options.defaults()
            .withPort(port)
            .withReadTimeout(Duration.ofMillis(readTimeoutMillis));
    ReplayHost host;
    try {
      host = ReplayHost.start(text, options);
    } catch (BindException e) {
      err.println("error: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
      err.flush();
      return Main.EXIT_FAILURE;
    } catch (IOException e) {
      err.println("error: cannot listen: " + e.getMessage());
      err.flush();
      return Main.EXIT_FAILURE;
    }
    try (host) {
      out.println("listening on 127.0.0.1:" + host.port());
      out.flush();
      return serve(host, out, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      err.flush();
      return Main.EXIT_FAILURE;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return Main.EXIT_FAILURE;
    }
  }

  private int serve(ReplayHost host, PrintWriter out, PrintWriter err) throws InterruptedException {
    boolean connected =
        acceptTimeoutSeconds > 0
            ? host.awaitConnected(Duration.ofSeconds(acceptTimeoutSeconds))
            : awaitForever(host::awaitConnected);
    if (!connected) {
      err.println("error: no client connected within " + acceptTimeoutSeconds + " s");
      err.flush();
      return Main.EXIT_FAILURE;
    }
    // Every read is bounded by the read timeout, so this ends.
    awaitForever(host::awaitAllSent);
    Thread.sleep(SETTLE.toMillis());
    Optional<ReplayHost.Difference> diff = Optional.empty();
    if (verify) {
      diff = host.firstDifference();
      out.println(diff.map(ReplayHost.Difference::describe).orElse("PASS"));
      out.flush();
    }
    if (holdSeconds < 0) {
      awaitForever(host::awaitFinished);
    } else if (holdSeconds > 0) {
      host.awaitFinished(Duration.ofSeconds(holdSeconds));
    }
    if (host.failure() != null) {
      err.println("error: " + host.failure().getMessage());
      err.flush();
      return Main.EXIT_FAILURE;
    }
    return diff.isPresent() ? Main.EXIT_FAILURE : EXIT_OK;
  }

  private interface Await {
    boolean await(Duration timeout) throws InterruptedException;
  }

  private static boolean awaitForever(Await await) throws InterruptedException {
    while (!await.await(Duration.ofSeconds(1))) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException();
      }
    }
    return true;
  }
}
