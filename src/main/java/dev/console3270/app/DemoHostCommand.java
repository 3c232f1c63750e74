package dev.console3270.app;

import dev.console3270.host.DemoHost;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code console3270 demo-host}: runs the built-in demo host until killed. Prints {@code listening
 * on ADDRESS:PORT} once it accepts connections.
 */
@Command(
    name = "demo-host",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the built-in TN3270E demo host until killed (Ctrl-C).",
      "Prints 'listening on ADDRESS:PORT' when ready. Users: DEMO/DEMO3270, ADMIN/ADMIN3270."
    })
public final class DemoHostCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "3270",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--name",
      defaultValue = "DEMO",
      description = "The host's name, shown on every screen (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--max-clients",
      defaultValue = "64",
      description = "Most clients served at once (default: ${DEFAULT-VALUE}).")
  int maxClients;

  private final Consumer<DemoHost> onStart;

  /** The command as the command line creates it. */
  public DemoHostCommand() {
    this(host -> {});
  }

  /** A command that hands the running host to {@code onStart} (tests stop it through that). */
  DemoHostCommand(Consumer<DemoHost> onStart) {
    this.onStart = onStart;
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be 0 to 65535: " + port);
    }
    if (maxClients < 1) {
      throw new ParameterException(spec.commandLine(), "--max-clients must be at least 1");
    }
    if (name.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--name must not be blank");
    }
    DemoHost host = DemoHost.start(bind, port, name.strip(), maxClients);
    Thread hook = new Thread(host::close, "demo-host-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      PrintWriter out = spec.commandLine().getOut();
      out.println("listening on " + host.address().getHostString() + ":" + host.port());
      out.flush();
      onStart.accept(host);
      host.awaitClosed();
    } finally {
      host.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is running
      }
    }
    return 0;
  }
}
