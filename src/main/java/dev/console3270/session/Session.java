package dev.console3270.session;

import dev.console3270.protocol.ProtocolException;
import dev.console3270.protocol.Terminal;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.keyboard.KeyResult;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.keyboard.Oia;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.telnet.TelnetCodec;
import dev.console3270.protocol.telnet.TelnetConfig;
import dev.console3270.protocol.telnet.Tn3270eFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live 3270 session: a connection to a host around one {@link Terminal}. Every change to the
 * terminal happens on the session's own thread (the event loop of its {@link SessionEngine} it is
 * pinned to); other threads submit work with {@link #submit} or {@link #key} and read immutable
 * snapshots. Errors (host gone, malformed data, TLS failure) are reported to listeners and end the
 * session cleanly; they are never thrown into the caller.
 *
 * <p>Futures complete on the session's thread: stages chained without {@code Async} run there and
 * must not block.
 */
public final class Session implements ScriptableSession, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final SessionProfile profile;
  private final SessionEngine engine;
  private final boolean ownsEngine;
  private final boolean probe;
  private final EventLoop loop;
  private final CodePage codePage;
  private final TelnetConfig telnetConfig;
  private final CopyOnWriteArrayList<SessionListener> listeners = new CopyOnWriteArrayList<>();

  // Session thread only.
  private Terminal terminal;
  private Attempt attempt;
  private ConnectionState state = ConnectionState.NOT_CONNECTED;
  private long publishedVersion = -1;
  private Terminal publishedTerminal;
  private Oia publishedOia;
  private boolean publishedLocked;
  private final List<ProtocolException> errors = new ArrayList<>();
  private final List<ConnectionState> transitions = new ArrayList<>();
  private String lastHost;
  private int lastPort;
  private TraceSink trace;
  private TraceSink.Factory traceFactory = TraceSink.Factory.DEFAULT;

  // Published for readers on any thread.
  private volatile ScreenSnapshot snapshot;
  private volatile SessionStatus status;
  private volatile PresentedCertificate presentedCertificate;
  private volatile Path traceFile;
  private volatile boolean closed;
  // Written on the session thread only; read anywhere.
  private volatile long bytesIn;
  private volatile long bytesOut;

  /**
   * A session for the profile, not yet connected, on a private one-thread engine that closes with
   * the session. For many sessions, share a {@link SessionEngine} ({@link
   * SessionEngine#newSession}).
   */
  public Session(SessionProfile profile) {
    this(profile, new SessionEngine(1, "console3270-" + profile.name()), true, false);
  }

  /** A session for the profile on a shared engine, not yet connected. */
  public Session(SessionProfile profile, SessionEngine engine) {
    this(profile, engine, false, false);
  }

  /**
   * A session that negotiates exactly as {@code telnetConfig} says (x3270's finer settings: device
   * name, terminal name, TN3270E functions, NEW-ENVIRON variables), on a shared engine.
   */
  public Session(SessionProfile profile, SessionEngine engine, TelnetConfig telnetConfig) {
    this(profile, engine, false, false, telnetConfig);
  }

  Session(SessionProfile profile, SessionEngine engine, boolean probe) {
    this(profile, engine, false, probe);
  }

  private Session(SessionProfile profile, SessionEngine engine, boolean ownsEngine, boolean probe) {
    this(
        profile,
        engine,
        ownsEngine,
        probe,
        TelnetConfig.of(profile.model())
            .withLuNames(profile.luNames())
            .withTn3270e(profile.tn3270e()));
  }

  private Session(
      SessionProfile profile,
      SessionEngine engine,
      boolean ownsEngine,
      boolean probe,
      TelnetConfig telnetConfig) {
    this.profile = profile;
    this.engine = engine;
    this.ownsEngine = ownsEngine;
    this.probe = probe;
    this.codePage = CodePages.get(profile.codePage());
    this.telnetConfig = telnetConfig;
    this.loop = engine.nextLoop();
    // Not yet shared: built here, handed to the loop thread through its task queue.
    this.terminal = new Terminal(profile.model(), codePage, telnetConfig, new Idle());
    this.snapshot = terminal.snapshot();
    this.status = statusOf(ConnectionState.NOT_CONNECTED, terminal.oia());
    this.publishedOia = status.oia();
    this.publishedLocked = publishedOia.locked();
    this.publishedVersion = snapshot.version();
    this.publishedTerminal = terminal;
    engine.register(this);
  }

  /** The profile. */
  @Override
  public SessionProfile profile() {
    return profile;
  }

  /** The code page the session's terminal uses. */
  public CodePage codePage() {
    return codePage;
  }

  /**
   * Connects to the profile's host. The future completes when the telnet negotiation has reached a
   * connected state (3270, NVT or SSCP-LU), or exceptionally with a {@link SessionException} with a
   * clear message (refused, timed out, TLS verification failed...).
   */
  public CompletableFuture<Void> connect() {
    return connect(profile.host(), profile.port());
  }

  /** Connects to another host and port with this profile's other settings. */
  @Override
  public CompletableFuture<Void> connect(String host, int port) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (!onLoop(() -> startConnect(host, port, f))) {
      f.completeExceptionally(closedFailure());
    }
    return f;
  }

  /** Closes the connection cleanly; completes when it is closed. */
  @Override
  public CompletableFuture<Void> disconnect() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (!onLoop(
        () -> {
          if (attempt != null) {
            end(attempt, null);
          }
          f.complete(null);
        })) {
      f.complete(null);
    }
    return f;
  }

  /** Disconnects (if connected) and connects again to the last host. */
  @Override
  public CompletableFuture<Void> reconnect() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (!onLoop(
        () -> {
          if (attempt != null) {
            end(attempt, null);
          }
          if (lastHost == null) {
            startConnect(profile.host(), profile.port(), f);
          } else {
            startConnect(lastHost, lastPort, f);
          }
        })) {
      f.completeExceptionally(closedFailure());
    }
    return f;
  }

  /** Runs {@code task} on the session's thread with its terminal. */
  @Override
  public <T> CompletableFuture<T> submit(Function<Terminal, T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    if (!onLoop(
        () -> {
          try {
            T result = task.apply(terminal);
            publish();
            f.complete(result);
          } catch (RuntimeException e) {
            publish();
            f.completeExceptionally(e);
          }
        })) {
      f.completeExceptionally(closedFailure());
    }
    return f;
  }

  /** Runs one operator key on the session's thread (see {@link Terminal#key}). */
  @Override
  public CompletableFuture<KeyResult> key(Function<Keyboard, KeyResult> action) {
    return submit(t -> t.key(action));
  }

  /** The latest screen, published after each change on the session's thread. */
  @Override
  public ScreenSnapshot snapshot() {
    return snapshot;
  }

  /** The latest status. */
  @Override
  public SessionStatus status() {
    return status;
  }

  /** Bytes received from hosts over the session's life (telnet bytes, after TLS decryption). */
  public long bytesIn() {
    return bytesIn;
  }

  /** Bytes sent to hosts over the session's life (telnet bytes, before any TLS encryption). */
  public long bytesOut() {
    return bytesOut;
  }

  /** The connection state now (as in {@link #status()}). */
  public ConnectionState state() {
    return status.state();
  }

  /**
   * The certificate the host presented in the last TLS handshake (accepted or not), or null. After
   * a failed verification this is what a UI shows the user before they decide to accept it.
   */
  public PresentedCertificate presentedCertificate() {
    return presentedCertificate;
  }

  @Override
  public void addListener(SessionListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(SessionListener listener) {
    listeners.remove(listener);
  }

  /**
   * Starts writing an x3270-format trace to {@code file}. With {@code redact}, data typed into
   * non-display fields is replaced by a marker of the same length.
   *
   * @throws UncheckedIOException when the file cannot be opened
   */
  @Override
  public void startTrace(Path file, boolean redact) {
    TraceSink sink;
    try {
      sink = traceFactory.open(file, redact, profile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a trace in " + file + ": " + e.getMessage(), e);
    }
    traceFile = file;
    if (!onLoop(
        () -> {
          TraceSink old = trace;
          trace = sink;
          if (old != null) {
            old.close();
          }
          sink.note("Trace started; connection state " + state.x3270Name());
        })) {
      sink.close();
      traceFile = null;
    }
  }

  /** Stops the trace, if any. */
  @Override
  public void stopTrace() {
    traceFile = null;
    onLoop(
        () -> {
          if (trace != null) {
            trace.close();
            trace = null;
          }
        });
  }

  /** The current trace file, or null. */
  @Override
  public Path traceFile() {
    return traceFile;
  }

  /** Swaps where traces go (tests, and the seam for the trace writer). */
  void traceFactory(TraceSink.Factory factory) {
    this.traceFactory = factory;
  }

  /** Disconnects and releases the session's resources. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    CompletableFuture<Void> done = disconnect();
    stopTrace();
    closed = true;
    if (!loop.inLoop()) {
      try {
        done.get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("session {}: disconnect on close did not finish", profile.name(), e);
      }
    }
    engine.unregister(this);
    if (ownsEngine) {
      engine.close();
    }
  }

  /** For the engine's close: ends the connection without waiting. */
  void disconnectQuietly() {
    onLoop(
        () -> {
          if (attempt != null) {
            end(attempt, null);
          }
          if (trace != null) {
            trace.close();
            trace = null;
          }
        });
  }

  // ---------------------------------------------------------------------------------------------
  // On the session thread

  private boolean onLoop(Runnable task) {
    if (closed) {
      return false;
    }
    try {
      loop.execute(task);
      return true;
    } catch (IllegalStateException | RejectedExecutionException e) {
      return false;
    }
  }

  private SessionException closedFailure() {
    return new SessionException(
        SessionException.Kind.STATE, "the session " + profile.name() + " is closed", null);
  }

  private void startConnect(String host, int port, CompletableFuture<Void> f) {
    if (attempt != null) {
      f.completeExceptionally(
          new SessionException(
              SessionException.Kind.STATE,
              "already "
                  + (state.isConnected() ? "connected" : "connecting")
                  + " to "
                  + attempt.host
                  + ":"
                  + attempt.port,
              null));
      return;
    }
    Attempt a = new Attempt(host, port, f);
    attempt = a;
    lastHost = host;
    lastPort = port;
    terminal = a.terminal;
    Duration timeout = profile.connectTimeout();
    if (timeout != null && !timeout.isZero() && !timeout.isNegative()) {
      a.timeoutTimer = loop.schedule(timeout.toNanos(), () -> timedOut(a));
    }
    note("Connecting to " + host + ", port " + port);
    publish();
    try {
      engine.preparer().execute(() -> prepare(a));
    } catch (RejectedExecutionException e) {
      end(a, new SessionException(SessionException.Kind.STATE, "the engine is closed", e));
    }
  }

  /** Off the loop: DNS and key stores, which may block. */
  private void prepare(Attempt a) {
    Runnable next;
    try {
      InetAddress[] addresses = InetAddress.getAllByName(a.host);
      TlsSetup setup = profile.tlsMode() == TlsMode.NONE ? null : TlsSetup.of(profile, probe);
      next = () -> open(a, addresses, setup);
    } catch (UnknownHostException e) {
      next =
          () ->
              end(
                  a,
                  new SessionException(
                      SessionException.Kind.UNRESOLVED, "unknown host " + a.host, e));
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      next =
          () ->
              end(
                  a,
                  new SessionException(
                      SessionException.Kind.TLS,
                      "cannot set up TLS for " + a.host + ":" + a.port + ": " + e.getMessage(),
                      e));
    }
    onLoop(next);
  }

  private void open(Attempt a, InetAddress[] addresses, TlsSetup setup) {
    if (a.ended) {
      return;
    }
    a.tlsSetup = setup;
    a.addresses = addresses;
    a.phase = ConnectionState.TCP_PENDING;
    publish();
    openNext(a);
  }

  /** Tries the attempt's next address (a name may resolve to several, e.g. ::1 and 127.0.0.1). */
  private void openNext(Attempt a) {
    InetAddress address = a.addresses[a.nextAddress++];
    a.connection = new Connection(loop, a, a.host, a.port);
    a.connection.open(new InetSocketAddress(address, a.port));
  }

  private void timedOut(Attempt a) {
    if (a.ended || a.connectedReported) {
      return;
    }
    ConnectionState s = computeState();
    String what =
        switch (s) {
          case RESOLVING -> "resolving the host name";
          case TCP_PENDING -> "no answer to the TCP connection";
          case TLS_PENDING -> "no answer to the TLS handshake";
          default -> "the telnet negotiation did not finish";
        };
    end(
        a,
        new SessionException(
            SessionException.Kind.TIMEOUT,
            "connecting to "
                + a.host
                + ":"
                + a.port
                + " timed out after "
                + profile.connectTimeout().toMillis()
                + " ms in state "
                + s.x3270Name()
                + " ("
                + what
                + ")",
            null));
  }

  private void keepalive(Attempt a) {
    if (a.ended) {
      return;
    }
    a.terminal.telnet().sendNop();
    a.keepaliveTimer = loop.schedule(profile.keepalive().toNanos(), () -> keepalive(a));
  }

  /** Ends an attempt: {@code failure} null for a disconnect we asked for. */
  private void end(Attempt a, SessionException failure) {
    if (a.ended) {
      return;
    }
    a.ended = true;
    if (a.connection != null) {
      a.connection.close(failure == null);
    }
    if (a.timeoutTimer != null) {
      a.timeoutTimer.cancel();
    }
    if (a.keepaliveTimer != null) {
      a.keepaliveTimer.cancel();
    }
    if (failure != null && failure.presentedCertificate() != null) {
      presentedCertificate = failure.presentedCertificate();
    }
    a.terminal.setTls(false);
    a.terminal.disconnected();
    if (attempt == a) {
      attempt = null;
    }
    String reason = failure == null ? null : failure.getMessage();
    if (failure == null) {
      LOG.info("session {}: disconnected from {}:{}", profile.name(), a.host, a.port);
    } else {
      LOG.info("session {}: {}", profile.name(), reason);
    }
    note(reason == null ? "Disconnected" : "Disconnected: " + reason);
    publish();
    fire(l -> l.disconnected(reason));
    if (!a.future.isDone()) {
      a.future.completeExceptionally(
          failure != null
              ? failure
              : new SessionException(
                  SessionException.Kind.DISCONNECTED,
                  "disconnected from "
                      + a.host
                      + ":"
                      + a.port
                      + " before the connection was established",
                  null));
    }
  }

  private ConnectionState computeState() {
    Attempt a = attempt;
    if (a == null) {
      return ConnectionState.NOT_CONNECTED;
    }
    if (a.phase != null) {
      return a.phase;
    }
    return switch (a.terminal.telnet().mode()) {
      case PENDING -> ConnectionState.TELNET_PENDING;
      case NVT -> ConnectionState.CONNECTED_NVT;
      case TN3270 -> ConnectionState.CONNECTED_3270;
      case TN3270E_UNBOUND -> ConnectionState.CONNECTED_UNBOUND;
      case TN3270E_NVT -> ConnectionState.CONNECTED_E_NVT;
      case TN3270E_SSCP_LU -> ConnectionState.CONNECTED_SSCP;
      case TN3270E_3270 -> ConnectionState.CONNECTED_TN3270E;
    };
  }

  /**
   * Connected for the connect future: a connected state, but TN3270E "unbound" only once the
   * function negotiation has finished (the codec reports unbound while it is still running) or the
   * host has sent a record anyway (as x3270's Connect() then completes, b3270__ignore_eor.trc).
   */
  private static boolean ready(ConnectionState s, Terminal t) {
    if (!s.isConnected()) {
      return false;
    }
    return s != ConnectionState.CONNECTED_UNBOUND
        || !t.telnet().functions().isEmpty()
        || t.recordsApplied() > 0;
  }

  /**
   * Publishes the snapshot and status, then tells the listeners what changed, each at most once:
   * called after each batch of reads, each key or task, and each connection event.
   */
  private void publish() {
    ConnectionState s = computeState();
    long version = terminal.state().screen().version();
    boolean screenChanged = version != publishedVersion || terminal != publishedTerminal;
    if (screenChanged) {
      snapshot = terminal.snapshot();
      publishedVersion = version;
      publishedTerminal = terminal;
    }
    Oia oia = terminal.oia();
    status = statusOf(s, oia);
    List<ConnectionState> states = new ArrayList<>(transitions);
    transitions.clear();
    states.add(s);
    boolean oiaChanged = !oia.equals(publishedOia);
    publishedOia = oia;
    boolean lockChanged = oia.locked() != publishedLocked;
    publishedLocked = oia.locked();
    List<ProtocolException> newErrors = errors.isEmpty() ? List.of() : List.copyOf(errors);
    errors.clear();

    // Every transition, in order, even several within one batch of bytes (as x3270 reports them).
    for (ConnectionState next : states) {
      if (next != state) {
        state = next;
        fire(l -> l.stateChanged(next));
      }
    }
    Attempt a = attempt;
    if (a != null && !a.connectedReported && ready(s, a.terminal)) {
      a.connectedReported = true;
      if (a.timeoutTimer != null) {
        a.timeoutTimer.cancel();
      }
      Duration k = profile.keepalive();
      if (k != null && !k.isZero() && !k.isNegative()) {
        a.keepaliveTimer = loop.schedule(k.toNanos(), () -> keepalive(a));
      }
      LOG.info("session {}: {} to {}:{}", profile.name(), s.x3270Name(), a.host, a.port);
      note("Connection state: " + s.x3270Name());
      fire(SessionListener::connected);
      a.future.complete(null);
    }
    for (ProtocolException e : newErrors) {
      fire(l -> l.protocolError(e));
    }
    if (screenChanged) {
      fire(l -> l.screenChanged(version));
    }
    if (oiaChanged) {
      fire(SessionListener::oiaChanged);
    }
    if (lockChanged) {
      boolean locked = oia.locked();
      fire(l -> l.keyboardLockChanged(locked));
    }
  }

  private SessionStatus statusOf(ConnectionState s, Oia oia) {
    Attempt a = attempt;
    TelnetCodec codec = terminal.telnet();
    Set<String> functions =
        codec.mode().isTn3270e()
            ? codec.functions().stream()
                .map(Tn3270eFunction::name)
                .map(n -> n.replace('_', '-'))
                .collect(Collectors.toUnmodifiableSet())
            : Set.of();
    // The terminal type we announce (what x3270's Query(TerminalName) shows), not the TN3270E
    // device type the host granted (x3270 asks for IBM-3278-n-E even for a 3279).
    String type = codec.config().terminalType();
    return new SessionStatus(
        s,
        a != null ? a.host : lastHost,
        a != null ? a.port : lastPort,
        codec.luName(),
        type,
        a != null && a.tlsDescription != null,
        a != null ? a.tlsDescription : null,
        functions,
        oia,
        terminal.state().screen().version());
  }

  private void fire(Consumer<SessionListener> call) {
    for (SessionListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("session {}: listener {} failed", profile.name(), l, e);
      }
    }
  }

  private void note(String line) {
    if (trace != null) {
      trace.note(line);
    }
  }

  /** The terminal's listener before the first connection: nothing to send to. */
  private static final class Idle implements Terminal.Listener {
    @Override
    public void send(byte[] bytes) {
      // not connected: nothing is sent (the keyboard is locked anyway)
    }
  }

  /**
   * One connection attempt, from connect to its end: its terminal (a fresh telnet negotiation), its
   * connection and timers. Callbacks from an attempt that has ended are ignored.
   */
  private final class Attempt implements Terminal.Listener, Connection.Handler {
    final String host;
    final int port;
    final CompletableFuture<Void> future;
    final Terminal terminal;
    Connection connection;
    InetAddress[] addresses;
    int nextAddress;
    TlsSetup tlsSetup;
    ConnectionState phase = ConnectionState.RESOLVING;
    String tlsDescription;
    boolean connectedReported;
    boolean ended;
    EventLoop.Timer timeoutTimer;
    EventLoop.Timer keepaliveTimer;

    Attempt(String host, int port, CompletableFuture<Void> future) {
      this.host = host;
      this.port = port;
      this.future = future;
      this.terminal = new Terminal(profile.model(), codePage, telnetConfig, this);
    }

    // Terminal.Listener -----------------------------------------------------------------------

    @Override
    public void send(byte[] bytes) {
      if (ended || connection == null) {
        return;
      }
      if (trace != null) {
        trace.clientBytes(bytes, terminal.snapshot());
      }
      bytesOut += bytes.length;
      connection.send(bytes);
    }

    @Override
    public void protocolError(ProtocolException error) {
      LOG.debug("session {}: protocol error from {}:{}: {}", profile.name(), host, port, error);
      errors.add(error);
    }

    @Override
    public void modeChanged(dev.console3270.protocol.telnet.TelnetMode mode) {
      if (!ended && attempt == this && phase == null) {
        transitions.add(computeState());
      }
    }

    @Override
    public void startTlsRequested() {
      if (profile.tlsMode() == TlsMode.STARTTLS
          && tlsSetup != null
          && !ended
          && !connection.tlsStarted()) {
        note("START-TLS requested by the host: accepting");
        terminal.telnet().acceptStartTls();
      } else {
        note(
            "START-TLS requested by the host: refused (profile TLS mode "
                + profile.tlsMode()
                + ")");
        terminal.telnet().refuseStartTls();
      }
    }

    @Override
    public void startTlsFollows() {
      if (!ended && tlsSetup != null) {
        note("START-TLS FOLLOWS: TLS handshake");
        // x3270 shows tls-pending while the START-TLS handshake runs.
        phase = ConnectionState.TLS_PENDING;
        transitions.add(phase);
        connection.startTls(tlsSetup);
      }
    }

    // Connection.Handler ----------------------------------------------------------------------

    @Override
    public void tcpConnected() {
      if (ended) {
        return;
      }
      note("Connected to " + host + ", port " + port);
      terminal.connected();
      if (profile.tlsMode() == TlsMode.TLS) {
        phase = ConnectionState.TLS_PENDING;
        publish();
        connection.startTls(tlsSetup);
      } else {
        phase = null;
        publish();
      }
    }

    @Override
    public void tlsEstablished(SSLSession session) {
      if (ended) {
        return;
      }
      tlsDescription = session.getProtocol() + " " + session.getCipherSuite();
      try {
        Certificate[] peer = session.getPeerCertificates();
        X509Certificate[] chain = new X509Certificate[peer.length];
        for (int i = 0; i < peer.length; i++) {
          chain[i] = (X509Certificate) peer[i];
        }
        presentedCertificate = PresentedCertificate.of(chain);
      } catch (SSLPeerUnverifiedException | ClassCastException e) {
        LOG.debug("no peer certificate", e);
      }
      note("TLS established: " + tlsDescription);
      LOG.info("session {}: TLS with {}:{}: {}", profile.name(), host, port, tlsDescription);
      terminal.setTls(true);
      if (phase == ConnectionState.TLS_PENDING) {
        phase = null;
        transitions.add(computeState());
      }
    }

    @Override
    public int data(byte[] bytes, int offset, int length) {
      if (ended) {
        return length;
      }
      if (trace != null) {
        trace.hostBytes(bytes, offset, length);
      }
      try {
        int used = terminal.receive(bytes, offset, length);
        bytesIn += used;
        return used;
      } catch (RuntimeException e) {
        LOG.error("session {}: internal error on host data", profile.name(), e);
        connection.close(false);
        onLoop(
            () ->
                end(
                    this,
                    new SessionException(
                        SessionException.Kind.IO,
                        "internal error processing data from " + host + ":" + port + ": " + e,
                        e)));
        return length;
      }
    }

    @Override
    public void readDone() {
      if (!ended && attempt == this) {
        publish();
      }
    }

    @Override
    public void failed(SessionException failure) {
      if (!ended
          && failure.kind() == SessionException.Kind.REFUSED
          && phase == ConnectionState.TCP_PENDING
          && nextAddress < addresses.length) {
        note("Connection refused: trying the next address");
        openNext(this);
        return;
      }
      end(this, failure);
    }
  }
}
