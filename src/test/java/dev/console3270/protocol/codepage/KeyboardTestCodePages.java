package dev.console3270.protocol.codepage;

/**
 * Code pages for the keyboard tests, built through the package-private factory until the code page
 * registry is public.
 */
public final class KeyboardTestCodePages {
  private KeyboardTestCodePages() {}

  /** CP037 with x3270's "bracket" changes (X'AD' '[', X'BD' ']', X'BA' 'Ý', X'BB' '¨'). */
  public static CodePage bracket() {
    return CodePage.fromCharset(
        "bracket", "IBM037", new int[][] {{0xad, '['}, {0xbd, ']'}, {0xba, 0xdd}, {0xbb, 0xa8}});
  }
}
