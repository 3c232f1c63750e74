package dev.console3270.app;

import dev.console3270.api.ApiServer;
import dev.console3270.api.x3270.SessionResolver;
import dev.console3270.host.DemoHost;
import dev.console3270.session.ConfigDirs;
import dev.console3270.session.SavedProfile;
import dev.console3270.session.pool.SessionPool;
import dev.console3270.ui.ConsoleApplication;
import dev.console3270.ui.ConsoleContext;
import dev.console3270.ui.Governance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Wires the window: the user's config directory, the platform (engine, pool, endpoints, audit log,
 * events, webhooks), the REST API beside the window ({@code "api"} in {@code console3270.json}),
 * and the embedded demo host, started on a free loopback port the first time the window asks for
 * it.
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
      try (platform;
          WindowApi api = WindowApi.start(platform)) {
        String problem =
            api.problem() == null
                ? platform.problem()
                : platform.problem() == null
                    ? api.problem()
                    : platform.problem() + "\n" + api.problem();
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
                problem,
                platform.trail(),
                platform.auditDir(),
                new Governance(
                    platform.policy(),
                    platform.retentionFacts(),
                    platform.forwarding(),
                    platform.checkpointInterval()),
                api,
                platform.failover());
        ConsoleApplication.launchWindow(context);
      }
    }
    return 0;
  }

  /**
   * The REST API beside the window: the same services as {@code serve}, its token in the
   * configuration directory, and the x3270 routes' default session the window's active tab's. It
   * never stops the window from opening: when it cannot start, {@link #problem()} says why.
   */
  static final class WindowApi implements ConsoleContext.ApiLink, AutoCloseable {
    private final AtomicReference<Supplier<String>> active;
    private final ApiServer server;
    private final String description;
    private final String problem;

    private WindowApi(
        AtomicReference<Supplier<String>> active,
        ApiServer server,
        String description,
        String problem) {
      this.active = active;
      this.server = server;
      this.description = description;
      this.problem = problem;
    }

    /** Starts the API as {@code console3270.json} says (enabled, port 0, loopback by default). */
    static WindowApi start(Platform platform) {
      AtomicReference<Supplier<String>> active = new AtomicReference<>(() -> null);
      if (platform.fellBack()) {
        return failed(
            active,
            "The REST API is not started: "
                + platform.options().settings()
                + " could not be used (see above); fix it and restart");
      }
      Settings.Api cfg = platform.settings().api();
      if (!cfg.enabled()) {
        return new WindowApi(
            active, null, "REST API: disabled (\"api\" in console3270.json)", null);
      }
      InetAddress address;
      try {
        address = InetAddress.getByName(cfg.bind());
      } catch (UnknownHostException e) {
        return failed(
            active, "The REST API is not started: api.bind \"" + cfg.bind() + "\" is unknown");
      }
      Path tokenFile = platform.options().configDir().resolve(ServeCommand.TOKEN_FILE);
      ApiServer server =
          new ApiServer(
              ServeCommand.apiConfig(cfg, address, cfg.port(), tokenFile),
              ServeCommand.services(platform)
                  .withX3270Sessions(activeResolver(platform.pool(), () -> active.get().get())));
      try {
        server.start();
      } catch (IOException | RuntimeException e) {
        server.close();
        return failed(
            active,
            "The REST API could not start on "
                + address.getHostAddress()
                + ":"
                + cfg.port()
                + ": "
                + e.getMessage());
      }
      String url = server.baseUri() + "/api/v1";
      LOG.info("REST API at {}, token in {}", url, tokenFile.toAbsolutePath());
      return new WindowApi(
          active, server, "REST API: " + url + "\nAPI token: " + tokenFile.toAbsolutePath(), null);
    }

    private static WindowApi failed(AtomicReference<Supplier<String>> active, String why) {
      LOG.warn("{}", why);
      return new WindowApi(active, null, why, why);
    }

    /** Why the API is not running though enabled, or null. */
    String problem() {
      return problem;
    }

    /** The running server, or null. */
    ApiServer server() {
      return server;
    }

    @Override
    public String describe() {
      return description;
    }

    @Override
    public void activeSession(Supplier<String> activeSessionId) {
      active.set(activeSessionId == null ? () -> null : activeSessionId);
    }

    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }

  /**
   * The x3270 routes' session chooser in the window: the pool's session of the id a request names,
   * else the active tab's session (none, so 404, when no tab is active).
   */
  static SessionResolver activeResolver(SessionPool pool, Supplier<String> activeSessionId) {
    return id -> {
      String want = id != null ? id : activeSessionId.get();
      return want == null ? null : pool.get(want).orElse(null);
    };
  }

  /** The config directory to use: the option's value, or the user's. */
  static Path configDir(Path option) {
    return option != null ? option : ConfigDirs.configDir();
  }
}
