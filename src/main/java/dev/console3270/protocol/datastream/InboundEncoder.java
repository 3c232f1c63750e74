package dev.console3270.protocol.datastream;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.TerminalState;

/**
 * Builds inbound 3270 data (terminal to host): Read Modified, Read Modified All and Read Buffer
 * replies in the current reply mode. The result is the 3270 data alone, without TN3270E header or
 * telnet framing.
 */
public final class InboundEncoder {
  private InboundEncoder() {}

  /**
   * The Read Modified reply for an AID: the AID alone (short read) for PA keys and Clear, else AID,
   * cursor address and, for each modified field, SBA + address + its data with nulls suppressed.
   *
   * @param all true for Read Modified All (a short-read AID still sends its fields)
   */
  public static byte[] readModified(TerminalState state, Aid aid, boolean all) {
    throw new UnsupportedOperationException("stub: implemented by the inbound encoder work");
  }

  /** The Read Buffer reply: AID, cursor address, then every cell in the current reply mode. */
  public static byte[] readBuffer(TerminalState state, Aid aid) {
    throw new UnsupportedOperationException("stub: implemented by the inbound encoder work");
  }
}
