package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void versionPrintsProductAndVersionAndExitsZero() {
    Run r = run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("console3270 ").doesNotContain("${");
  }

  @Test
  void helpListsUsageAndExitCodes() {
    Run r = run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: console3270").contains("Exit codes:");
  }

  @Test
  void unknownOptionIsUsageErrorWithExitTwo() {
    Run r = run("--no-such-option");
    assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.err()).contains("Unknown option");
  }

  @Test
  void unknownCommandIsUsageError() {
    Run r = run("no-such-command");
    assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
  }
}
