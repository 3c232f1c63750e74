package dev.console3270.protocol.screen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.TerminalModel;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScreenBufferTest {

  private static boolean allEmpty(ScreenBuffer b) {
    for (int a = 0; a < b.size(); a++) {
      if (b.charAt(a) != 0
          || b.isFieldAttribute(a)
          || b.foregroundAt(a) != 0
          || b.backgroundAt(a) != 0
          || b.highlightAt(a) != 0
          || b.charsetAt(a) != 0
          || b.validationAt(a) != 0) {
        return false;
      }
    }
    return !b.isFormatted();
  }

  @Test
  void clearingAfterRandomWritesLeavesNothingBehindAtEitherSize() {
    ScreenBuffer b = new ScreenBuffer(TerminalModel.of(4, true, true));
    Random r = new Random(42);
    for (int round = 0; round < 200; round++) {
      b.eraseAndSetSize(r.nextBoolean());
      int n = b.size();
      for (int i = 0; i < 20; i++) {
        int a = r.nextInt(n);
        switch (r.nextInt(6)) {
          case 0 -> b.setChar(a, 0xc1, 0xf1, 0xf2, 0xf3, 0xf4);
          case 1 -> b.setFieldAttribute(a, 0x21);
          case 2 -> b.setExtendedAttribute(a, Attributes.TYPE_VALIDATION, 4);
          case 3 -> b.setChars(a, new byte[] {(byte) 0xc1, (byte) 0xc2}, 0, 2, 0, 0xf1, 0, 0);
          case 4 -> b.fillChars(a, r.nextInt(n) + 1, 0xc3, 0, 0, 0xf2, 0);
          default -> b.scrollUp();
        }
      }
      b.eraseAndSetSize(r.nextBoolean());
      assertThat(allEmpty(b)).as("round " + round).isTrue();
    }
  }

  @Test
  void resetAllModifiedClearsEveryMdt() {
    ScreenBuffer b = new ScreenBuffer(TerminalModel.of(2, true, true));
    b.setFieldAttribute(5, 0x01);
    b.setFieldAttribute(1900, 0x21);
    b.resetAllModified();
    assertThat(b.fieldAttributeByte(5)).isZero();
    assertThat(b.fieldAttributeByte(1900)).isEqualTo(0x20);
  }

  @Test
  void runsWrapAtTheEndOfTheBuffer() {
    ScreenBuffer b = new ScreenBuffer(TerminalModel.of(2, true, true));
    b.setFieldAttribute(1, 0x20);
    int next = b.setChars(1918, new byte[] {1, 2, 3, 4}, 0, 4, 0, 0, 0, 0);
    assertThat(next).isEqualTo(2);
    assertThat(b.charAt(1919)).isEqualTo(2);
    assertThat(b.charAt(1)).isEqualTo(4);
    assertThat(b.isFormatted()).isFalse();
  }
}
