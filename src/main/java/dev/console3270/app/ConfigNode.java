package dev.console3270.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A node of the configuration file with its JSON path ({@code $.endpoints[2].port}), for reading
 * values with errors that say exactly where and why. Absent and {@code null} values take the
 * default.
 */
record ConfigNode(JsonNode node, String path) {

  /** A value that cannot be used: where, and why. */
  static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The JSON path of the bad value. */
    final String path;

    Invalid(String path, String reason) {
      super(path + ": " + reason);
      this.path = path;
    }

    /** Why, without the path. */
    String reason() {
      String m = getMessage();
      return m.substring(path.length() + 2);
    }
  }

  /** The file's root. */
  static ConfigNode root(JsonNode node) {
    return new ConfigNode(node, "$");
  }

  /** True when absent or null. */
  boolean absent() {
    return node == null || node.isMissingNode() || node.isNull();
  }

  /** A member of this object (absent when this is absent). */
  ConfigNode get(String key) {
    return new ConfigNode(absent() ? null : node.get(key), path + "." + key);
  }

  /** This node must be an object (or absent) with only these keys. */
  ConfigNode object(Set<String> keys) {
    if (absent()) {
      return this;
    }
    if (!node.isObject()) {
      throw invalid("must be an object, not " + shown(node));
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!keys.contains(k)) {
        throw new Invalid(
            path + "." + k, "is not a setting here (known: " + String.join(", ", keys) + ")");
      }
    }
    return this;
  }

  /** The elements of this array (none when absent). */
  List<ConfigNode> elements() {
    if (absent()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw invalid("must be a list, not " + shown(node));
    }
    List<ConfigNode> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(new ConfigNode(node.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** The members of this object as text values, in order (none when absent). */
  Map<String, String> textMap() {
    Map<String, String> out = new LinkedHashMap<>();
    if (absent()) {
      return out;
    }
    if (!node.isObject()) {
      throw invalid("must be an object, not " + shown(node));
    }
    node.fieldNames().forEachRemaining(k -> out.put(k, get(k).text(null)));
    return out;
  }

  /** A whole number in [min, max]. */
  long number(long dflt, long min, long max) {
    if (absent()) {
      return dflt;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw invalid("must be a whole number, not " + shown(node));
    }
    long v = node.asLong();
    if (v < min || v > max) {
      throw invalid("must be " + min + " to " + max + ", not " + v);
    }
    return v;
  }

  /** A whole number in [min, max] that fits an int. */
  int integer(int dflt, int min, int max) {
    return (int) number(dflt, min, max);
  }

  /** True or false. */
  boolean bool(boolean dflt) {
    if (absent()) {
      return dflt;
    }
    if (!node.isBoolean()) {
      throw invalid("must be true or false, not " + shown(node));
    }
    return node.asBoolean();
  }

  /** A non-blank string. */
  String text(String dflt) {
    if (absent()) {
      return dflt;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw invalid("must be a non-empty string, not " + shown(node));
    }
    return node.asText();
  }

  /** A list of non-blank strings. */
  List<String> texts() {
    List<String> out = new ArrayList<>();
    for (ConfigNode e : elements()) {
      out.add(e.text(null));
    }
    return List.copyOf(out);
  }

  /** One of an enum's constants, case-insensitive. */
  <E extends Enum<E>> E choice(Class<E> type, E dflt) {
    String s = text(null);
    if (s == null) {
      return dflt;
    }
    try {
      return Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        names.add(c.name());
      }
      throw invalid("must be one of " + String.join(", ", names) + ", not " + shown(node));
    }
  }

  /** An error about this node. */
  Invalid invalid(String reason) {
    return new Invalid(path, reason);
  }

  private static String shown(JsonNode n) {
    String s = n.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
