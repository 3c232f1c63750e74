package dev.console3270.api.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
 * The webhook subscriptions. Every change is written through a {@link Writer} (the app keeps them
 * in the {@code webhooks} list of its configuration file) or, for a store opened on a file of its
 * own, rewrites that file atomically and owner-only; such a file that cannot be read is moved aside
 * ({@code <name>.corrupt-<millis>}) and the store starts empty. A change that cannot be written is
 * undone. Thread-safe.
 */
public final class WebhookStore {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookStore.class);

  /** The file name of a store kept in a file of its own. */
  public static final String FILE = "webhooks.json";

  /** Where the subscriptions are kept. */
  @FunctionalInterface
  public interface Writer {
    /**
     * Replaces the kept subscriptions with {@code subscriptions} (a JSON list), atomically.
     *
     * @throws IOException when they cannot be written (the store then undoes the change)
     */
    void write(JsonNode subscriptions) throws IOException;
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Writer writer;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<String, Subscription> subs = new LinkedHashMap<>();
  private Path corruptCopy;

  private WebhookStore(Writer writer, Clock clock, SecureRandom random) {
    this.writer = writer;
    this.clock = clock;
    this.random = random;
  }

  /**
   * A store holding {@code initial}, writing each change through {@code writer}.
   *
   * @param initial the subscriptions kept so far (see {@link #parse})
   */
  public static WebhookStore open(
      List<Subscription> initial, Writer writer, Clock clock, SecureRandom random) {
    WebhookStore s = new WebhookStore(writer, clock, random);
    for (Subscription sub : initial) {
      s.subs.put(sub.id(), sub);
    }
    return s;
  }

  /**
   * Opens the store kept in {@code file}, reading it when present.
   *
   * @throws IOException when the file exists but can neither be read nor moved aside
   */
  public static WebhookStore open(Path file, Clock clock, SecureRandom random) throws IOException {
    WebhookStore s =
        new WebhookStore(
            list -> ConfigDirs.writeAtomically(file, JSON.writeValueAsBytes(list)), clock, random);
    if (Files.exists(file)) {
      try {
        for (Subscription sub : parse(JSON.readTree(file.toFile()))) {
          s.subs.put(sub.id(), sub);
        }
      } catch (IOException | RuntimeException e) {
        s.subs.clear();
        s.corruptCopy = file.resolveSibling(file.getFileName() + ".corrupt-" + clock.millis());
        Files.move(file, s.corruptCopy, StandardCopyOption.REPLACE_EXISTING);
        LOG.warn("{} could not be read ({}); moved to {}", file, e.getMessage(), s.corruptCopy);
      }
    }
    return s;
  }

  /** Opens the store kept in {@code webhooks.json} in {@code dir}, with the system clock. */
  public static WebhookStore open(Path dir) throws IOException {
    return open(dir.resolve(FILE), Clock.systemUTC(), new SecureRandom());
  }

  /**
   * Reads kept subscriptions (a JSON list, as the store writes them).
   *
   * @throws IllegalArgumentException naming the first entry that cannot be used and why
   */
  public static List<Subscription> parse(JsonNode list) {
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("must be a list of subscriptions");
    }
    Map<String, Subscription> out = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      Subscription s;
      try {
        Stored st = JSON.treeToValue(list.get(i), Stored.class);
        if (st == null) {
          throw new IllegalArgumentException("it is null");
        }
        s = st.subscription();
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("[" + i + "]: " + e.getOriginalMessage(), e);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("[" + i + "]: " + e.getMessage(), e);
      }
      if (out.put(s.id(), s) != null) {
        throw new IllegalArgumentException("[" + i + "]: a second subscription " + s.id());
      }
    }
    return List.copyOf(out.values());
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
    writer.write(JSON.valueToTree(out));
  }

  /** The subscriptions as {@link #parse} reads them. */
  public synchronized JsonNode toJson() {
    List<Stored> out = new ArrayList<>();
    for (Subscription s : subs.values()) {
      out.add(Stored.of(s));
    }
    return JSON.valueToTree(out);
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
