package dev.console3270.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.console3270.bench.ReportTable.Row;
import dev.console3270.bench.ReportTable.Verdict;
import org.junit.jupiter.api.Test;

class ReportTableTest {

  private static ReportTable sample() {
    return new ReportTable()
        .fact("CPU", "AMD EPYC")
        .fact("date", "2026-11-24T14:00:00Z")
        .row(new Row("connect, median", "ms", "-", 1.5, 3.0, Verdict.NONE))
        .row(new Row("apply", "MB/s", ">= 500 MB/s", 522.4, Double.NaN, Verdict.FAIL))
        .row(new Row("a | b", "ns", "< 1,000 ns", 10, Double.NaN, Verdict.PASS))
        .note("s3270 skipped");
  }

  @Test
  void markdownHasFactsHeaderRowsAndNotes() {
    String md = sample().markdown();
    assertThat(md)
        .startsWith("- CPU: AMD EPYC\n- date: 2026-11-24T14:00:00Z\n\n")
        .contains("| figure | target | console3270 | s3270 | ratio ours/s3270 | result |\n")
        .contains("| connect, median | - | 1.50 ms | 3.00 ms | 0.500 | - |\n")
        .contains("| apply | >= 500 MB/s | 522 MB/s | - | - | **FAIL** |\n")
        .contains("| a \\| b | < 1,000 ns | 10 ns | - | - | pass |\n")
        .endsWith("\n- s3270 skipped\n");
  }

  @Test
  void numbersAreRoundedForReading() {
    assertThat(ReportTable.number(670_123.4)).isEqualTo("670,123");
    assertThat(ReportTable.number(45.61)).isEqualTo("45.6");
    assertThat(ReportTable.number(10)).isEqualTo("10");
    assertThat(ReportTable.number(1.4049)).isEqualTo("1.40");
    assertThat(ReportTable.number(0.0312)).isEqualTo("0.031");
    assertThat(ReportTable.number(Double.NaN)).isEqualTo("n/a");
  }

  @Test
  void ratioNeedsBothFigures() {
    assertThat(new Row("x", "ms", "-", 2, 4, Verdict.NONE).ratio()).isEqualTo(0.5);
    assertThat(new Row("x", "ms", "-", 2, Double.NaN, Verdict.NONE).ratio()).isNaN();
    assertThat(new Row("x", "ms", "-", Double.NaN, 4, Verdict.NONE).ratio()).isNaN();
    assertThat(new Row("x", "ms", "-", 2, 0, Verdict.NONE).ratio()).isNaN();
  }

  @Test
  void verdictAgainstATarget() {
    assertThat(Verdict.of(1.4, v -> v < 2)).isEqualTo(Verdict.PASS);
    assertThat(Verdict.of(4.7, v -> v < 2)).isEqualTo(Verdict.FAIL);
    assertThat(Verdict.of(Double.NaN, v -> v < 2)).isEqualTo(Verdict.NONE);
  }

  @Test
  void jsonHasTheSameFiguresWithNullForMissing() throws Exception {
    JsonNode root = new ObjectMapper().readTree(sample().json());
    assertThat(root.get("machine").get("CPU").asText()).isEqualTo("AMD EPYC");
    JsonNode first = root.get("rows").get(0);
    assertThat(first.get("console3270").asDouble()).isEqualTo(1.5);
    assertThat(first.get("s3270").asDouble()).isEqualTo(3.0);
    assertThat(first.get("ratio").asDouble()).isEqualTo(0.5);
    assertThat(first.get("result").asText()).isEqualTo("none");
    JsonNode apply = root.get("rows").get(1);
    assertThat(apply.get("s3270").isNull()).isTrue();
    assertThat(apply.get("ratio").isNull()).isTrue();
    assertThat(apply.get("result").asText()).isEqualTo("fail");
    assertThat(root.get("notes").get(0).asText()).isEqualTo("s3270 skipped");
  }

  @Test
  void aRowWithoutFigureOrVerdictIsRefused() {
    assertThatThrownBy(() -> new Row(" ", "ms", "-", 1, 1, Verdict.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Row("x", "ms", "-", 1, 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("verdict");
  }
}
