package dev.console3270.protocol.screen;

import dev.console3270.protocol.TerminalModel;
import java.util.Arrays;

/**
 * The 3270 display buffer: a cell per position holding either a field attribute or a character
 * (EBCDIC code, character set, colours, highlighting), the cursor, and the default and alternate
 * sizes. Mutable and not thread-safe: only its session's thread changes it; readers take a {@link
 * #snapshot()}.
 */
public final class ScreenBuffer {

  private final int defaultRows;
  private final int defaultCols;
  private int altRows;
  private int altCols;
  private boolean alternate;
  private int rows;
  private int cols;

  private byte[] chars;

  /**
   * A cell's character set, foreground, background and highlighting packed in one int (bits 0-7,
   * 8-15, 16-23, 24-31), so that a run of characters sets them with one fill.
   */
  private int[] attr;

  private boolean[] isFa;
  private byte[] fa;
  private byte[] validation;

  private int faCount;

  /**
   * Every cell that is not all zeros lies in {@code [dirtyLo, dirtyHi)}: clearing and MDT resets
   * touch only that range, so small writes on a large screen stay cheap.
   */
  private int dirtyLo;

  private int dirtyHi;

  private int cursor;
  private long version;

  /** A buffer for the model, at its default size (24x80), cleared. */
  public ScreenBuffer(TerminalModel model) {
    this(TerminalModel.DEFAULT_ROWS, TerminalModel.DEFAULT_COLS, model.altRows(), model.altCols());
  }

  /** A buffer with explicit default and alternate sizes, at the default size, cleared. */
  public ScreenBuffer(int defaultRows, int defaultCols, int altRows, int altCols) {
    this.defaultRows = defaultRows;
    this.defaultCols = defaultCols;
    this.altRows = altRows;
    this.altCols = altCols;
    this.rows = defaultRows;
    this.cols = defaultCols;
    allocate(Math.max(defaultRows * defaultCols, altRows * altCols));
  }

  private void allocate(int cells) {
    chars = new byte[cells];
    attr = new int[cells];
    isFa = new boolean[cells];
    fa = new byte[cells];
    validation = new byte[cells];
    faCount = 0;
    dirtyLo = 0;
    dirtyHi = 0;
  }

  private void mark(int address) {
    if (address < dirtyLo || dirtyLo >= dirtyHi) {
      dirtyLo = address;
    }
    if (address >= dirtyHi) {
      dirtyHi = address + 1;
    }
  }

  private void markRange(int from, int to) {
    if (from < dirtyLo || dirtyLo >= dirtyHi) {
      dirtyLo = from;
    }
    if (to > dirtyHi) {
      dirtyHi = to;
    }
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Cells at the current size. */
  public int size() {
    return rows * cols;
  }

  public int defaultRows() {
    return defaultRows;
  }

  public int defaultCols() {
    return defaultCols;
  }

  public int altRows() {
    return altRows;
  }

  public int altCols() {
    return altCols;
  }

  /** True when the alternate size is in use (after Erase/Write Alternate). */
  public boolean isAlternate() {
    return alternate;
  }

  /**
   * Changes the alternate size (for example from a BIND image). Takes effect at the next
   * Erase/Write Alternate; if the alternate size is in use, the screen is cleared at the new
   * alternate size (as x3270 does on a BIND).
   */
  public void setAlternateSize(int newAltRows, int newAltCols) {
    if (newAltRows * newAltCols > chars.length) {
      allocate(Math.max(defaultRows * defaultCols, newAltRows * newAltCols));
    }
    this.altRows = newAltRows;
    this.altCols = newAltCols;
    if (alternate) {
      eraseAndSetSize(true);
    }
  }

  /** Clears the buffer and switches to the default ({@code false}) or alternate size. */
  public void eraseAndSetSize(boolean useAlternate) {
    int oldSize = size();
    this.alternate = useAlternate;
    this.rows = useAlternate ? altRows : defaultRows;
    this.cols = useAlternate ? altCols : defaultCols;
    clearCells(Math.max(oldSize, size()));
  }

  /** Sets every cell to null with default attributes, removes every field, homes the cursor. */
  public void clear() {
    clearCells(size());
  }

  /**
   * Clears the first {@code cells} cells. Cells beyond the current size are always empty (every
   * size change clears the larger of the two sizes), so clearing the visible ones is enough.
   */
  private void clearCells(int cells) {
    int from = Math.min(dirtyLo, cells);
    int to = Math.min(dirtyHi, cells);
    if (from < to) {
      Arrays.fill(chars, from, to, (byte) 0);
      Arrays.fill(attr, from, to, 0);
      Arrays.fill(isFa, from, to, false);
      Arrays.fill(fa, from, to, (byte) 0);
      Arrays.fill(validation, from, to, (byte) 0);
    }
    dirtyLo = 0;
    dirtyHi = 0;
    faCount = 0;
    cursor = 0;
    touch();
  }

  /**
   * Scrolls the screen up one row: every row moves up, the last row becomes nulls with default
   * attributes. Field attributes move with their rows (those on the first row are lost).
   */
  public void scrollUp() {
    int n = size();
    for (int a = 0; a < cols && a < n; a++) {
      if (isFa[a]) {
        faCount--;
      }
    }
    System.arraycopy(chars, cols, chars, 0, n - cols);
    System.arraycopy(attr, cols, attr, 0, n - cols);
    System.arraycopy(isFa, cols, isFa, 0, n - cols);
    System.arraycopy(fa, cols, fa, 0, n - cols);
    System.arraycopy(validation, cols, validation, 0, n - cols);
    Arrays.fill(chars, n - cols, n, (byte) 0);
    Arrays.fill(attr, n - cols, n, 0);
    Arrays.fill(isFa, n - cols, n, false);
    Arrays.fill(fa, n - cols, n, (byte) 0);
    Arrays.fill(validation, n - cols, n, (byte) 0);
    markRange(0, n);
    touch();
  }

  /** Turns the modified data tag off in every field attribute (WCC reset MDT). */
  public void resetAllModified() {
    if (faCount == 0) {
      return;
    }
    // Cells that are not attributes hold 0 in fa[], so clearing the bit everywhere is safe.
    for (int a = dirtyLo; a < dirtyHi; a++) {
      fa[a] &= ~FieldAttribute.MDT;
    }
  }

  private static int pack(int charSet, int fore, int back, int hl) {
    return (charSet & 0xff) | (fore & 0xff) << 8 | (back & 0xff) << 16 | (hl & 0xff) << 24;
  }

  private static int withByte(int packed, int shift, int value) {
    return (packed & ~(0xff << shift)) | (value & 0xff) << shift;
  }

  /** Wraps an address into the buffer. */
  public int wrap(int address) {
    int n = size();
    int a = address % n;
    return a < 0 ? a + n : a;
  }

  public int cursor() {
    return cursor;
  }

  public void setCursor(int address) {
    int a = wrap(address);
    if (a != cursor) {
      cursor = a;
      touch();
    }
  }

  /** Increments the version: call after any change readers should see. */
  public void touch() {
    version++;
  }

  /** A number that goes up whenever the buffer changes. */
  public long version() {
    return version;
  }

  /** True when at least one field attribute is on the screen. */
  public boolean isFormatted() {
    return faCount > 0;
  }

  public boolean isFieldAttribute(int address) {
    return isFa[address];
  }

  /** The field attribute byte at an attribute position. */
  public int fieldAttributeByte(int address) {
    return fa[address] & 0xff;
  }

  /**
   * Makes the cell a field attribute with the given byte. Its extended attributes (the field's
   * colours, highlighting, character set, validation) are reset to defaults.
   */
  public void setFieldAttribute(int address, int attribute) {
    mark(address);
    if (!isFa[address]) {
      isFa[address] = true;
      faCount++;
    }
    fa[address] = (byte) attribute;
    chars[address] = 0;
    attr[address] = 0;
    validation[address] = 0;
  }

  /** Changes only the field attribute byte (e.g. to set or reset the MDT). */
  public void setFieldAttributeByte(int address, int attribute) {
    mark(address);
    fa[address] = (byte) attribute;
  }

  /** Removes every field attribute in {@code [from, to)}. */
  private void removeFieldAttributes(int from, int to) {
    if (faCount == 0) {
      return;
    }
    int removed = 0;
    for (int i = from; i < to; i++) {
      removed += isFa[i] ? 1 : 0;
    }
    if (removed > 0) {
      Arrays.fill(isFa, from, to, false);
      Arrays.fill(fa, from, to, (byte) 0);
      Arrays.fill(validation, from, to, (byte) 0);
      faCount -= removed;
    }
  }

  /** Removes a field attribute, leaving a null character. */
  public void removeFieldAttribute(int address) {
    if (isFa[address]) {
      isFa[address] = false;
      faCount--;
    }
    fa[address] = 0;
    validation[address] = 0;
  }

  /** Writes a character (a cell that held a field attribute becomes a character cell). */
  public void setChar(int address, int code, int charSet, int foreground, int background, int hl) {
    mark(address);
    removeFieldAttribute(address);
    chars[address] = (byte) code;
    attr[address] = pack(charSet, foreground, background, hl);
  }

  /**
   * Writes a run of characters from {@code address} on, wrapping at the end of the buffer, all with
   * the same character set, colours and highlighting (the bulk form of {@link #setChar}). Returns
   * the address after the run.
   */
  public int setChars(
      int address, byte[] codes, int offset, int length, int charSet, int fore, int back, int hl) {
    int packed = pack(charSet, fore, back, hl);
    int n = size();
    int a = address;
    int from = offset;
    int left = length;
    while (left > 0) {
      int run = Math.min(left, n - a);
      int to = a + run;
      removeFieldAttributes(a, to);
      markRange(a, to);
      System.arraycopy(codes, from, chars, a, run);
      Arrays.fill(attr, a, to, packed);
      a = to == n ? 0 : to;
      from += run;
      left -= run;
    }
    return a;
  }

  /**
   * Writes the same character into {@code count} cells from {@code address} on, wrapping (the bulk
   * form of {@link #setChar} for Repeat to Address). Returns the address after the run.
   */
  public int fillChars(int address, int count, int code, int charSet, int fore, int back, int hl) {
    int packed = pack(charSet, fore, back, hl);
    int n = size();
    int a = address;
    int left = count;
    while (left > 0) {
      int run = Math.min(left, n - a);
      int to = a + run;
      removeFieldAttributes(a, to);
      markRange(a, to);
      Arrays.fill(chars, a, to, (byte) code);
      Arrays.fill(attr, a, to, packed);
      a = to == n ? 0 : to;
      left -= run;
    }
    return a;
  }

  /** Changes only the character code and character set of a cell, keeping its colours. */
  public void setCharCode(int address, int code, int charSet) {
    mark(address);
    removeFieldAttribute(address);
    chars[address] = (byte) code;
    attr[address] = (attr[address] & ~0xff) | (charSet & 0xff);
  }

  /** The EBCDIC code at an address (0 at a field attribute). */
  public int charAt(int address) {
    return chars[address] & 0xff;
  }

  public int charsetAt(int address) {
    return attr[address] & 0xff;
  }

  public int foregroundAt(int address) {
    return (attr[address] >>> 8) & 0xff;
  }

  public int backgroundAt(int address) {
    return (attr[address] >>> 16) & 0xff;
  }

  public int highlightAt(int address) {
    return attr[address] >>> 24;
  }

  public int validationAt(int address) {
    return validation[address] & 0xff;
  }

  /**
   * Sets one extended attribute of a cell by its type code ({@link Attributes}). Types the cell
   * cannot hold are ignored. On a field attribute cell these are the field's attributes.
   */
  public void setExtendedAttribute(int address, int type, int value) {
    mark(address);
    switch (type) {
      case Attributes.TYPE_FOREGROUND -> attr[address] = withByte(attr[address], 8, value);
      case Attributes.TYPE_BACKGROUND -> attr[address] = withByte(attr[address], 16, value);
      case Attributes.TYPE_HIGHLIGHT -> attr[address] = withByte(attr[address], 24, value);
      case Attributes.TYPE_CHARSET -> attr[address] = withByte(attr[address], 0, value);
      case Attributes.TYPE_VALIDATION -> validation[address] = (byte) value;
      default -> {
        // transparency, outlining and others are accepted but not kept
      }
    }
  }

  /**
   * The address of the field attribute that governs an address (searching backwards, wrapping), or
   * -1 on an unformatted screen. At a field attribute, that attribute's own address.
   */
  public int fieldStart(int address) {
    if (faCount == 0) {
      return -1;
    }
    int n = size();
    int a = address;
    for (int i = 0; i < n; i++) {
      if (isFa[a]) {
        return a;
      }
      a = a == 0 ? n - 1 : a - 1;
    }
    return -1;
  }

  /** The field attribute governing an address, or null on an unformatted screen. */
  public FieldAttribute fieldAttributeAt(int address) {
    int start = fieldStart(address);
    return start < 0 ? null : new FieldAttribute(fa[start] & 0xff);
  }

  /**
   * The address of the next field attribute strictly after {@code address} (wrapping), or -1 on an
   * unformatted screen. When the only attribute is at {@code address}, returns {@code address}.
   */
  public int nextFieldAttribute(int address) {
    if (faCount == 0) {
      return -1;
    }
    int n = size();
    int a = address;
    for (int i = 0; i < n; i++) {
      a = a + 1 == n ? 0 : a + 1;
      if (isFa[a]) {
        return a;
      }
    }
    return -1;
  }

  /** True when the address is protected: an attribute position or in a protected field. */
  public boolean isProtectedAt(int address) {
    if (isFa[address]) {
      return true;
    }
    int start = fieldStart(address);
    return start >= 0 && (fa[start] & FieldAttribute.PROTECTED) != 0;
  }

  /** An immutable copy of the visible buffer. */
  public ScreenSnapshot snapshot() {
    int n = size();
    return new ScreenSnapshot(
        rows,
        cols,
        cursor,
        version,
        alternate,
        Arrays.copyOf(chars, n),
        Arrays.copyOf(attr, n),
        Arrays.copyOf(isFa, n),
        Arrays.copyOf(fa, n));
  }
}
