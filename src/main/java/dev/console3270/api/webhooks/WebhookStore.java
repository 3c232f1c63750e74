package dev.console3270.api.webhooks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.console3270.session.ConfigDirs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook subscriptions, kept in a JSON file ({@code webhooks.json} in the configuration
 * directory). Every change rewrites the file atomically and owner-only; a file that cannot be read
 * is moved aside ({@code <name>.corrupt-<millis>}) and the store starts empty. Thread-safe.
 */
public final class WebhookStore {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookStore.class);

  /** The file name in the configuration directory. */
  public static final String FILE = "webhooks.json";

  private final Path file;
  private final Clock clock;
  private final SecureRandom random;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Map<String, Subscription> subs = new LinkedHashMap<>();
  private Path corruptCopy;

  private WebhookStore(Path file, Clock clock, SecureRandom random) {
    this.file = file;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Opens the store at {@code file}, reading it when present.
   *
   * @throws IOException when the file exists but can neither be read nor moved aside
   */
  public static WebhookStore open(Path file, Clock clock, SecureRandom random) throws IOException {
    WebhookStore s = new WebhookStore(file, clock, random);
    s.load();
    return s;
  }

  /** Opens {@code webhooks.json} in {@code configDir} with the system clock. */
  public static WebhookStore open(Path configDir) throws IOException {
    return open(configDir.resolve(FILE), Clock.systemUTC(), new SecureRandom());
  }

  private void load() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try {
      subs.putAll(read(file, json));
    } catch (IOException | RuntimeException e) {
      subs.clear();
      corruptCopy = file.resolveSibling(file.getFileName() + ".corrupt-" + clock.millis());
      Files.move(file, corruptCopy, StandardCopyOption.REPLACE_EXISTING);
      LOG.warn("{} could not be read ({}); moved to {}", file, e.getMessage(), corruptCopy);
    }
  }

  private static Map<String, Subscription> read(Path file, ObjectMapper json) throws IOException {
    Map<String, Subscription> out = new LinkedHashMap<>();
    List<Stored> list = json.readValue(file.toFile(), new TypeReference<List<Stored>>() {});
    if (list == null) {
      throw new IOException("not a list of subscriptions");
    }
    for (Stored st : list) {
      if (st == null) {
        throw new IOException("null entry");
      }
      Subscription s = st.subscription();
      if (out.put(s.id(), s) != null) {
        throw new IOException("duplicate subscription id " + s.id());
      }
    }
    return out;
  }

  /**
   * Why {@code file} could not be opened as a store, without changing it: null when it is absent or
   * readable, else the file and the reason.
   */
  public static String problem(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      read(file, new ObjectMapper());
      return null;
    } catch (IOException | RuntimeException e) {
      return file + ": " + e.getMessage();
    }
  }

  /** Where an unreadable file was moved at open, if one was. */
  public Optional<Path> corruptCopy() {
    return Optional.ofNullable(corruptCopy);
  }

  /** The subscriptions, in creation order. */
  public synchronized List<Subscription> list() {
    return List.copyOf(subs.values());
  }

  /** One subscription. */
  public synchronized Optional<Subscription> get(String id) {
    return Optional.ofNullable(subs.get(id));
  }

  /**
   * Creates an enabled subscription with a new id and secret and saves it.
   *
   * @throws IllegalArgumentException for a bad URL or type pattern (nothing is saved)
   * @throws IOException when the file cannot be written (nothing is changed)
   */
  public synchronized Subscription create(URI url, List<String> types) throws IOException {
    byte[] idBytes = new byte[12];
    random.nextBytes(idBytes);
    String id = "sub_" + Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
    Subscription s =
        new Subscription(
            id, url, types, WebhookSigner.newSecret(random), true, clock.instant(), "");
    put(s);
    return s;
  }

  /**
   * Replaces a subscription (same id) and saves.
   *
   * @throws IllegalArgumentException when there is none with that id
   */
  public synchronized Subscription update(Subscription s) throws IOException {
    if (!subs.containsKey(s.id())) {
      throw new IllegalArgumentException("no webhook subscription " + s.id());
    }
    put(s);
    return s;
  }

  /** Changes the URL and types of a subscription, keeping the rest. */
  public synchronized Subscription change(String id, URI url, List<String> types)
      throws IOException {
    Subscription old = require(id);
    return update(
        new Subscription(
            id, url, types, old.secret(), old.enabled(), old.created(), old.disabledReason()));
  }

  /** Enables or disables a subscription. */
  public synchronized Subscription setEnabled(String id, boolean enabled, String reason)
      throws IOException {
    return update(require(id).withEnabled(enabled, reason));
  }

  /** Gives a subscription a new secret. */
  public synchronized Subscription rotateSecret(String id) throws IOException {
    Subscription old = require(id);
    return update(
        new Subscription(
            id,
            old.url(),
            old.types(),
            WebhookSigner.newSecret(random),
            old.enabled(),
            old.created(),
            old.disabledReason()));
  }

  /** Deletes a subscription; false when there was none. */
  public synchronized boolean delete(String id) throws IOException {
    Subscription old = subs.remove(id);
    if (old == null) {
      return false;
    }
    try {
      save();
    } catch (IOException e) {
      subs.put(id, old);
      throw e;
    }
    return true;
  }

  private Subscription require(String id) {
    Subscription s = subs.get(id);
    if (s == null) {
      throw new IllegalArgumentException("no webhook subscription " + id);
    }
    return s;
  }

  private void put(Subscription s) throws IOException {
    Subscription old = subs.put(s.id(), s);
    try {
      save();
    } catch (IOException e) {
      if (old == null) {
        subs.remove(s.id());
      } else {
        subs.put(s.id(), old);
      }
      throw e;
    }
  }

  private void save() throws IOException {
    List<Stored> out = new ArrayList<>();
    for (Subscription s : subs.values()) {
      out.add(Stored.of(s));
    }
    ConfigDirs.writeAtomically(file, json.writeValueAsBytes(out));
  }

  /** The file form of a subscription. */
  private record Stored(
      String id,
      String url,
      List<String> types,
      String secret,
      boolean enabled,
      String created,
      String disabledReason) {
    static Stored of(Subscription s) {
      return new Stored(
          s.id(),
          s.url().toString(),
          s.types(),
          s.secret(),
          s.enabled(),
          s.created().toString(),
          s.disabledReason());
    }

    Subscription subscription() {
      return new Subscription(
          id, URI.create(url), types, secret, enabled, Instant.parse(created), disabledReason);
    }
  }
}
