package dev.console3270.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.audit.AuditTesting.Line;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a JVM that is appending (SIGKILL, no shutdown hooks) and recovers its log. */
class AuditCrashTest {

  @TempDir Path tmp;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aKilledWriterLosesNothingForcedAndTheLogRecovers() throws Exception {
    Path dir = tmp.resolve("audit");
    Path key = tmp.resolve("audit.key");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                AuditCrashChild.class.getName(),
                dir.toString(),
                key.toString())
            .redirectErrorStream(true)
            .start();
    AtomicLong forced = new AtomicLong(-1);
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  if (line.startsWith("forced ")) {
                    forced.set(Long.parseLong(line.substring(7)));
                  } else {
                    synchronized (output) {
                      output.append(line).append('\n');
                    }
                  }
                }
              } catch (Exception e) {
                // The child died.
              }
            });
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (forced.get() < 30_000 && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(child.isAlive()).as("child output: %s", output).isTrue();
    assertThat(forced.get()).as("child output: %s", output).isGreaterThanOrEqualTo(30_000);
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000);
    long reportedForced = forced.get();

    List<AuditRecovery> recoveries;
    try (AuditLog log = AuditLog.open(AuditConfig.defaults(dir, key))) {
      recoveries = log.recoveries();
    }
    AuditVerifier.Result r = AuditVerifier.verify(dir, key);
    assertThat(r.passed()).as("%s", r.report()).isTrue();

    List<Line> lines = AuditTesting.lines(dir);
    int restart = -1;
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).type().equals("AUDIT_START")) {
        restart = i;
        break;
      }
    }
    assertThat(restart).isPositive();
    long lastBeforeCrash = lines.get(restart - 1).seq();
    // Everything the child knew was forced survived (at most the unforced batch is gone).
    assertThat(lastBeforeCrash).isGreaterThanOrEqualTo(reportedForced);
    // The child's events are all there, in order, without a gap: n = 0, 1, 2, ...
    long expectedN = 0;
    for (Line l : lines.subList(0, restart)) {
      if (l.type().equals("SCREEN_READ")) {
        assertThat(l.text()).contains("\"n\":\"" + expectedN + "\"");
        expectedN++;
      }
    }
    assertThat(expectedN).isGreaterThan(25_000);
    // Whatever was torn was set aside and recorded, not dropped.
    long recoveryRecords =
        lines.subList(restart, lines.size()).stream()
            .filter(l -> l.type().equals("RECOVERY"))
            .count();
    assertThat(recoveryRecords).isEqualTo(recoveries.size());
    assertThat(lines.get(restart).text()).contains("\"previous\":\"unclean\"");
    System.out.printf(
        "crash test: child reported seq %d forced; the log held seq %d (%d events) before the"
            + " restart; %d tail(s) set aside%n",
        reportedForced, lastBeforeCrash, expectedN, recoveries.size());
  }
}
