package dev.console3270.audit;

import static dev.console3270.audit.AuditTesting.event;
import static dev.console3270.audit.AuditTesting.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.audit.AuditTesting.Line;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

  @TempDir Path tmp;

  private Path dir() {
    return tmp.resolve("audit");
  }

  private Path keyFile() {
    return tmp.resolve("audit.key");
  }

  private AuditConfig config() {
    return AuditConfig.defaults(dir(), keyFile());
  }

  private AuditVerifier.Result verify() throws Exception {
    return AuditVerifier.verify(dir(), keyFile());
  }

  private static String sha256(String line) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void writesAHashChainFromTheGenesisThatVerifies() throws Exception {
    try (AuditLog log = AuditLog.open(config())) {
      for (int i = 0; i < 100; i++) {
        log.append(event(i));
      }
    }
    List<Line> lines = lines(dir());
    assertThat(lines).hasSize(104);
    assertThat(lines.get(0).type()).isEqualTo("AUDIT_START");
    assertThat(lines.get(0).text()).contains("\"prev\":\"" + "0".repeat(64) + "\"");
    assertThat(lines.get(1).type()).isEqualTo("CHECKPOINT");
    assertThat(lines.get(102).type()).isEqualTo("AUDIT_STOP");
    assertThat(lines.get(103).type()).isEqualTo("CHECKPOINT");
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i).seq()).isEqualTo(i + 1);
      if (i > 0) {
        assertThat(lines.get(i).text())
            .contains("\"prev\":\"" + sha256(lines.get(i - 1).text()) + "\"");
      }
    }
    assertThat(lines.get(2).text())
        .startsWith("{\"seq\":3,\"prev\":\"")
        .contains(
            "\"type\":\"AID_KEY\",\"outcome\":\"SUCCESS\",\"user\":\"user0\","
                + "\"origin\":\"127.0.0.1\",\"resource\":\"session-0\","
                + "\"details\":{\"aid\":\"ENTER\",\"n\":\"0\"}}");
    AuditVerifier.Result r = verify();
    assertThat(r.passed()).as("%s", r.report()).isTrue();
    assertThat(r.warnings()).isEmpty();
    assertThat(r.firstSeq()).isEqualTo(1);
    assertThat(r.lastSeq()).isEqualTo(104);
    assertThat(r.records()).isEqualTo(104);
    assertThat(r.checkpoints()).isEqualTo(2);
  }

  @Test
  void theChainRunsOnAcrossSizeRotation() throws Exception {
    try (AuditLog log = AuditLog.open(config().withMaxFileBytes(4096))) {
      for (int i = 0; i < 300; i++) {
        log.append(event(i));
      }
    }
    List<AuditFiles.Name> files = AuditFiles.list(dir());
    assertThat(files.size()).isGreaterThan(5);
    for (AuditFiles.Name f : files) {
      assertThat(Files.size(f.path())).isLessThanOrEqualTo(4096);
    }
    assertThat(files.get(0).path().getFileName().toString()).matches("audit-\\d{8}-001\\.jsonl");
    assertThat(files.get(1).path().getFileName().toString()).matches("audit-\\d{8}-002\\.jsonl");
    List<Line> lines = lines(dir());
    for (int i = 1; i < lines.size(); i++) {
      assertThat(lines.get(i).seq()).isEqualTo(lines.get(i - 1).seq() + 1);
      assertThat(lines.get(i).text()).contains(sha256(lines.get(i - 1).text()));
    }
    AuditVerifier.Result r = verify();
    assertThat(r.passed()).as("%s", r.report()).isTrue();
    assertThat(r.files()).hasSize(files.size());
    assertThat(r.records()).isEqualTo(304);
  }

  @Test
  void rotatesAtUtcMidnightAndKeepsTheChain() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-24T23:59:59.500Z"));
    try (AuditLog log = AuditLog.open(config().withClock(clock))) {
      log.append(
          AuditEvent.of(clock, "u", AuditType.SIGN_ON, AuditOutcome.SUCCESS, "", "", Map.of()));
      log.sync();
      clock.advance(Duration.ofSeconds(1));
      log.append(
          AuditEvent.of(clock, "u", AuditType.AID_KEY, AuditOutcome.SUCCESS, "", "", Map.of()));
    }
    List<AuditFiles.Name> files = AuditFiles.list(dir());
    assertThat(files)
        .extracting(f -> f.path().getFileName().toString())
        .containsExactly("audit-20261124-001.jsonl", "audit-20261125-001.jsonl");
    assertThat(verify().passed()).isTrue();
  }

  @Test
  void reopeningContinuesTheChainAndNotesACleanStop() throws Exception {
    try (AuditLog log = AuditLog.open(config())) {
      log.append(event(1));
    }
    try (AuditLog log = AuditLog.open(config())) {
      assertThat(log.recoveries()).isEmpty();
      log.append(event(2));
    }
    List<Line> lines = lines(dir());
    Line secondStart = lines.get(5);
    assertThat(secondStart.type()).isEqualTo("AUDIT_START");
    assertThat(secondStart.text()).contains("\"previous\":\"clean\"", "\"previousSeq\":\"5\"");
    assertThat(verify().passed()).isTrue();
  }

  @Test
  void cardNumbersAreMaskedBeforeTheyAreStored() throws Exception {
    try (AuditLog log = AuditLog.open(config())) {
      log.append(
          AuditEvent.of(
              "4111111111111111",
              AuditType.FIELD_CHANGED,
              AuditOutcome.SUCCESS,
              "host 5555-5555-5555-4444",
              "card 3782 822463 10005",
              Map.of("value", "4012888888881881", "4111111111111111", "key")));
    }
    String text = Files.readString(AuditFiles.list(dir()).get(0).path());
    assertThat(text)
        .doesNotContain("4111111111111111", "5555-5555-5555-4444", "822463", "4012888888881881")
        .contains(
            "\"user\":\"411111******1111\"",
            "\"origin\":\"host 5555-55**-****-4444\"",
            "\"resource\":\"card 3782 82**** *0005\"",
            "\"411111******1111\":\"key\"",
            "\"value\":\"401288******1881\"");
    assertThat(verify().passed()).isTrue();
  }

  @Test
  void refusesInternalTypesAndAppendsAfterClose() throws Exception {
    AuditLog log = AuditLog.open(config());
    assertThatThrownBy(
            () ->
                log.append(
                    AuditEvent.of(
                        "", AuditType.CHECKPOINT, AuditOutcome.SUCCESS, "", "", Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("written by the log itself");
    log.close();
    log.close();
    assertThatThrownBy(() -> log.append(event(1)))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void theKeyIsCreatedOwnerOnlyAndMustLiveOutsideTheLog() throws Exception {
    try (AuditLog log = AuditLog.open(config())) {
      assertThat(log.keyId()).hasSize(16);
    }
    assertThat(Files.readString(keyFile())).matches("[0-9a-f]{64}\n");
    if (keyFile().getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile())))
          .isEqualTo("rw-------");
    }
    assertThat(config().anchorFile()).exists();
    assertThatThrownBy(() -> AuditConfig.defaults(dir(), dir().resolve("k.key")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside");
  }

  @Test
  void syncWaitsForTheDiskAndReportsTheForcedSeq() throws Exception {
    try (AuditLog log = AuditLog.open(config().withForceInterval(Duration.ofSeconds(30)))) {
      assertThat(log.forcedSeq()).isEqualTo(2); // AUDIT_START and the first checkpoint
      for (int i = 0; i < 10; i++) {
        log.append(event(i));
      }
      assertThat(log.sync()).isEqualTo(12);
      assertThat(log.forcedSeq()).isEqualTo(12);
    }
  }

  @Test
  void checkpointsFollowEveryNRecords() throws Exception {
    try (AuditLog log = AuditLog.open(config().withCheckpoints(10, Duration.ofHours(1)))) {
      for (int i = 0; i < 35; i++) {
        log.append(event(i));
      }
    }
    List<Line> lines = lines(dir());
    long checkpoints = lines.stream().filter(l -> l.type().equals("CHECKPOINT")).count();
    assertThat(checkpoints).isEqualTo(5); // open, after 10, 20, 30, close
    AuditVerifier.Result r = verify();
    assertThat(r.passed()).isTrue();
    assertThat(r.checkpoints()).isEqualTo(5);
  }

  @Test
  void checkpointsFollowAfterTheIntervalWhenRecordsWereWritten() throws Exception {
    try (AuditLog log = AuditLog.open(config().withCheckpoints(1_000_000, Duration.ofMillis(50)))) {
      log.append(event(1));
      Thread.sleep(300);
      log.sync();
      long checkpoints = lines(dir()).stream().filter(l -> l.type().equals("CHECKPOINT")).count();
      assertThat(checkpoints).isEqualTo(2);
    }
  }

  @Test
  void aFullQueueBlocksTheCallersAndLosesNothing() throws Exception {
    int threads = 4;
    int each = 5000;
    AtomicInteger done = new AtomicInteger();
    try (AuditLog log = AuditLog.open(config().withQueueCapacity(16))) {
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread th =
            new Thread(
                () -> {
                  for (int i = 0; i < each; i++) {
                    log.append(event(i));
                  }
                  done.incrementAndGet();
                });
        th.start();
        ts.add(th);
      }
      for (Thread th : ts) {
        th.join();
      }
    }
    assertThat(done.get()).isEqualTo(threads);
    long aid = lines(dir()).stream().filter(l -> l.type().equals("AID_KEY")).count();
    assertThat(aid).isEqualTo((long) threads * each);
    assertThat(verify().passed()).isTrue();
  }

  @Test
  void aTornLastLineIsSetAsideAndTheChainContinues() throws Exception {
    try (AuditLog log = AuditLog.open(config())) {
      log.append(event(1));
    }
    Path file = AuditFiles.list(dir()).get(0).path();
    long validSize = Files.size(file);
    byte[] torn = "{\"seq\":6,\"prev\":\"abc".getBytes(StandardCharsets.UTF_8);
    Files.write(file, torn, StandardOpenOption.APPEND);
    AuditVerifier.Result before = verify();
    assertThat(before.passed()).isFalse();
    assertThat(before.failure().orElseThrow().reason()).isEqualTo(AuditVerifier.Reason.TRUNCATED);
    assertThat(before.failure().orElseThrow().offset()).isEqualTo(validSize);

    try (AuditLog log = AuditLog.open(config())) {
      assertThat(log.recoveries()).hasSize(1);
      AuditRecovery r = log.recoveries().get(0);
      assertThat(r.file()).isEqualTo(file);
      assertThat(r.offset()).isEqualTo(validSize);
      assertThat(r.length()).isEqualTo(torn.length);
      assertThat(r.setAside().getFileName().toString()).startsWith(file.getFileName() + ".torn-");
      assertThat(Files.readAllBytes(r.setAside())).isEqualTo(torn);
      log.append(event(2));
    }
    List<Line> lines = lines(dir());
    Line start = lines.get(5);
    assertThat(start.type()).isEqualTo("AUDIT_START");
    assertThat(start.seq()).isEqualTo(6);
    assertThat(lines.get(6).type()).isEqualTo("RECOVERY");
    assertThat(lines.get(6).text())
        .contains("\"offset\":\"" + validSize + "\"", "\"length\":\"" + torn.length + "\"");
    AuditVerifier.Result after = verify();
    assertThat(after.passed()).as("%s", after.report()).isTrue();
    assertThat(after.warnings()).anyMatch(w -> w.contains("set aside by crash recovery"));
  }

  @Test
  void unparsableCompleteLinesAtTheEndAreSetAsideToo() throws Exception {
    try (AuditLog log = AuditLog.open(config())) {
      log.append(event(1));
    }
    Path file = AuditFiles.list(dir()).get(0).path();
    long validSize = Files.size(file);
    Files.write(
        file, "garbage\n\0\0\0".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    try (AuditLog log = AuditLog.open(config())) {
      assertThat(log.recoveries()).hasSize(1);
      assertThat(log.recoveries().get(0).offset()).isEqualTo(validSize);
      assertThat(log.recoveries().get(0).length()).isEqualTo(11);
    }
    assertThat(verify().passed()).isTrue();
  }

  @Test
  void anUncleanStopIsNotedAndThenAuthenticated() throws Exception {
    try (AuditLog log = AuditLog.open(config())) {
      log.append(event(1));
    }
    // Cut the AUDIT_STOP and final checkpoint, as a crash before them would.
    Path file = AuditFiles.list(dir()).get(0).path();
    List<String> kept = AuditTesting.fileLines(file).subList(0, 3);
    AuditTesting.rewrite(file, kept);
    AuditVerifier.Result cut =
        AuditVerifier.verify(dir(), AuditKey.load(keyFile()), Optional.empty());
    assertThat(cut.passed()).isTrue();
    assertThat(cut.warnings()).anyMatch(w -> w.contains("tail after the last checkpoint"));
    try (AuditLog log = AuditLog.open(config())) {
      assertThat(log.recoveries()).isEmpty();
    }
    assertThat(lines(dir()).get(3).text()).contains("\"previous\":\"unclean\"");
    AuditVerifier.Result r = verify();
    assertThat(r.passed()).as("%s", r.report()).isTrue();
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void aCrashJustAfterAPeriodicCheckpointIsStillUnclean() throws Exception {
    try (AuditLog log = AuditLog.open(config())) {
      log.append(event(1));
    }
    Path file = AuditFiles.list(dir()).get(0).path();
    // START, CHECKPOINT: as if killed right after the first checkpoint.
    AuditTesting.rewrite(file, AuditTesting.fileLines(file).subList(0, 2));
    Files.delete(config().anchorFile());
    try (AuditLog log = AuditLog.open(config())) {
      assertThat(log.recoveries()).isEmpty();
    }
    assertThat(lines(dir()).get(2).text()).contains("\"previous\":\"unclean\"");
    assertThat(verify().passed()).isTrue();
  }

  @Test
  void aMissingKeyForAnExistingLogIsRefused() throws Exception {
    try (AuditLog log = AuditLog.open(config())) {
      log.append(event(1));
    }
    Files.delete(keyFile());
    assertThatThrownBy(() -> AuditLog.open(config()))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("restore the key");
    assertThat(keyFile()).doesNotExist();
  }

  @Test
  void aWriterFailureIsReportedNotSwallowed() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    // The next file's name is taken by a directory, so rotation cannot open it.
    Files.createDirectories(dir().resolve("audit-20261124-002.jsonl"));
    AuditLog log = AuditLog.open(config().withClock(clock).withMaxFileBytes(2048));
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 100_000; i++) {
                log.append(event(i));
              }
              log.sync();
            })
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("audit writer failed");
    assertThat(log.failure()).isPresent();
    assertThatThrownBy(log::close)
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("are on disk");
    AuditVerifier.Result r =
        AuditVerifier.verify(dir(), AuditKey.load(keyFile()), Optional.empty());
    assertThat(r.passed()).as("%s", r.report()).isTrue();
  }
}
