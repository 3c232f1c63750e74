package dev.console3270.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays every corpus trace to s3270 4.1 and writes a table of what it reached to {@code
 * target/oracle-survey.md}. Slow (minutes), so it runs only with {@code -Doracle.survey=true}.
 */
class OracleSurveyTest {

  @Test
  void surveyAllTraces() throws IOException {
    assumeTrue(Boolean.getBoolean("oracle.survey"), "run with -Doracle.survey=true");
    S3270.assumeAvailable();
    StringBuilder table = new StringBuilder();
    table.append(
        "| trace | model | code page | s3270 4.1 state | screen | replies matched | first row |\n");
    table.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    List<String> names = Conformance.traceNames();
    for (String name : names) {
      Oracle.Result r = Oracle.replay(name);
      String outcome;
      String state = r.connectionState();
      if (state.equals("negotiation-incomplete")) {
        outcome = "negotiation never completed";
      } else if (r.error() != null) {
        outcome = "failed";
      } else if (r.in3270()) {
        outcome = r.formatted() ? "formatted 3270" : "unformatted 3270";
      } else if (state.contains("nvt")) {
        outcome = "NVT";
      } else if (state.equals("connected-sscp")) {
        outcome = "SSCP-LU";
      } else if (state.equals("connected-unbound")) {
        outcome = "TN3270E, unbound";
      } else {
        outcome = state;
      }
      String first = r.screen().stream().filter(s -> !s.isBlank()).findFirst().orElse("").strip();
      if (r.error() != null) {
        first = r.error().replace('\n', ' ');
      }
      if (first.length() > 50) {
        first = first.substring(0, 50) + "...";
      }
      table
          .append("| ")
          .append(name)
          .append(" | ")
          .append(r.model())
          .append(" | ")
          .append(r.codePage())
          .append(" | ")
          .append(r.connectionState())
          .append(" | ")
          .append(outcome)
          .append(" | ")
          .append(r.matchingExchanges())
          .append("/")
          .append(r.exchanges().size())
          .append(" | ")
          .append(first.replace("|", "\\|"))
          .append(" |\n");
    }
    Path out = Path.of("target", "oracle-survey.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table.toString(), StandardCharsets.UTF_8);
    System.out.println(table);
    assertThat(table.toString()).contains("s3270__login.trc");
  }
}
