package dev.console3270.protocol.screen;

/**
 * A field: its attribute position, the length of its data (the cells after the attribute up to the
 * next attribute), the attribute and the field's extended attributes.
 *
 * @param attributeAddress address of the field attribute
 * @param length number of data cells (may be 0)
 * @param attribute the field attribute
 * @param foreground field foreground colour code (0 default)
 * @param background field background colour code (0 default)
 * @param highlight field highlighting code (0 default)
 */
public record Field(
    int attributeAddress,
    int length,
    FieldAttribute attribute,
    int foreground,
    int background,
    int highlight) {

  /** Address of the first data cell, given the buffer size. */
  public int dataStart(int bufferSize) {
    return (attributeAddress + 1) % bufferSize;
  }
}
