package dev.console3270.audit;

import static dev.console3270.audit.AuditTesting.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.audit.AuditTesting.Line;
import dev.console3270.audit.AuditVerifier.Failure;
import dev.console3270.audit.AuditVerifier.Reason;
import dev.console3270.audit.AuditVerifier.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifierTest {

  @TempDir Path tmp;
  private Path dir;
  private Path keyFile;
  private Path file;

  /** A closed log in one file: START, CP, 40 events with a checkpoint every 10, STOP, CP. */
  @BeforeEach
  void writeLog() throws Exception {
    dir = tmp.resolve("audit");
    keyFile = tmp.resolve("audit.key");
    try (AuditLog log =
        AuditLog.open(
            AuditConfig.defaults(dir, keyFile).withCheckpoints(10, Duration.ofHours(1)))) {
      for (int i = 0; i < 40; i++) {
        log.append(event(i));
      }
    }
    file = AuditFiles.list(dir).get(0).path();
    assertThat(AuditVerifier.verify(dir, keyFile).passed()).isTrue();
  }

  private List<String> lines() throws Exception {
    return AuditTesting.fileLines(file);
  }

  private long offsetOf(int index) throws Exception {
    List<Line> lines = AuditTesting.lines(dir);
    return lines.get(index).offset();
  }

  private static String sha256(String line) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
  }

  private static String prevOf(String line) {
    int from = line.indexOf("\"prev\":\"") + 8;
    return line.substring(from, from + 64);
  }

  /** What a forger without the key does: fix every prev (and checkpoint head) after index. */
  private static void rechain(List<String> lines, int from) throws Exception {
    for (int i = Math.max(1, from); i < lines.size(); i++) {
      String old = prevOf(lines.get(i));
      String now = sha256(lines.get(i - 1));
      lines.set(i, lines.get(i).replace(old, now));
    }
  }

  private Failure failure() throws Exception {
    Result r = AuditVerifier.verify(dir, keyFile);
    assertThat(r.passed()).as("%s", r.report()).isFalse();
    assertThat(r.report().get(0)).isEqualTo("FAIL");
    return r.failure().orElseThrow();
  }

  @Test
  void aCleanLogPassesWithItsRange() throws Exception {
    Result r = AuditVerifier.verify(dir, keyFile);
    assertThat(r.report().get(0)).isEqualTo("PASS");
    assertThat(r.firstSeq()).isEqualTo(1);
    assertThat(r.lastSeq()).isEqualTo(48);
    assertThat(r.records()).isEqualTo(48);
    assertThat(r.files()).containsExactly(file);
    assertThat(r.warnings()).isEmpty();
    assertThat(r.report()).contains("verified seq 1 to 48 (48 records), 6 checkpoints, 1 file");
  }

  @Test
  void oneChangedByteIsAHashMismatchAtTheNextRecord() throws Exception {
    List<String> lines = lines();
    int k = 20;
    String original = lines.get(k);
    assertThat(original).contains("\"user\":\"user");
    String tampered = original.replace("\"user\":\"user", "\"user\":\"usex");
    lines.set(k, tampered);
    AuditTesting.rewrite(file, lines);
    Failure f = failure();
    assertThat(f.reason()).isEqualTo(Reason.HASH_MISMATCH);
    assertThat(f.file()).isEqualTo(file);
    assertThat(f.offset()).isEqualTo(offsetOf(k + 1));
    assertThat(f.seq()).isEqualTo(k + 2);
    assertThat(f.expected()).isEqualTo(sha256(tampered));
    assertThat(f.actual()).isEqualTo(sha256(original));
    assertThat(f.message()).contains("seq " + (k + 1));
    Result r = AuditVerifier.verify(dir, keyFile);
    assertThat(r.lastSeq()).isEqualTo(k); // the changed record (seq k + 1) is not verified
    assertThat(r.records()).isEqualTo(k);
  }

  @Test
  void aDeletedMiddleRecordIsASequenceGap() throws Exception {
    List<String> lines = lines();
    int k = 15;
    long offset = offsetOf(k);
    lines.remove(k);
    AuditTesting.rewrite(file, lines);
    Failure f = failure();
    assertThat(f.reason()).isEqualTo(Reason.SEQUENCE_GAP);
    assertThat(f.offset()).isEqualTo(offset);
    assertThat(f.seq()).isEqualTo(k + 2);
    assertThat(f.expected()).isEqualTo(Long.toString(k + 1));
    assertThat(f.actual()).isEqualTo(Long.toString(k + 2));
  }

  @Test
  void aForgedRecordWithARecomputedChainFailsAtTheNextCheckpoint() throws Exception {
    List<String> lines = lines();
    int k = 14; // seq 15, between the checkpoints at seq 13 and 24
    lines.set(k, lines.get(k).replace("\"outcome\":\"SUCCESS\"", "\"outcome\":\"FAILURE\""));
    rechain(lines, k + 1);
    AuditTesting.rewrite(file, lines);
    Failure f = failure();
    assertThat(f.reason()).isEqualTo(Reason.BAD_CHECKPOINT);
    assertThat(AuditTesting.lines(dir).get((int) f.seq() - 1).type()).isEqualTo("CHECKPOINT");
    assertThat(f.seq()).isGreaterThan(15).isLessThanOrEqualTo(26);
    assertThat(f.offset()).isEqualTo(offsetOf((int) f.seq() - 1));
  }

  @Test
  void aCheckpointWithABadMacFails() throws Exception {
    List<String> lines = lines();
    int cp = 12; // seq 13: the checkpoint after 10 events
    assertThat(lines.get(cp)).contains("\"type\":\"CHECKPOINT\"");
    int at = lines.get(cp).indexOf("\"mac\":\"") + 7;
    char c = lines.get(cp).charAt(at);
    String bad =
        lines.get(cp).substring(0, at) + (c == 'a' ? 'b' : 'a') + lines.get(cp).substring(at + 1);
    lines.set(cp, bad);
    rechain(lines, cp + 1);
    AuditTesting.rewrite(file, lines);
    Failure f = failure();
    assertThat(f.reason()).isEqualTo(Reason.BAD_CHECKPOINT);
    assertThat(f.seq()).isEqualTo(13);
    assertThat(f.offset()).isEqualTo(offsetOf(cp));
    assertThat(f.message()).contains("MAC does not verify");
  }

  @Test
  void theWrongKeyFailsAtTheFirstCheckpoint() throws Exception {
    Result r = AuditVerifier.verify(dir, AuditKey.of(new byte[32]), Optional.empty());
    assertThat(r.passed()).isFalse();
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(Reason.BAD_CHECKPOINT);
    assertThat(r.failure().orElseThrow().seq()).isEqualTo(2);
  }

  @Test
  void aTailCutBeforeTheAnchoredCheckpointIsTruncated() throws Exception {
    List<String> lines = lines();
    List<String> kept = lines.subList(0, 30);
    AuditTesting.rewrite(file, kept);
    Failure f = failure();
    assertThat(f.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(f.file()).isEqualTo(file);
    assertThat(f.offset()).isEqualTo(Files.size(file));
    assertThat(f.seq()).isEqualTo(31);
    assertThat(f.message()).contains("checkpoint seq 48");
  }

  @Test
  void withoutTheAnchorACutTailOnlyWarns() throws Exception {
    List<String> lines = lines();
    AuditTesting.rewrite(file, lines.subList(0, 30));
    Result r = AuditVerifier.verify(dir, AuditKey.load(keyFile), Optional.empty());
    assertThat(r.passed()).isTrue();
    assertThat(r.lastSeq()).isEqualTo(30);
    assertThat(r.warnings())
        .anyMatch(w -> w.contains("tail after the last checkpoint cannot be authenticated"))
        .anyMatch(w -> w.contains("no anchor"));
  }

  @Test
  void aTamperedAnchorFails() throws Exception {
    Path anchor = AuditConfig.anchorFileOf(keyFile);
    String text = Files.readString(anchor);
    Files.writeString(anchor, text.replace("\"seq\":48", "\"seq\":47"));
    Failure f = failure();
    assertThat(f.reason()).isEqualTo(Reason.BAD_CHECKPOINT);
    assertThat(f.file()).isEqualTo(anchor);
  }

  @Test
  void aMalformedLineIsReportedWithItsOffset() throws Exception {
    List<String> lines = lines();
    lines.set(7, lines.get(7).replace("{\"seq\":", "{ \"seq\":"));
    AuditTesting.rewrite(file, lines);
    Failure f = failure();
    assertThat(f.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(f.offset()).isEqualTo(offsetOf(7));
    assertThat(f.seq()).isEqualTo(8);
    assertThat(f.message()).contains("canonical");
  }

  @Test
  void aMissingFirstFileIsAHashMismatchOrGap() throws Exception {
    // Split the log over two files, then drop the first.
    List<String> lines = lines();
    Path second = dir.resolve(file.getFileName().toString().replace("-001.", "-002."));
    AuditTesting.rewrite(file, lines.subList(0, 20));
    AuditTesting.rewrite(second, lines.subList(20, lines.size()));
    assertThat(AuditVerifier.verify(dir, keyFile).passed()).isTrue();
    Files.delete(file);
    Failure f = failure();
    assertThat(f.reason()).isEqualTo(Reason.SEQUENCE_GAP);
    assertThat(f.file()).isEqualTo(second);
    assertThat(f.offset()).isZero();
    assertThat(f.seq()).isEqualTo(21);
  }

  @Test
  void anEmptyDirectoryIsTruncated() throws Exception {
    Files.delete(file);
    assertThat(failure().reason()).isEqualTo(Reason.TRUNCATED);
  }

  @Test
  void offsetsAreRightInAFileLongerThanTheReadBuffer() throws Exception {
    Files.delete(file);
    Files.delete(AuditConfig.anchorFileOf(keyFile));
    try (AuditLog log = AuditLog.open(AuditConfig.defaults(dir, keyFile))) {
      for (int i = 0; i < 3000; i++) {
        log.append(event(i));
      }
    }
    file = AuditFiles.list(dir).get(0).path();
    assertThat(Files.size(file)).isGreaterThan(3 << 16);
    Result ok = AuditVerifier.verify(dir, keyFile);
    assertThat(ok.passed()).as("%s", ok.report()).isTrue();
    assertThat(ok.records()).isEqualTo(3004);
    List<String> lines = lines();
    int k = 2500;
    lines.set(k, lines.get(k).replace("\"user\":\"user", "\"user\":\"resu"));
    AuditTesting.rewrite(file, lines);
    Failure f = failure();
    assertThat(f.reason()).isEqualTo(Reason.HASH_MISMATCH);
    assertThat(f.offset()).isEqualTo(offsetOf(k + 1));
    assertThat(f.seq()).isEqualTo(k + 2);
  }
}
