package dev.console3270.session.pool;

/**
 * A connection was refused by the pool's {@link SessionPool.Admission} (for example, the compliance
 * packs require TLS for a host that is not on this machine).
 */
public final class PoolRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A refusal with the reason. */
  public PoolRefusedException(String message) {
    super(message);
  }
}
