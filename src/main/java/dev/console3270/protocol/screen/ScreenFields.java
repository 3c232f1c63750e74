package dev.console3270.protocol.screen;

import dev.console3270.protocol.codepage.CodePage;
import java.util.ArrayList;
import java.util.List;

/** A structured view of a screen's fields, for the REST API and scripts. */
public final class ScreenFields {

  private ScreenFields() {}

  /**
   * The fields of a screen in buffer order (as {@link ScreenSnapshot#fields()}); empty on an
   * unformatted screen. A field's content wraps from the last cell to the first, as the 3270 does;
   * a non-display field's content is the empty string.
   */
  public static List<FieldView> of(ScreenSnapshot screen, CodePage codePage) {
    List<FieldView> out = new ArrayList<>();
    int n = screen.size();
    char[] chars = ScreenText.displayChars(screen, codePage);
    for (Field f : screen.fields()) {
      FieldAttribute fa = f.attribute();
      int start = f.dataStart(n);
      String content = "";
      if (!fa.isNonDisplay()) {
        StringBuilder sb = new StringBuilder(f.length());
        for (int i = 0; i < f.length(); i++) {
          sb.append(chars[(start + i) % n]);
        }
        content = sb.toString();
      }
      out.add(
          new FieldView(
              f.attributeAddress(),
              start,
              start / screen.cols(),
              start % screen.cols(),
              f.length(),
              fa.isProtected(),
              fa.isNumeric(),
              fa.isIntensified(),
              fa.isNonDisplay(),
              fa.isDetectable(),
              fa.isModified(),
              Color.of(f.foreground()),
              Color.of(f.background()),
              Highlight.of(f.highlight()),
              content));
    }
    return List.copyOf(out);
  }

  /**
   * The field containing an address (its attribute or a data cell), or null on an unformatted
   * screen.
   */
  public static FieldView at(ScreenSnapshot screen, CodePage codePage, int address) {
    for (FieldView f : of(screen, codePage)) {
      int n = screen.size();
      int offset = Math.floorMod(address - f.attributeAddress(), n);
      if (offset <= f.length()) {
        return f;
      }
    }
    return null;
  }
}
