package dev.console3270.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The named API tokens besides the administrator's token file: each has a name (recorded in the
 * audit trail with every request) and a {@link Role}. Only the SHA-256 of a token is kept; the
 * token itself is shown once, when it is made. Changes are written through a {@link Writer} (the
 * app keeps them in {@code api.tokens} of its configuration file) and undone when that fails.
 * Thread-safe.
 */
public final class ApiTokens {

  /** The prefix of every token made here (helps secret scanners find leaked ones). */
  public static final String PREFIX = "c3270_";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the tokens are kept. */
  @FunctionalInterface
  public interface Writer {
    /** Replaces the kept tokens with {@code tokens} (a JSON list), atomically. */
    void write(JsonNode tokens) throws IOException;
  }

  /**
   * A token as kept.
   *
   * @param name its name
   * @param role what it may do
   * @param sha256 the SHA-256 of the token, lower-case hex
   * @param created when it was made
   */
  public record Entry(String name, Role role, String sha256, Instant created) {
    /** Validates. */
    public Entry {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(created, "created");
      checkName(name);
      if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
      }
    }
  }

  /**
   * A token just made: the only time its value is known.
   *
   * @param entry what is kept
   * @param token the token to hand to the caller
   */
  public record Issued(Entry entry, String token) {}

  private final Writer writer;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<String, Entry> byName = new LinkedHashMap<>();
  private volatile Map<String, Entry> byHash = Map.of();

  private ApiTokens(Writer writer, Clock clock, SecureRandom random) {
    this.writer = writer;
    this.clock = clock;
    this.random = random;
  }

  /** A store holding {@code initial}, writing each change through {@code writer}. */
  public static ApiTokens open(
      List<Entry> initial, Writer writer, Clock clock, SecureRandom random) {
    ApiTokens t = new ApiTokens(writer, clock, random);
    for (Entry e : initial) {
      t.byName.put(e.name(), e);
    }
    t.reindex();
    return t;
  }

  /** No named tokens, kept in memory only (tests, and a console without a configuration file). */
  public static ApiTokens inMemory() {
    return open(List.of(), list -> {}, Clock.systemUTC(), new SecureRandom());
  }

  /**
   * Reads kept tokens (a JSON list of {@code {name, role, sha256, created}}).
   *
   * @throws IllegalArgumentException naming the first entry that cannot be used and why
   */
  public static List<Entry> parse(JsonNode list) {
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("must be a list of tokens");
    }
    Map<String, Entry> out = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      try {
        if (!n.isObject()) {
          throw new IllegalArgumentException("must be an object");
        }
        for (var it = n.fieldNames(); it.hasNext(); ) {
          String k = it.next();
          if (!Set.of("name", "role", "sha256", "created").contains(k)) {
            throw new IllegalArgumentException(k + " is not a token setting");
          }
        }
        Role role;
        try {
          role = Role.valueOf(n.path("role").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "role must be viewer, operator, auditor or admin, not " + n.path("role"));
        }
        Entry e =
            new Entry(
                n.path("name").asText(null),
                role,
                n.path("sha256").asText(null),
                n.hasNonNull("created") ? Instant.parse(n.get("created").asText()) : Instant.EPOCH);
        if (out.put(e.name(), e) != null) {
          throw new IllegalArgumentException("a second token named " + e.name());
        }
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("[" + i + "]: created must be an instant", e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("[" + i + "]: " + e.getMessage(), e);
      }
    }
    return List.copyOf(out.values());
  }

  /** The tokens as {@link #parse} reads them. */
  public synchronized JsonNode toJson() {
    ArrayNode list = JSON.createArrayNode();
    for (Entry e : byName.values()) {
      ObjectNode o = list.addObject();
      o.put("name", e.name());
      o.put("role", e.role().name().toLowerCase(Locale.ROOT));
      o.put("sha256", e.sha256());
      o.put("created", e.created().toString());
    }
    return list;
  }

  /** The tokens, in the order they were made (without their values, which are not kept). */
  public synchronized List<Entry> list() {
    return List.copyOf(byName.values());
  }

  /**
   * Makes a token.
   *
   * @throws IllegalArgumentException for a bad or taken name ({@code admin} is the token file's)
   * @throws IOException when it cannot be kept (nothing changed)
   */
  public synchronized Issued create(String name, Role role) throws IOException {
    checkName(name);
    Objects.requireNonNull(role, "role");
    if (name.equalsIgnoreCase(Caller.ADMIN.name()) || byName.containsKey(name)) {
      throw new IllegalArgumentException("there is already a token named " + name);
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Entry e = new Entry(name, role, sha256(token), clock.instant());
    byName.put(name, e);
    try {
      writer.write(toJson());
    } catch (IOException | RuntimeException ex) {
      byName.remove(name);
      throw ex;
    }
    reindex();
    return new Issued(e, token);
  }

  /**
   * Revokes a token: it stops working at once.
   *
   * @return false when there is none of that name
   * @throws IOException when the change cannot be kept (nothing changed)
   */
  public synchronized boolean revoke(String name) throws IOException {
    Entry old = byName.remove(name);
    if (old == null) {
      return false;
    }
    try {
      writer.write(toJson());
    } catch (IOException | RuntimeException ex) {
      byName.put(name, old);
      throw ex;
    }
    reindex();
    return true;
  }

  /** The caller a presented token stands for, if it is one of these. */
  public Optional<Caller> lookup(String presented) {
    if (presented == null || !presented.startsWith(PREFIX)) {
      return Optional.empty();
    }
    Entry e = byHash.get(sha256(presented));
    return e == null ? Optional.empty() : Optional.of(new Caller(e.name(), e.role()));
  }

  private void reindex() {
    Map<String, Entry> m = new LinkedHashMap<>();
    for (Entry e : byName.values()) {
      m.put(e.sha256(), e);
    }
    byHash = Map.copyOf(m);
  }

  /** The SHA-256 of a token, lower-case hex (what the configuration file keeps). */
  public static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a token name is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }
}
