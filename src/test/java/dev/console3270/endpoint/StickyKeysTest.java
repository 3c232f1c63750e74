package dev.console3270.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StickyKeysTest {

  @Test
  void acceptsOneToOneHundredTwentyEightPrintableCharacters() {
    assertThat(StickyKeys.check("a")).isEqualTo("a");
    assertThat(StickyKeys.check("alice@example.com")).isEqualTo("alice@example.com");
    assertThat(StickyKeys.check("Jürgen Müller")).isEqualTo("Jürgen Müller");
    assertThat(StickyKeys.check("x".repeat(128))).hasSize(128);
    // a character outside the BMP counts once
    assertThat(StickyKeys.check("\uD83D\uDE00".repeat(128))).hasSize(256);
  }

  @Test
  void refusesEmptyLongBlankAndUnprintableKeys() {
    assertThatThrownBy(() -> StickyKeys.check(null)).hasMessageContaining("1-128");
    assertThatThrownBy(() -> StickyKeys.check("")).hasMessageContaining("1-128");
    assertThatThrownBy(() -> StickyKeys.check("x".repeat(129))).hasMessageContaining("not 129");
    assertThatThrownBy(() -> StickyKeys.check("   ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> StickyKeys.check("ab\u0001"))
        .hasMessageContaining("U+0001 at character 3");
    assertThatThrownBy(() -> StickyKeys.check("a\nb")).hasMessageContaining("U+000A");
    assertThatThrownBy(() -> StickyKeys.check("a\u200Bb")).hasMessageContaining("U+200B");
    assertThatThrownBy(() -> StickyKeys.check("a\uD800")).hasMessageContaining("U+D800");
    assertThat(StickyKeys.isValid("a\u007F")).isFalse();
    assertThat(StickyKeys.isValid("ok")).isTrue();
  }

  @Test
  void theDefaultKeyIsTheFirstValidLuName() {
    assertThat(StickyKeys.ofLuNames(null)).isNull();
    assertThat(StickyKeys.ofLuNames(List.of())).isNull();
    assertThat(StickyKeys.ofLuNames(List.of("LU01", "LU02"))).isEqualTo("LU01");
    assertThat(StickyKeys.ofLuNames(Arrays.asList("bad\u0000", "LU02"))).isNull();
  }
}
