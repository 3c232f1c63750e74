package dev.console3270.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.console3270.api.events.EventStreamHandler;
import dev.console3270.api.x3270.X3270RestHandler;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded REST API server. Every request goes through, in order: the Host allowlist, the
 * Origin allowlist, bearer authentication, the rate limit, routing, the body limit, the handler;
 * failures are RFC 9457 problems. Lifecycle: construct, {@link #start()}, {@link #port()}, {@link
 * #stop()}.
 *
 * <p>Event streams ({@code GET /api/v1/events}) run, after the checks, on threads of their own (at
 * most {@value #MAX_STREAMS} at once), so open streams never hold the workers. Requests under
 * {@code /3270/rest/} pass the same checks and then go to the {@link X3270RestHandler}, which
 * answers x3270-style (not problems) for its own errors.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String POLICY = "\"default\"";

  /** Most event streams open at once; each has a thread of its own, apart from the workers. */
  static final int MAX_STREAMS = 64;

  /** The exchange attribute holding the request's {@link Caller} once authenticated. */
  static final String CALLER_ATTRIBUTE = "console3270.caller";

  private final ApiConfig config;
  private final ApiServices services;
  private final ObjectMapper json = Json.mapper();
  private final Router router = new Router();
  private final ApiMetrics metrics = new ApiMetrics();
  private final RateLimiter limiter;
  private final Instant started = Instant.now();
  private final MoreResources more;
  private final X3270RestHandler x3270;
  private final Semaphore streamSlots = new Semaphore(MAX_STREAMS);
  private ExecutorService streams;
  private ApiToken token;
  private HttpServer server;
  private ThreadPoolExecutor executor;
  private volatile Set<String> allowedHosts = Set.of();
  private volatile Set<String> allowedOrigins = Set.of();

  /** A server for {@code services} with {@code config}; nothing listens until {@link #start()}. */
  public ApiServer(ApiConfig config, ApiServices services) {
    this.config = Objects.requireNonNull(config, "config");
    this.services = Objects.requireNonNull(services, "services");
    this.limiter =
        new RateLimiter(config.rateLimit(), config.rateWindow().toNanos(), System::nanoTime);
    new Resources(services, started, this).register(router);
    this.more = new MoreResources(services);
    more.register(router);
    new TokenResources(services, this).register(router);
    this.x3270 = new X3270RestHandler(services.x3270Sessions());
  }

  /** The route table (also the source of the OpenAPI description). */
  public Router router() {
    return router;
  }

  /** The JDK HttpServer's switch for TCP_NODELAY on accepted connections. */
  static final String NODELAY = "sun.net.httpserver.nodelay";

  /**
   * Loads or creates the token, binds and starts serving.
   *
   * @throws IOException when the token file or the port cannot be used, or the key store cannot be
   *     read
   * @throws IllegalStateException when already started
   */
  public synchronized void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("the API server is already started");
    }
    token = ApiToken.load(config.tokenFile());
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle and the
    // client's delayed ACK add about 40 ms to every small answer. The JDK reads this property
    // once, when its first server is created in the JVM; a value set by the user is kept.
    System.getProperties().putIfAbsent(NODELAY, "true");
    InetSocketAddress bind = new InetSocketAddress(config.bindAddress(), config.port());
    HttpServer s;
    if (config.keyStore() != null) {
      HttpsServer https = HttpsServer.create(bind, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(tls()));
      s = https;
    } else {
      s = HttpServer.create(bind, 64);
    }
    AtomicInteger n = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            config.threads(),
            config.threads(),
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256),
            r -> {
              Thread t = new Thread(r, "api-http-" + n.getAndIncrement());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    s.setExecutor(executor);
    AtomicInteger sn = new AtomicInteger();
    streams =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "api-events-" + sn.getAndIncrement());
              t.setDaemon(true);
              return t;
            });
    s.createContext("/", this::exchange);
    s.start();
    server = s;
    int port = s.getAddress().getPort();
    if (config.allowedHosts().isEmpty()) {
      allowedHosts = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
    } else {
      allowedHosts = lower(config.allowedHosts());
    }
    allowedOrigins = lower(config.allowedOrigins());
    LOG.info("REST API listening on {}:{}", config.bindAddress().getHostAddress(), port);
  }

  private static Set<String> lower(List<String> values) {
    Set<String> s = new LinkedHashSet<>();
    for (String v : values) {
      s.add(v.toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(s);
  }

  private SSLContext tls() throws IOException {
    try (InputStream in = Files.newInputStream(config.keyStore())) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, config.keyStorePassword());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, config.keyStorePassword());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use key store " + config.keyStore() + ": " + e.getMessage(), e);
    }
  }

  /** The port it listens on (after {@link #start()}). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the API server is not started");
    }
    return server.getAddress().getPort();
  }

  /** The base URI, such as {@code http://127.0.0.1:8080}. */
  public URI baseUri() {
    String scheme = config.keyStore() == null ? "http" : "https";
    String host = config.bindAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create(scheme + "://" + host + ":" + port());
  }

  /** The current bearer token (after {@link #start()}). */
  public String token() {
    return token.value();
  }

  /** The file the bearer token is kept in (absolute; after {@link #start()}). */
  public java.nio.file.Path tokenFile() {
    if (token == null) {
      throw new IllegalStateException("the API server is not started");
    }
    return token.file();
  }

  /**
   * Replaces the bearer token (the old one stops working at once) and returns the new one.
   *
   * @throws IOException when the token file cannot be written (the old token stays)
   */
  public String rotateToken() throws IOException {
    if (token == null) {
      throw new IllegalStateException("the API server is not started");
    }
    return token.rotate();
  }

  /** Stops listening (requests in progress get up to a second) and stops the worker threads. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(1);
      executor.shutdown();
      try {
        if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
      streams.shutdownNow();
      server = null;
    }
    more.close();
  }

  @Override
  public void close() {
    stop();
  }

  ApiMetrics metrics() {
    return metrics;
  }

  // ------------------------------------------------------------------------- the pipeline

  private void exchange(HttpExchange ex) {
    long t0 = System.nanoTime();
    String path = ex.getRequestURI().getRawPath();
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    ApiResponse response;
    Caller caller = null;
    Map<String, String> rateHeaders = Map.of();
    try {
      checkHost(ex);
      checkOrigin(ex);
      caller = authenticate(ex, method, path);
      ex.setAttribute(CALLER_ATTRIBUTE, caller);
      RateLimiter.Decision d = limiter.acquire(caller.name());
      rateHeaders = rateHeaders(d);
      if (!d.allowed()) {
        Map<String, String> h = new LinkedHashMap<>(rateHeaders);
        h.put("Retry-After", Long.toString(d.resetSeconds()));
        throw new ApiException(
            Problem.Kind.RATE_LIMITED,
            "more than " + limiter.limit() + " requests in " + limiter.windowSeconds() + " s",
            h);
      }
      if (path.equals(X3270RestHandler.PREFIX) || path.startsWith(X3270RestHandler.PREFIX + "/")) {
        require(caller, Permission.OPERATE);
        x3270(ex, method, path, t0, caller);
        return;
      }
      response = dispatch(ex, method, path, caller);
    } catch (ApiException e) {
      response = problem(e, path);
    } catch (IOException e) {
      response =
          problem(
              ApiException.badRequest("the request could not be read: " + e.getMessage()), path);
    } catch (RuntimeException | Error e) {
      LOG.error("REST API: {} {} failed", method, path, e);
      response = problem(new ApiException(Problem.Kind.INTERNAL, "unexpected error"), path);
    }
    for (Map.Entry<String, String> h : rateHeaders.entrySet()) {
      if (!response.headers().containsKey(h.getKey())) {
        response = response.withHeader(h.getKey(), h.getValue());
      }
    }
    boolean stream = response.body() instanceof Streaming;
    if (stream && !streamSlots.tryAcquire()) {
      stream = false;
      response =
          problem(
              new ApiException(
                  Problem.Kind.UNAVAILABLE, "more than " + MAX_STREAMS + " event streams are open"),
              path);
    }
    metrics.record(response.status(), System.nanoTime() - t0);
    if (caller != null) {
      auditAccess(method, path, response.status(), caller);
    }
    // recorded before the answer goes out, so a client that saw the answer finds the audit event
    if (stream) {
      stream(ex, ((Streaming) response.body()).handler(), response.headers());
    } else {
      send(ex, response);
    }
  }

  /** Runs a streaming handler on a thread of its own, so streams never hold a worker. */
  private void stream(HttpExchange ex, HttpHandler handler, Map<String, String> headers) {
    for (Map.Entry<String, String> h : headers.entrySet()) {
      ex.getResponseHeaders().set(h.getKey(), h.getValue());
    }
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    Runnable run =
        () -> {
          try {
            handler.handle(ex);
          } catch (IOException | RuntimeException e) {
            LOG.debug("REST API: event stream ended with an error", e);
          } finally {
            streamSlots.release();
            ex.close();
          }
        };
    try {
      streams.execute(run);
    } catch (RejectedExecutionException e) {
      streamSlots.release();
      ex.close();
    }
  }

  /** The x3270 REST interface: its own answers (not problems), audited with their status. */
  private void x3270(HttpExchange ex, String method, String path, long t0, Caller caller) {
    int status;
    try {
      x3270.handle(ex);
      status = ex.getResponseCode();
    } catch (IOException | RuntimeException e) {
      LOG.debug("REST API: x3270 request {} {} failed", method, path, e);
      status = 500;
      ex.close();
    }
    metrics.record(status, System.nanoTime() - t0);
    auditAccess(method, path, status, caller);
  }

  /** The audit record of one answered request: method, path, status and the caller's name. */
  private void auditAccess(String method, String path, int status, Caller caller) {
    services
        .audit()
        .record(
            AuditType.API_ACCESS,
            status > 0 && status < 400 ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
            path,
            Map.of(
                "method",
                method,
                "path",
                path,
                "status",
                Integer.toString(status),
                "caller",
                caller.name()));
  }

  /** Refuses a caller without {@code p} (403, audited like every answer). */
  private static void require(Caller caller, Permission p) {
    if (!caller.may(p)) {
      throw new ApiException(
          Problem.Kind.FORBIDDEN,
          "the token \""
              + caller.name()
              + "\" ("
              + caller.role().name().toLowerCase(Locale.ROOT)
              + ") may not do this: it needs the "
              + p.name().toLowerCase(Locale.ROOT)
              + " permission");
    }
  }

  private Map<String, String> rateHeaders(RateLimiter.Decision d) {
    return Map.of(
        "RateLimit-Policy",
        POLICY + ";q=" + limiter.limit() + ";w=" + limiter.windowSeconds(),
        "RateLimit",
        POLICY + ";r=" + d.remaining() + ";t=" + d.resetSeconds());
  }

  private void checkHost(HttpExchange ex) {
    String host = ex.getRequestHeaders().getFirst("Host");
    if (host == null || !allowedHosts.contains(host.trim().toLowerCase(Locale.ROOT))) {
      throw new ApiException(Problem.Kind.FORBIDDEN, "the Host header is not allowed");
    }
  }

  private void checkOrigin(HttpExchange ex) {
    String origin = ex.getRequestHeaders().getFirst("Origin");
    if (origin != null && !allowedOrigins.contains(origin.trim().toLowerCase(Locale.ROOT))) {
      throw new ApiException(Problem.Kind.FORBIDDEN, "the Origin is not allowed");
    }
  }

  private Caller authenticate(HttpExchange ex, String method, String path) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String reason;
    if (auth == null) {
      reason = "no Authorization header";
    } else if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      reason = "not a bearer token";
    } else {
      String presented = auth.substring(7).trim();
      Optional<Caller> caller = callerOf(presented);
      if (caller.isPresent()) {
        Caller c = caller.get();
        // a long request (an event stream) ends when its token is rotated or revoked
        ex.setAttribute(
            EventStreamHandler.STILL_VALID,
            (java.util.function.BooleanSupplier) () -> callerOf(presented).equals(caller));
        return c;
      }
      reason = "wrong token";
    }
    String remote =
        ex.getRemoteAddress() == null ? "" : ex.getRemoteAddress().getAddress().getHostAddress();
    services
        .audit()
        .record(
            AuditType.API_AUTH_FAILURE,
            AuditOutcome.FAILURE,
            path,
            Map.of("method", method, "path", path, "reason", reason, "remote", remote));
    throw new ApiException(
        Problem.Kind.UNAUTHORIZED,
        "a valid bearer token is required",
        Map.of("WWW-Authenticate", "Bearer realm=\"console3270\""));
  }

  /** Who a presented token stands for, if anyone: the token file's holder or a named token. */
  private Optional<Caller> callerOf(String presented) {
    if (token.matches(presented)) {
      return Optional.of(Caller.ADMIN);
    }
    return services.tokens().lookup(presented);
  }

  private ApiResponse dispatch(HttpExchange ex, String method, String path, Caller caller)
      throws IOException {
    Router.Match m = router.match(method, path);
    if (m instanceof Router.Missing) {
      throw ApiException.notFound("no resource at " + path);
    }
    if (m instanceof Router.WrongMethod w) {
      throw new ApiException(
          Problem.Kind.METHOD_NOT_ALLOWED,
          method + " is not allowed here",
          Map.of("Allow", String.join(", ", w.allowed())));
    }
    Router.Found f = (Router.Found) m;
    require(caller, f.permission());
    byte[] body = readBody(ex);
    ApiRequest req =
        new ApiRequest(
            method,
            path,
            f.params(),
            query(ex.getRequestURI().getRawQuery()),
            ex.getRequestHeaders(),
            body,
            json);
    try {
      return f.route().handler().handle(req);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(Problem.Kind.UNAVAILABLE, "the server is stopping");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] readBody(HttpExchange ex) throws IOException {
    int max = config.maxBodyBytes();
    String cl = ex.getRequestHeaders().getFirst("Content-Length");
    long length = -1;
    if (cl != null) {
      try {
        length = Long.parseLong(cl.trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("invalid Content-Length");
      }
      if (length < 0) {
        throw ApiException.badRequest("invalid Content-Length");
      }
      if (length > max) {
        throw tooLarge(max);
      }
    }
    if (length == 0
        || (length < 0 && ex.getRequestHeaders().getFirst("Transfer-Encoding") == null)) {
      // HTTP/1.1: no Content-Length and no Transfer-Encoding means no body (most GETs)
      return new byte[0];
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] b = in.readNBytes(length < 0 ? max + 1 : (int) length + 1);
      if (b.length > max) {
        throw tooLarge(max);
      }
      return b;
    }
  }

  private static ApiException tooLarge(int max) {
    return new ApiException(
        Problem.Kind.PAYLOAD_TOO_LARGE, "the request body is larger than " + max + " bytes");
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        q.computeIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), x -> new ArrayList<>())
            .add(URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("invalid percent-encoding in the query");
      }
    }
    return q;
  }

  private ApiResponse problem(ApiException e, String path) {
    Problem p = e.kind().of(e.getMessage(), path);
    return new ApiResponse(p.status(), PROBLEM_JSON, p, e.headers());
  }

  private void send(HttpExchange ex, ApiResponse r) {
    try (ex) {
      byte[] body = null;
      if (r.body() instanceof String s) {
        body = ApiResponse.utf8(s);
      } else if (r.body() instanceof byte[] b) {
        body = b;
      } else if (r.body() != null) {
        body = Json.bytes(json, r.body());
      }
      var h = ex.getResponseHeaders();
      for (Map.Entry<String, String> e : r.headers().entrySet()) {
        h.set(e.getKey(), e.getValue());
      }
      if (!r.headers().containsKey("Cache-Control")) {
        h.set("Cache-Control", "no-store");
      }
      h.set("X-Content-Type-Options", "nosniff");
      if (body != null) {
        String ct = r.contentType();
        if (ct.startsWith("text/") || ct.endsWith("json")) {
          ct = ct + "; charset=utf-8";
        }
        h.set("Content-Type", ct);
      }
      boolean noBody = body == null || ex.getRequestMethod().equalsIgnoreCase("HEAD");
      ex.sendResponseHeaders(r.status(), noBody ? -1 : body.length);
      if (!noBody) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("REST API: could not send the response", e);
    }
  }
}
