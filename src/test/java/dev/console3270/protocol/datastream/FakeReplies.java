package dev.console3270.protocol.datastream;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.TerminalState;
import java.util.ArrayList;
import java.util.List;

/** TEST-ONLY reply source that records each call and answers with a marker. */
final class FakeReplies implements DataStreamProcessor.ReplySource {
  final List<String> calls = new ArrayList<>();

  @Override
  public byte[] query(TerminalState state) {
    calls.add("query");
    return new byte[] {(byte) 0x88, 1};
  }

  @Override
  public byte[] queryList(TerminalState state, int requestType, byte[] codes) {
    StringBuilder sb = new StringBuilder("queryList " + Integer.toHexString(requestType));
    for (byte c : codes) {
      sb.append(' ').append(Integer.toHexString(c & 0xff));
    }
    calls.add(sb.toString());
    return new byte[] {(byte) 0x88, 2};
  }

  @Override
  public byte[] readBuffer(TerminalState state, Aid aid) {
    calls.add("readBuffer " + aid);
    return new byte[] {(byte) aid.code(), 3};
  }

  @Override
  public byte[] readModified(TerminalState state, Aid aid, boolean all) {
    calls.add((all ? "readModifiedAll " : "readModified ") + aid);
    return new byte[] {(byte) aid.code(), 4};
  }
}
