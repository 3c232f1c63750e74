package dev.console3270.session.pool;

import dev.console3270.endpoint.StickyKeys;
import dev.console3270.session.ActionCall;
import dev.console3270.session.ActionInterpreter;
import dev.console3270.session.ActionResult;
import dev.console3270.session.Session;
import dev.console3270.session.SessionEngine;
import dev.console3270.session.SessionProfile;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live sessions of an application: opens them on a shared {@link SessionEngine}, enforces the
 * limits of its {@link PoolConfig} (overall and per endpoint), idles sessions nobody uses, and
 * tells {@link PoolHook}s about every session's life on one event thread. Endpoints are plain names
 * here; addresses come as {@link SessionProfile}s. Thread-safe.
 *
 * <p>Counting: a session counts against the overall limit from {@link #create} until {@link
 * #close}; it counts for its endpoint ({@link #activeSessions}, the per-endpoint limit) unless it
 * is {@link PoolState#FAILED} or {@link PoolState#CLOSED}.
 */
public final class SessionPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final Pattern SECRET = Pattern.compile("\\$\\{secret:([^}]*)\\}");
  private static final Duration LOGON_AID_TIMEOUT = Duration.ofSeconds(30);

  private final SessionEngine engine;
  private final PoolConfig config;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, PooledSession> sessions = new LinkedHashMap<>();
  private final CopyOnWriteArrayList<PoolHook> hooks = new CopyOnWriteArrayList<>();
  private final ExecutorService events;
  private final ScheduledExecutorService idleChecker;
  private final ExecutorService migrations;
  private volatile SecretStore secrets;
  private volatile boolean closed;

  /** A pool on {@code engine} (not closed with the pool) with the system clock. */
  public SessionPool(SessionEngine engine, PoolConfig config) {
    this(engine, config, Clock.systemUTC());
  }

  /**
   * A pool on {@code engine} (not closed with the pool); {@code clock} measures idle time (tests
   * pass a fixed one and call {@link #checkIdle()}).
   */
  public SessionPool(SessionEngine engine, PoolConfig config, Clock clock) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    String prefix = engine.name() + "-pool";
    this.events = Executors.newSingleThreadExecutor(daemon(prefix + "-events"));
    this.idleChecker = Executors.newSingleThreadScheduledExecutor(daemon(prefix + "-idle"));
    this.migrations = Executors.newCachedThreadPool(daemon(prefix + "-migrate"));
    if (!config.idleTimeout().isZero()) {
      long every = config.checkInterval().toMillis();
      idleChecker.scheduleWithFixedDelay(
          this::checkIdleQuietly, every, every, TimeUnit.MILLISECONDS);
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }

  /** The configuration. */
  public PoolConfig config() {
    return config;
  }

  /** Where {@code ${secret:NAME}} in logon macros is looked up (null: none). */
  public void useSecrets(SecretStore store) {
    this.secrets = store;
  }

  /** Adds a hook; it sees events queued from now on. */
  public void addHook(PoolHook hook) {
    hooks.add(Objects.requireNonNull(hook, "hook"));
  }

  /** Removes a hook. */
  public void removeHook(PoolHook hook) {
    hooks.remove(hook);
  }

  /** Decides whether the pool may open a connection to a host. */
  @FunctionalInterface
  public interface Admission {
    /** Why a connection as {@code profile} says is refused, or null when it is allowed. */
    String refusal(SessionProfile profile);
  }

  private volatile Admission admission = p -> null;

  /**
   * Sets the check every new connection (create, migrate, failover) must pass; the console sets the
   * compliance packs' (TLS for hosts not on this machine).
   */
  public void setAdmission(Admission value) {
    this.admission = Objects.requireNonNull(value, "admission");
  }

  // ------------------------------------------------------------------------------- sessions

  /**
   * Adds a session for {@code endpointName} and starts connecting it to {@code profile}'s host.
   * Returns at once in state {@link PoolState#CONNECTING}; {@link PooledSession#ready()} completes
   * when it is {@link PoolState#CONNECTED} (or it moves to {@link PoolState#FAILED}, firing {@link
   * PoolEvent#ERROR}).
   *
   * @throws PoolLimitException when the pool or the endpoint is full
   * @throws PoolRefusedException when the {@link #setAdmission admission check} refuses the host
   * @throws IllegalStateException when the pool is closed
   */
  public PooledSession create(String name, String endpointName, SessionProfile profile) {
    return create(name, endpointName, profile, null);
  }

  /**
   * As {@link #create(String, String, SessionProfile)}, for a session placed by a sticky key (see
   * {@link PooledSession#stickyKey()}).
   *
   * @param stickyKey the key, or null for none
   * @throws IllegalArgumentException when the key is not valid ({@link StickyKeys#check})
   */
  public PooledSession create(
      String name, String endpointName, SessionProfile profile, String stickyKey) {
    if (stickyKey != null) {
      StickyKeys.check(stickyKey);
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpointName, "endpointName");
    Objects.requireNonNull(profile, "profile");
    String refusal = admission.refusal(profile);
    if (refusal != null) {
      throw new PoolRefusedException(refusal);
    }
    PooledSession ps;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the session pool is closed");
      }
      checkLimits(endpointName);
      String id = newId();
      Session s = engine.newSession(profile.withName(name));
      ps = new PooledSession(id, name, endpointName, s, this, now(), stickyKey);
      sessions.put(id, ps);
      ps.event(PoolEvent.CREATED, "endpoint " + endpointName);
      ps.move(PoolState.NEW, PoolState.CONNECTING, null, "");
    }
    Session s = ps.session();
    s.connect()
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                ps.tryMove(
                    PoolState.CONNECTING,
                    PoolState.CONNECTED,
                    PoolEvent.CONNECTED,
                    profile.host() + ":" + profile.port());
                ps.touch();
              } else {
                ps.tryMove(PoolState.CONNECTING, PoolState.FAILED, PoolEvent.ERROR, reason(error));
              }
            });
    return ps;
  }

  private void checkLimits(String endpointName) {
    if (sessions.size() >= config.maxSessions()) {
      throw new PoolLimitException(
          "the session pool is full: " + config.maxSessions() + " sessions at most");
    }
    int max = config.maxPerEndpoint().applyAsInt(endpointName);
    int active = activeSessions(endpointName);
    if (active >= max) {
      throw new PoolLimitException(
          "endpoint "
              + endpointName
              + " is full: "
              + max
              + " sessions at most ("
              + active
              + " open)");
    }
  }

  private String newId() {
    while (true) {
      char[] c = new char[8];
      for (int i = 0; i < c.length; i++) {
        c[i] = CROCKFORD[random.nextInt(32)];
      }
      String id = new String(c);
      if (!sessions.containsKey(id)) {
        return id;
      }
    }
  }

  /** The session with this id, if it is in the pool. */
  public synchronized Optional<PooledSession> get(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  /** The sessions, in the order they were created. */
  public synchronized List<PooledSession> list() {
    return List.copyOf(sessions.values());
  }

  /**
   * Closes a session: disconnects it, moves it to {@link PoolState#CLOSED} (firing {@link
   * PoolEvent#CLOSED}) and removes it.
   *
   * @return false when no session has this id
   */
  public boolean close(String id) {
    PooledSession ps;
    synchronized (this) {
      ps = sessions.remove(id);
    }
    if (ps == null) {
      return false;
    }
    synchronized (ps) {
      PoolState from = ps.state();
      if (from != PoolState.CLOSED) {
        ps.move(from, PoolState.CLOSED, PoolEvent.CLOSED, "closed");
      }
    }
    ps.closeSession();
    return true;
  }

  /** Closes every session. */
  public void closeAll() {
    for (PooledSession ps : list()) {
      close(ps.id());
    }
  }

  /** The number of sessions in each state (every state present, zero when none). */
  public synchronized Map<PoolState, Integer> stats() {
    Map<PoolState, Integer> m = new EnumMap<>(PoolState.class);
    for (PoolState s : PoolState.values()) {
      m.put(s, 0);
    }
    for (PooledSession ps : sessions.values()) {
      m.merge(ps.state(), 1, Integer::sum);
    }
    return Collections.unmodifiableMap(m);
  }

  /** The sessions on {@code endpointName} that are not FAILED or CLOSED (the balancer's load). */
  public synchronized int activeSessions(String endpointName) {
    int n = 0;
    for (PooledSession ps : sessions.values()) {
      PoolState s = ps.state();
      if (ps.endpointName().equals(endpointName)
          && s != PoolState.FAILED
          && s != PoolState.CLOSED) {
        n++;
      }
    }
    return n;
  }

  // ------------------------------------------------------------------------------- idle

  /**
   * Finds CONNECTED sessions without activity for longer than the idle timeout, moves them to
   * {@link PoolState#IDLE} (firing {@link PoolEvent#IDLE}) and applies the idle policy. Runs every
   * {@link PoolConfig#checkInterval()}; public so tests with a fixed clock can run it.
   *
   * @return how many sessions went idle
   */
  public int checkIdle() {
    Duration timeout = config.idleTimeout();
    if (timeout.isZero()) {
      return 0;
    }
    Instant now = now();
    int n = 0;
    for (PooledSession ps : list()) {
      if (ps.state() != PoolState.CONNECTED
          || Duration.between(ps.lastActivity(), now).compareTo(timeout) <= 0) {
        continue;
      }
      String detail =
          "no activity for "
              + Duration.between(ps.lastActivity(), now).toSeconds()
              + " s; policy "
              + config.idlePolicy();
      if (ps.tryMove(PoolState.CONNECTED, PoolState.IDLE, PoolEvent.IDLE, detail)) {
        n++;
        if (config.idlePolicy() == IdlePolicy.DISCONNECT) {
          ps.session().disconnect();
        }
      }
    }
    return n;
  }

  private void checkIdleQuietly() {
    try {
      checkIdle();
    } catch (RuntimeException e) {
      LOG.warn("session pool: idle check failed", e);
    }
  }

  /**
   * The operator takes an IDLE session back (a SUSPENDED one is resumed): with the LOCK policy the
   * session is CONNECTED again at once; with DISCONNECT it reconnects (RECONNECTING, then
   * CONNECTED, or FAILED). Fires {@link PoolEvent#RESUMED}.
   *
   * @throws IllegalArgumentException when no session has this id
   * @throws IllegalStateException when the session is neither IDLE nor SUSPENDED
   */
  public CompletableFuture<PooledSession> unlock(String id) {
    PooledSession ps =
        get(id).orElseThrow(() -> new IllegalArgumentException("no session with id " + id));
    synchronized (ps) {
      if (ps.state() == PoolState.SUSPENDED) {
        ps.resume();
        return CompletableFuture.completedFuture(ps);
      }
      if (ps.state() != PoolState.IDLE) {
        throw new IllegalStateException("session " + id + " is " + ps.state() + ", not IDLE");
      }
      if (ps.session().state().isConnected()) {
        ps.move(PoolState.IDLE, PoolState.CONNECTED, PoolEvent.RESUMED, "unlocked by the operator");
        ps.touch();
        return CompletableFuture.completedFuture(ps);
      }
      ps.move(PoolState.IDLE, PoolState.RECONNECTING, null, "reconnecting after idle");
    }
    return ps.session()
        .reconnect()
        .handle(
            (ok, error) -> {
              if (error == null) {
                ps.tryMove(
                    PoolState.RECONNECTING,
                    PoolState.CONNECTED,
                    PoolEvent.RESUMED,
                    "reconnected by the operator");
                ps.touch();
                return ps;
              }
              ps.tryMove(PoolState.RECONNECTING, PoolState.FAILED, PoolEvent.ERROR, reason(error));
              throw new CompletionException(unwrap(error));
            });
  }

  // ------------------------------------------------------------------------------- migration

  /**
   * Moves a session to a new connection: opens {@code target}, runs {@code logon} on it (secrets
   * from {@link #useSecrets}), and when every step succeeds puts the new connection under the same
   * id (listeners kept), closes the old one and fires {@link PoolEvent#MIGRATED}. The session is
   * {@link PoolState#RECONNECTING} meanwhile (input refused). When a step fails, the new connection
   * is closed and the session stays on the old one (back to its state), or, when the old one is
   * dead, moves to {@link PoolState#FAILED} firing {@link PoolEvent#ERROR}; the future completes
   * exceptionally with a {@link MigrationException} saying why.
   *
   * <p>Allowed from CONNECTED, IDLE and FAILED.
   */
  public CompletableFuture<PooledSession> migrate(
      String id, String targetEndpoint, SessionProfile target, LogonMacro logon) {
    return migrate(id, targetEndpoint, target, logon, PoolEvent.MIGRATED);
  }

  /**
   * As {@link #migrate(String, String, SessionProfile, LogonMacro)}, firing {@code onSuccess}
   * ({@link PoolEvent#MIGRATED} or {@link PoolEvent#FAILED_OVER}) when the session is on its new
   * connection.
   */
  public CompletableFuture<PooledSession> migrate(
      String id,
      String targetEndpoint,
      SessionProfile target,
      LogonMacro logon,
      PoolEvent onSuccess) {
    PooledSession ps = get(id).orElse(null);
    if (ps == null) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("no session with id " + id));
    }
    String what = "migrating session " + id + " to " + targetEndpoint;
    String refusal = admission.refusal(target);
    if (refusal != null) {
      return CompletableFuture.failedFuture(
          new MigrationException(what + " refused: " + refusal, new PoolRefusedException(refusal)));
    }
    List<ActionCall> calls;
    try {
      calls = logon.parse();
      checkSecrets(calls);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(
          new MigrationException(
              what + " failed: logon macro " + logon.name() + ": " + e.getMessage(), e));
    }
    PoolState before;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("the session pool is closed"));
      }
      if (!targetEndpoint.equals(ps.endpointName())) {
        int max = config.maxPerEndpoint().applyAsInt(targetEndpoint);
        if (activeSessions(targetEndpoint) >= max) {
          return CompletableFuture.failedFuture(
              new PoolLimitException(
                  "endpoint " + targetEndpoint + " is full: " + max + " sessions at most"));
        }
      }
      synchronized (ps) {
        before = ps.state();
        if (before != PoolState.CONNECTED
            && before != PoolState.IDLE
            && before != PoolState.FAILED) {
          return CompletableFuture.failedFuture(
              new IllegalStateException(
                  "session " + id + " is " + before + "; it cannot migrate now"));
        }
        ps.move(before, PoolState.RECONNECTING, null, what);
      }
    }
    try {
      return CompletableFuture.supplyAsync(
          () -> runMigration(ps, before, targetEndpoint, target, logon, calls, what, onSuccess),
          migrations);
    } catch (RejectedExecutionException e) {
      ps.tryMove(PoolState.RECONNECTING, before, null, "pool closed");
      return CompletableFuture.failedFuture(
          new IllegalStateException("the session pool is closed"));
    }
  }

  private PooledSession runMigration(
      PooledSession ps,
      PoolState before,
      String targetEndpoint,
      SessionProfile target,
      LogonMacro logon,
      List<ActionCall> calls,
      String what,
      PoolEvent onSuccess) {
    Session fresh = engine.newSession(target.withName(ps.name()));
    List<String> used = new ArrayList<>();
    try {
      Duration timeout = target.connectTimeout().plusSeconds(5);
      await(fresh.connect(), timeout, "connecting to " + target.host() + ":" + target.port());
      ActionInterpreter interpreter = new ActionInterpreter(fresh);
      ActionResult result;
      try {
        interpreter.setAidTimeout(LOGON_AID_TIMEOUT);
        result = interpreter.execute(withSecrets(calls, used));
      } finally {
        interpreter.close();
      }
      if (!result.success()) {
        String why =
            "logon macro "
                + logon.name()
                + " failed: "
                + scrub(String.join("; ", result.data()), used);
        // a sign-on attempt whose outcome is known: the audit records it (PoolAuditor)
        ps.event(PoolEvent.ERROR, why + " on " + targetEndpoint);
        throw new MigrationException(why, null);
      }
      Session old;
      synchronized (ps) {
        if (ps.state() != PoolState.RECONNECTING) {
          throw new MigrationException("the session was " + ps.state() + " meanwhile", null);
        }
        String from = ps.endpointName();
        old = ps.swap(fresh, targetEndpoint);
        ps.move(
            PoolState.RECONNECTING,
            PoolState.CONNECTED,
            onSuccess,
            "from " + from + " to " + targetEndpoint);
        ps.touch();
      }
      ps.catchUp();
      old.close();
      return ps;
    } catch (MigrationException | RuntimeException e) {
      fresh.close();
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      String message = what + " failed: " + scrub(why, used);
      synchronized (ps) {
        if (ps.state() == PoolState.RECONNECTING) {
          boolean oldAlive = ps.session().state().isConnected();
          if (oldAlive) {
            ps.move(
                PoolState.RECONNECTING,
                before == PoolState.FAILED ? PoolState.CONNECTED : before,
                null,
                "migration failed; stays on " + ps.endpointName());
          } else {
            ps.move(
                PoolState.RECONNECTING,
                PoolState.FAILED,
                PoolEvent.ERROR,
                message + "; the old connection is gone too");
          }
        }
      }
      LOG.info("session pool: {}", message);
      throw new CompletionException(new MigrationException(message, null));
    }
  }

  private static void await(CompletableFuture<Void> f, Duration timeout, String what)
      throws MigrationException {
    try {
      f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MigrationException(what + ": interrupted", e);
    } catch (TimeoutException e) {
      throw new MigrationException(what + ": timed out", e);
    } catch (ExecutionException e) {
      throw new MigrationException(what + ": " + reason(e), e);
    }
  }

  private void checkSecrets(List<ActionCall> calls) {
    for (ActionCall c : calls) {
      if (!c.key().equals("string")) {
        continue;
      }
      for (String a : c.args()) {
        Matcher m = SECRET.matcher(a);
        while (m.find()) {
          String name = m.group(1);
          SecretStore store = secrets;
          if (store == null || !store.contains(name)) {
            throw new IllegalArgumentException("secret " + name + " is not in the store");
          }
        }
      }
    }
  }

  /** The calls with secrets filled in (in memory only); {@code used} gets their values. */
  private List<ActionCall> withSecrets(List<ActionCall> calls, List<String> used) {
    List<ActionCall> out = new ArrayList<>(calls.size());
    for (ActionCall c : calls) {
      if (!c.key().equals("string")) {
        out.add(c);
        continue;
      }
      List<String> args = new ArrayList<>(c.args().size());
      for (String a : c.args()) {
        Matcher m = SECRET.matcher(a);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
          String name = m.group(1);
          SecretStore store = secrets;
          char[] value = store == null ? null : store.get(name);
          if (value == null) {
            throw new IllegalArgumentException("secret " + name + " is not in the store");
          }
          String v = new String(value);
          Arrays.fill(value, '\0');
          used.add(v);
          m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        args.add(sb.toString());
      }
      out.add(new ActionCall(c.name(), args));
    }
    return out;
  }

  private static String scrub(String text, List<String> secrets) {
    String t = text;
    for (String s : secrets) {
      if (!s.isEmpty()) {
        t = t.replace(s, "****");
      }
    }
    return t;
  }

  // ------------------------------------------------------------------------------- internals

  Instant now() {
    return clock.instant();
  }

  /** The current connection of a session dropped with {@code reason} (on its session thread). */
  void lost(PooledSession ps, String reason) {
    synchronized (ps) {
      PoolState s = ps.state();
      if (s == PoolState.CONNECTED || s == PoolState.IDLE || s == PoolState.SUSPENDED) {
        ps.move(s, PoolState.FAILED, PoolEvent.ERROR, reason);
      }
    }
  }

  /** Queues an event for the hooks (called with the session's lock held, so in order). */
  void fire(PoolEvent event, PooledSession ps, Transition t) {
    if (hooks.isEmpty()) {
      return;
    }
    try {
      events.execute(
          () -> {
            for (PoolHook h : hooks) {
              try {
                h.on(event, ps, t);
              } catch (RuntimeException e) {
                LOG.warn("session pool: hook {} failed on {} for {}", h, event, ps.id(), e);
              }
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.debug("session pool closed: {} for {} not delivered", event, ps.id());
    }
  }

  private static String reason(Throwable error) {
    Throwable c = unwrap(error);
    return c.getMessage() == null ? c.toString() : c.getMessage();
  }

  private static Throwable unwrap(Throwable error) {
    Throwable c = error;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /**
   * Closes every session and stops the pool's threads (hooks queued before still run). The engine
   * stays open.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    idleChecker.shutdownNow();
    closeAll();
    migrations.shutdownNow();
    events.shutdown();
    try {
      if (!events.awaitTermination(5, TimeUnit.SECONDS)) {
        events.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
