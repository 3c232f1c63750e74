package dev.console3270.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.console3270.api.ApiTokens;
import dev.console3270.api.webhooks.Subscription;
import dev.console3270.api.webhooks.WebhookStore;
import dev.console3270.audit.LegalHold;
import dev.console3270.audit.RetentionPolicy;
import dev.console3270.endpoint.AdminState;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.HealthCheckConfig;
import dev.console3270.endpoint.Strategy;
import dev.console3270.session.TlsMode;
import dev.console3270.session.pool.IdlePolicy;
import dev.console3270.session.pool.PoolConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console's one configuration file, {@code console3270.json} in the configuration directory,
 * read and checked as a whole before anything starts (see docs/ENTERPRISE_DEPLOYMENT.md):
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "endpoints": [{"name": "prod1", "host": "mvs1.example.com", "port": 992, "tlsMode": "TLS",
 *                  "weight": 2, "maxSessions": 200, "group": "prod", "tags": ["lpar1"],
 *                  "admin": "ENABLED"}],
 *   "balancer": {"strategy": "LEAST_SESSIONS", "slowStartSeconds": 30, "fallbacks": {"prod": "dr"}},
 *   "healthCheck": {"intervalMs": 2000, "timeoutMs": 2000, "rise": 2, "fall": 3, "verifyTls": true},
 *   "pool": {"maxSessions": 1000, "maxPerEndpoint": 1000, "idleTimeoutSeconds": 900,
 *            "idlePolicy": "LOCK"},
 *   "compliance": {"packs": ["pci-dss"]},
 *   "audit": {"dir": "/var/lib/console3270/audit",
 *             "retention": {"archiveAfterDays": 90, "deleteAfterDays": 365, "holds": []},
 *             "forwarding": {"host": "siem.example.com", "port": 6514, "tls": true}},
 *   "api": {"enabled": true, "bind": "127.0.0.1", "port": 8270, "allowedHosts": [],
 *           "allowedOrigins": [], "maxBodyBytes": 1048576,
 *           "rateLimit": {"requests": 600, "windowSeconds": 60},
 *           "tls": {"keyStore": "/etc/console3270/api.p12", "password": "..."}},
 *   "webhooks": [ ...subscriptions, managed through the API... ]
 * }
 * }</pre>
 *
 * Every key is optional. An unknown key, a wrong type or a value out of range is an error naming
 * its JSON path ({@code $.endpoints[2].port}). Some settings can be overridden by environment
 * variables ({@link #OVERRIDES}); the file on disk never receives them.
 *
 * @param node the file as read, with the environment overrides applied
 * @param packs the compliance packs selected (soc2, hipaa, pci-dss)
 * @param endpoints the endpoints, in order
 * @param balancer the balancer's strategy, slow start and fallback groups
 * @param healthCheck the default health check of the endpoints
 * @param pool the pool's limits and idle timeout
 * @param audit where the audit log lives, its retention and forwarding
 * @param api the REST API
 * @param webhooks the webhook subscriptions
 */
public record Settings(
    JsonNode node,
    List<String> packs,
    List<EndpointEntry> endpoints,
    Balancing balancer,
    HealthCheckConfig healthCheck,
    Pool pool,
    Audit audit,
    Api api,
    List<Subscription> webhooks) {

  /** The file name in the configuration directory. */
  public static final String FILE_NAME = "console3270.json";

  /** The version this build reads and writes. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Set<String> TOP =
      Set.of(
          "version",
          "endpoints",
          "balancer",
          "healthCheck",
          "pool",
          "compliance",
          "audit",
          "api",
          "webhooks");

  /** What a value given by an environment variable is: how it goes into the JSON tree. */
  enum Kind {
    /** A string. */
    TEXT,
    /** A whole number. */
    NUMBER,
    /** A comma-separated list of strings. */
    LIST
  }

  /** An environment variable that overrides one setting of the file. */
  record Override(String variable, String path, Kind kind, String description) {}

  /** The settings an administrator can give by environment variable (they win over the file). */
  static final List<Override> OVERRIDES =
      List.of(
          new Override("CONSOLE3270_API_PORT", "api.port", Kind.NUMBER, "the API port"),
          new Override("CONSOLE3270_API_BIND", "api.bind", Kind.TEXT, "the API address"),
          new Override(
              "CONSOLE3270_API_ALLOWED_HOSTS",
              "api.allowedHosts",
              Kind.LIST,
              "extra Host names allowed, comma separated"),
          new Override(
              "CONSOLE3270_API_KEYSTORE",
              "api.tls.keyStore",
              Kind.TEXT,
              "PKCS12 key store: the API speaks HTTPS"),
          new Override(
              "CONSOLE3270_API_KEYSTORE_PASSWORD",
              "api.tls.password",
              Kind.TEXT,
              "the key store's password"),
          new Override(
              "CONSOLE3270_COMPLIANCE_PACKS",
              "compliance.packs",
              Kind.LIST,
              "compliance packs, comma separated"),
          new Override("CONSOLE3270_AUDIT_DIR", "audit.dir", Kind.TEXT, "the audit directory"),
          new Override(
              "CONSOLE3270_POOL_MAX_SESSIONS",
              "pool.maxSessions",
              Kind.NUMBER,
              "the most sessions in the pool"),
          new Override(
              "CONSOLE3270_BALANCER_STRATEGY",
              "balancer.strategy",
              Kind.TEXT,
              "the balancing strategy"));

  /** Nothing configured: the defaults. */
  public static Settings defaults() {
    return parse(MAPPER.createObjectNode(), Map.of());
  }

  /**
   * Checks a whole file and reads it, with the environment overrides applied first.
   *
   * @param root the file's JSON
   * @param env the environment (only {@link #OVERRIDES} are read)
   * @throws IllegalArgumentException for the first thing that cannot be used: its JSON path (or the
   *     environment variable that set it) and the reason
   */
  public static Settings parse(JsonNode root, Map<String, String> env) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("$: must be a JSON object");
    }
    ObjectNode tree = root.deepCopy();
    Map<String, String> overridden = new LinkedHashMap<>();
    for (Override o : OVERRIDES) {
      String v = env.get(o.variable());
      if (v != null && !v.isBlank()) {
        set(tree, o, v.strip());
        overridden.put("$." + o.path(), o.variable());
      }
    }
    try {
      return read(tree);
    } catch (ConfigNode.Invalid e) {
      for (Map.Entry<String, String> o : overridden.entrySet()) {
        if (e.path.equals(o.getKey()) || e.path.startsWith(o.getKey() + "[")) {
          throw new IllegalArgumentException(
              o.getValue() + " (" + o.getKey() + "): " + e.reason(), e);
        }
      }
      throw e;
    }
  }

  /** True when a problem {@link #parse} reported is an environment variable's, not the file's. */
  static boolean fromEnvironment(IllegalArgumentException problem) {
    String m = String.valueOf(problem.getMessage());
    return OVERRIDES.stream().anyMatch(o -> m.startsWith(o.variable() + " "));
  }

  private static void set(ObjectNode tree, Override o, String value) {
    String[] keys = o.path().split("\\.");
    ObjectNode at = tree;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode next = at.get(keys[i]);
      if (!(next instanceof ObjectNode)) {
        next = at.putObject(keys[i]);
      }
      at = (ObjectNode) next;
    }
    String key = keys[keys.length - 1];
    switch (o.kind()) {
      case TEXT -> at.set(key, TextNode.valueOf(value));
      case NUMBER -> {
        try {
          at.set(key, IntNode.valueOf(Integer.parseInt(value)));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              o.variable()
                  + " ($."
                  + o.path()
                  + "): must be a whole number, not \""
                  + value
                  + "\"");
        }
      }
      case LIST -> {
        ArrayNode list = at.putArray(key);
        for (String s : value.split(",")) {
          if (!s.isBlank()) {
            list.add(s.strip());
          }
        }
      }
    }
  }

  private static Settings read(ObjectNode tree) {
    ConfigNode root = ConfigNode.root(tree).object(TOP);
    int version = root.get("version").integer(VERSION, 1, Integer.MAX_VALUE);
    if (version != VERSION) {
      throw root.get("version").invalid("version " + version + " is not supported (1 is)");
    }
    ConfigNode compliance = root.get("compliance").object(Set.of("packs"));
    List<String> packs = compliance.get("packs").texts();
    List<EndpointEntry> endpoints = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (ConfigNode e : root.get("endpoints").elements()) {
      EndpointEntry entry = endpoint(e);
      if (!names.add(entry.endpoint().name())) {
        throw e.get("name").invalid("a second endpoint named " + entry.endpoint().name());
      }
      endpoints.add(entry);
    }
    ConfigNode webhooks = root.get("webhooks");
    List<Subscription> subs;
    try {
      subs = webhooks.absent() ? List.of() : WebhookStore.parse(webhooks.node());
    } catch (IllegalArgumentException e) {
      throw webhooks.invalid(e.getMessage());
    }
    return new Settings(
        tree,
        packs,
        List.copyOf(endpoints),
        balancing(root.get("balancer")),
        healthCheck(root.get("healthCheck")),
        pool(root.get("pool")),
        audit(root.get("audit")),
        api(root.get("api")),
        subs);
  }

  /**
   * An endpoint of the file and its administrative state.
   *
   * @param endpoint the endpoint
   * @param admin enabled, draining or disabled
   */
  public record EndpointEntry(Endpoint endpoint, AdminState admin) {}

  private static final Set<String> ENDPOINT_KEYS =
      Set.of("name", "host", "port", "tlsMode", "weight", "maxSessions", "group", "tags", "admin");

  private static EndpointEntry endpoint(ConfigNode n) {
    n.object(ENDPOINT_KEYS);
    if (n.absent()) {
      throw n.invalid("must be an object, not null");
    }
    String name = n.get("name").text(null);
    if (name == null) {
      throw n.get("name").invalid("is required");
    }
    String host = n.get("host").text(null);
    if (host == null) {
      throw n.get("host").invalid("is required");
    }
    if (n.get("port").absent()) {
      throw n.get("port").invalid("is required");
    }
    int port = n.get("port").integer(0, 1, 65535);
    Set<String> tags = new LinkedHashSet<>(n.get("tags").texts());
    try {
      Endpoint e =
          new Endpoint(
              name,
              host,
              port,
              n.get("tlsMode").choice(TlsMode.class, TlsMode.NONE),
              n.get("weight").integer(1, 1, Endpoint.MAX_WEIGHT),
              n.get("maxSessions").integer(0, 0, 1_000_000),
              n.get("group").text(Endpoint.DEFAULT_GROUP),
              tags);
      return new EndpointEntry(e, n.get("admin").choice(AdminState.class, AdminState.ENABLED));
    } catch (ConfigNode.Invalid e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw n.invalid(e.getMessage());
    }
  }

  /**
   * The balancer's settings.
   *
   * @param strategy how endpoints are picked
   * @param slowStart how long a recovered endpoint takes to get its full weight, or null for the
   *     registry's default
   * @param fallbacks the group tried when no endpoint of a group is eligible
   */
  public record Balancing(Strategy strategy, Duration slowStart, Map<String, String> fallbacks) {}

  private static Balancing balancing(ConfigNode n) {
    n.object(Set.of("strategy", "slowStartSeconds", "fallbacks"));
    ConfigNode slow = n.get("slowStartSeconds");
    Map<String, String> fallbacks = n.get("fallbacks").textMap();
    for (String group : fallbacks.keySet()) {
      ConfigNode at = n.get("fallbacks").get(group);
      if (group.isBlank()) {
        throw at.invalid("a group name must not be empty");
      }
      List<String> chain = new ArrayList<>(List.of(group));
      for (String g = fallbacks.get(group); g != null; g = fallbacks.get(g)) {
        boolean seen = chain.contains(g);
        chain.add(g);
        if (seen) {
          throw at.invalid("the fallbacks loop: " + String.join(" -> ", chain));
        }
      }
    }
    return new Balancing(
        n.get("strategy").choice(Strategy.class, Strategy.ROUND_ROBIN),
        slow.absent() ? null : Duration.ofSeconds(slow.number(0, 0, 86_400)),
        Map.copyOf(fallbacks));
  }

  private static HealthCheckConfig healthCheck(ConfigNode n) {
    n.object(Set.of("intervalMs", "timeoutMs", "rise", "fall", "verifyTls", "ejectAfter"));
    HealthCheckConfig d = HealthCheckConfig.DEFAULT;
    return d.withTiming(
            Duration.ofMillis(n.get("intervalMs").number(d.interval().toMillis(), 10, 86_400_000)),
            Duration.ofMillis(n.get("timeoutMs").number(d.timeout().toMillis(), 10, 600_000)))
        .withRiseFall(
            n.get("rise").integer(d.rise(), 1, 100), n.get("fall").integer(d.fall(), 1, 100))
        .withVerifyTls(n.get("verifyTls").bool(d.verifyTls()))
        .withEjectAfter(n.get("ejectAfter").integer(d.ejectAfter(), 1, 1000));
  }

  /**
   * The pool's settings.
   *
   * @param maxSessions the most live sessions
   * @param maxPerEndpoint the most per endpoint that sets no limit of its own
   * @param idleTimeout how long a session may sit idle (zero: for ever)
   * @param idlePolicy what happens then
   */
  public record Pool(
      int maxSessions, int maxPerEndpoint, Duration idleTimeout, IdlePolicy idlePolicy) {

    /** As the pool takes it. */
    public PoolConfig toPoolConfig() {
      return PoolConfig.defaults()
          .withMaxSessions(maxSessions)
          .withMaxPerEndpoint(e -> maxPerEndpoint)
          .withIdle(idleTimeout, idlePolicy);
    }
  }

  private static Pool pool(ConfigNode n) {
    n.object(Set.of("maxSessions", "maxPerEndpoint", "idleTimeoutSeconds", "idlePolicy"));
    PoolConfig d = PoolConfig.defaults();
    return new Pool(
        n.get("maxSessions").integer(d.maxSessions(), 1, 1_000_000),
        n.get("maxPerEndpoint").integer(1000, 1, 1_000_000),
        Duration.ofSeconds(n.get("idleTimeoutSeconds").number(0, 0, 86_400L * 365)),
        n.get("idlePolicy").choice(IdlePolicy.class, IdlePolicy.LOCK));
  }

  /** Where audit records are forwarded (syslog over TCP). */
  public record Forwarding(String host, int port, boolean tls) {}

  /**
   * The audit settings.
   *
   * @param dir the audit directory, or null for {@code <config dir>/audit}
   * @param retention the retention section, or null when there is none
   * @param forwarding where records are forwarded, or null for nowhere
   */
  public record Audit(Path dir, Retention retention, Forwarding forwarding) {}

  /**
   * The retention as written (before the compliance packs raise it).
   *
   * @param archiveAfterDays days before closed files are archived, or -1 for the default
   * @param deleteAfterDays days before archives are erased, or -1 for the default
   * @param holds the legal holds
   */
  public record Retention(long archiveAfterDays, long deleteAfterDays, List<LegalHold> holds) {}

  private static Audit audit(ConfigNode n) {
    n.object(Set.of("dir", "retention", "forwarding"));
    String dir = n.get("dir").text(null);
    Path path;
    try {
      path = dir == null ? null : Path.of(dir);
    } catch (InvalidPathException e) {
      throw n.get("dir").invalid("is not a path: " + e.getMessage());
    }
    ConfigNode r =
        n.get("retention").object(Set.of("archiveAfterDays", "deleteAfterDays", "holds"));
    Retention retention = null;
    if (!r.absent()) {
      List<LegalHold> holds = new ArrayList<>();
      for (ConfigNode h : r.get("holds").elements()) {
        h.object(Set.of("from", "to", "reason"));
        try {
          holds.add(
              new LegalHold(
                  LocalDate.parse(h.get("from").text("")),
                  LocalDate.parse(h.get("to").text("")),
                  h.get("reason").text("legal hold")));
        } catch (DateTimeParseException e) {
          throw h.invalid("from and to must be dates like 2026-01-31");
        } catch (IllegalArgumentException e) {
          throw h.invalid(e.getMessage());
        }
      }
      retention =
          new Retention(
              r.get("archiveAfterDays").number(-1, 1, 36_500),
              r.get("deleteAfterDays").number(-1, 1, 36_500),
              List.copyOf(holds));
    }
    ConfigNode f = n.get("forwarding").object(Set.of("host", "port", "tls"));
    Forwarding forwarding = null;
    if (!f.absent()) {
      String host = f.get("host").text(null);
      if (host == null) {
        throw f.get("host").invalid("is required");
      }
      boolean tls = f.get("tls").bool(false);
      forwarding = new Forwarding(host, f.get("port").integer(tls ? 6514 : 514, 1, 65535), tls);
    }
    return new Audit(path, retention, forwarding);
  }

  /**
   * The REST API's settings.
   *
   * @param enabled whether the window starts it ({@code serve} always does)
   * @param port its port, 0 for a free one
   * @param bind the address it listens on
   * @param allowedHosts Host names allowed besides the loopback names and the bind address
   * @param allowedOrigins browser origins allowed
   * @param maxBodyBytes the largest request body
   * @param rateLimit requests per token per window
   * @param rateWindow the rate limit's window
   * @param keyStore a PKCS12 key store for HTTPS, or null for plain HTTP
   * @param keyStorePassword its password, or null
   * @param tokens the named API tokens (their SHA-256 and role), managed through the API
   */
  public record Api(
      boolean enabled,
      int port,
      String bind,
      List<String> allowedHosts,
      List<String> allowedOrigins,
      int maxBodyBytes,
      int rateLimit,
      Duration rateWindow,
      Path keyStore,
      String keyStorePassword,
      List<ApiTokens.Entry> tokens) {}

  private static Api api(ConfigNode n) {
    n.object(
        Set.of(
            "enabled",
            "port",
            "bind",
            "allowedHosts",
            "allowedOrigins",
            "maxBodyBytes",
            "rateLimit",
            "tls",
            "tokens"));
    ConfigNode rate = n.get("rateLimit").object(Set.of("requests", "windowSeconds"));
    ConfigNode tls = n.get("tls").object(Set.of("keyStore", "password"));
    String store = tls.get("keyStore").text(null);
    String password = tls.get("password").text(null);
    if (store != null && password == null) {
      throw tls.get("password").invalid("is required with a key store");
    }
    Path storePath;
    try {
      storePath = store == null ? null : Path.of(store);
    } catch (InvalidPathException e) {
      throw tls.get("keyStore").invalid("is not a path: " + e.getMessage());
    }
    ConfigNode tokensNode = n.get("tokens");
    List<ApiTokens.Entry> tokens;
    try {
      tokens = tokensNode.absent() ? List.of() : ApiTokens.parse(tokensNode.node());
    } catch (IllegalArgumentException e) {
      throw tokensNode.invalid(e.getMessage());
    }
    return new Api(
        n.get("enabled").bool(true),
        n.get("port").integer(0, 0, 65535),
        n.get("bind").text("127.0.0.1"),
        n.get("allowedHosts").texts(),
        n.get("allowedOrigins").texts(),
        n.get("maxBodyBytes").integer(1 << 20, 1024, 64 << 20),
        rate.get("requests").integer(600, 1, 1_000_000),
        Duration.ofSeconds(rate.get("windowSeconds").number(60, 1, 86_400)),
        storePath,
        password,
        tokens);
  }

  /**
   * The retention policy, raised to what the compliance packs require; null when none is configured
   * and none is required.
   *
   * @param requiredTotalDays minimum days records are kept (0 for none)
   * @param requiredOnlineDays minimum days records stay online (0 for none)
   */
  public RetentionPolicy retention(int requiredTotalDays, int requiredOnlineDays) {
    Retention r = audit.retention();
    if (r == null && requiredTotalDays == 0) {
      return null;
    }
    long archiveSet = r == null ? -1 : r.archiveAfterDays();
    long deleteSet = r == null ? -1 : r.deleteAfterDays();
    long archive = Math.max(archiveSet < 0 ? 30 : archiveSet, requiredOnlineDays);
    long delete = deleteSet < 0 ? Math.max(requiredTotalDays, 365L * 7) : deleteSet;
    delete = Math.max(Math.max(delete, requiredTotalDays), archive);
    return new RetentionPolicy(
        Duration.ofDays(archive), Duration.ofDays(delete), r == null ? List.of() : r.holds());
  }

  /** The forwarding settings, or null when none. */
  public Forwarding forwarding() {
    return audit.forwarding();
  }
}
