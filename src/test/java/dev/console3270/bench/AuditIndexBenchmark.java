package dev.console3270.bench;

import dev.console3270.audit.AuditConfig;
import dev.console3270.audit.AuditEvent;
import dev.console3270.audit.AuditIndex;
import dev.console3270.audit.AuditLog;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * How fast the audit viewer opens and scrolls a large log: writes N events (default 1,000,000),
 * then times {@link AuditIndex#open} (what opening the viewer costs) and reading pages of 40 rows
 * at random places (what scrolling costs). Run with the test classpath: {@code java -cp
 * target/test-classes:target/classes:DEPS dev.console3270.bench.AuditIndexBenchmark [N]}.
 */
public final class AuditIndexBenchmark {

  private AuditIndexBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path tmp = Files.createTempDirectory("audit-bench");
    Path dir = tmp.resolve("audit");
    long t0 = System.nanoTime();
    try (AuditLog log = AuditLog.open(AuditConfig.defaults(dir, tmp.resolve("audit.key")))) {
      for (int i = 0; i < n; i++) {
        log.append(
            AuditEvent.of(
                "operator" + (i % 20),
                AuditType.AID_KEY,
                AuditOutcome.SUCCESS,
                "console3270 bench",
                "S" + (i % 1000),
                Map.of(
                    "aid",
                    "Enter()",
                    "title",
                    "MAIN MENU page " + (i % 7),
                    "screen",
                    "ab12cd34ef56")));
      }
    }
    long written = System.nanoTime();
    long bytes;
    try (var s = Files.list(dir)) {
      bytes = s.mapToLong(p -> p.toFile().length()).sum();
    }
    for (int round = 0; round < 3; round++) {
      long o0 = System.nanoTime();
      try (AuditIndex index = AuditIndex.open(dir)) {
        long o1 = System.nanoTime();
        Random r = new Random(round);
        long p0 = System.nanoTime();
        int pages = 200;
        for (int p = 0; p < pages; p++) {
          int start = r.nextInt(index.size() - 40);
          for (int i = start; i < start + 40; i++) {
            if (index.record(i).event() == null) {
              throw new IllegalStateException("record " + i + " unreadable");
            }
          }
        }
        long p1 = System.nanoTime();
        System.out.printf(
            "round %d: records=%d logBytes=%d MB open=%d ms page(40 rows)=%.2f ms%n",
            round, index.size(), bytes >> 20, (o1 - o0) / 1_000_000, (p1 - p0) / 1e6 / pages);
      }
    }
    System.out.printf("writing %d events took %d ms%n", n, (written - t0) / 1_000_000);
  }
}
