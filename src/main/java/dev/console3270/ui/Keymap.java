package dev.console3270.ui;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.console3270.session.ActionCall;
import dev.console3270.session.ActionInterpreter;
import dev.console3270.session.ActionParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javafx.scene.input.KeyCode;

/**
 * An immutable keyboard map: canonical key names ({@code Shift+F1}, {@code Ctrl+Alt+DELETE}) to
 * action-language text in x3270 syntax ({@code PF(13)}, {@code Reset() Home()}).
 *
 * <p>A canonical key name is zero or more modifiers in the order {@code Ctrl+}, {@code Alt+},
 * {@code Shift+}, {@code Meta+}, then a JavaFX {@link KeyCode} constant name ({@code ENTER}, {@code
 * F1}, {@code PAGE_UP}, {@code A}, {@code DIGIT1}) or the pseudo-key {@code RIGHT_CTRL} (a Ctrl key
 * pressed and released alone; it takes no modifiers). Keymap files may write modifiers in any case
 * and order and use short names ({@code Esc}, {@code PgUp}, {@code 1}, ...): see {@link
 * #canonical(String)}.
 *
 * <p>Keymap files live in {@code <config>/keymaps/<name>.json}:
 *
 * <pre>{"name": "mine", "extends": "default", "comment": "...",
 *  "bindings": {"Shift+F1": "PF(13)", "Ctrl+Q": null}}</pre>
 *
 * A null value removes an inherited binding. {@code extends} names another user keymap or {@code
 * default}; when it is absent the map extends {@code default}. A user {@code default.json} changes
 * individual bindings of the built-in map (and can extend nothing else). The file's name is the
 * map's name; the {@code name} field is informational.
 */
public final class Keymap {

  /** The actions the console runs itself rather than the session's interpreter. */
  public static final Set<String> UI_ACTIONS =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(
              List.of(
                  "Copy",
                  "Paste",
                  "SelectAll",
                  "Macro",
                  "Keypad",
                  "ExportText",
                  "ExportHtml",
                  "ExportPng",
                  "NewSession",
                  "CloseSession")));

  /** The pseudo-key for a Ctrl key pressed and released with no other key between. */
  public static final String RIGHT_CTRL = "RIGHT_CTRL";

  /** The name of the built-in map. */
  public static final String DEFAULT = "default";

  private static final String RESOURCE = "/keymaps/default.json";

  private static final List<String> MODIFIERS = List.of("Ctrl", "Alt", "Shift", "Meta");

  private static final Map<String, String> ALIASES = aliases();

  private static final Set<String> FIELDS = Set.of("name", "extends", "comment", "bindings");

  private static final Pattern KEYMAP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final String name;
  private final Map<String, String> bindings;

  private Keymap(String name, Map<String, String> bindings) {
    this.name = name;
    this.bindings = Collections.unmodifiableMap(new TreeMap<>(bindings));
  }

  /**
   * The result of {@link #load}: the map to use and, when the user's file could not be used, one
   * sentence saying why (the map is then the built-in one).
   *
   * @param keymap the map to use
   * @param problem what was wrong with the user's file, or null
   */
  public record Loaded(Keymap keymap, String problem) {
    public Loaded {
      if (keymap == null) {
        throw new IllegalArgumentException("keymap is required");
      }
    }

    /** True when the user's map was loaded as written. */
    public boolean ok() {
      return problem == null;
    }
  }

  /**
   * A map from bindings written in any accepted key-name form.
   *
   * @throws IllegalArgumentException naming the key when a key name or action is invalid, or two
   *     names are the same key
   */
  public static Keymap of(String name, Map<String, String> bindings) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> e : bindings.entrySet()) {
      String key = canonical(e.getKey());
      String problem = checkActions(e.getValue());
      if (problem != null) {
        throw new IllegalArgumentException("key \"" + e.getKey() + "\": " + problem);
      }
      if (out.put(key, e.getValue().trim()) != null) {
        throw new IllegalArgumentException("key \"" + e.getKey() + "\" is bound twice");
      }
    }
    return new Keymap(name, out);
  }

  /** The map's name (its file name without {@code .json}; {@code default} for the built-in). */
  public String name() {
    return name;
  }

  /** The actions bound to a canonical key name (see {@link #keyName}), if any. */
  public Optional<String> actionFor(String canonicalKeyName) {
    return Optional.ofNullable(bindings.get(canonicalKeyName));
  }

  /** All bindings, sorted by key name. */
  public Map<String, String> bindings() {
    return bindings;
  }

  @Override
  public String toString() {
    return "Keymap[" + name + ", " + bindings.size() + " bindings]";
  }

  // ---------------------------------------------------------------- key names

  /**
   * The canonical name of a key event: modifiers in the order Ctrl, Alt, Shift, Meta, then the
   * {@link KeyCode} name (as {@code KeyCode.name()} gives it) or {@link #RIGHT_CTRL}.
   */
  public static String keyName(
      boolean ctrl, boolean alt, boolean shift, boolean meta, String keyCodeName) {
    if (keyCodeName == null || keyCodeName.isEmpty()) {
      throw new IllegalArgumentException("a key code name is required");
    }
    StringBuilder sb = new StringBuilder();
    if (ctrl) {
      sb.append("Ctrl+");
    }
    if (alt) {
      sb.append("Alt+");
    }
    if (shift) {
      sb.append("Shift+");
    }
    if (meta) {
      sb.append("Meta+");
    }
    return sb.append(keyCodeName).toString();
  }

  /**
   * Normalises a key name as a keymap file may write it: modifiers {@code Ctrl} (or {@code
   * Control}), {@code Alt}, {@code Shift}, {@code Meta} in any case and order, joined by {@code +};
   * then a {@link KeyCode} name in any case, a letter or digit ({@code A}, {@code 1}), or one of
   * Enter, Tab, Esc/Escape, Del/Delete, Ins/Insert, BackSpace, Home, End, PgUp/PageUp,
   * PgDn/PageDown, Up, Down, Left, Right, Space, RightCtrl.
   *
   * @throws IllegalArgumentException saying what is wrong with the name
   */
  public static String canonical(String keyName) {
    if (keyName == null || keyName.isBlank()) {
      throw new IllegalArgumentException("empty key name");
    }
    String[] parts = keyName.trim().split("\\+", -1);
    boolean[] mods = new boolean[MODIFIERS.size()];
    for (int i = 0; i < parts.length - 1; i++) {
      String m = parts[i].trim().toLowerCase(Locale.ROOT);
      int index =
          switch (m) {
            case "ctrl", "control" -> 0;
            case "alt" -> 1;
            case "shift" -> 2;
            case "meta" -> 3;
            default -> -1;
          };
      if (index < 0) {
        throw new IllegalArgumentException(
            "unknown modifier \""
                + parts[i].trim()
                + "\" in key name \""
                + keyName
                + "\" (use Ctrl, Alt, Shift or Meta)");
      }
      if (mods[index]) {
        throw new IllegalArgumentException(
            "key name \"" + keyName + "\" repeats the modifier " + MODIFIERS.get(index));
      }
      mods[index] = true;
    }
    String key = keyCode(parts[parts.length - 1].trim(), keyName);
    boolean anyModifier = mods[0] || mods[1] || mods[2] || mods[3];
    if (key.equals(RIGHT_CTRL) && anyModifier) {
      throw new IllegalArgumentException(
          "key name \"" + keyName + "\": RightCtrl takes no modifiers");
    }
    return keyName(mods[0], mods[1], mods[2], mods[3], key);
  }

  private static String keyCode(String token, String keyName) {
    if (token.isEmpty()) {
      throw new IllegalArgumentException(
          "key name \"" + keyName + "\" has no key after its last +");
    }
    String upper = token.toUpperCase(Locale.ROOT);
    String alias = ALIASES.get(upper);
    if (alias != null) {
      return alias;
    }
    if (upper.length() == 1 && upper.charAt(0) >= '0' && upper.charAt(0) <= '9') {
      return "DIGIT" + upper;
    }
    KeyCode code;
    try {
      code = KeyCode.valueOf(upper);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown key \"" + token + "\" in key name \"" + keyName + "\"", e);
    }
    if (code.isModifierKey()) {
      throw new IllegalArgumentException(
          "key name \""
              + keyName
              + "\" names a modifier alone (bind RightCtrl for a lone Ctrl press)");
    }
    return code.name();
  }

  private static Map<String, String> aliases() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ENTER", KeyCode.ENTER.name());
    m.put("TAB", KeyCode.TAB.name());
    m.put("ESC", KeyCode.ESCAPE.name());
    m.put("ESCAPE", KeyCode.ESCAPE.name());
    m.put("DEL", KeyCode.DELETE.name());
    m.put("DELETE", KeyCode.DELETE.name());
    m.put("INS", KeyCode.INSERT.name());
    m.put("INSERT", KeyCode.INSERT.name());
    m.put("BACKSPACE", KeyCode.BACK_SPACE.name());
    m.put("HOME", KeyCode.HOME.name());
    m.put("END", KeyCode.END.name());
    m.put("PGUP", KeyCode.PAGE_UP.name());
    m.put("PAGEUP", KeyCode.PAGE_UP.name());
    m.put("PGDN", KeyCode.PAGE_DOWN.name());
    m.put("PAGEDOWN", KeyCode.PAGE_DOWN.name());
    m.put("UP", KeyCode.UP.name());
    m.put("DOWN", KeyCode.DOWN.name());
    m.put("LEFT", KeyCode.LEFT.name());
    m.put("RIGHT", KeyCode.RIGHT.name());
    m.put("SPACE", KeyCode.SPACE.name());
    m.put("RIGHTCTRL", RIGHT_CTRL);
    m.put(RIGHT_CTRL, RIGHT_CTRL);
    return Map.copyOf(m);
  }

  // ---------------------------------------------------------------- actions

  /** Why a binding's action text is not acceptable, or null when it is. */
  private static String checkActions(String text) {
    if (text == null || text.isBlank()) {
      return "the action is empty (use null to remove a binding)";
    }
    ActionParser.Parsed parsed = ActionParser.parse(text);
    if (!parsed.ok()) {
      return "the action \"" + text + "\" does not parse (" + parsed.error() + ")";
    }
    for (ActionCall call : parsed.calls()) {
      String ui = uiAction(call.name());
      if (ui != null) {
        int wanted = ui.equals("Macro") ? 1 : 0;
        if (call.args().size() != wanted) {
          return ui
              + "() takes "
              + (wanted == 1 ? "one argument (a macro name)" : "no arguments")
              + ", not "
              + call.args().size();
        }
      } else if (!ActionInterpreter.isKnownAction(call.name())) {
        return "unknown action \"" + call.name() + "\"";
      }
    }
    return null;
  }

  private static String uiAction(String name) {
    for (String a : UI_ACTIONS) {
      if (a.equalsIgnoreCase(name)) {
        return a;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- loading

  /**
   * The built-in map ({@code /keymaps/default.json} on the class path).
   *
   * @throws IllegalStateException when the resource is missing or invalid (a build error)
   */
  public static Keymap builtIn() {
    try (InputStream in = Keymap.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the built-in keymap " + RESOURCE + " is missing");
      }
      JsonNode root = mapper().readTree(in);
      Map<String, String> bindings = new TreeMap<>();
      apply(root, RESOURCE, bindings);
      return new Keymap(DEFAULT, bindings);
    } catch (IOException | Problem e) {
      throw new IllegalStateException(
          "the built-in keymap " + RESOURCE + " is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * Loads the user's keymap {@code <configDir>/keymaps/<name>.json} with what it extends. The file
   * is only read. Name {@code default} without a user file is the built-in map. On any error
   * (missing file, bad JSON, unknown key name or action, cycle of {@code extends}) the result is
   * the built-in map with a one-sentence problem naming the file and, where there is one, the key.
   */
  public static Loaded load(String name, Path configDir) {
    Keymap builtIn = builtIn();
    try {
      Map<String, String> bindings = resolve(name, configDir, builtIn, new ArrayList<>());
      return new Loaded(new Keymap(name, bindings), null);
    } catch (Problem p) {
      return new Loaded(builtIn, p.getMessage() + "; using the built-in keymap.");
    }
  }

  /** A keymap file could not be used; the message is the sentence for the operator. */
  private static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message, null, false, false);
    }
  }

  private static ObjectMapper mapper() {
    ObjectMapper m = new ObjectMapper();
    m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return m;
  }

  private static Map<String, String> resolve(
      String name, Path configDir, Keymap builtIn, List<String> chain) throws Problem {
    if (name == null || !KEYMAP_NAME.matcher(name).matches()) {
      throw new Problem(
          "Keymap name \""
              + name
              + "\" is not valid (letters, digits, '.', '_' and '-', starting with a letter or"
              + " digit)");
    }
    if (chain.contains(name)) {
      List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(name), chain.size()));
      cycle.add(name);
      Path first = file(configDir, chain.get(chain.size() - 1));
      throw new Problem(
          "Keymap file "
              + first
              + " extends \""
              + name
              + "\", which makes a cycle ("
              + String.join(" -> ", cycle)
              + ")");
    }
    chain.add(name);
    Path file = file(configDir, name);
    boolean isDefault = name.equals(DEFAULT);
    if (isDefault && !Files.isRegularFile(file)) {
      return new TreeMap<>(builtIn.bindings());
    }
    if (!isDefault && chain.size() > 1 && !Files.exists(file)) {
      throw new Problem(
          "Keymap file "
              + file(configDir, chain.get(chain.size() - 2))
              + " extends \""
              + name
              + "\", but "
              + file
              + " does not exist");
    }
    JsonNode root = read(file, name);
    if (!root.isObject()) {
      throw new Problem("Keymap file " + file + " does not hold a JSON object");
    }
    for (Map.Entry<String, JsonNode> property : root.properties()) {
      String field = property.getKey();
      if (!FIELDS.contains(field)) {
        throw new Problem(
            "Keymap file "
                + file
                + " has an unknown field \""
                + field
                + "\" (expected name, extends, comment, bindings)");
      }
    }
    JsonNode ext = root.get("extends");
    String parent = DEFAULT;
    if (ext != null && !ext.isNull()) {
      if (!ext.isTextual()) {
        throw new Problem("Keymap file " + file + ": \"extends\" must be a keymap name");
      }
      parent = ext.asText();
    }
    Map<String, String> bindings;
    if (isDefault) {
      if (!parent.equals(DEFAULT)) {
        throw new Problem(
            "Keymap file "
                + file
                + " extends \""
                + parent
                + "\", but default.json can only change the built-in keymap");
      }
      bindings = new TreeMap<>(builtIn.bindings());
    } else {
      bindings = resolve(parent, configDir, builtIn, chain);
    }
    apply(root, file.toString(), bindings);
    chain.remove(chain.size() - 1);
    return bindings;
  }

  private static Path file(Path configDir, String name) {
    return configDir.resolve("keymaps").resolve(name + ".json");
  }

  private static JsonNode read(Path file, String name) throws Problem {
    try {
      byte[] bytes = Files.readAllBytes(file);
      JsonNode root = mapper().readTree(bytes);
      if (root == null || root.isMissingNode()) {
        throw new Problem("Keymap file " + file + " is empty");
      }
      return root;
    } catch (NoSuchFileException e) {
      throw new Problem("Keymap file " + file + " for keymap \"" + name + "\" does not exist");
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new Problem(
          "Keymap file "
              + file
              + " is not valid JSON"
              + where
              + " ("
              + e.getOriginalMessage()
              + ")");
    } catch (IOException e) {
      throw new Problem("Keymap file " + file + " cannot be read (" + e + ")");
    }
  }

  /** Applies a file's bindings (null removes) onto {@code bindings}. */
  private static void apply(JsonNode root, String file, Map<String, String> bindings)
      throws Problem {
    JsonNode b = root.get("bindings");
    if (b == null || b.isNull()) {
      return;
    }
    if (!b.isObject()) {
      throw new Problem("Keymap file " + file + ": \"bindings\" must be a JSON object");
    }
    Set<String> seen = new TreeSet<>();
    for (Map.Entry<String, JsonNode> e : b.properties()) {
      String key;
      try {
        key = canonical(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw new Problem(
            "Keymap file " + file + ", key \"" + e.getKey() + "\": " + ex.getMessage());
      }
      if (!seen.add(key)) {
        throw new Problem(
            "Keymap file "
                + file
                + ", key \""
                + e.getKey()
                + "\": "
                + key
                + " is bound more than once");
      }
      JsonNode v = e.getValue();
      if (v.isNull()) {
        bindings.remove(key);
        continue;
      }
      if (!v.isTextual()) {
        throw new Problem(
            "Keymap file "
                + file
                + ", key \""
                + e.getKey()
                + "\": the value must be action text in quotes, or null to remove the binding");
      }
      String problem = checkActions(v.asText());
      if (problem != null) {
        throw new Problem("Keymap file " + file + ", key \"" + e.getKey() + "\": " + problem);
      }
      bindings.put(key, v.asText().trim());
    }
  }
}
