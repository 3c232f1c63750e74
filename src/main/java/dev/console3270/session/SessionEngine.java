package dev.console3270.session;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run sessions: a few NIO event loops (one per core by default), each the owner
 * thread of the sessions pinned to it, plus a small pool for blocking preparation (DNS lookups,
 * reading key stores). Create one per application and pass it to the sessions; closing it ends
 * every session it runs. See docs/ARCHITECTURE.md, "Session threading".
 */
public final class SessionEngine implements AutoCloseable {
  private final String name;
  private final EventLoop[] loops;
  private final AtomicInteger next = new AtomicInteger();
  private final ThreadPoolExecutor preparer;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** An engine with one event loop per available processor, threads named {@code console3270}. */
  public SessionEngine() {
    this(Runtime.getRuntime().availableProcessors(), "console3270");
  }

  /**
   * An engine with {@code threads} event loops.
   *
   * @param name prefix of the daemon threads' names
   */
  public SessionEngine(int threads, String name) {
    if (threads < 1) {
      throw new IllegalArgumentException("at least one thread: " + threads);
    }
    this.name = name;
    this.loops = new EventLoop[threads];
    for (int i = 0; i < threads; i++) {
      loops[i] = new EventLoop(name + "-loop-" + i);
    }
    AtomicInteger preparers = new AtomicInteger();
    this.preparer =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-prepare-" + preparers.getAndIncrement());
              t.setDaemon(true);
              return t;
            });
    preparer.allowCoreThreadTimeOut(true);
  }

  /** A new session for the profile, pinned to the next event loop; not yet connected. */
  public Session newSession(SessionProfile profile) {
    return new Session(profile, this);
  }

  /**
   * Connects to the profile's host only as far as the TLS handshake and returns the certificate the
   * host presents, without trusting it and without sending any data under it, so that a user can
   * decide whether to accept it (see {@link SessionProfile#acceptedCertificateSha256()}). For
   * STARTTLS the telnet negotiation runs until the host starts TLS.
   */
  public CompletableFuture<PresentedCertificate> fetchCertificate(SessionProfile profile) {
    if (profile.tlsMode() == TlsMode.NONE) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("the profile does not use TLS"));
    }
    Session probe = new Session(profile, this, true);
    return probe
        .connect()
        .handle(
            (ok, error) -> {
              try {
                PresentedCertificate cert = probe.presentedCertificate();
                if (cert != null) {
                  return cert;
                }
                Throwable cause =
                    error instanceof CompletionException c && c.getCause() != null
                        ? c.getCause()
                        : error;
                throw new CompletionException(
                    cause != null
                        ? cause
                        : new SessionException(
                            SessionException.Kind.TLS,
                            "the host "
                                + profile.host()
                                + ":"
                                + profile.port()
                                + " did not start TLS",
                            null));
              } finally {
                probe.close();
              }
            });
  }

  /** The number of event loop threads. */
  public int threads() {
    return loops.length;
  }

  /** Sessions created and not yet closed. */
  public int sessionCount() {
    return sessions.size();
  }

  /** The engine's name (its threads' prefix). */
  public String name() {
    return name;
  }

  /** Disconnects every session and stops the threads. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Session s : sessions) {
      s.disconnectQuietly();
    }
    for (EventLoop loop : loops) {
      loop.close();
    }
    preparer.shutdownNow();
  }

  EventLoop nextLoop() {
    if (closed) {
      throw new IllegalStateException("the session engine " + name + " is closed");
    }
    return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
  }

  Executor preparer() {
    return preparer;
  }

  void register(Session session) {
    sessions.add(session);
  }

  void unregister(Session session) {
    sessions.remove(session);
  }
}
