package dev.console3270.host;

import dev.console3270.protocol.screen.Color;
import dev.console3270.protocol.screen.Highlight;

/**
 * Colour and highlighting of a field or a run of text; {@link Color#DEFAULT} and {@link
 * Highlight#DEFAULT} mean "not set".
 *
 * @param color the foreground colour
 * @param highlight the extended highlighting
 */
public record Style(Color color, Highlight highlight) {

  /** No colour, no highlighting. */
  public static final Style PLAIN = new Style(Color.DEFAULT, Highlight.DEFAULT);

  /** True when neither colour nor highlighting is set. */
  public boolean isPlain() {
    return color == Color.DEFAULT && highlight == Highlight.DEFAULT;
  }
}
