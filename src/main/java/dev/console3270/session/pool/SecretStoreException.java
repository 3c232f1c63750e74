package dev.console3270.session.pool;

import java.io.IOException;

/** The secret store cannot be opened or written: wrong passphrase, damaged file, no crypto. */
public final class SecretStoreException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A failure with a message saying what is wrong (never a secret). */
  public SecretStoreException(String message) {
    super(message);
  }
}
