package dev.console3270.app;

import dev.console3270.audit.ArchiveConfig;
import dev.console3270.audit.ArchiveStore;
import dev.console3270.audit.AuditConfig;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditRetention;
import dev.console3270.audit.AuditType;
import dev.console3270.audit.RetentionPolicy;
import dev.console3270.audit.RetentionRun;
import dev.console3270.audit.SyslogForwarder;
import dev.console3270.audit.compliance.ComplianceFacts;
import dev.console3270.audit.compliance.CompliancePacks;
import dev.console3270.audit.compliance.CompliancePolicy;
import dev.console3270.endpoint.HealthChecker;
import dev.console3270.host.DemoHost;
import dev.console3270.session.ConfigDirs;
import dev.console3270.session.SavedProfile;
import dev.console3270.session.SessionEngine;
import dev.console3270.session.pool.PoolConfig;
import dev.console3270.ui.ConsoleApplication;
import dev.console3270.ui.ConsoleContext;
import dev.console3270.ui.Governance;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wires the window: the user's config directory, one session engine, and the embedded demo host,
 * started on a free loopback port the first time the window asks for it.
 */
final class WindowLauncher implements ConsoleContext.DemoHostStarter, AutoCloseable {

  /** The demo host's name, shown on its screens. */
  static final String DEMO_NAME = "DEMO";

  private DemoHost demo;

  @Override
  public synchronized SavedProfile start() throws IOException {
    if (demo == null) {
      demo = DemoHost.start("127.0.0.1", 0, DEMO_NAME, DemoHost.DEFAULT_MAX_CLIENTS);
    }
    return SavedProfile.of("Demo host", "127.0.0.1", demo.port());
  }

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(WindowLauncher.class);

  /**
   * Runs retention now and once a day: closed audit files older than the policy's archive age are
   * archived (encrypted), expired archives are crypto-erased unless under a legal hold; each run is
   * in the audit trail.
   */
  static ScheduledExecutorService retentionSchedule(ConsoleContext ctx, RetentionPolicy policy) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "audit-retention");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        () -> runRetention(ctx, policy), 1, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
    timer.execute(() -> runRetention(ctx, policy));
    return timer;
  }

  /** One retention run; failures are logged and audited, never thrown. */
  static RetentionRun runRetention(ConsoleContext ctx, RetentionPolicy policy) {
    try {
      AuditConfig cfg =
          AuditConfig.defaults(ctx.auditDir(), AuditConfig.defaultKeyFile(ctx.auditDir()));
      ArchiveStore store = ArchiveStore.open(ArchiveConfig.defaults(ctx.auditDir()));
      RetentionRun run = new AuditRetention(cfg, store, policy, ctx.audit().log()).run();
      LOG.info(
          "audit retention: {} archived, {} deleted, {} held, {} errors",
          run.archived().size(),
          run.deleted().size(),
          run.held().size(),
          run.errors().size());
      return run;
    } catch (IOException | RuntimeException e) {
      LOG.error("audit retention failed", e);
      ctx.audit()
          .record(
              AuditType.RETENTION,
              AuditOutcome.FAILURE,
              String.valueOf(ctx.auditDir()),
              java.util.Map.of("error", String.valueOf(e.getMessage())));
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** True while the demo host runs. */
  synchronized boolean running() {
    return demo != null;
  }

  @Override
  public synchronized void close() {
    if (demo != null) {
      demo.close();
      demo = null;
    }
  }

  /** Opens the window and returns when it has closed. */
  static int run(Path configDir) throws InterruptedException {
    try (SessionEngine engine = new SessionEngine();
        WindowLauncher launcher = new WindowLauncher()) {
      List<String> problems = new ArrayList<>();
      Settings.Loaded settings = Settings.load(configDir.resolve(Settings.FILE_NAME));
      if (settings.problem() != null) {
        problems.add(settings.problem());
      }
      CompliancePolicy policy;
      try {
        policy = CompliancePacks.load(settings.settings().packs());
      } catch (RuntimeException e) {
        problems.add(e.getMessage() + "; no compliance pack is applied");
        policy = CompliancePacks.load(List.of());
      }
      EndpointConfig endpoints = new EndpointConfig(configDir.resolve(EndpointConfig.FILE_NAME));
      PoolConfig poolConfig = enforceIdle(endpoints.poolConfig(), policy);
      SyslogForwarder forwarder = null;
      RetentionPolicy retention = null;
      try {
        Settings.Forwarding f = settings.settings().forwarding();
        if (f != null) {
          forwarder =
              SyslogForwarder.start(
                  SyslogForwarder.Config.defaults(
                          f.host(), f.port(), configDir.resolve("audit.spool"))
                      .withTls(f.tls()));
        }
        var min = policy.minimumRetention();
        retention =
            settings
                .settings()
                .retention(
                    min.map(CompliancePolicy.RetentionRequirement::totalDays).orElse(0),
                    min.map(CompliancePolicy.RetentionRequirement::onlineDays).orElse(0));
      } catch (IOException | RuntimeException e) {
        problems.add("audit settings: " + e.getMessage());
      }
      ConsoleContext base =
          ConsoleContext.of(
              configDir,
              engine,
              launcher,
              poolConfig,
              forwarder == null ? List.of() : List.of(forwarder));
      String endpointProblem = endpoints.load(base.endpoints(), base.balancer());
      if (endpointProblem != null) {
        problems.add(endpointProblem);
      }
      String problem = problems.isEmpty() ? null : String.join("\n", problems);
      Governance governance =
          new Governance(
              policy,
              retention == null
                  ? new ComplianceFacts.Retention(0, 0, 0)
                  : new ComplianceFacts.Retention(
                      (int) retention.archiveAfter().toDays(),
                      (int) retention.deleteAfter().toDays(),
                      retention.holds().size()),
              forwarder != null,
              base.governance().checkpointInterval());
      ScheduledExecutorService retentionTimer = null;
      if (retention != null) {
        retentionTimer = retentionSchedule(base, retention);
      }
      ConsoleContext context =
          new ConsoleContext(
              configDir,
              engine,
              launcher,
              base.pool(),
              base.endpoints(),
              base.balancer(),
              () -> endpoints.save(base.endpoints(), base.balancer()),
              problem,
              base.audit(),
              base.auditDir(),
              governance);
      try (HealthChecker checker = new HealthChecker(base.endpoints())) {
        checker.start();
        ConsoleApplication.launchWindow(context);
      } finally {
        if (retentionTimer != null) {
          retentionTimer.shutdownNow();
        }
        base.pool().close();
        try {
          base.audit().log().close();
        } catch (IOException e) {
          LOG.error("the audit log did not close cleanly", e);
        }
        if (forwarder != null) {
          try {
            forwarder.close();
          } catch (IOException e) {
            LOG.error("the syslog forwarder did not close cleanly", e);
          }
        }
      }
    }
    return 0;
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

  /** The config directory to use: the option's value, or the user's. */
  static Path configDir(Path option) {
    return option != null ? option : ConfigDirs.configDir();
  }
}
