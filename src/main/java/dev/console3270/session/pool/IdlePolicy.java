package dev.console3270.session.pool;

/** What the pool does to a session idle for longer than its idle timeout. */
public enum IdlePolicy {
  /** Keep the connection; refuse operator input until the operator unlocks the session. */
  LOCK,
  /** Disconnect; the operator's unlock reconnects. */
  DISCONNECT
}
