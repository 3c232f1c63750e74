package dev.console3270.protocol.screen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable copy of a screen: what readers (the view, the REST API, scripts) see. Built by
 * {@link ScreenBuffer#snapshot()}; the arrays are private copies that are never changed.
 */
public final class ScreenSnapshot {
  private final int rows;
  private final int cols;
  private final int cursor;
  private final long version;
  private final boolean alternate;
  private final byte[] chars;
  private final int[] attr;
  private final boolean[] isFa;
  private final byte[] fa;
  private List<Field> fields;

  ScreenSnapshot(
      int rows,
      int cols,
      int cursor,
      long version,
      boolean alternate,
      byte[] chars,
      int[] attr,
      boolean[] isFa,
      byte[] fa) {
    this.rows = rows;
    this.cols = cols;
    this.cursor = cursor;
    this.version = version;
    this.alternate = alternate;
    this.chars = chars;
    this.attr = attr;
    this.isFa = isFa;
    this.fa = fa;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public int size() {
    return rows * cols;
  }

  public int cursor() {
    return cursor;
  }

  public long version() {
    return version;
  }

  public boolean isAlternate() {
    return alternate;
  }

  public boolean isFormatted() {
    for (boolean b : isFa) {
      if (b) {
        return true;
      }
    }
    return false;
  }

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

  public boolean isFieldAttribute(int address) {
    return isFa[address];
  }

  public int fieldAttributeByte(int address) {
    return fa[address] & 0xff;
  }

  /** The field attribute governing an address, or null on an unformatted screen. */
  public FieldAttribute fieldAttributeAt(int address) {
    int n = size();
    int a = address;
    for (int i = 0; i < n; i++) {
      if (isFa[a]) {
        return new FieldAttribute(fa[a] & 0xff);
      }
      a = a == 0 ? n - 1 : a - 1;
    }
    return null;
  }

  /**
   * The fields in buffer order, starting from the first attribute at or after address 0; empty on
   * an unformatted screen. Computed once per snapshot.
   */
  public synchronized List<Field> fields() {
    if (fields == null) {
      fields = Collections.unmodifiableList(computeFields());
    }
    return fields;
  }

  private List<Field> computeFields() {
    List<Field> result = new ArrayList<>();
    int n = size();
    int first = -1;
    for (int i = 0; i < n; i++) {
      if (isFa[i]) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      return result;
    }
    int a = first;
    do {
      int next = a;
      int length = 0;
      do {
        next = next + 1 == n ? 0 : next + 1;
        if (isFa[next]) {
          break;
        }
        length++;
      } while (next != a);
      result.add(
          new Field(
              a,
              length,
              new FieldAttribute(fa[a] & 0xff),
              foregroundAt(a),
              backgroundAt(a),
              highlightAt(a)));
      a = next;
    } while (a != first);
    return result;
  }
}
