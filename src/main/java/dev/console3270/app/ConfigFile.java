package dev.console3270.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.console3270.session.ConfigDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configuration file on disk ({@link Settings} is what it says): opened once at start, checked
 * as a whole, and rewritten, one section at a time, when the endpoints or the webhook subscriptions
 * change while the console runs. Writes are atomic and owner-only (the file holds webhook secrets),
 * keep every other section as it was on disk, and never carry the environment overrides.
 *
 * <p>Opening is strict or lenient. Strict ({@code serve}): a file that cannot be used is an error
 * naming the file, the JSON path and the reason; nothing is moved or written. Lenient (the window):
 * the file is moved aside to {@code console3270.json.corrupt-<time>} (never deleted), the problem
 * is reported and the defaults apply.
 *
 * <p>Files of earlier versions, {@code endpoints.json} and {@code webhooks.json} in the
 * configuration directory, are folded into the file when it has none of their sections, and then
 * renamed {@code <name>.merged} (kept, never deleted).
 */
public final class ConfigFile {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConfigFile.class);

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The endpoints file of earlier versions. */
  static final String LEGACY_ENDPOINTS = "endpoints.json";

  /** The webhooks file of earlier versions. */
  static final String LEGACY_WEBHOOKS = "webhooks.json";

  private final Path file;
  private final boolean writable;
  private ObjectNode onDisk;

  private ConfigFile(Path file, ObjectNode onDisk, boolean writable) {
    this.file = file;
    this.onDisk = onDisk;
    this.writable = writable;
  }

  /** A configuration file that cannot be used, in strict mode: nothing was started or changed. */
  public static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message);
    }
  }

  /**
   * The file opened, what it says, and the problems met (lenient mode).
   *
   * @param file the file, for later writes
   * @param settings what it says, with the environment overrides
   * @param problems one sentence each, for the user; empty when all was well
   * @param fellBack the file could not be used and the defaults apply instead
   */
  public record Opened(
      ConfigFile file, Settings settings, List<String> problems, boolean fellBack) {}

  /**
   * Opens a configuration file.
   *
   * @param file the file (need not exist)
   * @param configDir where files of earlier versions may be
   * @param env the environment, for the overrides
   * @param strict reject a file that cannot be used instead of moving it aside
   * @throws Rejected in strict mode: the file (or variable), the JSON path and the reason
   */
  public static Opened open(Path file, Path configDir, Map<String, String> env, boolean strict)
      throws Rejected {
    List<String> problems = new ArrayList<>();
    ObjectNode tree = MAPPER.createObjectNode();
    boolean writable = true;
    boolean fellBack = true;
    try {
      JsonNode read = MAPPER.readTree(Files.readAllBytes(file));
      if (read == null || !read.isObject()) {
        throw new IllegalArgumentException("$: must be a JSON object");
      }
      tree = (ObjectNode) read;
      checkFile(tree, env);
      fellBack = false;
    } catch (NoSuchFileException e) {
      fellBack = false; // no file: the defaults, as meant
    } catch (JsonProcessingException e) {
      tree = bad(file, "it is not valid JSON: " + e.getOriginalMessage(), strict, problems);
    } catch (IOException e) {
      if (strict) {
        throw new Rejected(file + " cannot be read: " + e.getMessage());
      }
      problems.add(file + " cannot be read (" + e.getMessage() + "); the defaults apply");
      writable = false;
    } catch (IllegalArgumentException e) {
      tree = bad(file, e.getMessage(), strict, problems);
    }
    List<Path> merged = new ArrayList<>();
    if (writable) {
      tree = foldLegacy(tree, configDir, env, strict, problems, merged);
    }
    Settings settings;
    try {
      settings = Settings.parse(tree, env);
    } catch (IllegalArgumentException e) {
      // only an environment override can be bad here: the file was checked above
      if (strict) {
        throw new Rejected(e.getMessage());
      }
      problems.add(e.getMessage() + "; the environment overrides are ignored");
      settings = Settings.parse(tree, Map.of());
    }
    ConfigFile config = new ConfigFile(file, tree, writable);
    if (!merged.isEmpty()) {
      try {
        config.write(tree);
        for (Path p : merged) {
          Files.move(p, p.resolveSibling(p.getFileName() + ".merged"));
          LOG.info("{} was merged into {}", p, file);
        }
      } catch (IOException e) {
        problems.add(
            "the older files "
                + merged
                + " were read but could not be merged into "
                + file
                + ": "
                + e.getMessage());
      }
    }
    return new Opened(config, settings, List.copyOf(problems), fellBack);
  }

  /**
   * Checks a tree as a file, read with the environment (a file may leave a setting, such as the key
   * store's password, to an environment variable); a problem of an environment variable itself is
   * not the file's and is reported later.
   *
   * @throws IllegalArgumentException the file's first problem, with its JSON path
   */
  private static void checkFile(ObjectNode tree, Map<String, String> env) {
    try {
      Settings.parse(tree, env);
    } catch (IllegalArgumentException e) {
      if (!Settings.fromEnvironment(e)) {
        throw e;
      }
      Settings.parse(tree, Map.of());
    }
  }

  private static ObjectNode bad(Path file, String why, boolean strict, List<String> problems)
      throws Rejected {
    if (strict) {
      throw new Rejected(file + ": " + why);
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    try {
      Path target = ConfigDirs.moveAside(file, stamp);
      problems.add(file + " could not be used: " + why + "; it was kept as " + target);
    } catch (IOException e) {
      problems.add(
          file + " could not be used: " + why + " (and could not be moved aside: " + e + ")");
    }
    return MAPPER.createObjectNode();
  }

  /** Adds the sections of the older files the tree lacks; the files used go in {@code used}. */
  private static ObjectNode foldLegacy(
      ObjectNode tree,
      Path configDir,
      Map<String, String> env,
      boolean strict,
      List<String> problems,
      List<Path> used)
      throws Rejected {
    ObjectNode out = tree.deepCopy();
    Path endpoints = configDir.resolve(LEGACY_ENDPOINTS);
    if (Files.isRegularFile(endpoints)
        && !tree.has("endpoints")
        && !tree.has("balancer")
        && !tree.has("healthCheck")
        && !tree.has("pool")) {
      try {
        JsonNode old = MAPPER.readTree(Files.readAllBytes(endpoints));
        if (old == null || !old.isObject()) {
          throw new IllegalArgumentException("$: must be a JSON object");
        }
        ObjectNode candidate = out.deepCopy();
        ObjectNode balancer = MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> f : old.properties()) {
          switch (f.getKey()) {
            case "version" -> {}
            case "strategy", "slowStartSeconds", "fallbacks" ->
                balancer.set(f.getKey(), f.getValue());
            default -> candidate.set(f.getKey(), f.getValue());
          }
        }
        if (!balancer.isEmpty()) {
          candidate.set("balancer", balancer);
        }
        checkFile(candidate, env);
        out = candidate;
        used.add(endpoints);
      } catch (IOException | IllegalArgumentException e) {
        notMerged(endpoints, "endpoints", e, strict, problems);
      }
    }
    Path webhooks = configDir.resolve(LEGACY_WEBHOOKS);
    if (Files.isRegularFile(webhooks) && !tree.has("webhooks")) {
      try {
        ObjectNode candidate = out.deepCopy();
        candidate.set("webhooks", MAPPER.readTree(Files.readAllBytes(webhooks)));
        checkFile(candidate, env);
        out = candidate;
        used.add(webhooks);
      } catch (IOException | IllegalArgumentException e) {
        notMerged(webhooks, "webhooks", e, strict, problems);
      }
    }
    return out;
  }

  /** An older file that cannot be merged: rejected (strict), else left alone and reported. */
  private static void notMerged(
      Path file, String what, Exception e, boolean strict, List<String> problems) throws Rejected {
    String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (strict) {
      throw new Rejected(file + " (an older " + what + " file) cannot be merged: " + why);
    }
    problems.add(file + " (an older " + what + " file) was not merged: " + why);
  }

  /** The file. */
  public Path path() {
    return file;
  }

  /** The file's contents as last read or written (without the environment overrides). */
  public synchronized ObjectNode contents() {
    return onDisk.deepCopy();
  }

  /**
   * Replaces some top-level sections and writes the file; the others stay as they are on disk.
   *
   * @param sections section name to its new value
   * @throws IOException when the file cannot be written (nothing changed), or could not be read at
   *     start (it is never overwritten then)
   */
  public synchronized void put(Map<String, JsonNode> sections) throws IOException {
    ObjectNode next = versioned();
    sections.forEach(next::set);
    write(next);
  }

  /** A copy of the file's contents with {@code version} first. */
  private ObjectNode versioned() {
    ObjectNode next = MAPPER.createObjectNode();
    next.set(
        "version",
        onDisk.has("version") ? onDisk.get("version") : next.numberNode(Settings.VERSION));
    next.setAll(onDisk.deepCopy());
    return next;
  }

  /**
   * Replaces one key of a top-level section (e.g. {@code api.tokens}) and writes the file; the rest
   * stays as it is on disk.
   *
   * @throws IOException as {@link #put}
   */
  public synchronized void putIn(String section, String key, JsonNode value) throws IOException {
    ObjectNode next = versioned();
    JsonNode old = next.get(section);
    ObjectNode s = old instanceof ObjectNode o ? o : next.putObject(section);
    s.set(key, value);
    write(next);
  }

  private synchronized void write(ObjectNode next) throws IOException {
    if (!writable) {
      throw new IOException(file + " could not be read at start, so it is not overwritten");
    }
    ConfigDirs.writeAtomically(
        file, (MAPPER.writeValueAsString(next) + "\n").getBytes(StandardCharsets.UTF_8));
    onDisk = next;
  }
}
