package dev.console3270.protocol.datastream;

import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.screen.ScreenBuffer;
import java.util.List;

/** Screen text for the data-stream tests: the product's renderer on the bracket code page. */
final class ScreenText {
  private static final CodePage BRACKET = CodePages.bracket();

  private ScreenText() {}

  static List<String> lines(ScreenBuffer s) {
    return dev.console3270.protocol.screen.ScreenText.ascii(s.snapshot(), BRACKET);
  }

  static char charAt(ScreenBuffer s, int a) {
    return dev.console3270.protocol.screen.ScreenText.displayChar(s.snapshot(), BRACKET, a);
  }

  static String row(ScreenBuffer s, int row) {
    return lines(s).get(row);
  }
}
