package dev.console3270.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a child JVM by {@link AuditCrashTest}: appends as fast as it can and prints {@code forced
 * SEQ} whenever the log reports more on disk, and {@code appended N} now and then, until killed.
 * Event {@code n} is 0, 1, 2... in append order. Arguments: the log directory and the key file.
 */
public final class AuditCrashChild {
  private AuditCrashChild() {}

  /** Appends until killed. */
  public static void main(String[] args) throws Exception {
    AuditConfig config =
        AuditConfig.defaults(Path.of(args[0]), Path.of(args[1]))
            .withForceInterval(Duration.ofMillis(20))
            .withCheckpoints(5000, Duration.ofSeconds(1))
            .withMaxFileBytes(1 << 20);
    AuditLog log = AuditLog.open(config);
    Thread reporter =
        new Thread(
            () -> {
              long last = -1;
              while (true) {
                long forced = log.forcedSeq();
                if (forced != last) {
                  System.out.println("forced " + forced);
                  System.out.flush();
                  last = forced;
                }
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    reporter.setDaemon(true);
    reporter.start();
    for (long n = 0; ; n++) {
      log.append(
          AuditEvent.of(
              "crash",
              AuditType.SCREEN_READ,
              AuditOutcome.SUCCESS,
              "child",
              "session-1",
              Map.of("n", Long.toString(n))));
    }
  }
}
