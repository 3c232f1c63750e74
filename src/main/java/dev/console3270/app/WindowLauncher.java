package dev.console3270.app;

import dev.console3270.audit.compliance.CompliancePolicy;
import dev.console3270.host.DemoHost;
import dev.console3270.session.ConfigDirs;
import dev.console3270.session.SavedProfile;
import dev.console3270.session.pool.PoolConfig;
import dev.console3270.ui.ConsoleApplication;
import dev.console3270.ui.ConsoleContext;
import dev.console3270.ui.Governance;
import java.io.IOException;
import java.nio.file.Path;

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
    try (WindowLauncher launcher = new WindowLauncher()) {
      Platform platform;
      try {
        platform = Platform.open(Platform.Options.lenient(configDir));
      } catch (Platform.ConfigException e) {
        // lenient mode only fails when the audit log cannot open
        throw new IllegalStateException(e.getMessage(), e);
      }
      try (platform) {
        EndpointConfig endpoints = platform.endpointConfig();
        ConsoleContext context =
            new ConsoleContext(
                configDir,
                platform.engine(),
                launcher,
                platform.pool(),
                platform.registry(),
                platform.balancer(),
                () -> endpoints.save(platform.registry(), platform.balancer()),
                platform.problem(),
                platform.trail(),
                platform.auditDir(),
                new Governance(
                    platform.policy(),
                    platform.retentionFacts(),
                    platform.forwarding(),
                    platform.checkpointInterval()));
        ConsoleApplication.launchWindow(context);
      }
    }
    return 0;
  }

  /**
   * The pool settings made to obey the compliance packs: when a pack requires an idle timeout, a
   * longer one (or none) is shortened to it, keeping the configured policy (LOCK by default).
   */
  static PoolConfig enforceIdle(PoolConfig config, CompliancePolicy policy) {
    return Platform.enforceIdle(config, policy);
  }

  /** The config directory to use: the option's value, or the user's. */
  static Path configDir(Path option) {
    return option != null ? option : ConfigDirs.configDir();
  }
}
