package dev.console3270.app;

import dev.console3270.audit.AuditConfig;
import dev.console3270.audit.AuditKey;
import dev.console3270.audit.AuditVerifier;
import dev.console3270.session.ConfigDirs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code console3270 audit}: tools for the audit trail. Without a subcommand it is a usage error
 * (exit 2).
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Tools for the audit trail.",
    subcommands = {AuditCommand.Verify.class})
public final class AuditCommand {

  /** Subdirectory of the configuration directory that holds the audit log by default. */
  public static final String DEFAULT_DIR = "audit";

  /**
   * {@code console3270 audit verify [DIR] [--key FILE]}: checks the hash chain, the sequence and
   * the checkpoints. The first output line is exactly {@code PASS} or {@code FAIL}; details follow.
   */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      versionProvider = Version.class,
      description = {
        "Verify an audit directory: hash chain, sequence numbers, checkpoint MACs, truncation.",
        "The first output line is PASS or FAIL; then the verified range, or the first bad record"
            + " (file, byte offset, seq, expected and actual value, reason), then warnings."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:PASS (warnings may follow)",
        "1:FAIL, or a log file could not be read",
        "2:bad usage: DIR is not a directory, or the key file is missing or invalid"
      })
  public static final class Verify implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "DIR",
        description = "the audit directory (default: 'audit' in the configuration directory)")
    private Path dir;

    @Option(
        names = "--key",
        paramLabel = "FILE",
        description = "the checkpoint key (default: DIR.key beside DIR); its anchor is FILE.anchor")
    private Path keyFile;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path directory = dir != null ? dir : configDir().resolve(DEFAULT_DIR);
      if (!Files.isDirectory(directory)) {
        err.println(
            "error: "
                + directory
                + (Files.exists(directory) ? " is not a directory" : ": no such directory"));
        err.flush();
        return Main.EXIT_USAGE;
      }
      Path key = keyFile != null ? keyFile : AuditConfig.defaultKeyFile(directory);
      AuditKey auditKey;
      try {
        auditKey = AuditKey.load(key);
      } catch (IOException e) {
        err.println("error: cannot read the audit key " + key + ": " + e.getMessage());
        err.flush();
        return Main.EXIT_USAGE;
      }
      AuditVerifier.Result result;
      try {
        result =
            AuditVerifier.verify(directory, auditKey, Optional.of(AuditConfig.anchorFileOf(key)));
      } catch (IOException e) {
        out.println("FAIL");
        out.println("error: " + e.getMessage());
        out.flush();
        return Main.EXIT_FAILURE;
      }
      result.report().forEach(out::println);
      out.flush();
      return result.passed() ? 0 : Main.EXIT_FAILURE;
    }

    /** Main's {@code --config-dir} when given, else the user's configuration directory. */
    private Path configDir() {
      for (CommandSpec s = spec; s != null; s = s.parent()) {
        OptionSpec option = s.findOption("--config-dir");
        if (option != null && option.getValue() != null) {
          return option.getValue();
        }
      }
      return ConfigDirs.configDir();
    }
  }
}
