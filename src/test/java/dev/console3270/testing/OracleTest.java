package dev.console3270.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The s3270 oracle on real traces. */
class OracleTest {

  @Test
  void loginScreenMatchesTheRecordedPrintText() throws IOException {
    S3270.assumeAvailable();
    List<String> screen = Oracle.finalScreen(Conformance.trace("s3270__login.trc"));
    List<String> printText =
        Files.readAllLines(Conformance.file("s3270__login.txt"), StandardCharsets.UTF_8);
    assertThat(screen).hasSize(43).allSatisfy(row -> assertThat(row).hasSize(80));
    assertThat(screen).isEqualTo(printText);
    assertThat(screen.get(0)).contains("Global Payments Europe");
  }

  @Test
  void allCharactersTraceShowsTheBracketPage() throws IOException {
    S3270.assumeAvailable();
    Oracle.Result r = Oracle.replay("s3270__all_chars.trc");
    assertThat(r.error()).isNull();
    assertThat(r.in3270()).isTrue();
    assertThat(r.formatted()).isTrue();
    assertThat(r.model()).isEqualTo("3279-4-E");
    assertThat(r.screen()).hasSize(43);
    assertThat(r.screen().get(0)).startsWith(" All printable characters");
    // Row X'A0': X'AD' is '[' in bracket; row X'B0': X'BD' is ']'.
    assertThat(r.screen().get(7)).startsWith(" µ~stuvwxyz¡¿Ð[Þ®");
    assertThat(r.screen().get(8)).startsWith(" ^£¥·©§¶¼½¾Ý¨¯]´×");
  }

  @Test
  void alternateSizeTraceUsesModel5() throws IOException {
    S3270.assumeAvailable();
    Oracle.Result r = Oracle.replay("c3270__alt.trc");
    assertThat(r.error()).isNull();
    assertThat(r.model()).isEqualTo("3279-5-E");
    assertThat(r.in3270()).isTrue();
    assertThat(r.hasText()).isTrue();
    assertThat(r.screen()).hasSize(27).allSatisfy(row -> assertThat(row).hasSize(132));
    assertThat(String.join("\n", r.screen())).contains("Hello");
  }

  @Test
  void nvtTraceIsReportedAsNvt() throws IOException {
    S3270.assumeAvailable();
    Oracle.Result r = Oracle.replay("c3270__hello.trc");
    assertThat(r.connectionState()).contains("nvt");
    assertThat(r.in3270()).isFalse();
    assertThat(r.screen().get(0)).startsWith("hello");
  }

  @Test
  void negotiationThatNeverCompletesIsReportedNotHung() throws IOException {
    S3270.assumeAvailable();
    long start = System.nanoTime();
    Oracle.Result r = Oracle.replay("s3270__elf.trc");
    assertThat(r.connectionState()).isEqualTo("negotiation-incomplete");
    assertThat(r.error()).contains("Connect() never completed");
    assertThat((System.nanoTime() - start) / 1_000_000_000L).isLessThan(30);
  }
}
