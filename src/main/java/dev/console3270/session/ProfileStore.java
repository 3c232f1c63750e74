package dev.console3270.session;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The user's saved connection profiles: {@code profiles.json} in the configuration directory,
 * {@code {"version":1,"profiles":[...]}}.
 *
 * <p>Nothing the user saved is ever lost: a file that cannot be understood is moved aside to {@code
 * profiles.json.corrupt-<yyyyMMdd-HHmmss>} (the profiles in it that are valid are still loaded),
 * and a file that cannot be read at all is left in place and {@link #save} refuses to overwrite it.
 * Unknown fields are ignored, so a newer version may add some. Call {@link #load} before {@link
 * #save}. Safe to use from several threads (calls are serialized).
 */
public final class ProfileStore {

  /** The file's name in the configuration directory. */
  public static final String FILE_NAME = "profiles.json";

  /** The format version this class reads and writes. */
  public static final int VERSION = 1;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  /**
   * What {@link #load} found.
   *
   * @param profiles the valid profiles, in file order
   * @param problem one sentence for the user saying what was wrong and where the file was kept, or
   *     null when the file was fine (or did not exist)
   */
  public record Loaded(List<SavedProfile> profiles, String problem) {
    public Loaded {
      profiles = List.copyOf(profiles);
    }

    /** True when there was nothing to report. */
    public boolean ok() {
      return problem == null;
    }
  }

  private final Path file;
  private final Clock clock;
  private final ObjectMapper mapper;
  private String saveRefusal;

  /** A store for the given file (it need not exist). */
  public ProfileStore(Path file) {
    this(file, Clock.systemDefaultZone());
  }

  /** A store whose moved-aside files are stamped with {@code clock}'s local time. */
  ProfileStore(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
    this.mapper =
        new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** The store in the user's configuration directory ({@link ConfigDirs#configDir()}). */
  public static ProfileStore atDefaultLocation() {
    return new ProfileStore(ConfigDirs.configDir().resolve(FILE_NAME));
  }

  /** The file this store reads and writes. */
  public Path file() {
    return file;
  }

  /**
   * Reads the profiles. A missing file is an empty list. A file that is not valid JSON, has the
   * wrong shape or version, or holds an invalid profile is moved aside (never deleted) and its
   * valid profiles are returned with the problem. A file that cannot be read is left in place, and
   * {@link #save} refuses to write until a later load succeeds.
   */
  public synchronized Loaded load() {
    saveRefusal = null;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Loaded(List.of(), null);
    } catch (IOException e) {
      String why = describe(e);
      saveRefusal =
          "profiles are not saved because "
              + file
              + " could not be read ("
              + why
              + ") and saving would replace it; fix the file and restart";
      return new Loaded(
          List.of(),
          "The saved profiles could not be read from "
              + file
              + " ("
              + why
              + "); the file was left as it is and will not be overwritten.");
    }
    List<SavedProfile> profiles = new ArrayList<>();
    String problem = parse(bytes, profiles);
    if (problem == null) {
      return new Loaded(profiles, null);
    }
    return new Loaded(profiles, problem + "; " + moveAside(profiles.size()));
  }

  /**
   * Replaces the file with these profiles, atomically, owner-only where POSIX; creates the
   * directory when missing.
   *
   * @throws IllegalArgumentException when two profiles have the same name
   * @throws IOException when the file cannot be written, or the last load could not read it
   */
  public synchronized void save(List<SavedProfile> profiles) throws IOException {
    Set<String> names = new HashSet<>();
    for (SavedProfile p : profiles) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("two profiles are named \"" + p.name() + "\"");
      }
    }
    if (saveRefusal != null) {
      throw new IOException(saveRefusal);
    }
    ObjectNode root = mapper.createObjectNode();
    root.put("version", VERSION);
    ArrayNode list = root.putArray("profiles");
    for (SavedProfile p : profiles) {
      ObjectNode o = list.addObject();
      o.put("name", p.name());
      o.put("host", p.host());
      o.put("port", p.port());
      o.put("tlsMode", p.tlsMode().name());
      ArrayNode lus = o.putArray("luNames");
      p.luNames().forEach(lus::add);
      o.put("model", p.model());
      o.put("codePage", p.codePage());
      o.put("keymap", p.keymap());
      o.put("verifyCertificate", p.verifyCertificate());
      if (p.acceptedCertificateSha256() != null) {
        o.put("acceptedCertificateSha256", p.acceptedCertificateSha256());
      }
      if (p.logonMacro() != null) {
        o.put("logonMacro", p.logonMacro());
      }
    }
    String json = mapper.writeValueAsString(root) + "\n";
    ConfigDirs.writeAtomically(file, json.getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- reading

  /** Thrown for one bad profile: the field and why. */
  private static final class BadField extends Exception {
    private static final long serialVersionUID = 1L;

    BadField(String message) {
      super(message, null, false, false);
    }
  }

  /** Fills {@code out} with the valid profiles; returns the first problem, or null. */
  private String parse(byte[] bytes, List<SavedProfile> out) {
    String name = file.getFileName().toString();
    JsonNode root;
    try {
      root = mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null || at.getLineNr() < 1
              ? ""
              : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      return name + " is not valid JSON" + where + " (" + firstLine(e.getOriginalMessage()) + ")";
    } catch (IOException e) {
      return name + " could not be parsed (" + describe(e) + ")";
    }
    if (root == null || root.isMissingNode()) {
      return name + " is empty";
    }
    if (!root.isObject()) {
      return name + " does not hold a JSON object with \"version\" and \"profiles\"";
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isIntegralNumber()) {
      return name + " has no \"version\" number";
    }
    JsonNode list = root.get("profiles");
    if (list == null || !list.isArray()) {
      return name + " has no \"profiles\" list";
    }
    List<String> problems = new ArrayList<>();
    if (!version.canConvertToInt() || version.intValue() != VERSION) {
      problems.add(
          name
              + " has version "
              + version.asText()
              + ", which this version of Console3270 does not support (it reads version "
              + VERSION
              + ")");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String label = "Profile " + (i + 1) + label(node);
      try {
        SavedProfile p = profile(node);
        if (!names.add(p.name())) {
          throw new BadField("the name is used by an earlier profile");
        }
        out.add(p);
      } catch (BadField e) {
        problems.add(label + " in " + name + " is invalid: " + e.getMessage());
      }
    }
    if (problems.isEmpty()) {
      return null;
    }
    int more = problems.size() - 1;
    return problems.get(0)
        + (more == 0 ? "" : " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")");
  }

  private static String label(JsonNode node) {
    JsonNode n = node == null ? null : node.get("name");
    return n != null && n.isTextual() ? " (\"" + n.textValue() + "\")" : "";
  }

  private static SavedProfile profile(JsonNode node) throws BadField {
    if (node == null || !node.isObject()) {
      throw new BadField("it is not a JSON object");
    }
    int port;
    JsonNode portNode = node.get("port");
    if (portNode == null || portNode.isNull()) {
      throw new BadField("port is required");
    } else if (!portNode.isIntegralNumber()) {
      throw new BadField("port must be a whole number, not " + portNode);
    } else if (!portNode.canConvertToInt()) {
      throw new BadField("port must be 1 to 65535: " + portNode.asText());
    } else {
      port = portNode.intValue();
    }
    String tls = text(node, "tlsMode");
    TlsMode tlsMode = null;
    if (tls != null) {
      try {
        tlsMode = TlsMode.valueOf(tls.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadField("tlsMode must be NONE, TLS or STARTTLS, not \"" + tls + "\"");
      }
    }
    List<String> lus = new ArrayList<>();
    JsonNode luNode = node.get("luNames");
    if (luNode != null && !luNode.isNull()) {
      if (!luNode.isArray()) {
        throw new BadField("luNames must be a list of names");
      }
      for (JsonNode lu : luNode) {
        if (!lu.isTextual()) {
          throw new BadField("luNames must be a list of names, not " + lu);
        }
        lus.add(lu.textValue());
      }
    }
    boolean verify = true;
    JsonNode verifyNode = node.get("verifyCertificate");
    if (verifyNode != null && !verifyNode.isNull()) {
      if (!verifyNode.isBoolean()) {
        throw new BadField("verifyCertificate must be true or false, not " + verifyNode);
      }
      verify = verifyNode.booleanValue();
    }
    try {
      return new SavedProfile(
          text(node, "name"),
          text(node, "host"),
          port,
          tlsMode,
          lus,
          text(node, "model"),
          text(node, "codePage"),
          text(node, "keymap"),
          verify,
          text(node, "acceptedCertificateSha256"),
          text(node, "logonMacro"));
    } catch (IllegalArgumentException e) {
      throw new BadField(e.getMessage());
    }
  }

  /** A string field, null when missing or null. */
  private static String text(JsonNode node, String field) throws BadField {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new BadField(field + " must be a string, not " + v);
    }
    return v.textValue();
  }

  // ---------------------------------------------------------------- keeping a bad file

  /** Moves the file aside; says where it went (or why it stayed) and what was loaded. */
  private String moveAside(int loaded) {
    String stamp = LocalDateTime.now(clock).format(STAMP);
    String result =
        loaded == 0
            ? "no profiles were loaded"
            : loaded == 1
                ? "the 1 valid profile was loaded"
                : "the " + loaded + " valid profiles were loaded";
    try {
      Path target = ConfigDirs.moveAside(file, stamp);
      return "the file was kept as " + target + " and " + result + ".";
    } catch (IOException e) {
      saveRefusal =
          "profiles are not saved because "
              + file
              + " is damaged and could not be moved aside ("
              + describe(e)
              + "); move it away and restart";
      return "the file could not be moved aside ("
          + describe(e)
          + ") so it was left in place and will not be overwritten, and "
          + result
          + ".";
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return m == null ? kind : kind + ": " + m;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "syntax error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
