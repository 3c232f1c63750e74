package dev.console3270.app;

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
      ConsoleContext base = ConsoleContext.of(configDir, engine, launcher, poolConfig);
      String endpointProblem = endpoints.load(base.endpoints(), base.balancer());
      if (endpointProblem != null) {
        problems.add(endpointProblem);
      }
      String problem = problems.isEmpty() ? null : String.join("\n", problems);
      Governance governance =
          new Governance(
              policy,
              base.governance().retention(),
              base.governance().forwarding(),
              base.governance().checkpointInterval());
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
        base.pool().close();
        try {
          base.audit().log().close();
        } catch (java.io.IOException e) {
          org.slf4j.LoggerFactory.getLogger(WindowLauncher.class)
              .error("the audit log did not close cleanly", e);
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
