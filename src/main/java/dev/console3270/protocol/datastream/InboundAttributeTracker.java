package dev.console3270.protocol.datastream;

import dev.console3270.protocol.ReplyMode;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.ScreenBuffer;

/**
 * Character reply mode bookkeeping for one inbound reply: the character attribute values last sent
 * (all default at the start) and which types the host selected. Emits SA orders, always in the
 * order foreground, background, highlighting, character set (as x3270 does), for the selected types
 * whose value changes. In field and extended-field modes it emits nothing.
 */
final class InboundAttributeTracker {
  private final boolean foreground;
  private final boolean background;
  private final boolean highlight;
  private final boolean charset;
  private int currentFg;
  private int currentBg;
  private int currentHl;
  private int currentCs;

  InboundAttributeTracker(TerminalState state) {
    boolean fg = false;
    boolean bg = false;
    boolean hl = false;
    boolean cs = false;
    if (state.replyMode() == ReplyMode.CHARACTER) {
      for (int type : state.replyModeAttributes()) {
        switch (type & 0xff) {
          case Attributes.TYPE_FOREGROUND -> fg = true;
          case Attributes.TYPE_BACKGROUND -> bg = true;
          case Attributes.TYPE_HIGHLIGHT -> hl = true;
          case Attributes.TYPE_CHARSET -> cs = true;
          default -> {
            // other types are not character attributes we keep
          }
        }
      }
    }
    this.foreground = fg;
    this.background = bg;
    this.highlight = hl;
    this.charset = cs;
  }

  /** Writes the SA orders needed before the character at {@code a}. */
  void update(ByteSink out, ScreenBuffer screen, int a) {
    if (foreground) {
      currentFg = set(out, Attributes.TYPE_FOREGROUND, screen.foregroundAt(a), currentFg);
    }
    if (background) {
      currentBg = set(out, Attributes.TYPE_BACKGROUND, screen.backgroundAt(a), currentBg);
    }
    if (highlight) {
      int hl = InboundEncoder.hostHighlight(screen.highlightAt(a));
      currentHl = set(out, Attributes.TYPE_HIGHLIGHT, hl, currentHl);
    }
    if (charset) {
      int cs = InboundEncoder.hostCharset(InboundEncoder.effectiveCharset(screen, a));
      currentCs = set(out, Attributes.TYPE_CHARSET, cs, currentCs);
    }
  }

  private static int set(ByteSink out, int type, int value, int current) {
    if (value != current) {
      out.write(InboundEncoder.ORDER_SA);
      out.write(type);
      out.write(value);
    }
    return value;
  }
}
