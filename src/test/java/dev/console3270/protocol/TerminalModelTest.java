package dev.console3270.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminalModelTest {

  @ParameterizedTest
  @CsvSource({
    "3278-2, IBM-3278-2, 24, 80",
    "3279-2-E, IBM-3279-2-E, 24, 80",
    "3279-3-E, IBM-3279-3-E, 32, 80",
    "3278-4-E, IBM-3278-4-E, 43, 80",
    "3279-5-E, IBM-3279-5-E, 27, 132",
    "4, IBM-3279-4-E, 43, 80",
    "3279-2-E:50x100, IBM-DYNAMIC, 50, 100",
    "62x160, IBM-DYNAMIC, 62, 160"
  })
  void parsesX3270ModelNames(String name, String type, int rows, int cols) {
    TerminalModel m = TerminalModel.parse(name);
    assertThat(m.terminalType()).isEqualTo(type);
    assertThat(m.altRows()).isEqualTo(rows);
    assertThat(m.altCols()).isEqualTo(cols);
    assertThat(TerminalModel.parse(m.name())).isEqualTo(m);
  }

  @Test
  void badNamesAndSizesGiveClearErrors() {
    assertThatThrownBy(() -> TerminalModel.parse("3270-9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown terminal model");
    assertThatThrownBy(() -> TerminalModel.parse("3279-4-E:10x10"))
        .hasMessageContaining("at least 24x80");
    assertThatThrownBy(() -> TerminalModel.custom(200, 200)).hasMessageContaining("too large");
    assertThatThrownBy(() -> TerminalModel.of(7, true, true)).hasMessageContaining("2 to 5");
    assertThatThrownBy(() -> TerminalModel.parse("3279-4-E:axb")).hasMessageContaining("bad");
  }

  @Test
  void defaultIsX3270s() {
    assertThat(TerminalModel.defaultModel().name()).isEqualTo("3279-4-E");
    assertThat(TerminalModel.defaultModel().altSize()).isEqualTo(43 * 80);
  }
}
