package dev.console3270.host;

/** Malformed data from a client; the connection that sent it is closed. */
public final class ClientDataException extends Exception {

  private static final long serialVersionUID = 1L;

  /** An error with a reason for the log. */
  public ClientDataException(String reason) {
    super(reason);
  }
}
