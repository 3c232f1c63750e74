package dev.console3270.host;

import dev.console3270.protocol.codepage.CodePages;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo host server: accepts TN3270E and TN3270 clients on one address and runs the demo
 * application for each on its own daemon thread (at most {@code maxClients} at once). Several hosts
 * may run in one JVM on different ports, each with its own name.
 */
public final class DemoHost implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoHost.class);

  /** The default limit on concurrent clients. */
  public static final int DEFAULT_MAX_CLIENTS = 64;

  private final String name;
  private final ServerSocket server;
  private final DemoContent content;
  private final ThreadPoolExecutor pool;
  private final Set<HostConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger devices = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final String devicePrefix;
  private final HostConnection.Timeouts timeouts;
  private volatile boolean closing;

  private DemoHost(
      String name,
      ServerSocket server,
      DemoContent content,
      int maxClients,
      HostConnection.Timeouts timeouts) {
    this.name = name;
    this.timeouts = timeouts;
    this.server = server;
    this.content = content;
    String prefix = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    this.devicePrefix =
        prefix.isEmpty() ? "DEMO" : prefix.substring(0, Math.min(5, prefix.length()));
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            0,
            maxClients,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "demo-host-" + name + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Loads the screens, binds and starts accepting.
   *
   * @param bind the address to listen on, such as {@code 127.0.0.1}
   * @param port the port, or 0 for a free one
   * @param name the host's name, shown on every screen
   * @param maxClients the most clients served at once; more are refused
   * @throws IOException when the address cannot be bound
   * @throws ScreenFileException when a screen file is malformed
   */
  public static DemoHost start(String bind, int port, String name, int maxClients)
      throws IOException {
    return start(bind, port, name, maxClients, HostConnection.Timeouts.DEFAULT);
  }

  /** Starts a host with other timeouts (tests). */
  static DemoHost start(
      String bind, int port, String name, int maxClients, HostConnection.Timeouts timeouts)
      throws IOException {
    if (maxClients < 1) {
      throw new IllegalArgumentException("maxClients must be at least 1");
    }
    DemoContent content = DemoContent.load();
    ServerSocket server = new ServerSocket();
    try {
      server.bind(new InetSocketAddress(InetAddress.getByName(bind), port), 50);
    } catch (IOException e) {
      server.close();
      throw new IOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
    }
    DemoHost host = new DemoHost(name, server, content, maxClients, timeouts);
    Thread acceptor = new Thread(host::acceptLoop, "demo-host-" + name + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return host;
  }

  /** Starts a host on 127.0.0.1 with the default client limit. */
  public static DemoHost start(int port, String name) throws IOException {
    return start("127.0.0.1", port, name, DEFAULT_MAX_CLIENTS);
  }

  /** The host's name. */
  public String name() {
    return name;
  }

  /** The address the host listens on. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** The port the host listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /** True until {@link #close()} has closed the listening socket. */
  public boolean isListening() {
    return !server.isClosed();
  }

  /** How many clients are connected now. */
  public int clients() {
    return connections.size();
  }

  private void acceptLoop() {
    while (!closing) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closing) {
          LOG.error("demo host {}: accept failed; stopping", name, e);
          close();
        }
        return;
      }
      HostConnection c =
          new HostConnection(
              socket, name, content, CodePages.defaultPage(), this::nextDeviceName, timeouts);
      connections.add(c);
      try {
        pool.execute(
            () -> {
              try {
                c.run();
              } finally {
                connections.remove(c);
              }
            });
      } catch (RejectedExecutionException e) {
        connections.remove(c);
        LOG.warn(
            "demo host {}: refusing {}: too many clients", name, socket.getRemoteSocketAddress());
        c.close();
      }
      if (closing) {
        c.close();
      }
    }
  }

  private String nextDeviceName() {
    return devicePrefix + String.format(Locale.ROOT, "%03d", devices.incrementAndGet() % 1000);
  }

  /** Stops accepting, closes every connection and waits briefly for their threads. */
  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    connections.forEach(HostConnection::close);
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("demo host {}: connections still running after 5 seconds", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      LOG.info("demo host {} stopped", name);
      closed.countDown();
    }
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }
}
