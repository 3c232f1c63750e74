package dev.console3270.protocol.keyboard;

/** A telnet command a key asks the session to send instead of 3270 data. */
public enum TelnetSignal {
  /** IAC IP: Attn in TN3270E (RFC 2355). */
  INTERRUPT_PROCESS,
  /** IAC BREAK: Attn in plain TN3270. */
  BREAK,
  /** IAC ABORT: SysReq in TN3270E (RFC 2355). */
  ABORT
}
