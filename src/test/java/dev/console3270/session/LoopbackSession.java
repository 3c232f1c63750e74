package dev.console3270.session;

import dev.console3270.protocol.ProtocolException;
import dev.console3270.protocol.Terminal;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.keyboard.KeyResult;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.telnet.TelnetMode;
import dev.console3270.protocol.telnet.Tn3270eFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A minimal {@link ScriptableSession} for tests: a plain blocking socket, a reader thread, and one
 * {@link Terminal} driven on a single-thread executor (the session's thread). No TLS, no keepalive,
 * no trace writing (the trace file is only remembered).
 */
public final class LoopbackSession implements ScriptableSession, AutoCloseable {

  private final SessionProfile profile;
  private final ExecutorService thread;
  private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
  private Terminal terminal;
  private volatile Socket socket;
  private volatile OutputStream out;
  private volatile ConnectionState state = ConnectionState.NOT_CONNECTED;
  private volatile String host;
  private volatile int port;
  private volatile ScreenSnapshot snapshot;
  private volatile SessionStatus status;
  private volatile Path traceFile;
  private CompletableFuture<Void> pending;
  private int generation;

  public LoopbackSession(SessionProfile profile) {
    this.profile = profile;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "loopback-session");
              t.setDaemon(true);
              return t;
            });
    runOnThread(
        () -> {
          newTerminal();
          publish();
        });
  }

  private void runOnThread(Runnable r) {
    try {
      CompletableFuture.runAsync(r, thread).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void newTerminal() {
    terminal =
        new Terminal(
            profile.model(),
            CodePages.get(profile.codePage()),
            new Terminal.Listener() {
              @Override
              public void send(byte[] bytes) {
                OutputStream o = out;
                if (o != null) {
                  try {
                    o.write(bytes);
                    o.flush();
                  } catch (IOException e) {
                    closeSocket();
                  }
                }
              }

              @Override
              public void screenChanged(long version) {
                publish();
                listeners.forEach(l -> l.screenChanged(version));
              }

              @Override
              public void oiaChanged() {
                publish();
                listeners.forEach(SessionListener::oiaChanged);
              }

              @Override
              public void protocolError(ProtocolException error) {
                listeners.forEach(l -> l.protocolError(error));
              }

              @Override
              public void modeChanged(TelnetMode mode) {
                setState(stateOf(mode));
                if (mode != TelnetMode.PENDING && pending != null) {
                  CompletableFuture<Void> p = pending;
                  pending = null;
                  p.complete(null);
                  listeners.forEach(SessionListener::connected);
                }
              }
            });
  }

  static ConnectionState stateOf(TelnetMode mode) {
    return switch (mode) {
      case PENDING -> ConnectionState.TELNET_PENDING;
      case NVT -> ConnectionState.CONNECTED_NVT;
      case TN3270 -> ConnectionState.CONNECTED_3270;
      case TN3270E_UNBOUND -> ConnectionState.CONNECTED_UNBOUND;
      case TN3270E_NVT -> ConnectionState.CONNECTED_E_NVT;
      case TN3270E_SSCP_LU -> ConnectionState.CONNECTED_SSCP;
      case TN3270E_3270 -> ConnectionState.CONNECTED_TN3270E;
    };
  }

  private void setState(ConnectionState s) {
    state = s;
    publish();
    listeners.forEach(l -> l.stateChanged(s));
  }

  /** On the session thread: refreshes the snapshot and status readers see. */
  private void publish() {
    snapshot = terminal.snapshot();
    Set<String> functions = new TreeSet<>();
    for (Tn3270eFunction f : terminal.telnet().functions()) {
      functions.add(f.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    status =
        new SessionStatus(
            state,
            host,
            port,
            terminal.telnet().luName(),
            profile.model().terminalType(),
            false,
            null,
            state.isConnected() ? functions : Set.of(),
            terminal.oia(),
            snapshot.version());
  }

  @Override
  public SessionProfile profile() {
    return profile;
  }

  @Override
  public CompletableFuture<Void> connect(String toHost, int toPort) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    thread.execute(
        () -> {
          try {
            Socket s = new Socket();
            s.connect(
                new InetSocketAddress(toHost, toPort), (int) profile.connectTimeout().toMillis());
            s.setTcpNoDelay(true);
            host = toHost;
            port = toPort;
            socket = s;
            out = s.getOutputStream();
            newTerminal();
            pending = done;
            generation++;
            terminal.connected();
            setState(ConnectionState.TELNET_PENDING);
            startReader(s, generation);
          } catch (IOException e) {
            done.completeExceptionally(
                new IOException("Connection to " + toHost + ", port " + toPort + ": " + e));
          }
        });
    return done;
  }

  private void startReader(Socket s, int gen) {
    Thread reader =
        new Thread(
            () -> {
              byte[] buf = new byte[4096];
              try {
                InputStream in = s.getInputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                  byte[] chunk = Arrays.copyOf(buf, n);
                  // Bytes queued before a disconnect are dropped once it has happened.
                  if (!offer(
                      () -> {
                        if (gen == generation && socket != null) {
                          terminal.receive(chunk);
                        }
                      })) {
                    return;
                  }
                }
              } catch (IOException e) {
                // closed
              }
              offer(() -> ended(gen, "host closed the connection"));
            },
            "loopback-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private boolean offer(Runnable r) {
    try {
      thread.execute(r);
      return true;
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return false; // closed
    }
  }

  /** On the session thread: the connection of generation {@code gen} ended. */
  private void ended(int gen, String reason) {
    if (gen != generation || state == ConnectionState.NOT_CONNECTED) {
      return;
    }
    closeSocket();
    terminal.disconnected();
    setState(ConnectionState.NOT_CONNECTED);
    if (pending != null) {
      pending.completeExceptionally(new IOException(reason));
      pending = null;
    }
    listeners.forEach(l -> l.disconnected(reason));
  }

  private void closeSocket() {
    Socket s = socket;
    socket = null;
    out = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  @Override
  public CompletableFuture<Void> disconnect() {
    return CompletableFuture.runAsync(() -> ended(generation, null), thread);
  }

  @Override
  public CompletableFuture<Void> reconnect() {
    String h = host;
    int p = port;
    return disconnect().thenCompose(v -> connect(h, p));
  }

  @Override
  public <T> CompletableFuture<T> submit(Function<Terminal, T> task) {
    return CompletableFuture.supplyAsync(() -> task.apply(terminal), thread);
  }

  @Override
  public CompletableFuture<KeyResult> key(Function<Keyboard, KeyResult> action) {
    return submit(t -> t.key(action));
  }

  @Override
  public ScreenSnapshot snapshot() {
    return snapshot;
  }

  @Override
  public SessionStatus status() {
    return status;
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
    traceFile = file;
  }

  @Override
  public void stopTrace() {
    traceFile = null;
  }

  @Override
  public Path traceFile() {
    return traceFile;
  }

  @Override
  public void close() {
    if (thread.isShutdown()) {
      return;
    }
    runOnThread(() -> ended(generation, null));
    thread.shutdownNow();
  }
}
