package dev.console3270.protocol.telnet;

import dev.console3270.protocol.ProtocolException;

/**
 * What a {@link TelnetCodec} reports. All calls happen inside the codec's methods, on the caller's
 * thread, in order.
 */
public interface TelnetListener {

  /** Bytes to write to the socket, complete and already framed. */
  void send(byte[] bytes);

  /**
   * A complete record from the host (IAC undoubled, IAC EOR removed).
   *
   * @param header the TN3270E header, or null in TN3270 mode
   * @param data the record after the header
   */
  void record(Tn3270eHeader header, byte[] data);

  /** Data received in plain NVT mode (IAC undoubled, telnet commands removed). */
  void nvtData(byte[] data);

  /** The mode changed. */
  void modeChanged(TelnetMode mode);

  /** The host sent a BIND-IMAGE (TN3270E with the BIND-IMAGE function). */
  void bind(BindImage bind);

  /**
   * The host sent an UNBIND.
   *
   * @param reason the UNBIND reason byte, or -1 when the record had none
   */
  void unbind(int reason);

  /**
   * The host asked for START-TLS (IAC DO START-TLS). Answer with {@link
   * TelnetCodec#acceptStartTls()} or {@link TelnetCodec#refuseStartTls()}; until then the host
   * waits.
   */
  default void startTlsRequested() {}

  /**
   * The host sent SB START-TLS FOLLOWS: the TLS handshake starts with the next byte. {@link
   * TelnetCodec#receive} stops right after this and returns how many bytes it consumed; the rest
   * belongs to the TLS layer.
   */
  default void startTlsFollows() {}

  /** The host answered one of our {@link TelnetCodec#sendTimingMark()} requests. */
  default void timingMark() {}

  /**
   * The host sent a TN3270E BID (contention resolution); the codec already answered it with a
   * positive response when one was asked for.
   */
  default void bid(Tn3270eHeader header) {}

  /** Malformed or unusable data; the codec carries on. */
  void protocolError(ProtocolException error);
}
