package dev.console3270.app;

import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.session.ActionInterpreter;
import dev.console3270.session.ActionResult;
import dev.console3270.session.ScriptableSession;
import dev.console3270.session.Session;
import dev.console3270.session.SessionProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code console3270 script}: runs x3270 actions from a file or stdin, one line at a time, and
 * answers each line as s3270 does on stdin ({@code data: } lines, the status line, {@code ok} or
 * {@code error}). The script's own {@code Connect(host:port)} opens the session. Ends at the end of
 * input or at {@code Quit()}.
 */
@Command(
    name = "script",
    mixinStandardHelpOptions = true,
    description = {
      "Runs x3270 actions (Connect, String, Enter, Wait, Ascii, Query, ...) from FILE or stdin,"
          + " printing s3270-style results."
    })
public final class ScriptCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--model",
      defaultValue = "3279-4-E",
      description = "Terminal model (default: ${DEFAULT-VALUE}).")
  private String model;

  @Option(
      names = "--code-page",
      defaultValue = CodePages.DEFAULT_NAME,
      description = "Host code page (default: ${DEFAULT-VALUE}).")
  private String codePage;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "Script file (default: stdin).")
  private Path file;

  private final Function<SessionProfile, ScriptableSession> sessions;
  private final InputStream stdin;

  /** The command with real sessions, reading stdin. */
  public ScriptCommand() {
    this(Session::new, System.in);
  }

  /** The command with another session factory and standard input (tests). */
  public ScriptCommand(Function<SessionProfile, ScriptableSession> sessions, InputStream stdin) {
    this.sessions = sessions;
    this.stdin = stdin;
  }

  @Override
  public Integer call() throws IOException {
    TerminalModel terminalModel;
    try {
      terminalModel = TerminalModel.parse(model);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (CodePages.find(codePage).isEmpty()) {
      throw new ParameterException(spec.commandLine(), "unknown code page '" + codePage + "'");
    }
    SessionProfile profile =
        SessionProfile.of("localhost", 23).withModel(terminalModel).withCodePage(codePage);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ActionInterpreter interpreter = new ActionInterpreter(profile, sessions);
    try (BufferedReader in = open(err)) {
      if (in == null) {
        return Main.EXIT_FAILURE;
      }
      String line;
      while ((line = in.readLine()) != null) {
        ActionResult result = interpreter.execute(line);
        for (String l : result.lines()) {
          out.println(l);
        }
        out.flush();
        if (interpreter.quitRequested()) {
          break;
        }
      }
    } finally {
      close(interpreter.session());
    }
    return 0;
  }

  private BufferedReader open(PrintWriter err) {
    if (file == null) {
      return new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    }
    try {
      return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("error: cannot read " + file + ": " + e.getMessage());
      err.flush();
      return null;
    }
  }

  private static void close(ScriptableSession session) {
    if (session == null) {
      return;
    }
    try {
      if (session.status().state().isConnected()) {
        session.disconnect().get(5, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      // ending anyway
    }
    if (session instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // ending anyway
      }
    }
  }
}
