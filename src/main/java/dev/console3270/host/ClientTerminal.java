package dev.console3270.host;

import dev.console3270.protocol.TerminalModel;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server knows about a client's terminal: its terminal type, model and sizes, and how it
 * connected.
 *
 * @param terminalType the TERMINAL-TYPE or DEVICE-TYPE the client announced
 * @param model the model (sizes, colour, extended data stream), refined by a Query Reply
 * @param tn3270e true when TN3270E was negotiated, false for plain TN3270
 * @param deviceName the device (LU) name given to a TN3270E client, or null
 */
public record ClientTerminal(
    String terminalType, TerminalModel model, boolean tn3270e, String deviceName) {

  private static final Pattern TYPE = Pattern.compile("IBM-327([89])-([2-5])(-E)?");

  /**
   * The model a terminal type names: {@code IBM-3278-2} to {@code IBM-3279-5-E}, or {@code
   * IBM-DYNAMIC} (24x80 until a Query Reply says more). Empty for any other type.
   */
  public static Optional<TerminalModel> modelOf(String terminalType) {
    String t = terminalType.trim().toUpperCase(Locale.ROOT);
    if (t.equals("IBM-DYNAMIC")) {
      return Optional.of(
          TerminalModel.custom(TerminalModel.DEFAULT_ROWS, TerminalModel.DEFAULT_COLS));
    }
    Matcher m = TYPE.matcher(t);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        TerminalModel.of(Integer.parseInt(m.group(2)), m.group(1).equals("9"), m.group(3) != null));
  }

  /** True when the alternate size holds at least {@code rows} x {@code cols}. */
  public boolean supportsAlternate(int rows, int cols) {
    return model.altRows() >= rows && model.altCols() >= cols;
  }

  /** This terminal with colour on or off (from a Query Reply's Color reply). */
  public ClientTerminal withColor(boolean color) {
    return new ClientTerminal(
        terminalType,
        new TerminalModel(
            model.number(), color, model.extended(), model.altRows(), model.altCols()),
        tn3270e,
        deviceName);
  }

  /** This terminal with another alternate size (from a Query Reply); unchanged if invalid. */
  public ClientTerminal withAlternateSize(int rows, int cols) {
    try {
      return new ClientTerminal(
          terminalType,
          new TerminalModel(model.number(), model.color(), model.extended(), rows, cols),
          tn3270e,
          deviceName);
    } catch (IllegalArgumentException e) {
      return this;
    }
  }
}
