package dev.console3270.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import dev.console3270.api.ApiConfig;
import dev.console3270.api.ApiServer;
import dev.console3270.api.ApiServices;
import dev.console3270.audit.AuditConfig;
import dev.console3270.session.ConfigDirs;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code console3270 serve}: the pool, the endpoints, the audit log and the REST API without a
 * window. Prints one ready line, then logs to standard output and {@code <config dir>/logs}, and
 * stops cleanly on SIGTERM or SIGINT.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Run the session pool, endpoints, audit log and REST API without a window.",
      "Once ready, the first line on standard output is exactly:",
      "  api http://ADDRESS:PORT/api/v1 token-file PATH",
      "then logs follow there and in <config dir>/logs/console3270.log.",
      "SIGTERM or SIGINT stops it cleanly: the API stops, pending webhook deliveries stay in"
          + " their journal (sent after the next start), sessions end, the audit log is flushed"
          + " and closed with a checkpoint.",
      "The configuration file (console3270.json) is checked as a whole before anything"
          + " starts: a file or environment variable that cannot be used is rejected (the file,"
          + " the JSON path and the reason on standard error, exit 1); nothing is started and the"
          + " file is left as it is."
    },
    footerHeading =
        "%nEnvironment (options win over the environment, the environment over the"
            + " configuration file):%n",
    footer = {
      "  CONSOLE3270_API_PORT               api.port (as --api-port)",
      "  CONSOLE3270_API_BIND               api.bind (as --bind)",
      "  CONSOLE3270_API_ALLOWED_HOSTS      api.allowedHosts, comma separated",
      "  CONSOLE3270_API_KEYSTORE           api.tls.keyStore (PKCS12: the API speaks HTTPS)",
      "  CONSOLE3270_API_KEYSTORE_PASSWORD  api.tls.password",
      "  CONSOLE3270_COMPLIANCE_PACKS       compliance.packs, comma separated",
      "  CONSOLE3270_AUDIT_DIR              audit.dir (default: <config dir>/audit)",
      "  CONSOLE3270_POOL_MAX_SESSIONS      pool.maxSessions",
      "  CONSOLE3270_BALANCER_STRATEGY      balancer.strategy"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped cleanly",
      "1:a configuration file could not be used, or the API could not start",
      "2:bad usage"
    })
public final class ServeCommand implements Callable<Integer> {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServeCommand.class);

  /** The log file's name in {@code <config dir>/logs}. */
  static final String LOG_FILE = "console3270.log";

  /** The API token's file name in the configuration directory. */
  static final String TOKEN_FILE = "api.token";

  @Spec private CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "the configuration file (default: console3270.json in the configuration directory)")
  private Path settingsFile;

  @Option(
      names = "--api-port",
      paramLabel = "N",
      description = "the API port, 0 for a free one (default: api.port, else 0)")
  private Integer apiPort;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "the API address (default: api.bind, else 127.0.0.1)")
  private String bind;

  private final Map<String, String> env;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile int exitCode = Main.EXIT_FAILURE;
  private final boolean hook;

  /** The command as run from the command line: the process environment, a shutdown hook. */
  public ServeCommand() {
    this(System.getenv(), true);
  }

  ServeCommand(Map<String, String> env, boolean hook) {
    this.env = Map.copyOf(env);
    this.hook = hook;
  }

  /** Asks a running command to stop (as SIGTERM does). */
  void stop() {
    stop.countDown();
  }

  @Override
  public Integer call() throws InterruptedException {
    try {
      exitCode = serve();
      return exitCode;
    } finally {
      done.countDown();
    }
  }

  /**
   * The shutdown hook: asks the command to stop, waits (up to 30 s) until it has closed everything,
   * then ends the process with the command's exit code (0 after a clean stop, not 143).
   */
  private void onSignal() {
    stop();
    try {
      if (done.await(30, TimeUnit.SECONDS)) {
        Runtime.getRuntime().halt(exitCode);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int serve() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path configDir = configDir();
    if (apiPort != null && (apiPort < 0 || apiPort > 65535)) {
      err.println("error: --api-port must be a port number 0-65535, not " + apiPort);
      err.flush();
      return Main.EXIT_USAGE;
    }
    Platform.Options options = new Platform.Options(configDir, settingsFile, true, env);
    Platform platform;
    try {
      platform = Platform.open(options);
    } catch (Platform.ConfigException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return Main.EXIT_FAILURE;
    }
    Settings.Api api = platform.settings().api();
    int port = apiPort != null ? apiPort : api.port();
    InetAddress address;
    try {
      address = InetAddress.getByName(bind != null ? bind : api.bind());
    } catch (UnknownHostException e) {
      platform.close();
      err.println(
          "error: "
              + (bind != null ? "--bind" : "the API address (api.bind)")
              + " is not an address: "
              + e.getMessage());
      err.flush();
      return Main.EXIT_FAILURE;
    }
    Path tokenFile = configDir.resolve(TOKEN_FILE);
    ApiConfig config = apiConfig(api, address, port, tokenFile);
    Thread shutdown = hook ? new Thread(this::onSignal, "serve-shutdown") : null;
    Logs logs = null;
    try (platform;
        ApiServer server = new ApiServer(config, services(platform))) {
      logs = Logs.attach(configDir.resolve("logs").resolve(LOG_FILE));
      try {
        server.start();
      } catch (IOException e) {
        err.println(
            "error: the API cannot start on "
                + address.getHostAddress()
                + ":"
                + port
                + ": "
                + e.getMessage());
        err.flush();
        return Main.EXIT_FAILURE;
      }
      if (shutdown != null) {
        Runtime.getRuntime().addShutdownHook(shutdown);
      }
      out.println("api " + server.baseUri() + "/api/v1 token-file " + tokenFile.toAbsolutePath());
      out.flush();
      logs.toStdout();
      LOG.info(
          "serving {} endpoint(s), audit log in {}",
          platform.registry().list().size(),
          platform.auditDir());
      stop.await();
      LOG.info("stopping");
      // try-with-resources: the API stops first, then the platform (pool, audit log, forwarder)
    } finally {
      if (logs != null) {
        logs.detach();
      }
      if (shutdown != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException e) {
          // the JVM is shutting down: the hook is what stopped us
        }
      }
    }
    return 0;
  }

  /** The API as the configuration says, listening on {@code address:port}. */
  static ApiConfig apiConfig(Settings.Api api, InetAddress address, int port, Path tokenFile) {
    ApiConfig d = ApiConfig.defaults(port, tokenFile);
    return new ApiConfig(
        address,
        port,
        api.allowedHosts(),
        api.allowedOrigins(),
        api.maxBodyBytes(),
        api.rateLimit(),
        api.rateWindow(),
        api.keyStore(),
        api.keyStorePassword() == null ? null : api.keyStorePassword().toCharArray(),
        tokenFile,
        d.threads());
  }

  /**
   * Everything the platform gives the API: the pool, endpoints, audit trail and files, compliance
   * report, event stream, webhooks and the x3270 routes (default session: the newest live one).
   */
  static ApiServices services(Platform platform) {
    return new ApiServices(
            platform.pool(),
            platform.registry(),
            platform.balancer(),
            platform.trail(),
            platform::complianceJson,
            Version.current())
        .withEvents(platform.events())
        .withWebhooks(platform.webhooks(), platform.dispatcher())
        .withTokens(platform.tokens())
        .withAuditFiles(platform.auditDir(), AuditConfig.defaultKeyFile(platform.auditDir()))
        .withX3270Sessions(ApiServices.defaultResolver(platform.pool()));
  }

  /** Main's {@code --config-dir} when given, else the user's configuration directory. */
  private Path configDir() {
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      OptionSpec option = s.findOption("--config-dir");
      if (option != null && option.getValue() != null) {
        return option.getValue();
      }
    }
    return ConfigDirs.configDir();
  }

  /** The serve mode's log appenders: a file always, standard output after the ready line. */
  static final class Logs {
    private static final String PATTERN =
        "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n";

    private final Logger root;
    private final FileAppender<ILoggingEvent> file;
    private ConsoleAppender<ILoggingEvent> stdout;
    private Appender<ILoggingEvent> stderr;

    private Logs(Logger root, FileAppender<ILoggingEvent> file) {
      this.root = root;
      this.file = file;
    }

    /** Adds the file appender (when Logback is the logger; else does nothing). */
    static Logs attach(Path logFile) {
      if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
        return new Logs(null, null);
      }
      try {
        // the logs name hosts, users and paths: owner-only, as the rest of the configuration
        ConfigDirs.ensurePrivate(logFile.getParent());
        dev.console3270.audit.PrivateFiles.open(
                logFile,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)
            .close();
        dev.console3270.audit.PrivateFiles.restrict(logFile);
      } catch (IOException e) {
        LOG.warn("cannot create {}: {}", logFile.getParent(), e.getMessage());
        return new Logs(null, null);
      }
      FileAppender<ILoggingEvent> f = new FileAppender<>();
      f.setContext(ctx);
      f.setName("SERVE-FILE");
      f.setFile(logFile.toString());
      f.setAppend(true);
      f.setEncoder(encoder(ctx));
      f.start();
      Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      root.addAppender(f);
      return new Logs(root, f);
    }

    private static PatternLayoutEncoder encoder(LoggerContext ctx) {
      PatternLayoutEncoder e = new PatternLayoutEncoder();
      e.setContext(ctx);
      e.setPattern(PATTERN);
      e.start();
      return e;
    }

    /** Sends the logs to standard output instead of standard error. */
    void toStdout() {
      if (root == null) {
        return;
      }
      ConsoleAppender<ILoggingEvent> c = new ConsoleAppender<>();
      c.setContext(root.getLoggerContext());
      c.setName("SERVE-STDOUT");
      c.setTarget("System.out");
      c.setEncoder(encoder(root.getLoggerContext()));
      c.start();
      root.addAppender(c);
      stdout = c;
      stderr = root.getAppender("STDERR");
      if (stderr != null) {
        root.detachAppender(stderr);
      }
    }

    /** Puts the logging back as it was. */
    void detach() {
      if (root == null) {
        return;
      }
      if (stderr != null) {
        root.addAppender(stderr);
      }
      if (stdout != null) {
        root.detachAppender(stdout);
        stdout.stop();
      }
      root.detachAppender(file);
      file.stop();
    }
  }
}
