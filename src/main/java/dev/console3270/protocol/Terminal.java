package dev.console3270.protocol;

import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.datastream.DataStreamProcessor;
import dev.console3270.protocol.datastream.SscpLuWriter;
import dev.console3270.protocol.keyboard.ConnectionPhase;
import dev.console3270.protocol.keyboard.KeyResult;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.keyboard.Oia;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.telnet.BindImage;
import dev.console3270.protocol.telnet.DataType;
import dev.console3270.protocol.telnet.TelnetCodec;
import dev.console3270.protocol.telnet.TelnetConfig;
import dev.console3270.protocol.telnet.TelnetListener;
import dev.console3270.protocol.telnet.TelnetMode;
import dev.console3270.protocol.telnet.Tn3270eHeader;
import java.util.function.Function;

/**
 * One emulated 3270 terminal: the telnet codec, the data-stream processor, the keyboard and the
 * state they share, joined. Host bytes go in through {@link #receive}; bytes for the host, screen
 * and OIA changes and protocol errors come out through the {@link Listener}. Operator keys go in
 * through {@link #key}. Single-threaded: call it from the session's thread only. Never throws on
 * bad host data: the error is reported to the listener and the model stays consistent.
 */
public final class Terminal {

  /** What a terminal tells its owner. Every method is called on the thread that called in. */
  public interface Listener {
    /** Bytes to write to the host, in order. */
    void send(byte[] bytes);

    /** The screen changed; {@code version} is the new screen version. */
    default void screenChanged(long version) {}

    /** Something the OIA shows changed (lock, insert mode, phase, cursor). */
    default void oiaChanged() {}

    /** The host sent something malformed; it was applied up to the error. */
    default void protocolError(ProtocolException error) {}

    /** NVT (line mode) data from the host. */
    default void nvtData(byte[] data) {}

    /** The telnet mode changed (negotiation finished, BIND, UNBIND, fallback). */
    default void modeChanged(TelnetMode mode) {}

    /** The host asked for START-TLS; the owner answers with {@link Terminal#telnet()}. */
    default void startTlsRequested() {}

    /** The host sent START-TLS FOLLOWS: the next bytes on the connection are TLS. */
    default void startTlsFollows() {}

    /** A write sounded the alarm. */
    default void alarm() {}
  }

  /** TN3270E negative response reason: command reject (RFC 2355). */
  private static final int NEGATIVE_COMMAND_REJECT = 0x00;

  /** TN3270E negative response reason: operation check (RFC 2355). */
  private static final int NEGATIVE_OPERATION_CHECK = 0x02;

  private final TerminalState state;
  private final TelnetCodec codec;
  private final DataStreamProcessor processor;
  private final SscpLuWriter sscpLu;
  private final Keyboard keyboard;
  private final Listener listener;
  private long notifiedScreenVersion = -1;
  private Oia notifiedOia;
  private boolean tls;
  private long recordsApplied;
  private long protocolErrors;

  /** A terminal for the model and code page, negotiating as {@code telnetConfig} says. */
  public Terminal(
      TerminalModel model, CodePage codePage, TelnetConfig telnetConfig, Listener listener) {
    this.state = new TerminalState(model, codePage);
    this.listener = listener;
    this.processor = new DataStreamProcessor(state);
    this.sscpLu = new SscpLuWriter(state);
    this.keyboard = new Keyboard(state);
    this.codec = new TelnetCodec(telnetConfig, new CodecListener());
    state.lock(LockReason.NOT_CONNECTED);
  }

  /** A terminal with x3270's default negotiation for the model. */
  public Terminal(TerminalModel model, CodePage codePage, Listener listener) {
    this(model, codePage, TelnetConfig.of(model), listener);
  }

  /** The connection is open: negotiation starts with the host's first bytes. */
  public void connected() {
    // As x3270: a new connection's screen is cleared at the alternate (largest) size, until the
    // host's first Erase/Write picks one (SSCP-LU and unbound screens stay at that size).
    state.screen().eraseAndSetSize(true);
    state.unlock(LockReason.NOT_CONNECTED);
    // As x3270: locked until the host's first write (or SSCP-LU data) restores the keyboard.
    state.lock(LockReason.AWAITING_FIRST);
    keyboard.setPhase(ConnectionPhase.CONNECTING);
    notifyChanges();
  }

  /** The connection closed (either side): the keyboard locks until the next connection. */
  public void disconnected() {
    state.lock(LockReason.NOT_CONNECTED);
    keyboard.setPhase(ConnectionPhase.NOT_CONNECTED);
    notifyChanges();
  }

  /** Tells the OIA whether the connection is under TLS. */
  public void setTls(boolean on) {
    tls = on;
    notifyChanges();
  }

  /**
   * Feeds bytes from the host. Returns how many were consumed: fewer than {@code length} only when
   * START-TLS FOLLOWS arrived and the rest belongs to the TLS handshake.
   */
  public int receive(byte[] data, int offset, int length) {
    int consumed = codec.receive(data, offset, length);
    notifyChanges();
    return consumed;
  }

  /** Feeds all of {@code data}. */
  public int receive(byte[] data) {
    return receive(data, 0, data.length);
  }

  /**
   * Runs one operator key on the keyboard, sends what it produces (Read Modified for an AID, a
   * telnet command for Attn or SysReq), and reports changes.
   */
  public KeyResult key(Function<Keyboard, KeyResult> action) {
    KeyResult result = action.apply(keyboard);
    if (result instanceof KeyResult.SendAid aid) {
      DataType type =
          codec.mode() == TelnetMode.TN3270E_SSCP_LU ? DataType.SSCP_LU_DATA : DataType.DATA_3270;
      if (codec.mode().is3270()) {
        codec.sendRecord(type, aid.data());
      }
    } else if (result instanceof KeyResult.SendTelnet signal) {
      switch (signal.signal()) {
        case ABORT -> codec.sendSysReq();
        case BREAK, INTERRUPT_PROCESS -> codec.sendAttn();
      }
    }
    notifyChanges();
    return result;
  }

  /** An immutable copy of the screen. */
  public ScreenSnapshot snapshot() {
    return state.screen().snapshot();
  }

  /** The Operator Information Area now. */
  public Oia oia() {
    return keyboard.oia(codec.luName(), tls);
  }

  /** The shared state (read it on the terminal's thread only). */
  public TerminalState state() {
    return state;
  }

  /** The telnet codec, for negotiation state, keepalives and START-TLS answers. */
  public TelnetCodec telnet() {
    return codec;
  }

  /** The keyboard, for its settings (numeric lock, blank fill). Keys go through {@link #key}. */
  public Keyboard keyboard() {
    return keyboard;
  }

  /** Host records applied so far. */
  public long recordsApplied() {
    return recordsApplied;
  }

  /** Protocol errors reported so far. */
  public long protocolErrors() {
    return protocolErrors;
  }

  private void notifyChanges() {
    long v = state.screen().version();
    if (v != notifiedScreenVersion) {
      notifiedScreenVersion = v;
      listener.screenChanged(v);
    }
    Oia oia = oia();
    if (!oia.equals(notifiedOia)) {
      notifiedOia = oia;
      listener.oiaChanged();
    }
    if (state.takeAlarm()) {
      listener.alarm();
    }
  }

  private void reportError(ProtocolException e) {
    protocolErrors++;
    listener.protocolError(e);
  }

  private void apply3270(Tn3270eHeader header, byte[] data) {
    try {
      DataStreamProcessor.Result result = processor.apply(data, 0, data.length);
      recordsApplied++;
      if (header != null) {
        codec.respond(header, true, 0);
      }
      if (result.reply() != null) {
        codec.sendRecord(DataType.DATA_3270, result.reply());
      }
    } catch (ProtocolException e) {
      if (header != null) {
        codec.respond(
            header,
            false,
            processor.lastRejection() == DataStreamProcessor.Rejection.OPERATION_CHECK
                ? NEGATIVE_OPERATION_CHECK
                : NEGATIVE_COMMAND_REJECT);
      }
      reportError(e);
    }
  }

  private static ConnectionPhase phaseOf(TelnetMode mode) {
    return switch (mode) {
      case PENDING -> ConnectionPhase.CONNECTING;
      case NVT, TN3270E_NVT -> ConnectionPhase.NVT;
      case TN3270 -> ConnectionPhase.TN3270;
      case TN3270E_UNBOUND, TN3270E_3270 -> ConnectionPhase.TN3270E;
      case TN3270E_SSCP_LU -> ConnectionPhase.SSCP_LU;
    };
  }

  private final class CodecListener implements TelnetListener {
    @Override
    public void send(byte[] bytes) {
      listener.send(bytes);
    }

    @Override
    public void record(Tn3270eHeader header, byte[] data) {
      if (header == null || header.dataType() == DataType.DATA_3270) {
        apply3270(header, data);
        return;
      }
      switch (header.dataType()) {
        case SSCP_LU_DATA -> {
          sscpLu.write(data, 0, data.length);
          recordsApplied++;
        }
        case NVT_DATA -> listener.nvtData(data);
        default -> {
          // SCS, REQUEST, RESPONSE, PRINT-EOJ and unknown types: a display ignores them, as x3270.
        }
      }
    }

    @Override
    public void nvtData(byte[] data) {
      listener.nvtData(data);
    }

    @Override
    public void modeChanged(TelnetMode mode) {
      keyboard.setPhase(phaseOf(mode));
      listener.modeChanged(mode);
    }

    @Override
    public void bind(BindImage bind) {
      if (bind.sizeValid() && bind.alternatePresent()) {
        state.screen().setAlternateSize(bind.altRows(), bind.altCols());
      }
    }

    @Override
    public void unbind(int reason) {
      // As x3270 (checked with s3270): cleared at the alternate size, as on a new connection.
      state.screen().eraseAndSetSize(true);
    }

    @Override
    public void startTlsRequested() {
      listener.startTlsRequested();
    }

    @Override
    public void startTlsFollows() {
      listener.startTlsFollows();
    }

    @Override
    public void protocolError(ProtocolException error) {
      reportError(error);
    }
  }
}
