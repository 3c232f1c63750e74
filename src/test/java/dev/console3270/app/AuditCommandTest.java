package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.audit.AuditConfig;
import dev.console3270.audit.AuditEvent;
import dev.console3270.audit.AuditLog;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuditCommandTest {

  @TempDir Path tmp;
  private Path dir;

  private record Run(int exit, String out, String err) {
    String firstLine() {
      return out.lines().findFirst().orElse("");
    }
  }

  private static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeEach
  void writeLog() throws Exception {
    dir = tmp.resolve("audit");
    try (AuditLog log = AuditLog.open(AuditConfig.defaults(dir, tmp.resolve("audit.key")))) {
      for (int i = 0; i < 5; i++) {
        log.append(
            AuditEvent.of(
                "u", AuditType.AID_KEY, AuditOutcome.SUCCESS, "here", "s1", Map.of("i", "" + i)));
      }
    }
  }

  @Test
  void aGoodLogPrintsPassFirstAndExitsZero() {
    Run r = run("audit", "verify", dir.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.firstLine()).isEqualTo("PASS");
    assertThat(r.out()).contains("verified seq 1 to 9 (9 records)");
  }

  @Test
  void theDefaultDirectoryIsAuditInTheConfigDirectory() {
    Run r = run("--config-dir", tmp.toString(), "audit", "verify");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.firstLine()).isEqualTo("PASS");
  }

  @Test
  void aTamperedLogPrintsFailFirstAndExitsOne() throws Exception {
    Path file;
    try (var s = Files.list(dir)) {
      file = s.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    lines.set(3, lines.get(3).replace("\"user\":\"u\"", "\"user\":\"v\""));
    Files.write(file, lines, StandardCharsets.UTF_8);
    Run r = run("audit", "verify", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.firstLine()).isEqualTo("FAIL");
    assertThat(r.out())
        .contains("HASH_MISMATCH in " + file.getFileName() + " at byte offset ")
        .contains(", seq 5");
  }

  @Test
  void anExplicitKeyIsUsedAndAWrongOneFails() throws Exception {
    Path other = tmp.resolve("other.key");
    Files.writeString(other, "00".repeat(32) + "\n");
    Run wrong = run("audit", "verify", dir.toString(), "--key", other.toString());
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.firstLine()).isEqualTo("FAIL");
    assertThat(wrong.out()).contains("BAD_CHECKPOINT");
    Run right =
        run("audit", "verify", dir.toString(), "--key", tmp.resolve("audit.key").toString());
    assertThat(right.exit()).isZero();
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    assertThat(run("audit", "verify", tmp.resolve("nope").toString()).exit()).isEqualTo(2);
    Run noKey = run("audit", "verify", dir.toString(), "--key", tmp.resolve("x.key").toString());
    assertThat(noKey.exit()).isEqualTo(2);
    assertThat(noKey.err()).contains("cannot read the audit key");
    assertThat(run("audit").exit()).isEqualTo(2);
    assertThat(run("audit", "verify", "--bogus").exit()).isEqualTo(2);
    assertThat(run("audit", "verify", "a", "b").exit()).isEqualTo(2);
  }
}
