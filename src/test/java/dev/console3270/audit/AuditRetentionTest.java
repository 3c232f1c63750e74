package dev.console3270.audit;

import static dev.console3270.audit.AuditTesting.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.audit.AuditVerifier.Reason;
import dev.console3270.audit.AuditVerifier.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditRetentionTest {

  @TempDir Path tmp;
  private Path dir;
  private Path keyFile;
  private MutableClock clock;
  private AuditConfig config;
  private ArchiveConfig archiveConfig;

  private static final RetentionPolicy KEEP =
      new RetentionPolicy(Duration.ofDays(1), Duration.ofDays(30), List.of());

  /** Three days of logging, one file a day (2024-01-01 to 03); the clock then stands on 01-04. */
  @BeforeEach
  void writeDays() throws Exception {
    dir = tmp.resolve("audit");
    keyFile = tmp.resolve("audit.key");
    clock = new MutableClock(Instant.parse("2024-01-01T10:00:00Z"));
    config = AuditConfig.defaults(dir, keyFile).withClock(clock);
    archiveConfig = ArchiveConfig.defaults(dir);
    for (int day = 0; day < 3; day++) {
      try (AuditLog log = AuditLog.open(config)) {
        for (int i = 0; i < 20; i++) {
          log.append(event(day * 100 + i));
        }
      }
      clock.advance(Duration.ofDays(1));
    }
    assertThat(AuditFiles.list(dir)).hasSize(3);
  }

  private RetentionRun runRetention(RetentionPolicy policy) throws Exception {
    try (AuditLog log = AuditLog.open(config)) {
      return new AuditRetention(config, ArchiveStore.open(archiveConfig), policy, log).run();
    }
  }

  private Result verify() throws IOException {
    return AuditVerifier.verify(dir, keyFile);
  }

  private static List<String> archiveNames() {
    return List.of(
        "audit-20240101-001.jsonl.c3a",
        "audit-20240102-001.jsonl.c3a",
        "audit-20240103-001.jsonl.c3a");
  }

  @Test
  void archivesClosedFilesAndVerifiesAcrossArchivesAndLiveFiles() throws Exception {
    long before = AuditTesting.lines(dir).size();
    RetentionRun run = runRetention(KEEP);

    assertThat(run.errors()).isEmpty();
    assertThat(run.archived())
        .containsExactly(
            "audit-20240101-001.jsonl", "audit-20240102-001.jsonl", "audit-20240103-001.jsonl");
    assertThat(run.deleted()).isEmpty();
    assertThat(AuditFiles.list(dir)).hasSize(1); // the current file only
    Path archive = archiveConfig.archiveDirectory().resolve(archiveNames().get(0));
    String raw = new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1);
    assertThat(raw).startsWith("C3AUDARC").doesNotContain("AID_KEY").doesNotContain("user0");
    assertThat(Files.readString(archiveConfig.indexFile())).contains("wrappedKey");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(archiveConfig.masterKeyFile())))
        .isEqualTo("rw-------");

    Result r = verify();
    assertThat(r.passed()).as(String.join("\n", r.report())).isTrue();
    assertThat(r.firstSeq()).isEqualTo(1);
    assertThat(r.records()).isGreaterThan(before);
    assertThat(r.files().stream().map(p -> p.getFileName().toString()).toList())
        .startsWith(archiveNames().toArray(String[]::new));
    // The archive action is itself in the live chain.
    assertThat(AuditTesting.lines(dir).stream().filter(l -> l.type().equals("RETENTION")))
        .hasSize(3);
    // Without the archives the live chain alone does not start at seq 1.
    Result alone =
        AuditVerifier.verify(
            dir, AuditKey.load(keyFile), Optional.of(AuditConfig.anchorFileOf(keyFile)));
    assertThat(alone.passed()).isFalse();
    assertThat(alone.failure().orElseThrow().reason()).isEqualTo(Reason.SEQUENCE_GAP);
  }

  @Test
  void deletionCryptoErasesAndLeavesAnAuthenticatedGap() throws Exception {
    runRetention(KEEP);
    ArchiveStore store = ArchiveStore.open(archiveConfig);
    Path first = archiveConfig.archiveDirectory().resolve(archiveNames().get(0));
    byte[] copy = Files.readAllBytes(first);
    String wrapped = store.readIndex().entries().get(0).wrappedKey();
    assertThat(store.read(archiveNames().get(0))).isNotEmpty();

    clock.advance(Duration.ofDays(40));
    RetentionRun run = runRetention(KEEP);

    assertThat(run.errors()).isEmpty();
    // The file of 01-04 (closed since) is archived and, being 40 days old, deleted in the same run.
    assertThat(run.deleted())
        .containsExactly(
            archiveNames().get(0),
            archiveNames().get(1),
            archiveNames().get(2),
            "audit-20240104-001.jsonl.c3a");
    assertThat(Files.exists(first)).isFalse();
    assertThat(store.archives()).isEmpty();
    assertThat(store.tombstones()).hasSize(4);
    assertThat(Files.readString(archiveConfig.indexFile())).doesNotContain(wrapped);
    // A recovered copy of the file cannot be read: its key is gone.
    Files.write(first, copy);
    assertThatThrownBy(() -> store.read(archiveNames().get(0)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no key");

    List<AuditTesting.Line> deletions =
        AuditTesting.lines(dir).stream()
            .filter(l -> l.type().equals("RETENTION") && l.text().contains("\"action\":\"delete\""))
            .toList();
    assertThat(deletions).hasSize(4);
    assertThat(store.tombstones().get(0).eventSeq()).isEqualTo(deletions.get(0).seq());

    Result r = verify();
    assertThat(r.passed()).as(String.join("\n", r.report())).isTrue();
    assertThat(r.warnings()).anyMatch(w -> w.startsWith("expected gap: seq 1 to "));
    assertThat(r.warnings()).anyMatch(w -> w.contains("still there")); // the recovered copy
  }

  @Test
  void legalHoldBlocksDeletionOfOverlappingArchivesOnly() throws Exception {
    runRetention(KEEP);
    clock.advance(Duration.ofDays(40));
    LegalHold hold = new LegalHold(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 2), "case 42");
    RetentionRun run =
        runRetention(new RetentionPolicy(Duration.ofDays(1), Duration.ofDays(30), List.of(hold)));

    assertThat(run.errors()).isEmpty();
    assertThat(run.deleted())
        .containsExactly(
            archiveNames().get(0), archiveNames().get(2), "audit-20240104-001.jsonl.c3a");
    assertThat(run.held())
        .containsExactly(new RetentionRun.Held(archiveNames().get(1), List.of(hold)));
    assertThat(Files.exists(archiveConfig.archiveDirectory().resolve(archiveNames().get(1))))
        .isTrue();

    Result r = verify();
    assertThat(r.passed()).as(String.join("\n", r.report())).isTrue();
    assertThat(r.warnings().stream().filter(w -> w.startsWith("expected gap"))).hasSize(3);
  }

  @Test
  void tamperedArchiveFailsWithAClearReason() throws Exception {
    runRetention(KEEP);
    Path second = archiveConfig.archiveDirectory().resolve(archiveNames().get(1));
    byte[] b = Files.readAllBytes(second);
    b[b.length - 40] ^= 1;
    Files.write(second, b);

    Result r = verify();
    assertThat(r.passed()).isFalse();
    AuditVerifier.Failure f = r.failure().orElseThrow();
    assertThat(f.reason()).isEqualTo(Reason.BAD_ARCHIVE);
    assertThat(f.file()).isEqualTo(second);
    assertThat(f.message()).contains("fails authentication");
    assertThat(r.report().get(0)).isEqualTo("FAIL");
  }

  @Test
  void archiveRemovedWithoutRetentionIsReportedMissing() throws Exception {
    runRetention(KEEP);
    Files.delete(archiveConfig.archiveDirectory().resolve(archiveNames().get(1)));

    Result r = verify();
    assertThat(r.passed()).isFalse();
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(Reason.MISSING_ARCHIVE);
  }

  @Test
  void forgedTombstoneFails() throws Exception {
    runRetention(KEEP);
    clock.advance(Duration.ofDays(40));
    runRetention(KEEP);
    String index = Files.readString(archiveConfig.indexFile());
    Files.writeString(
        archiveConfig.indexFile(), index.replaceFirst("no legal hold", "no legal h0ld"));

    Result r = verify();
    assertThat(r.passed()).isFalse();
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(Reason.BAD_ARCHIVE);
    assertThat(r.failure().orElseThrow().message()).contains("tombstone");
  }

  @Test
  void runInterruptedBeforeSourceRemovalStaysVerifiableAndIsFinishedNextTime() throws Exception {
    RetentionRun run;
    try (AuditLog log = AuditLog.open(config)) {
      AuditRetention retention =
          new AuditRetention(config, ArchiveStore.open(archiveConfig), KEEP, log);
      retention.beforeSourceRemoval(
          () -> {
            throw new IllegalStateException("simulated crash");
          });
      run = retention.run();
    }
    assertThat(run.errors()).singleElement().asString().contains("simulated crash");
    assertThat(AuditFiles.list(dir)).hasSize(4); // nothing removed
    assertThat(Files.exists(archiveConfig.archiveDirectory().resolve(archiveNames().get(0))))
        .isTrue();

    Result r = verify();
    assertThat(r.passed()).as(String.join("\n", r.report())).isTrue();
    assertThat(r.warnings()).anyMatch(w -> w.contains("is also archived"));

    RetentionRun again = runRetention(KEEP);
    assertThat(again.errors()).isEmpty();
    assertThat(AuditFiles.list(dir)).hasSize(1);
    Result after = verify();
    assertThat(after.passed()).as(String.join("\n", after.report())).isTrue();
  }

  @Test
  void changedLiveCopyOfAnArchivedFileFails() throws Exception {
    try (AuditLog log = AuditLog.open(config)) {
      AuditRetention retention =
          new AuditRetention(config, ArchiveStore.open(archiveConfig), KEEP, log);
      retention.beforeSourceRemoval(
          () -> {
            throw new IllegalStateException("simulated crash");
          });
      retention.run();
    }
    Path live = AuditFiles.list(dir).get(0).path();
    List<String> lines = AuditTesting.fileLines(live);
    lines.set(2, lines.get(2).replace("user", "usex"));
    AuditTesting.rewrite(live, lines);

    Result r = verify();
    assertThat(r.passed()).isFalse();
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(Reason.BAD_ARCHIVE);
  }

  @Test
  void policyChecksItsValues() {
    assertThatThrownBy(
            () -> new RetentionPolicy(Duration.ofDays(10), Duration.ofDays(1), List.of()))
        .hasMessageContaining("must not be shorter");
    assertThatThrownBy(() -> new LegalHold(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 1), "x"))
        .hasMessageContaining("before it starts");
    assertThatThrownBy(
            () -> new ArchiveConfig(tmp.resolve("a"), tmp.resolve("a/k"), tmp.resolve("i")))
        .hasMessageContaining("outside");
  }
}
