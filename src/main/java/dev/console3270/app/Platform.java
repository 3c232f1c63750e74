package dev.console3270.app;

import dev.console3270.api.ApiTokens;
import dev.console3270.api.events.EventHub;
import dev.console3270.api.webhooks.WebhookDispatcher;
import dev.console3270.api.webhooks.WebhookStore;
import dev.console3270.audit.ArchiveConfig;
import dev.console3270.audit.ArchiveStore;
import dev.console3270.audit.AuditConfig;
import dev.console3270.audit.AuditLog;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditRetention;
import dev.console3270.audit.AuditTrail;
import dev.console3270.audit.AuditType;
import dev.console3270.audit.RetentionPolicy;
import dev.console3270.audit.RetentionRun;
import dev.console3270.audit.SyslogForwarder;
import dev.console3270.audit.compliance.ComplianceFacts;
import dev.console3270.audit.compliance.CompliancePacks;
import dev.console3270.audit.compliance.CompliancePolicy;
import dev.console3270.endpoint.AdminState;
import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.EndpointListener;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.endpoint.EndpointView;
import dev.console3270.endpoint.HealthChecker;
import dev.console3270.endpoint.Strategy;
import dev.console3270.session.ConfigDirs;
import dev.console3270.session.SessionEngine;
import dev.console3270.session.pool.EndpointLoad;
import dev.console3270.session.pool.Failover;
import dev.console3270.session.pool.PoolAuditor;
import dev.console3270.session.pool.PoolConfig;
import dev.console3270.session.pool.SessionPool;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * Everything the console runs besides the window: settings, compliance packs, the session engine
 * and pool, the endpoints with their health checks and balancer, the audit log (and its syslog
 * forwarder), the retention schedule, the event hub (fed by the pool, the endpoints and the audit
 * log) and the webhooks with their dispatcher. The window and {@code console3270 serve} both build
 * one. Close it to stop everything, in order (idempotent).
 */
public final class Platform implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Platform.class);

  /**
   * How to open the platform.
   *
   * @param configDir the configuration directory
   * @param settingsFile the configuration file, or null for {@code <configDir>/console3270.json}
   * @param strict reject a configuration file that cannot be used (nothing is started, nothing is
   *     moved) instead of moving it aside and going on with the defaults
   * @param env the environment whose {@code CONSOLE3270_*} variables override the file's settings
   */
  public record Options(
      Path configDir, Path settingsFile, boolean strict, Map<String, String> env) {

    /** Copies the environment. */
    public Options {
      env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** The window's options: lenient, everything from the configuration directory. */
    public static Options lenient(Path configDir) {
      return new Options(configDir, null, false, Map.of());
    }

    /** The configuration file to read. */
    public Path settings() {
      return settingsFile != null ? settingsFile : configDir.resolve(Settings.FILE_NAME);
    }
  }

  /** A configuration file that cannot be used (strict mode): nothing was started. */
  public static final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The file and why it cannot be used. */
    public ConfigException(String message) {
      super(message);
    }
  }

  private final Options options;
  private final Settings settings;
  private final ConfigFile configFile;
  private final boolean fellBack;
  private final Path auditDir;
  private final SessionEngine engine;
  private final SessionPool pool;
  private final EndpointRegistry registry;
  private final Balancer balancer;
  private final EndpointConfig endpointConfig;
  private final AuditTrail trail;
  private final SyslogForwarder forwarder;
  private final CompliancePolicy policy;
  private final RetentionPolicy retention;
  private final HealthChecker checker;
  private final Failover failover;
  private final ScheduledExecutorService retentionTimer;
  private final EventHub hub;
  private final WebhookStore webhooks;
  private final ApiTokens tokens;
  private final WebhookDispatcher dispatcher;
  private final List<EventHub.Attachment> attachments = new ArrayList<>();
  private final String problem;
  private boolean closed;

  private Platform(Options options) throws ConfigException {
    this.options = options;
    List<String> problems = new ArrayList<>();
    try {
      // Owner-only before anything (the audit log, keys, tokens) is written into it.
      ConfigDirs.ensurePrivate(options.configDir());
    } catch (IOException e) {
      problems.add("configuration directory " + options.configDir() + ": " + e.getMessage());
    }
    Path settingsFile = options.settings();
    ConfigFile.Opened opened;
    try {
      opened = ConfigFile.open(settingsFile, options.configDir(), options.env(), options.strict());
    } catch (ConfigFile.Rejected e) {
      throw new ConfigException(e.getMessage());
    }
    problems.addAll(opened.problems());
    this.configFile = opened.file();
    this.fellBack = opened.fellBack();
    this.settings = opened.settings();
    List<String> packs = settings.packs();
    CompliancePolicy loaded;
    try {
      loaded = CompliancePacks.load(packs);
    } catch (RuntimeException e) {
      String where =
          options.env().containsKey("CONSOLE3270_COMPLIANCE_PACKS")
              ? "CONSOLE3270_COMPLIANCE_PACKS"
              : settingsFile + ": $.compliance.packs";
      if (options.strict()) {
        throw new ConfigException(where + ": " + e.getMessage());
      }
      problems.add(where + ": " + e.getMessage() + "; no compliance pack is applied");
      loaded = CompliancePacks.load(List.of());
    }
    this.policy = loaded;
    this.auditDir =
        settings.audit().dir() != null
            ? settings.audit().dir()
            : options.configDir().resolve(AuditCommand.DEFAULT_DIR);
    this.endpointConfig = new EndpointConfig(configFile);
    Settings.Forwarding forwarding = settings.forwarding();
    var min = policy.minimumRetention();
    this.retention =
        settings.retention(
            min.map(CompliancePolicy.RetentionRequirement::totalDays).orElse(0),
            min.map(CompliancePolicy.RetentionRequirement::onlineDays).orElse(0));
    PoolConfig poolConfig = enforceIdle(settings.pool().toPoolConfig(), policy);

    // from here on things start; a failure stops what has started
    this.engine = new SessionEngine();
    SyslogForwarder fwd = null;
    SessionPool startedPool = null;
    AuditLog log = null;
    EventHub startedHub = new EventHub();
    WebhookDispatcher startedDispatcher = null;
    try {
      if (forwarding != null) {
        try {
          fwd =
              SyslogForwarder.start(
                  SyslogForwarder.Config.defaults(
                          forwarding.host(),
                          forwarding.port(),
                          options.configDir().resolve("audit.spool"))
                      .withTls(forwarding.tls()));
        } catch (IOException | RuntimeException e) {
          if (options.strict()) {
            throw new ConfigException("audit forwarding: " + e.getMessage());
          }
          problems.add("audit settings: " + e.getMessage());
        }
      }
      this.forwarder = fwd;
      this.registry = new EndpointRegistry();
      ToIntFunction<String> otherwise = poolConfig.maxPerEndpoint();
      EndpointRegistry reg = registry;
      startedPool =
          new SessionPool(
              engine,
              poolConfig.withMaxPerEndpoint(
                  name ->
                      reg.get(name)
                          .map(v -> v.endpoint().maxSessions())
                          .filter(m -> m > 0)
                          .orElseGet(() -> otherwise.applyAsInt(name))));
      this.pool = startedPool;
      EndpointLoad.attach(pool, registry);
      try {
        log =
            AuditLog.open(
                AuditConfig.defaults(auditDir, AuditConfig.defaultKeyFile(auditDir)),
                fwd == null
                    ? List.of(startedHub.auditListener())
                    : List.of(fwd, startedHub.auditListener()));
      } catch (IOException e) {
        throw new ConfigException("the audit log " + auditDir + " cannot open: " + e.getMessage());
      }
      this.trail = AuditTrail.forProcess(log);
      this.hub = startedHub;
      attachments.add(hub.attach(pool));
      attachments.add(hub.attach(registry));
      ConfigFile file = configFile;
      this.tokens =
          ApiTokens.open(
              settings.api().tokens(),
              list -> file.putIn("api", "tokens", list),
              Clock.systemUTC(),
              new SecureRandom());
      this.webhooks =
          WebhookStore.open(
              settings.webhooks(),
              list -> file.put(Map.of("webhooks", list)),
              Clock.systemUTC(),
              new SecureRandom());
      try {
        startedDispatcher =
            WebhookDispatcher.open(
                webhooks,
                options.configDir().resolve(WebhookDispatcher.JOURNAL),
                hub,
                WebhookDispatcher.Config.defaults(),
                HttpClient.newHttpClient(),
                Clock.systemUTC());
        this.dispatcher = startedDispatcher;
      } catch (IOException e) {
        throw new ConfigException(
            "the webhook journal in " + options.configDir() + ": " + e.getMessage());
      }
      pool.addHook(new PoolAuditor(trail));
      this.balancer = new Balancer(registry, Strategy.ROUND_ROBIN, System.nanoTime());
      EndpointConfig.apply(settings, registry, balancer);
      pool.setAdmission(dev.console3270.session.pool.PoolFacts.admission(policy));
      this.failover =
          new Failover(pool, registry, balancer, Failover.Backoff.defaults(), this::headlessPlan);
      PersistEndpoints persist = new PersistEndpoints();
      registry.addListener(persist);
      balancer.addStrategyListener(s -> persist.save());
      this.checker = new HealthChecker(registry);
      checker.start();
      this.retentionTimer = retention == null ? null : retentionSchedule();
    } catch (ConfigException | RuntimeException e) {
      if (startedDispatcher != null) {
        startedDispatcher.close();
      }
      startedHub.close();
      if (startedPool != null) {
        startedPool.close();
      }
      closeQuietly(log, fwd);
      engine.close();
      throw e;
    }
    this.problem = problems.isEmpty() ? null : String.join("\n", problems);
  }

  /**
   * Reads the configuration and starts everything.
   *
   * @throws ConfigException in strict mode, when a file cannot be used (its path and the reason),
   *     or when the audit log cannot open; nothing is left running
   */
  public static Platform open(Options options) throws ConfigException {
    return new Platform(options);
  }

  /** The event hub: pool, endpoint and audit events, served as {@code /api/v1/events}. */
  public EventHub events() {
    return hub;
  }

  /** The webhook subscriptions (the {@code webhooks} list of the configuration file). */
  public WebhookStore webhooks() {
    return webhooks;
  }

  /** The named API tokens (the {@code api.tokens} list of the configuration file). */
  public ApiTokens tokens() {
    return tokens;
  }

  /** The webhook dispatcher; its journal keeps the pending deliveries across restarts. */
  public WebhookDispatcher dispatcher() {
    return dispatcher;
  }

  /** The settings read at open (the defaults when the file could not be used). */
  public Settings settings() {
    return settings;
  }

  /** The options it was opened with. */
  public Options options() {
    return options;
  }

  /** The session engine. */
  public SessionEngine engine() {
    return engine;
  }

  /** The session pool. */
  public SessionPool pool() {
    return pool;
  }

  /** The endpoints. */
  public EndpointRegistry registry() {
    return registry;
  }

  /** The balancer. */
  public Balancer balancer() {
    return balancer;
  }

  /** The endpoints' part of the configuration file. */
  public EndpointConfig endpointConfig() {
    return endpointConfig;
  }

  /**
   * The failover of the pool's sessions: a dropped session, or one on an endpoint that goes DOWN,
   * moves to another endpoint of its group. Headless, a session's plan is its endpoint's group and
   * a logon check that waits for the host's first screen (API clients sign on again after a {@code
   * FAILED_OVER} event), and its sticky key if it has one; the window gives its own plans (each
   * tab's profile and logon macro).
   */
  public Failover failover() {
    return failover;
  }

  private Failover.Plan headlessPlan(dev.console3270.session.pool.PooledSession s) {
    String group =
        registry
            .get(s.endpointName())
            .map(v -> v.endpoint().group())
            .orElse(dev.console3270.endpoint.Endpoint.DEFAULT_GROUP);
    return new Failover.Plan(
        group,
        s.stickyKey(),
        new dev.console3270.session.pool.LogonMacro("wait for the host", "Wait(30,InputField)"));
  }

  /** The configuration file. */
  public ConfigFile configFile() {
    return configFile;
  }

  /** True when the configuration file could not be used and the defaults apply (lenient mode). */
  public boolean fellBack() {
    return fellBack;
  }

  /**
   * Writes the endpoints back to the configuration file when they are added, changed, removed,
   * drained, disabled or enabled, or the strategy changes (from the panel or the REST API). A file
   * that cannot be written is logged; the running endpoints are not affected.
   */
  private final class PersistEndpoints implements EndpointListener {
    @Override
    public void endpointAdded(EndpointView view) {
      saveUnlessEmbedded(view.endpoint());
    }

    @Override
    public void endpointUpdated(EndpointView view, Endpoint previous) {
      saveUnlessEmbedded(view.endpoint());
    }

    @Override
    public void endpointRemoved(Endpoint endpoint) {
      saveUnlessEmbedded(endpoint);
    }

    @Override
    public void adminStateChanged(EndpointView view, AdminState previous) {
      saveUnlessEmbedded(view.endpoint());
    }

    /** The built-in demo host's endpoint lives only while the app runs: nothing to write. */
    private void saveUnlessEmbedded(Endpoint e) {
      if (!e.tags().contains(EndpointConfig.EMBEDDED)) {
        save();
      }
    }

    void save() {
      try {
        endpointConfig.save(registry, balancer);
      } catch (IOException e) {
        LOG.warn("the endpoints could not be saved to {}: {}", configFile.path(), e.getMessage());
      }
    }
  }

  /** The audit trail (its log is open until {@link #close()}). */
  public AuditTrail trail() {
    return trail;
  }

  /** The audit directory. */
  public Path auditDir() {
    return auditDir;
  }

  /** The compliance packs in force. */
  public CompliancePolicy policy() {
    return policy;
  }

  /** True when audit records are forwarded off the machine. */
  public boolean forwarding() {
    return forwarder != null;
  }

  /** How often the audit log writes a checkpoint. */
  public Duration checkpointInterval() {
    return AuditConfig.DEFAULT_CHECKPOINT_INTERVAL;
  }

  /** The retention as compliance facts (zeros when none is configured). */
  public ComplianceFacts.Retention retentionFacts() {
    return retention == null
        ? new ComplianceFacts.Retention(0, 0, 0)
        : new ComplianceFacts.Retention(
            (int) retention.archiveAfter().toDays(),
            (int) retention.deleteAfter().toDays(),
            retention.holds().size());
  }

  /** The problems met reading the configuration (lenient mode), one per line, or null. */
  public String problem() {
    return problem;
  }

  /** What the compliance rules are checked against, as things are now. */
  public ComplianceFacts facts() {
    return dev.console3270.session.pool.PoolFacts.of(
        pool,
        registry,
        trail.log() != null,
        checkpointInterval(),
        forwarder != null,
        retentionFacts());
  }

  /** The compliance report now, as JSON. */
  public String complianceJson() {
    return policy.evaluate(facts()).toJson();
  }

  /**
   * The pool settings made to obey the compliance packs: when a pack requires an idle timeout, a
   * longer one (or none) is shortened to it, keeping the configured policy (LOCK by default).
   */
  static PoolConfig enforceIdle(PoolConfig config, CompliancePolicy policy) {
    var required = policy.requiredIdleTimeout();
    if (required.isEmpty()) {
      return config;
    }
    Duration max = required.get();
    if (!config.idleTimeout().isZero() && config.idleTimeout().compareTo(max) <= 0) {
      return config;
    }
    return config.withIdle(max, config.idlePolicy());
  }

  /**
   * Runs retention now and once a day: closed audit files older than the policy's archive age are
   * archived (encrypted), expired archives are crypto-erased unless under a legal hold; each run is
   * in the audit trail.
   */
  private ScheduledExecutorService retentionSchedule() {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "audit-retention");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        () -> runRetention(trail, auditDir(), retention),
        1,
        TimeUnit.DAYS.toMinutes(1),
        TimeUnit.MINUTES);
    timer.execute(() -> runRetention(trail, auditDir(), retention));
    return timer;
  }

  /** One retention run; failures are logged and audited, never thrown. */
  static RetentionRun runRetention(AuditTrail trail, Path auditDir, RetentionPolicy policy) {
    try {
      AuditConfig cfg = AuditConfig.defaults(auditDir, AuditConfig.defaultKeyFile(auditDir));
      ArchiveStore store = ArchiveStore.open(ArchiveConfig.defaults(auditDir));
      RetentionRun run = new AuditRetention(cfg, store, policy, trail.log()).run();
      LOG.info(
          "audit retention: {} archived, {} deleted, {} held, {} errors",
          run.archived().size(),
          run.deleted().size(),
          run.held().size(),
          run.errors().size());
      return run;
    } catch (IOException | RuntimeException e) {
      LOG.error("audit retention failed", e);
      trail.record(
          AuditType.RETENTION,
          AuditOutcome.FAILURE,
          String.valueOf(auditDir),
          Map.of("error", String.valueOf(e.getMessage())));
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * Stops everything: the webhook dispatcher (pending deliveries stay in its journal and are sent
   * after the next start), the event hub, the retention schedule, the health checks, the pool (its
   * sessions end and are audited), the audit log (flushed, closed with a checkpoint), the
   * forwarder, the engine.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    dispatcher.close();
    for (EventHub.Attachment a : attachments) {
      closeQuietly(a);
    }
    hub.close();
    if (retentionTimer != null) {
      retentionTimer.shutdownNow();
    }
    checker.close();
    failover.close();
    pool.close();
    closeQuietly(trail.log(), forwarder);
    engine.close();
  }

  private static void closeQuietly(EventHub.Attachment a) {
    try {
      a.close();
    } catch (RuntimeException e) {
      LOG.warn("event hub detach failed", e);
    }
  }

  private static void closeQuietly(AuditLog log, SyslogForwarder fwd) {
    if (log != null) {
      try {
        log.close();
      } catch (IOException e) {
        LOG.error("the audit log did not close cleanly", e);
      }
    }
    if (fwd != null) {
      try {
        fwd.close();
      } catch (IOException e) {
        LOG.error("the syslog forwarder did not close cleanly", e);
      }
    }
  }
}
