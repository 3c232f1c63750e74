package dev.console3270.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditIndexTest {

  @TempDir Path tmp;

  private AuditConfig config() {
    Path dir = tmp.resolve("audit");
    return AuditConfig.defaults(dir, tmp.resolve("audit.key")).withMaxFileBytes(64 * 1024);
  }

  private static AuditEvent event(int i) {
    return AuditEvent.of(
        "op" + (i % 3),
        i % 2 == 0 ? AuditType.AID_KEY : AuditType.SCREEN_READ,
        AuditOutcome.SUCCESS,
        "test",
        "S" + i,
        Map.of("n", Integer.toString(i)));
  }

  @Test
  void indexesEveryRecordAcrossFilesAndFollowsTheLog() throws Exception {
    AuditConfig c = config();
    try (AuditLog log = AuditLog.open(c)) {
      for (int i = 0; i < 2000; i++) {
        log.append(event(i));
      }
      log.sync();
      try (AuditIndex index = AuditIndex.open(c.directory())) {
        int n = index.size();
        assertThat(n).isGreaterThanOrEqualTo(2001); // AUDIT_START, the events, checkpoints
        long previous = 0;
        for (int i = 0; i < n; i++) {
          AuditIndex.Entry e = index.record(i);
          assertThat(e.event()).as("record %d: %s: %s", i, e.problem(), e.raw()).isNotNull();
          assertThat(e.event().seq()).isEqualTo(previous + 1);
          previous = e.event().seq();
        }
        assertThat(index.record(n - 1).file().getFileName().toString())
            .isNotEqualTo(index.record(0).file().getFileName().toString());
        assertThat(index.indexOfSeq(1000)).contains(999);

        for (int i = 0; i < 500; i++) {
          log.append(event(i));
        }
        log.sync();
        assertThat(index.refresh()).isGreaterThanOrEqualTo(n + 500);
        assertThat(index.record(index.size() - 1).event().seq())
            .isEqualTo(index.size()); // still continuous
      }
    }
    assertThatThrownBy(() -> AuditIndex.open(c.directory()).record(-1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
