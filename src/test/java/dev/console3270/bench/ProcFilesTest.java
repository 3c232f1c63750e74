package dev.console3270.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcFilesTest {
  private static final String ROLLUP =
      "55d0c2a4e000-7ffd6b5f1000 ---p 00000000 00:00 0                          [rollup]\n"
          + "Rss:                5312 kB\n"
          + "Pss:                1287 kB\n"
          + "Pss_Dirty:           804 kB\n"
          + "Pss_Anon:            780 kB\n"
          + "Shared_Clean:       4012 kB\n"
          + "Private_Dirty:       780 kB\n";

  @Test
  void smapsRollupGivesPssAndRssNotTheirVariants() {
    ProcFiles.Memory m = ProcFiles.smapsRollup(ROLLUP);
    assertThat(m.pssKb()).isEqualTo(1287);
    assertThat(m.rssKb()).isEqualTo(5312);
  }

  @Test
  void statusAndMeminfoLines() {
    String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmRSS:\t  123456 kB\nThreads:\t40\n";
    assertThat(ProcFiles.kiloBytes(status, "VmRSS")).hasValue(123456);
    assertThat(ProcFiles.kiloBytes(status, "VmSwap")).isEmpty();
    assertThat(ProcFiles.kiloBytes("MemTotal:       24576000 kB\n", "MemTotal")).hasValue(24576000);
  }

  @Test
  void aMalformedFigureIsAnErrorNotAZero() {
    assertThatThrownBy(() -> ProcFiles.kiloBytes("VmRSS:\tlots kB\n", "VmRSS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VmRSS");
    assertThatThrownBy(() -> ProcFiles.kiloBytes("Pss: 12 MB\n", "Pss"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProcFiles.smapsRollup("Rss: 10 kB\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Pss");
  }

  @Test
  void cpuModelAndOsName() {
    String cpuinfo =
        "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel\t\t: 1\n"
            + "model name\t: AMD EPYC 7B13\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n";
    assertThat(ProcFiles.cpuInfo(cpuinfo, "model name")).isEqualTo("AMD EPYC 7B13");
    assertThat(ProcFiles.cpuInfo(cpuinfo, "model")).isEqualTo("1");
    assertThat(ProcFiles.cpuInfo(cpuinfo, "flags")).isEmpty();
    assertThat(ProcFiles.prettyName("NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n"))
        .isEqualTo("Debian GNU/Linux 12");
    assertThat(ProcFiles.prettyName("ID=x\n")).isEmpty();
  }

  @Test
  void readsThisJvmAndAMissingFileGivesEmpty() throws Exception {
    if (Files.exists(Path.of("/proc/self/status"))) {
      assertThat(ProcFiles.selfRssKb()).isGreaterThan(1000);
      ProcFiles.Memory self = ProcFiles.smapsRollup(ProcessHandle.current().pid());
      assertThat(self.pssKb()).isPositive().isLessThanOrEqualTo(self.rssKb());
    }
    assertThat(ProcFiles.readOrEmpty(Path.of("/no/such/file"))).isEmpty();
  }
}
