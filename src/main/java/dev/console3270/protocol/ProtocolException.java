package dev.console3270.protocol;

/**
 * The protocol core's one error type: malformed or unsupported data from the host, with the offset
 * in the record where it was found and the reason. Anything else the core throws is a bug.
 */
public final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;
  private final String reason;

  public ProtocolException(int offset, String reason) {
    super(reason + " (at offset " + offset + ")");
    this.offset = offset;
    this.reason = reason;
  }

  /** Offset in the record (or stream) where the problem was found, or -1 when not known. */
  public int offset() {
    return offset;
  }

  /** The reason, without the offset. */
  public String reason() {
    return reason;
  }
}
