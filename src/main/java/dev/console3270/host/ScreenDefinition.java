package dev.console3270.host;

import java.util.List;
import java.util.Optional;

/**
 * A parsed screen file: rows of text with zero-width style changes, and named fields.
 *
 * @param name the screen's name (its file name without {@code .screen})
 * @param title a short title, for logs
 * @param alternate true when the screen needs the 27x132 alternate size (Erase/Write Alternate)
 * @param rows how many rows the screen needs
 * @param columns how many columns the screen needs
 * @param cursorField the input field that gets the cursor, or null
 * @param lines the text rows; field cells are blanks
 * @param fields the fields, in screen order
 */
public record ScreenDefinition(
    String name,
    String title,
    boolean alternate,
    int rows,
    int columns,
    String cursorField,
    List<Line> lines,
    List<FieldDefinition> fields) {

  /**
   * A run of static text on a row.
   *
   * @param column where the run starts
   * @param text the characters
   * @param style SA character attributes for the run
   */
  public record Run(int column, String text, Style style) {}

  /**
   * One row of static text.
   *
   * @param runs the text runs, left to right, none overlapping a field
   */
  public record Line(List<Run> runs) {}

  public ScreenDefinition {
    lines = List.copyOf(lines);
    fields = List.copyOf(fields);
  }

  /** The field with this name. */
  public Optional<FieldDefinition> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }
}
