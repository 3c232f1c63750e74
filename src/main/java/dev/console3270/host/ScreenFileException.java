package dev.console3270.host;

/** A screen file that does not follow the format; the message names the file and line. */
public final class ScreenFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A parse error at a line (1-based) of a named file. */
  public ScreenFileException(String file, int line, String reason) {
    super(file + ":" + line + ": " + reason);
  }
}
