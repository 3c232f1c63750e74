package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.audit.compliance.CompliancePacks;
import dev.console3270.session.pool.IdlePolicy;
import dev.console3270.session.pool.PoolConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @TempDir Path dir;

  @Test
  void readsThePacksAndKeepsABadFileAside() throws Exception {
    Path f = dir.resolve(Settings.FILE_NAME);
    assertThat(Settings.load(f).settings().packs()).isEmpty();
    Files.writeString(f, "{\"compliance\":{\"packs\":[\"pci-dss\",\"hipaa\"]}}");
    Settings.Loaded l = Settings.load(f);
    assertThat(l.problem()).isNull();
    assertThat(l.settings().packs()).containsExactly("pci-dss", "hipaa");
    Files.writeString(f, "{\"compliance\":{\"packs\":\"pci\"}}");
    l = Settings.load(f);
    assertThat(l.problem()).contains("compliance.packs").contains("corrupt-");
    assertThat(f).doesNotExist();
    Files.writeString(f, "[1,");
    assertThat(Settings.load(f).problem()).contains("not valid JSON");
  }

  @Test
  void readsRetentionAndForwardingRaisedToWhatThePacksRequire() throws Exception {
    Path f = dir.resolve(Settings.FILE_NAME);
    Files.writeString(
        f,
        "{\"audit\":{\"retention\":{\"archiveAfterDays\":30,\"deleteAfterDays\":200,"
            + "\"holds\":[{\"from\":\"2026-01-01\",\"to\":\"2026-03-31\",\"reason\":\"case 42\"}]},"
            + "\"forwarding\":{\"host\":\"siem\",\"tls\":true}}}");
    Settings s = Settings.load(f).settings();
    assertThat(s.forwarding()).isEqualTo(new Settings.Forwarding("siem", 6514, true));
    var plain = s.retention(0, 0);
    assertThat(plain.archiveAfter()).isEqualTo(Duration.ofDays(30));
    assertThat(plain.deleteAfter()).isEqualTo(Duration.ofDays(200));
    assertThat(plain.holds()).hasSize(1);
    // PCI: 12 months in all, the last 3 online
    var pci = s.retention(365, 90);
    assertThat(pci.archiveAfter()).isEqualTo(Duration.ofDays(90));
    assertThat(pci.deleteAfter()).isEqualTo(Duration.ofDays(365));
    assertThat(Settings.defaults().retention(0, 0)).isNull();
    assertThat(Settings.defaults().retention(2190, 0).deleteAfter())
        .isGreaterThanOrEqualTo(Duration.ofDays(2190));
    assertThat(Settings.defaults().forwarding()).isNull();
  }

  @Test
  void pciShortensTheIdleTimeoutToFifteenMinutes() {
    var pci = CompliancePacks.load(List.of("pci-dss"));
    PoolConfig none = PoolConfig.defaults();
    assertThat(Platform.enforceIdle(none, pci).idleTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(Platform.enforceIdle(none, pci).idlePolicy()).isEqualTo(IdlePolicy.LOCK);
    PoolConfig five = none.withIdle(Duration.ofMinutes(5), IdlePolicy.DISCONNECT);
    assertThat(Platform.enforceIdle(five, pci)).isSameAs(five);
    PoolConfig hour = none.withIdle(Duration.ofHours(1), IdlePolicy.DISCONNECT);
    assertThat(Platform.enforceIdle(hour, pci).idleTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(Platform.enforceIdle(hour, CompliancePacks.load(List.of()))).isSameAs(hour);
  }
}
