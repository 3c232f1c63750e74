package dev.console3270.protocol.screen;

/**
 * One field of a screen as readers outside the protocol core see it (the REST API, scripts).
 *
 * @param attributeAddress address of the field attribute
 * @param address address of the first data cell
 * @param row 0-origin row of the first data cell
 * @param col 0-origin column of the first data cell
 * @param length number of data cells
 * @param isProtected the field is protected
 * @param numeric the field is numeric
 * @param intensified the field is intensified
 * @param nonDisplay the field is non-display
 * @param detectable the field is selector-pen detectable
 * @param modified the modified data tag is set
 * @param foreground the field's foreground colour
 * @param background the field's background colour
 * @param highlight the field's extended highlighting
 * @param content the field's text as displayed ({@code length} characters, nulls as blanks), or the
 *     empty string for a non-display field: its contents never leave the core this way
 */
public record FieldView(
    int attributeAddress,
    int address,
    int row,
    int col,
    int length,
    boolean isProtected,
    boolean numeric,
    boolean intensified,
    boolean nonDisplay,
    boolean detectable,
    boolean modified,
    Color foreground,
    Color background,
    Highlight highlight,
    String content) {}
