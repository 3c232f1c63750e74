package dev.console3270.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The entry point. Without arguments it opens the window; with a command it runs that command-line
 * tool. Exit codes: 0 success, 1 failure, 2 bad usage.
 */
@Command(
    name = "console3270",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "A desktop console for IBM mainframe work over TN3270.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ReplayCommand.class,
      ScriptCommand.class,
      DemoHostCommand.class,
      AuditCommand.class,
      ServeCommand.class,
      SelfCheckCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:the command failed", "2:bad usage (unknown option or command)"})
public final class Main implements Callable<Integer> {

  /** Exit code of a command that ran but failed. */
  public static final int EXIT_FAILURE = 1;

  /** Exit code of a bad command line. */
  public static final int EXIT_USAGE = 2;

  @Option(
      names = "--config-dir",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "configuration directory (default: the user's, e.g. ~/.config/console3270)")
  private Path configDir;

  public static void main(String[] args) {
    // before any HttpServer exists: answers go out at once (see ApiServer.start)
    System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
    System.exit(commandLine().execute(args));
  }

  /** Builds the command line with every subcommand; tests execute it without exiting. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          cmd.getErr().println(cmd.getColorScheme().errorText("error: " + ex.getMessage()));
          return EXIT_FAILURE;
        });
    return commandLine;
  }

  @Override
  public Integer call() throws InterruptedException {
    return WindowLauncher.run(WindowLauncher.configDir(configDir));
  }
}
