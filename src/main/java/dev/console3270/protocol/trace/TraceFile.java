package dev.console3270.protocol.trace;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An x3270-format trace read into bursts: runs of consecutive host ({@code <}) lines and runs of
 * consecutive emulator ({@code >}) lines, plus the model, size and code page its header names.
 *
 * @param bursts the bursts in order
 * @param model the model named in the header (e.g. {@code 3279-4-E}), or null
 * @param rows rows from the header, or 0
 * @param cols columns from the header, or 0
 * @param codePage code page named in the header (e.g. {@code bracket}, {@code cp937}), or null
 */
public record TraceFile(List<Burst> bursts, String model, int rows, int cols, String codePage) {

  /**
   * A run of bytes in one direction.
   *
   * @param fromHost true for bytes the host sent
   * @param data the bytes
   * @param line the 1-origin line of the trace where the run starts
   */
  public record Burst(boolean fromHost, byte[] data, int line) {}

  private static final Pattern DATA =
      Pattern.compile("^([<>]) 0x[0-9a-fA-F]+\\s+([0-9a-fA-F]*)\\s*$");
  private static final Pattern MODEL =
      Pattern.compile(
          "^ Model (\\S+), (\\d+) rows x (\\d+) cols.*?(?:code page (\\S+)|(\\S+) charset)\\s*$");
  private static final Pattern ROWS = Pattern.compile("^// rows (\\d+)");
  private static final Pattern COLS = Pattern.compile("^// columns (\\d+)");

  /**
   * Parses the text of a trace.
   *
   * @throws IllegalArgumentException when a data line has odd-length or non-hex data
   */
  public static TraceFile parse(String text) {
    List<Burst> bursts = new ArrayList<>();
    String model = null;
    String codePage = null;
    int rows = 0;
    int cols = 0;
    ByteArrayOutputStream current = null;
    boolean currentFromHost = false;
    int currentLine = 0;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher d = DATA.matcher(line);
      if (d.matches()) {
        boolean fromHost = d.group(1).equals("<");
        if (current != null && fromHost != currentFromHost) {
          bursts.add(new Burst(currentFromHost, current.toByteArray(), currentLine));
          current = null;
        }
        if (current == null) {
          current = new ByteArrayOutputStream();
          currentFromHost = fromHost;
          currentLine = i + 1;
        }
        String hex = d.group(2);
        if (hex.length() % 2 != 0) {
          throw new IllegalArgumentException("odd-length hex at line " + (i + 1));
        }
        byte[] bytes = HexFormat.of().parseHex(hex);
        current.write(bytes, 0, bytes.length);
        continue;
      }
      Matcher m = MODEL.matcher(line);
      if (m.matches() && model == null) {
        model = m.group(1);
        rows = Integer.parseInt(m.group(2));
        cols = Integer.parseInt(m.group(3));
        codePage = m.group(4) != null ? m.group(4) : m.group(5);
        continue;
      }
      Matcher r = ROWS.matcher(line);
      if (r.find()) {
        rows = Integer.parseInt(r.group(1));
      }
      Matcher c = COLS.matcher(line);
      if (c.find()) {
        cols = Integer.parseInt(c.group(1));
      }
    }
    if (current != null) {
      bursts.add(new Burst(currentFromHost, current.toByteArray(), currentLine));
    }
    return new TraceFile(List.copyOf(bursts), model, rows, cols, codePage);
  }

  /** All bytes the host sent, concatenated. */
  public byte[] hostBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Burst b : bursts) {
      if (b.fromHost()) {
        out.write(b.data(), 0, b.data().length);
      }
    }
    return out.toByteArray();
  }
}
