package dev.console3270.protocol.keyboard;

import dev.console3270.protocol.Aid;
import java.util.Arrays;
import java.util.HexFormat;

/** The outcome of one keyboard operation. */
public sealed interface KeyResult
    permits KeyResult.Done, KeyResult.Failed, KeyResult.SendAid, KeyResult.SendTelnet {

  /** True when the key was accepted. */
  boolean success();

  /** The shared success value without output. */
  Done DONE = new Done();

  /** Accepted; nothing to send. */
  record Done() implements KeyResult {
    @Override
    public boolean success() {
      return true;
    }
  }

  /**
   * Refused. When the reason is an operator error the keyboard is now locked with it; otherwise
   * nothing changed.
   *
   * @param reason why
   */
  record Failed(Failure reason) implements KeyResult {
    @Override
    public boolean success() {
      return false;
    }
  }

  /**
   * An AID key was accepted: send {@code data} (3270 inbound data, no TN3270E header or telnet
   * framing) to the host.
   *
   * @param aid the AID
   * @param data the Read Modified bytes
   */
  record SendAid(Aid aid, byte[] data) implements KeyResult {
    public SendAid {
      data = data.clone();
    }

    /** The bytes to send (a copy). */
    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean success() {
      return true;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SendAid s && s.aid == aid && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
      return aid.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "SendAid[aid=" + aid + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
  }

  /**
   * Accepted: the session must send this telnet command.
   *
   * @param signal the command
   */
  record SendTelnet(TelnetSignal signal) implements KeyResult {
    @Override
    public boolean success() {
      return true;
    }
  }
}
