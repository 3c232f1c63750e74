package dev.console3270.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.console3270.endpoint.AdminState;
import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.endpoint.EndpointView;
import dev.console3270.endpoint.HealthCheckConfig;
import dev.console3270.endpoint.Strategy;
import dev.console3270.session.ConfigDirs;
import dev.console3270.session.TlsMode;
import dev.console3270.session.pool.IdlePolicy;
import dev.console3270.session.pool.PoolConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The endpoints in the configuration: {@code endpoints.json} in the configuration directory, read
 * into an {@link EndpointRegistry} and a {@link Balancer} at start and written back after each edit
 * in the endpoint panel.
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "strategy": "ROUND_ROBIN",
 *   "healthCheck": {"intervalMs": 2000, "timeoutMs": 2000, "rise": 2, "fall": 3, "verifyTls": true},
 *   "slowStartSeconds": 30,
 *   "fallbacks": {"prod": "dr"},
 *   "pool": {"maxSessions": 1000, "maxPerEndpoint": 1000, "idleTimeoutSeconds": 900,
 *            "idlePolicy": "LOCK"},
 *   "endpoints": [
 *     {"name": "prod1", "host": "mvs1.example.com", "port": 992, "tlsMode": "TLS", "weight": 2,
 *      "maxSessions": 200, "group": "prod", "tags": ["lpar1"], "admin": "ENABLED"}
 *   ]
 * }
 * }</pre>
 *
 * <p>A file that cannot be used is moved aside to {@code endpoints.json.corrupt-<time>} (never
 * deleted or overwritten) and the problem is reported; the endpoints read before the error are
 * kept. Endpoints tagged {@link #EMBEDDED} (the built-in demo host) are not saved.
 */
public final class EndpointConfig {

  /** The file name in the configuration directory. */
  public static final String FILE_NAME = "endpoints.json";

  /** The tag of endpoints that live only while the app runs. */
  public static final String EMBEDDED = dev.console3270.ui.MainWindow.EMBEDDED_TAG;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  /** The configuration in a file. */
  public EndpointConfig(Path file) {
    this.file = file;
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /**
   * Reads the file into a registry and a balancer.
   *
   * @return null when all is well (or there is no file), else one sentence for the user
   */
  public String load(EndpointRegistry registry, Balancer balancer) {
    return load(registry, balancer, true);
  }

  /**
   * Reads the file into a registry and a balancer.
   *
   * @param moveAside move a bad file aside (else it is left as it is, and the problem names its
   *     full path)
   * @return null when all is well (or there is no file), else one sentence for the user
   */
  public String load(EndpointRegistry registry, Balancer balancer, boolean moveAside) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return file + " could not be read (" + e.getMessage() + "); no endpoints were loaded";
    }
    try {
      apply(MAPPER.readTree(bytes), registry, balancer);
      return null;
    } catch (JsonProcessingException e) {
      return aside(moveAside, "it is not valid JSON: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      return aside(moveAside, e.getMessage());
    } catch (IOException e) {
      return file + " could not be read (" + e.getMessage() + "); no endpoints were loaded";
    }
  }

  private String aside(boolean moveAside, String why) {
    if (!moveAside) {
      return file + " could not be used: " + why;
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    try {
      Path target = ConfigDirs.moveAside(file, stamp);
      return file.getFileName() + " could not be used: " + why + "; it was kept as " + target;
    } catch (IOException e) {
      return file.getFileName()
          + " could not be used: "
          + why
          + " (and could not be moved aside: "
          + e.getMessage()
          + ")";
    }
  }

  private static void apply(JsonNode root, EndpointRegistry registry, Balancer balancer) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the file is not a JSON object");
    }
    int version = root.path("version").asInt(1);
    if (version != 1) {
      throw new IllegalArgumentException("version " + version + " is not supported (1 is)");
    }
    if (root.hasNonNull("strategy")) {
      String s = root.get("strategy").asText();
      try {
        balancer.setStrategy(Strategy.valueOf(s.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown strategy \"" + s + "\"");
      }
    }
    if (root.hasNonNull("healthCheck")) {
      registry.setDefaultHealthCheck(healthCheck(root.get("healthCheck")));
    }
    if (root.hasNonNull("slowStartSeconds")) {
      registry.setSlowStart(Duration.ofSeconds(root.get("slowStartSeconds").asLong()));
    }
    JsonNode list = root.path("endpoints");
    if (!list.isMissingNode() && !list.isArray()) {
      throw new IllegalArgumentException("\"endpoints\" must be a list");
    }
    int i = 0;
    for (JsonNode n : list) {
      i++;
      try {
        Endpoint e = endpoint(n);
        registry.add(e);
        String admin = n.path("admin").asText("ENABLED").toUpperCase(Locale.ROOT);
        switch (AdminState.valueOf(admin)) {
          case DRAINING -> registry.drain(e.name());
          case DISABLED -> registry.disable(e.name());
          case ENABLED -> {}
        }
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(
            "endpoint " + i + " (" + n.path("name").asText("?") + "): " + e.getMessage());
      }
    }
    JsonNode fallbacks = root.path("fallbacks");
    for (Map.Entry<String, JsonNode> f : fallbacks.properties()) {
      registry.setFallback(f.getKey(), f.getValue().asText());
    }
  }

  private static HealthCheckConfig healthCheck(JsonNode n) {
    HealthCheckConfig d = HealthCheckConfig.DEFAULT;
    return d.withTiming(
            Duration.ofMillis(n.path("intervalMs").asLong(d.interval().toMillis())),
            Duration.ofMillis(n.path("timeoutMs").asLong(d.timeout().toMillis())))
        .withRiseFall(n.path("rise").asInt(d.rise()), n.path("fall").asInt(d.fall()))
        .withVerifyTls(n.path("verifyTls").asBoolean(d.verifyTls()));
  }

  private static Endpoint endpoint(JsonNode n) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("it is not a JSON object");
    }
    if (!n.path("port").canConvertToInt()) {
      throw new IllegalArgumentException("port must be a number");
    }
    Set<String> tags = new LinkedHashSet<>();
    n.path("tags").forEach(t -> tags.add(t.asText()));
    String tls = n.path("tlsMode").asText("NONE").toUpperCase(Locale.ROOT);
    TlsMode mode;
    try {
      mode = TlsMode.valueOf(tls);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tlsMode must be NONE, TLS or STARTTLS, not " + tls);
    }
    return new Endpoint(
        n.path("name").asText(null),
        n.path("host").asText(null),
        n.path("port").asInt(),
        mode,
        n.path("weight").asInt(1),
        n.path("maxSessions").asInt(0),
        n.path("group").asText(Endpoint.DEFAULT_GROUP),
        tags);
  }

  /**
   * The pool settings in the file ({@code "pool"}), or the defaults when there are none or the file
   * cannot be read ({@link #load} reports why).
   */
  public PoolConfig poolConfig() {
    PoolConfig d = PoolConfig.defaults();
    try {
      JsonNode p = MAPPER.readTree(Files.readAllBytes(file)).path("pool");
      if (!p.isObject()) {
        return d;
      }
      int perEndpoint = p.path("maxPerEndpoint").asInt(1000);
      return d.withMaxSessions(p.path("maxSessions").asInt(d.maxSessions()))
          .withMaxPerEndpoint(e -> perEndpoint)
          .withIdle(
              Duration.ofSeconds(p.path("idleTimeoutSeconds").asLong(0)),
              IdlePolicy.valueOf(p.path("idlePolicy").asText("LOCK").toUpperCase(Locale.ROOT)));
    } catch (IOException | RuntimeException e) {
      return d;
    }
  }

  /** Writes the registry and the strategy (not the embedded endpoints), atomically. */
  public void save(EndpointRegistry registry, Balancer balancer) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", 1);
    root.put("strategy", balancer.strategy().name());
    HealthCheckConfig h = registry.defaultHealthCheck();
    ObjectNode hc = root.putObject("healthCheck");
    hc.put("intervalMs", h.interval().toMillis());
    hc.put("timeoutMs", h.timeout().toMillis());
    hc.put("rise", h.rise());
    hc.put("fall", h.fall());
    hc.put("verifyTls", h.verifyTls());
    Map<String, String> fallbacks = new TreeMap<>();
    for (String g : registry.groups()) {
      registry.fallback(g).ifPresent(f -> fallbacks.put(g, f));
    }
    ObjectNode fb = root.putObject("fallbacks");
    fallbacks.forEach(fb::put);
    ArrayNode list = root.putArray("endpoints");
    for (EndpointView v : registry.list()) {
      Endpoint e = v.endpoint();
      if (e.tags().contains(EMBEDDED)) {
        continue;
      }
      ObjectNode o = list.addObject();
      o.put("name", e.name());
      o.put("host", e.host());
      o.put("port", e.port());
      o.put("tlsMode", e.tlsMode().name());
      o.put("weight", e.weight());
      o.put("maxSessions", e.maxSessions());
      o.put("group", e.group());
      ArrayNode tags = o.putArray("tags");
      e.tags().stream().sorted().forEach(tags::add);
      o.put("admin", v.adminState().name());
    }
    ConfigDirs.ensure(file.getParent());
    ConfigDirs.writeAtomically(
        file, (MAPPER.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
