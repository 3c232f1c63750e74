package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.app.SelfCheckCommand.Check;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SelfCheckCommandTest {

  private record Run(int exit, List<String> lines) {}

  private static Run run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    int exit = cl.execute(args);
    return new Run(exit, out.toString().lines().toList());
  }

  @Test
  void everyStandardCheckPassesOnTheBuildJdkAndPrintsOneOkLineEach() {
    Run r = run(Main.commandLine(), "self-check");

    assertThat(r.exit()).isZero();
    assertThat(r.lines())
        .containsExactly(
            "ok charset IBM037",
            "ok charset IBM1047",
            "ok charset IBM01140",
            "ok jdk.httpserver",
            "ok java.net.http",
            "ok SHA-256",
            "ok HmacSHA256",
            "ok AES/GCM/NoPadding",
            "ok PBKDF2WithHmacSHA256",
            "ok EC P-256",
            "ok TLSv1.3",
            "ok java.management",
            "ok jackson",
            "ok logback",
            "ok javafx");
  }

  @Test
  void aFailedCheckIsReportedWithItsReasonTheOthersStillRunAndTheExitIsOne() {
    SelfCheckCommand command =
        new SelfCheckCommand(
            List.of(
                new Check("first", () -> {}),
                new Check(
                    "missing module",
                    () -> {
                      throw new NoClassDefFoundError("java/lang/management/ManagementFactory");
                    }),
                new Check(
                    "bad answer",
                    () -> {
                      throw new IllegalStateException("line one\nline two");
                    }),
                new Check("last", () -> {})));

    Run r = run(new CommandLine(command));

    assertThat(r.exit()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(r.lines())
        .containsExactly(
            "ok first",
            "FAIL missing module: NoClassDefFoundError: java/lang/management/ManagementFactory",
            "FAIL bad answer: IllegalStateException: line one line two",
            "ok last");
  }

  @Test
  void aCharsetTheRuntimeLacksFails() {
    String reason =
        SelfCheckCommand.run(SelfCheckCommand.charset("IBM-NO-SUCH", "A", "c1").probe());

    assertThat(reason).isEqualTo("UnsupportedCharsetException: IBM-NO-SUCH");
  }

  @Test
  void aCharsetWithOtherBytesThanExpectedFails() {
    // X'AD' is '[' in code page 1047, not in 037 (X'BA')
    String reason = SelfCheckCommand.run(SelfCheckCommand.charset("IBM037", "[", "ad").probe());

    assertThat(reason).contains("encoding of \"[\" is ba, expected ad");
  }

  @Test
  void aDigestWithAnotherValueThanExpectedFails() {
    String reason = SelfCheckCommand.run(SelfCheckCommand.digest("SHA-256", "abd", "00").probe());
    String unknown = SelfCheckCommand.run(SelfCheckCommand.digest("SHA-0", "abc", "00").probe());

    assertThat(reason).startsWith("IllegalStateException: digest of \"abd\" is ");
    assertThat(unknown).startsWith("NoSuchAlgorithmException: SHA-0");
  }
}
