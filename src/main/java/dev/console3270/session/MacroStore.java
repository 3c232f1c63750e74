package dev.console3270.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The user's macros: scripts in the action language, one UTF-8 file per macro, {@code
 * <dir>/<name>.macro}.
 *
 * <p>A script is lines; blank lines and lines whose first non-blank character is {@code #} are
 * ignored, and every other line holds one or more actions in x3270 syntax ({@code PF(3)
 * String("x")}), as {@link ActionParser} reads them. {@link #save} refuses a script that does not
 * parse; {@link #load} returns the text even when it does not (so it can be fixed), and {@link
 * #parseScript} says where it is wrong.
 *
 * <p>Names are 1 to 64 letters, digits, blanks, {@code _}, {@code -} and {@code .}, not starting
 * with {@code .} or a blank (kept in Unicode NFC form). Files are written atomically and owner-only
 * where POSIX.
 */
public final class MacroStore {

  /** The file name extension of a macro. */
  public static final String EXTENSION = ".macro";

  /** The macro directory's name in the configuration directory. */
  public static final String DIR_NAME = "macros";

  /** The longest name, in characters. */
  public static final int MAX_NAME_LENGTH = 64;

  /** File names Windows reserves for devices, whatever the extension. */
  private static final Set<String> RESERVED =
      Set.of(
          "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
          "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

  private final Path dir;

  /** A store in {@code dir} (created on the first save). */
  public MacroStore(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /** The store in the user's configuration directory ({@code <config>/macros}). */
  public static MacroStore atDefaultLocation() {
    return new MacroStore(ConfigDirs.configDir().resolve(DIR_NAME));
  }

  /** The directory this store uses. */
  public Path dir() {
    return dir;
  }

  /**
   * The macros' names, sorted case-insensitively; empty when the directory does not exist. Files
   * whose names are not valid macro names are not listed.
   *
   * @throws UncheckedIOException when the directory exists but cannot be listed
   */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return names;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + EXTENSION)) {
      for (Path f : files) {
        String fileName = f.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - EXTENSION.length());
        if (nameProblem(name) == null && Files.isRegularFile(f)) {
          names.add(Normalizer.normalize(name, Normalizer.Form.NFC));
        }
      }
    } catch (NoSuchFileException e) {
      return new ArrayList<>();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the macros in " + dir + ": " + e.getMessage(), e);
    }
    names.sort(
        Comparator.comparing((String s) -> s, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Comparator.naturalOrder()));
    return names;
  }

  /** True when a macro with this name exists. */
  public boolean exists(String name) {
    return Files.isRegularFile(file(name));
  }

  /**
   * The macro's text, as saved (even when it no longer parses).
   *
   * @throws IllegalArgumentException when the name is not valid
   * @throws IOException when there is no such macro or it cannot be read as UTF-8 text
   */
  public String load(String name) throws IOException {
    Path f = file(name);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(f.toString(), null, "there is no macro named \"" + name + "\"");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException("macro \"" + name + "\" (" + f + ") is not UTF-8 text", e);
    }
  }

  /**
   * Saves a macro, replacing one with the same name, atomically.
   *
   * @throws IllegalArgumentException when the name is not valid or the script does not parse
   *     ({@code line N: ...})
   * @throws IOException when the file cannot be written
   */
  public void save(String name, String script) throws IOException {
    Path f = file(name);
    parseScript(script);
    ConfigDirs.writeAtomically(f, script.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Deletes a macro.
   *
   * @throws IllegalArgumentException when the name is not valid
   * @throws IOException when there is no such macro or it cannot be deleted
   */
  public void delete(String name) throws IOException {
    Path f = file(name);
    try {
      Files.delete(f);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(f.toString(), null, "there is no macro named \"" + name + "\"");
    }
  }

  /**
   * Renames a macro; never replaces another one (a change of case only is allowed).
   *
   * @throws IllegalArgumentException when a name is not valid
   * @throws IOException when {@code from} does not exist, {@code to} does, or the move fails
   */
  public void rename(String from, String to) throws IOException {
    Path source = file(from);
    Path target = file(to);
    if (!Files.isRegularFile(source)) {
      throw new NoSuchFileException(
          source.toString(), null, "there is no macro named \"" + from + "\"");
    }
    if (source.equals(target)) {
      return;
    }
    if (Files.exists(target)) {
      if (!Files.isSameFile(source, target)) {
        throw new FileAlreadyExistsException(
            target.toString(), null, "a macro named \"" + to + "\" already exists");
      }
      // the same file under another case on a case-insensitive file system: go through a
      // temporary name, as a direct move would be a no-op
      Path tmp = Files.createTempFile(dir, ".rename-", ".tmp");
      Files.delete(tmp);
      Files.move(source, tmp);
      Files.move(tmp, target);
      return;
    }
    try {
      Files.move(source, target);
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(
          target.toString(), null, "a macro named \"" + to + "\" already exists");
    }
  }

  /**
   * Checks a macro name.
   *
   * @return the name in NFC form
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static String checkName(String name) {
    String problem = nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return Normalizer.normalize(name, Normalizer.Form.NFC);
  }

  private static String nameProblem(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "a macro name is required";
    }
    String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
    int length = name.codePointCount(0, name.length());
    if (length > MAX_NAME_LENGTH) {
      return "the macro name \""
          + name
          + "\" is too long ("
          + length
          + " characters; at most "
          + MAX_NAME_LENGTH
          + ")";
    }
    if (name.startsWith(".") || name.startsWith(" ")) {
      return "the macro name \"" + name + "\" must not start with a dot or a blank";
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (!Character.isLetterOrDigit(cp) && cp != ' ' && cp != '_' && cp != '-' && cp != '.') {
        String shown =
            Character.isISOControl(cp)
                ? String.format("U+%04X", cp)
                : "'" + Character.toString(cp) + "'";
        return "the macro name \""
            + name
            + "\" may only hold letters, digits, blanks, _, - and . (not "
            + shown
            + ")";
      }
      i += Character.charCount(cp);
    }
    String stem = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    if (RESERVED.contains(stem.strip().toLowerCase(Locale.ROOT))) {
      return "the macro name \"" + name + "\" is reserved for a device on Windows";
    }
    return null;
  }

  private Path file(String name) {
    return dir.resolve(checkName(name) + EXTENSION);
  }

  /**
   * Parses a script: every line that is not blank or a {@code #} comment, in order.
   *
   * @return the actions, in order
   * @throws IllegalArgumentException {@code line N: <error>} for the first line that does not parse
   *     (lines count from 1)
   */
  public static List<ActionCall> parseScript(String script) {
    Objects.requireNonNull(script, "script");
    String text = script.startsWith("\uFEFF") ? script.substring(1) : script;
    List<ActionCall> calls = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      ActionParser.Parsed parsed = ActionParser.parse(line);
      if (!parsed.ok()) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + parsed.error());
      }
      calls.addAll(parsed.calls());
    }
    return calls;
  }
}
