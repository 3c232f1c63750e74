package dev.console3270.host;

/**
 * A named field of a screen file. The attribute byte sits at ({@code row}, {@code column}); the
 * field's {@code length} characters follow it; a stop attribute (protected, skip) follows them.
 *
 * @param name the field's name, unique in its screen
 * @param input true for an unprotected (input) field, false for a protected output field
 * @param row the attribute's row (0-based)
 * @param column the attribute's column (0-based)
 * @param length the number of character cells
 * @param numeric numeric-only input
 * @param nonDisplay the characters are not shown (passwords)
 * @param intensified shown intensified
 * @param style extended colour and highlighting (SFE), used when the client has extended data
 *     stream support
 */
public record FieldDefinition(
    String name,
    boolean input,
    int row,
    int column,
    int length,
    boolean numeric,
    boolean nonDisplay,
    boolean intensified,
    Style style) {

  /** The 3270 field attribute bits (without MDT and without the graphic encoding). */
  public int attribute() {
    int a = input ? 0 : 0x20;
    if (numeric) {
      a |= 0x10;
    }
    if (nonDisplay) {
      a |= 0x0c;
    } else if (intensified) {
      a |= 0x08;
    }
    return a;
  }
}
