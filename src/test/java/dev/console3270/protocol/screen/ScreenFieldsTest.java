package dev.console3270.protocol.screen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScreenFieldsTest {

  private static final CodePage CP = CodePages.bracket();

  private static void put(ScreenBuffer b, int address, String text) {
    for (int i = 0; i < text.length(); i++) {
      b.setChar(address + i, CP.toEbcdic(text.charAt(i)), 0, 0, 0, 0);
    }
  }

  @Test
  void unformattedScreenHasNoFields() {
    assertThat(ScreenFields.of(new ScreenBuffer(4, 10, 4, 10).snapshot(), CP)).isEmpty();
  }

  @Test
  void fieldsCarryPositionAttributesColoursAndContent() {
    ScreenBuffer b = new ScreenBuffer(4, 10, 4, 10);
    b.setFieldAttribute(2, FieldAttribute.PROTECTED | FieldAttribute.DISPLAY_INTENSIFIED);
    b.setExtendedAttribute(2, Attributes.TYPE_FOREGROUND, 0xf2);
    b.setExtendedAttribute(2, Attributes.TYPE_HIGHLIGHT, Attributes.HL_REVERSE);
    put(b, 3, "Name:");
    b.setFieldAttribute(8, FieldAttribute.NUMERIC | FieldAttribute.MDT);
    b.setExtendedAttribute(8, Attributes.TYPE_BACKGROUND, 0xf1);
    put(b, 9, "12");
    b.setFieldAttribute(20, FieldAttribute.DISPLAY_NONE);
    put(b, 21, "SECRET");
    b.setFieldAttribute(30, FieldAttribute.DISPLAY_DETECTABLE);
    put(b, 31, "tail");
    put(b, 0, "ab");
    List<FieldView> fields = ScreenFields.of(b.snapshot(), CP);
    assertThat(fields).hasSize(4);

    FieldView name = fields.get(0);
    assertThat(name.attributeAddress()).isEqualTo(2);
    assertThat(name.address()).isEqualTo(3);
    assertThat(name.row()).isZero();
    assertThat(name.col()).isEqualTo(3);
    assertThat(name.length()).isEqualTo(5);
    assertThat(name.isProtected()).isTrue();
    assertThat(name.intensified()).isTrue();
    assertThat(name.detectable()).isTrue();
    assertThat(name.numeric()).isFalse();
    assertThat(name.modified()).isFalse();
    assertThat(name.foreground()).isEqualTo(Color.RED);
    assertThat(name.background()).isEqualTo(Color.DEFAULT);
    assertThat(name.highlight()).isEqualTo(Highlight.REVERSE);
    assertThat(name.content()).isEqualTo("Name:");

    FieldView number = fields.get(1);
    assertThat(number.row()).isZero();
    assertThat(number.col()).isEqualTo(9);
    assertThat(number.length()).isEqualTo(11);
    assertThat(number.numeric()).isTrue();
    assertThat(number.modified()).isTrue();
    assertThat(number.isProtected()).isFalse();
    assertThat(number.background()).isEqualTo(Color.BLUE);
    assertThat(number.content()).isEqualTo("12         ");

    FieldView secret = fields.get(2);
    assertThat(secret.nonDisplay()).isTrue();
    assertThat(secret.detectable()).isFalse();
    assertThat(secret.length()).isEqualTo(9);
    assertThat(secret.content()).isEmpty();
    assertThat(fields.toString()).doesNotContain("SECRET");

    // The last field wraps from the end of the screen to the top.
    FieldView tail = fields.get(3);
    assertThat(tail.row()).isEqualTo(3);
    assertThat(tail.col()).isEqualTo(1);
    assertThat(tail.length()).isEqualTo(11);
    assertThat(tail.content()).isEqualTo("tail     ab");
    assertThat(tail.detectable()).isTrue();
    assertThat(tail.intensified()).isFalse();

    assertThat(ScreenFields.at(b.snapshot(), CP, 2)).isEqualTo(name);
    assertThat(ScreenFields.at(b.snapshot(), CP, 7)).isEqualTo(name);
    assertThat(ScreenFields.at(b.snapshot(), CP, 1)).isEqualTo(tail);
    assertThat(ScreenFields.at(new ScreenBuffer(4, 10, 4, 10).snapshot(), CP, 0)).isNull();
  }
}
