package dev.console3270.audit.compliance;

import java.util.Locale;

/** Where card numbers are masked. JSON names are the lower-case constant names. */
public enum MaskingTarget {
  /** Audit records. */
  AUDIT,
  /** Exported screens (text, HTML, copied rectangles). */
  EXPORTS,
  /** Trace files. */
  TRACES;

  /** The name used in pack files. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The target for a pack file name, or null. */
  static MaskingTarget ofJson(String name) {
    for (MaskingTarget t : values()) {
      if (t.jsonName().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
