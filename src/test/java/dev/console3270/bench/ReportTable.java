package dev.console3270.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * The side-by-side report: machine facts, notes and one row per figure, written as a Markdown table
 * and as JSON. Pure: no measuring here.
 */
public final class ReportTable {

  /** How a figure compares with its target. */
  public enum Verdict {
    /** The target is met. */
    PASS,
    /** The target is not met. */
    FAIL,
    /** The figure has no target (or was not measured). */
    NONE;

    /** The verdict of a figure against a target, NONE when the figure is missing (NaN). */
    public static Verdict of(double figure, DoublePredicate target) {
      if (Double.isNaN(figure)) {
        return NONE;
      }
      return target.test(figure) ? PASS : FAIL;
    }

    String cell() {
      return switch (this) {
        case PASS -> "pass";
        case FAIL -> "**FAIL**";
        case NONE -> "-";
      };
    }
  }

  /**
   * One figure.
   *
   * @param figure what is measured
   * @param unit the unit of {@code ours} and {@code s3270}
   * @param target the target in words ("-" when there is none)
   * @param ours our figure, NaN when not measured
   * @param s3270 s3270's figure, NaN when not measured or not comparable
   * @param verdict ours against the target
   */
  public record Row(
      String figure, String unit, String target, double ours, double s3270, Verdict verdict) {
    /** Validates. */
    public Row {
      if (figure == null || figure.isBlank() || unit == null || target == null) {
        throw new IllegalArgumentException("a row needs a figure, a unit and a target");
      }
      if (verdict == null) {
        throw new IllegalArgumentException("a row needs a verdict (NONE when there is no target)");
      }
    }

    /** ours / s3270, or NaN when either is missing or s3270's is zero. */
    public double ratio() {
      if (Double.isNaN(ours) || Double.isNaN(s3270) || s3270 == 0) {
        return Double.NaN;
      }
      return ours / s3270;
    }
  }

  private final Map<String, String> machine = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();

  /** Adds a machine fact (CPU, cores, RAM, OS, JDK, date...). */
  public ReportTable fact(String name, String value) {
    machine.put(name, value);
    return this;
  }

  /** Adds a note printed under the table. */
  public ReportTable note(String text) {
    notes.add(text);
    return this;
  }

  /** Adds a row. */
  public ReportTable row(Row row) {
    rows.add(row);
    return this;
  }

  /** The machine facts so far, in the order given. */
  public Map<String, String> facts() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(machine));
  }

  /** The rows so far. */
  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /**
   * A number for a table cell: thousands separated and three significant digits at most after the
   * point; "n/a" for NaN.
   */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    double a = Math.abs(v);
    if (a >= 100 || v == Math.rint(v) && a >= 10) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String withUnit(double v, String unit) {
    return Double.isNaN(v) ? "n/a" : number(v) + " " + unit;
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  /** The report as Markdown: facts, the table, notes. */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : machine.entrySet()) {
      sb.append("- ").append(cell(e.getKey())).append(": ").append(cell(e.getValue())).append('\n');
    }
    if (!machine.isEmpty()) {
      sb.append('\n');
    }
    sb.append("| figure | target | console3270 | s3270 | ratio ours/s3270 | result |\n");
    sb.append("| --- | --- | ---: | ---: | ---: | --- |\n");
    for (Row r : rows) {
      sb.append("| ")
          .append(cell(r.figure()))
          .append(" | ")
          .append(cell(r.target()))
          .append(" | ")
          .append(withUnit(r.ours(), r.unit()))
          .append(" | ")
          .append(Double.isNaN(r.s3270()) ? "-" : withUnit(r.s3270(), r.unit()))
          .append(" | ")
          .append(Double.isNaN(r.ratio()) ? "-" : number(r.ratio()))
          .append(" | ")
          .append(r.verdict().cell())
          .append(" |\n");
    }
    if (!notes.isEmpty()) {
      sb.append('\n');
      for (String n : notes) {
        sb.append("- ").append(cell(n)).append('\n');
      }
    }
    return sb.toString();
  }

  /** The report as JSON: {@code machine}, {@code rows} (NaN as null), {@code notes}. */
  public String json() {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ObjectNode m = root.putObject("machine");
    machine.forEach(m::put);
    ArrayNode a = root.putArray("rows");
    for (Row r : rows) {
      ObjectNode o = a.addObject();
      o.put("figure", r.figure());
      o.put("unit", r.unit());
      o.put("target", r.target());
      putNumber(o, "console3270", r.ours());
      putNumber(o, "s3270", r.s3270());
      putNumber(o, "ratio", r.ratio());
      o.put("result", r.verdict().name().toLowerCase(Locale.ROOT));
    }
    ArrayNode n = root.putArray("notes");
    notes.forEach(n::add);
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  private static void putNumber(ObjectNode o, String name, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      o.putNull(name);
    } else {
      o.put(name, v);
    }
  }
}
