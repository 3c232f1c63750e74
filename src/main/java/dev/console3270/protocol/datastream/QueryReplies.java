package dev.console3270.protocol.datastream;

import dev.console3270.protocol.TerminalState;

/**
 * Query Replies: the inbound structured fields (AID X'88') that describe this terminal's
 * capabilities in answer to Read Partition Query and Query List.
 */
public final class QueryReplies {
  private QueryReplies() {}

  /** Answer to Read Partition Query: AID X'88' followed by every Query Reply this terminal has. */
  public static byte[] query(TerminalState state) {
    throw new UnsupportedOperationException("stub: implemented by the query replies work");
  }

  /**
   * Answer to Read Partition Query List.
   *
   * @param requestType X'00' list, X'40' equivalent + list, X'80' all
   * @param codes the QCODEs the host listed (for list and equivalent)
   */
  public static byte[] queryList(TerminalState state, int requestType, byte[] codes) {
    throw new UnsupportedOperationException("stub: implemented by the query replies work");
  }
}
