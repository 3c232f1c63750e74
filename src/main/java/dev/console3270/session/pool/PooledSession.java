package dev.console3270.session.pool;

import dev.console3270.protocol.Terminal;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.keyboard.KeyResult;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.session.ConnectionState;
import dev.console3270.session.ScriptableSession;
import dev.console3270.session.Session;
import dev.console3270.session.SessionException;
import dev.console3270.session.SessionListener;
import dev.console3270.session.SessionProfile;
import dev.console3270.session.SessionStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session in a {@link SessionPool}: a live {@link Session} under a short opaque id that stays the
 * same when the connection underneath is replaced (migration, failover). Listeners register here,
 * not on the raw session, so they survive such a swap; they are called on the current session's
 * thread, as {@link SessionListener} says.
 *
 * <p><b>Pause and resume.</b> {@link #pause()} moves the session to {@link PoolState#SUSPENDED}:
 *
 * <ul>
 *   <li>operator input is refused: {@link #key}, {@link #submit}, {@link #connect} and {@link
 *       #reconnect} (so every action-language call that types or reads through the terminal) fail
 *       with a {@link SessionException} "session ID is paused"; {@link #snapshot()} and {@link
 *       #status()} still read the latest screen;
 *   <li>host data is still received and applied to the screen, so nothing the host sends is lost;
 *   <li>listeners are not notified.
 * </ul>
 *
 * {@link #resume()} returns to the state the session was paused from and delivers one catch-up
 * notification on the session's thread ({@code stateChanged} with the connection state now, {@code
 * screenChanged} with the latest screen version, {@code oiaChanged}, {@code keyboardLockChanged})
 * so that views bring themselves up to date. Input is likewise refused while the session is {@link
 * PoolState#IDLE} (until {@link SessionPool#unlock}), {@link PoolState#RECONNECTING} (a migration
 * is running) or {@link PoolState#CLOSED}.
 *
 * <p>Activity (for the idle timeout) is operator input through this object and host data that
 * changes the screen. Thread-safe.
 */
public final class PooledSession implements ScriptableSession {
  private static final Logger LOG = LoggerFactory.getLogger(PooledSession.class);

  private final String id;
  private final SessionPool pool;
  private final Instant created;
  private final String stickyKey;
  private final CopyOnWriteArrayList<SessionListener> listeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<PooledSession> ready = new CompletableFuture<>();

  private volatile String name;
  private volatile String endpointName;
  private volatile Session session;
  private volatile Forwarder forwarder;
  private volatile PoolState state = PoolState.NEW;
  private volatile boolean held;
  private volatile Instant lastActivity;
  private volatile long earlierBytesIn;
  private volatile long earlierBytesOut;
  // Guarded by this.
  private PoolState pausedFrom;

  PooledSession(
      String id,
      String name,
      String endpointName,
      Session session,
      SessionPool pool,
      Instant created,
      String stickyKey) {
    this.id = id;
    this.stickyKey = stickyKey;
    this.name = name;
    this.endpointName = endpointName;
    this.pool = pool;
    this.created = created;
    this.lastActivity = created;
    attach(session);
  }

  // ------------------------------------------------------------------------------- identity

  /** The id: 8 characters of Crockford base32, unique among the pool's sessions. */
  public String id() {
    return id;
  }

  /**
   * The key the balancer's sticky strategy placed this session by (a user or LU name), or null;
   * failover picks its new endpoint with the same key, so sessions sharing a key stay together.
   */
  public String stickyKey() {
    return stickyKey;
  }

  /** The display name. */
  public String name() {
    return name;
  }

  /** Renames the session (display only). */
  public void rename(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a session name must not be blank");
    }
    this.name = value;
  }

  /** The name of the endpoint the current connection goes to. */
  public String endpointName() {
    return endpointName;
  }

  /** The pool state now. */
  public PoolState state() {
    return state;
  }

  /** When the session was added to the pool (the pool's clock). */
  public Instant created() {
    return created;
  }

  /** The last operator input or screen-changing host data (the pool's clock). */
  public Instant lastActivity() {
    return lastActivity;
  }

  /** Bytes received from hosts over the session's life, all connections included. */
  public long bytesIn() {
    return earlierBytesIn + session.bytesIn();
  }

  /** Bytes sent to hosts over the session's life, all connections included. */
  public long bytesOut() {
    return earlierBytesOut + session.bytesOut();
  }

  /** The LU name the host granted on the current connection, or null. */
  public String luName() {
    return session.status().luName();
  }

  /** The code page of the current session's terminal. */
  public CodePage codePage() {
    return session.codePage();
  }

  /**
   * The raw session underneath now. It changes on migration or failover: do not keep it, and
   * register listeners on this object instead.
   */
  public Session session() {
    return session;
  }

  /**
   * Completes with this session when its first connection is up, or exceptionally with the reason
   * it failed.
   */
  public CompletableFuture<PooledSession> ready() {
    return ready.copy();
  }

  /** True while paused (listeners held back). */
  public boolean isPaused() {
    return state == PoolState.SUSPENDED;
  }

  // ------------------------------------------------------------------------------- pause

  /**
   * Pauses the session (see the class description).
   *
   * @throws IllegalStateException when the session is not CONNECTED or IDLE
   */
  public synchronized void pause() {
    PoolState from = state;
    if (!from.canMoveTo(PoolState.SUSPENDED)) {
      throw new IllegalStateException(
          "session " + id + " cannot be paused in state " + from + " -> " + PoolState.SUSPENDED);
    }
    pausedFrom = from;
    held = true;
    move(from, PoolState.SUSPENDED, PoolEvent.SUSPENDED, "paused by the operator");
  }

  /**
   * Resumes a paused session: back to the state it was paused from, with one catch-up notification
   * to the listeners.
   *
   * @throws IllegalStateException when the session is not paused
   */
  public synchronized void resume() {
    if (state != PoolState.SUSPENDED) {
      throw new IllegalStateException("session " + id + " is not paused (state " + state + ")");
    }
    PoolState back = pausedFrom == null ? PoolState.CONNECTED : pausedFrom;
    pausedFrom = null;
    move(PoolState.SUSPENDED, back, PoolEvent.RESUMED, "resumed by the operator");
    if (back == PoolState.CONNECTED) {
      touch();
    }
    // move() delivered the catch-up: the session left SUSPENDED with listeners held back
  }

  // -------------------------------------------------------------------------------
  // ScriptableSession

  @Override
  public SessionProfile profile() {
    return session.profile();
  }

  @Override
  public CompletableFuture<Void> connect(String host, int port) {
    SessionException refused = refusal();
    if (refused != null) {
      return CompletableFuture.failedFuture(refused);
    }
    touch();
    return session.connect(host, port);
  }

  /** Disconnects the current connection (allowed in every state). */
  @Override
  public CompletableFuture<Void> disconnect() {
    return session.disconnect();
  }

  @Override
  public CompletableFuture<Void> reconnect() {
    SessionException refused = refusal();
    if (refused != null) {
      return CompletableFuture.failedFuture(refused);
    }
    touch();
    return session.reconnect();
  }

  /** Runs a task on the terminal; refused while paused, idle, migrating or closed. */
  @Override
  public <T> CompletableFuture<T> submit(Function<Terminal, T> task) {
    SessionException refused = refusal();
    if (refused != null) {
      return CompletableFuture.failedFuture(refused);
    }
    touch();
    return session.submit(task);
  }

  /** Runs one operator key; refused while paused, idle, migrating or closed. */
  @Override
  public CompletableFuture<KeyResult> key(Function<Keyboard, KeyResult> action) {
    SessionException refused = refusal();
    if (refused != null) {
      return CompletableFuture.failedFuture(refused);
    }
    touch();
    return session.key(action);
  }

  @Override
  public ScreenSnapshot snapshot() {
    return session.snapshot();
  }

  @Override
  public SessionStatus status() {
    return session.status();
  }

  @Override
  public void addListener(SessionListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(SessionListener listener) {
    listeners.remove(listener);
  }

  @Override
  public void startTrace(Path file, boolean redact) {
    session.startTrace(file, redact);
  }

  @Override
  public void stopTrace() {
    session.stopTrace();
  }

  @Override
  public Path traceFile() {
    return session.traceFile();
  }

  @Override
  public String toString() {
    return "PooledSession[" + id + " " + name + " @" + endpointName + " " + state + "]";
  }

  // ------------------------------------------------------------------------------- pool side

  /** Why input is refused now, or null when it is accepted. */
  SessionException refusal() {
    String why =
        switch (state) {
          case SUSPENDED -> "is paused";
          case IDLE -> "is locked after being idle; unlock it first";
          case RECONNECTING -> "is moving to a new connection";
          case CLOSED -> "is closed";
          default -> null;
        };
    return why == null
        ? null
        : new SessionException(SessionException.Kind.STATE, "session " + id + " " + why, null);
  }

  void touch() {
    lastActivity = pool.now();
  }

  /**
   * Moves from {@code from} to {@code to} and queues {@code event} (null: none) for the hooks, in
   * order with this session's other events.
   *
   * @throws IllegalStateException when the state is not {@code from} or the move is illegal
   */
  synchronized Transition move(PoolState from, PoolState to, PoolEvent event, String detail) {
    if (state != from) {
      throw new IllegalStateException(
          "session " + id + " is " + state + ", not " + from + " (moving to " + to + ")");
    }
    from.moveTo(to);
    state = to;
    Transition t = new Transition(from, to, detail);
    if (event != null) {
      pool.fire(event, this, t);
    }
    if (from == PoolState.SUSPENDED && held) {
      // left the pause by another way than resume (failure, close): stop holding back
      catchUp();
    }
    if (to == PoolState.CONNECTED && !ready.isDone()) {
      ready.complete(this);
    }
    if ((to == PoolState.FAILED || to == PoolState.CLOSED) && !ready.isDone()) {
      ready.completeExceptionally(
          new SessionException(
              SessionException.Kind.STATE, "session " + id + " " + describe(t), null));
    }
    return t;
  }

  /** Like {@link #move} but false (nothing done) when the session is not in {@code from}. */
  synchronized boolean tryMove(PoolState from, PoolState to, PoolEvent event, String detail) {
    if (state != from || !from.canMoveTo(to)) {
      return false;
    }
    move(from, to, event, detail);
    return true;
  }

  /** Queues an event that does not change the state. */
  synchronized void event(PoolEvent event, String detail) {
    pool.fire(event, this, new Transition(state, state, detail));
  }

  private static String describe(Transition t) {
    return t.to() == PoolState.CLOSED
        ? "was closed"
        : "failed" + (t.detail().isEmpty() ? "" : ": " + t.detail());
  }

  /**
   * Puts {@code next} under this session (listeners kept): the old one is detached and returned for
   * the caller to close; its traffic is kept in the totals.
   */
  synchronized Session swap(Session next, String newEndpoint) {
    Session old = session;
    old.removeListener(forwarder);
    earlierBytesIn += old.bytesIn();
    earlierBytesOut += old.bytesOut();
    attach(next);
    endpointName = newEndpoint;
    return old;
  }

  private void attach(Session s) {
    Forwarder f = new Forwarder(s);
    session = s;
    forwarder = f;
    s.addListener(f);
  }

  /** Detaches from the current session and closes it (the state is the caller's business). */
  void closeSession() {
    Session s;
    synchronized (this) {
      s = session;
      s.removeListener(forwarder);
    }
    s.close();
  }

  /** One catch-up notification on the session's thread; stops holding listeners back. */
  void catchUp() {
    Session s = session;
    Runnable deliver =
        () -> {
          if (state == PoolState.SUSPENDED) {
            return; // paused again before this ran: keep holding back
          }
          held = false;
          SessionStatus st = s.status();
          ConnectionState cs = st.state();
          long version = s.snapshot().version();
          boolean locked = st.oia().locked();
          fire(l -> l.stateChanged(cs));
          fire(l -> l.screenChanged(version));
          fire(SessionListener::oiaChanged);
          fire(l -> l.keyboardLockChanged(locked));
        };
    s.submit(
            t -> {
              deliver.run();
              return null;
            })
        .exceptionally(
            e -> {
              // the session is closed: no thread to run on, deliver here
              deliver.run();
              return null;
            });
  }

  private void fire(Consumer<SessionListener> call) {
    for (SessionListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("pooled session {}: listener {} failed", id, l, e);
      }
    }
  }

  /** Passes the current session's events on, unless held back; ignores a swapped-out session. */
  private final class Forwarder implements SessionListener {
    private final Session source;

    Forwarder(Session source) {
      this.source = source;
    }

    private boolean current() {
      return session == source;
    }

    private void pass(Consumer<SessionListener> call) {
      if (current() && !held) {
        fire(call);
      }
    }

    @Override
    public void stateChanged(ConnectionState s) {
      pass(l -> l.stateChanged(s));
    }

    @Override
    public void connected() {
      pass(SessionListener::connected);
    }

    @Override
    public void disconnected(String reason) {
      if (current() && reason != null) {
        pool.lost(PooledSession.this, reason);
      }
      pass(l -> l.disconnected(reason));
    }

    @Override
    public void screenChanged(long version) {
      if (current()) {
        touch();
      }
      pass(l -> l.screenChanged(version));
    }

    @Override
    public void keyboardLockChanged(boolean locked) {
      pass(l -> l.keyboardLockChanged(locked));
    }

    @Override
    public void oiaChanged() {
      pass(SessionListener::oiaChanged);
    }

    @Override
    public void protocolError(dev.console3270.protocol.ProtocolException error) {
      pass(l -> l.protocolError(error));
    }
  }
}
