package dev.console3270.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection on an event loop, optionally under TLS ({@link SSLEngine}) from the first byte
 * or from a point in the stream (START-TLS). Non-blocking: writes are queued and flushed when the
 * socket takes them. Every method is called on the loop thread. Failures close the socket at once
 * and are reported to the handler later in the same loop turn, never from inside a call into it.
 */
final class Connection implements EventLoop.IoHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  /** Most bytes read from one connection per loop turn, so one busy host cannot starve others. */
  private static final int READ_PER_TURN = 256 * 1024;

  /** Most bytes queued for a host that does not read before the connection is given up. */
  private static final int MAX_QUEUED = 4 * 1024 * 1024;

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  /** What the connection tells its owner, on the loop thread. */
  interface Handler {
    /** The TCP connection is up. */
    void tcpConnected();

    /** The TLS handshake finished. */
    void tlsEstablished(SSLSession session);

    /**
     * Plain bytes from the host (decrypted under TLS). The array is reused after the call.
     *
     * @return how many were consumed; fewer only when TLS was started in the middle
     */
    int data(byte[] bytes, int offset, int length);

    /** A batch of reads is done: a good moment to publish changes. */
    void readDone();

    /** The connection failed or the host closed it; the socket is already closed. */
    void failed(SessionException failure);
  }

  private final EventLoop loop;
  private final Handler handler;
  private final String host;
  private final int port;
  private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
  private int queued;
  private SocketChannel channel;
  private SelectionKey key;
  private boolean tcpUp;
  private boolean closed;
  private SSLEngine tls;
  private TlsSetup tlsSetup;
  private boolean handshakeDone;
  private List<byte[]> heldPlain;
  private byte[] netLeftover;
  private int appBufferSize;
  private int packetBufferSize;
  private long bytesIn;
  private long bytesOut;

  Connection(EventLoop loop, Handler handler, String host, int port) {
    this.loop = loop;
    this.handler = handler;
    this.host = host;
    this.port = port;
  }

  /** Starts connecting to {@code address}. */
  void open(InetSocketAddress address) {
    try {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
      boolean now = channel.connect(address);
      key = loop.register(channel, now ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
      if (now) {
        tcpConnected();
      }
    } catch (IOException e) {
      fail(connectFailure(e));
    }
  }

  private SessionException connectFailure(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return new SessionException(
          SessionException.Kind.REFUSED,
          "connection to " + host + ":" + port + " refused (" + e.getMessage() + ")",
          e);
    }
    return new SessionException(
        SessionException.Kind.IO,
        "cannot connect to " + host + ":" + port + ": " + e.getMessage(),
        e);
  }

  private void tcpConnected() {
    tcpUp = true;
    key.interestOps(SelectionKey.OP_READ);
    handler.tcpConnected();
  }

  @Override
  public void ready(SelectionKey k) {
    if (closed) {
      return;
    }
    try {
      if (k.isConnectable()) {
        try {
          if (channel.finishConnect()) {
            tcpConnected();
          }
        } catch (IOException e) {
          fail(connectFailure(e));
          return;
        }
      }
      if (!closed && k.isValid() && k.isReadable()) {
        readAvailable();
      }
      if (!closed && k.isValid() && k.isWritable()) {
        flush();
      }
    } catch (java.nio.channels.CancelledKeyException e) {
      // closed meanwhile
    }
  }

  /** Starts TLS: the next bytes each way are the handshake. {@code leftover} bytes may follow. */
  void startTls(TlsSetup setup) {
    if (closed || tls != null) {
      return;
    }
    tlsSetup = setup;
    tls = setup.engine(host, port);
    appBufferSize = tls.getSession().getApplicationBufferSize();
    packetBufferSize = tls.getSession().getPacketBufferSize();
    heldPlain = new ArrayList<>();
    try {
      tls.beginHandshake();
      processTls(EMPTY);
    } catch (SSLException e) {
      tlsFailed(e);
    }
    flush();
  }

  /** True once TLS has started (handshake running or done). */
  boolean tlsStarted() {
    return tls != null;
  }

  /** Queues bytes for the host (encrypted under TLS) and writes what the socket takes now. */
  void send(byte[] bytes) {
    if (closed || bytes.length == 0) {
      return;
    }
    if (tls == null) {
      enqueue(ByteBuffer.wrap(bytes.clone()));
    } else if (!handshakeDone) {
      heldPlain.add(bytes.clone());
      return;
    } else {
      try {
        wrap(ByteBuffer.wrap(bytes));
      } catch (SSLException e) {
        tlsFailed(e);
        return;
      }
    }
    flush();
  }

  /**
   * Closes the connection now. With {@code graceful} and TLS up, a close_notify is queued and
   * written if the socket takes it at once. The handler is not told.
   */
  void close(boolean graceful) {
    if (closed) {
      return;
    }
    if (graceful && tls != null && tcpUp) {
      try {
        tls.closeOutbound();
        wrap(EMPTY);
      } catch (SSLException e) {
        LOG.debug("close_notify to {}:{}", host, port, e);
      }
    }
    if (graceful && tcpUp) {
      flush();
    }
    closed = true;
    if (key != null) {
      key.cancel();
    }
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("close {}:{}", host, port, e);
      }
    }
  }

  /** Bytes read and written on the wire so far. */
  long bytesIn() {
    return bytesIn;
  }

  long bytesOut() {
    return bytesOut;
  }

  private void fail(SessionException e) {
    if (closed) {
      return;
    }
    close(false);
    loop.execute(() -> handler.failed(e));
  }

  private void readAvailable() {
    int total = 0;
    try {
      while (!closed && total < READ_PER_TURN) {
        ByteBuffer buf = loop.readBuffer();
        int n = channel.read(buf);
        if (n < 0) {
          if (tls != null && handshakeDone) {
            try {
              tls.closeInbound();
            } catch (SSLException e) {
              LOG.debug("host closed TLS without close_notify", e);
            }
          }
          fail(
              new SessionException(
                  SessionException.Kind.HOST_CLOSED,
                  tls != null && !handshakeDone
                      ? "the host "
                          + host
                          + ":"
                          + port
                          + " closed the connection during the TLS handshake"
                      : "the host " + host + ":" + port + " closed the connection",
                  null));
          break;
        }
        if (n == 0) {
          break;
        }
        bytesIn += n;
        total += n;
        if (tls == null) {
          int consumed = handler.data(buf.array(), 0, n);
          if (!closed && consumed < n && tls != null) {
            feedTls(buf.array(), consumed, n - consumed);
          }
        } else {
          feedTls(buf.array(), 0, n);
        }
      }
    } catch (IOException e) {
      fail(
          new SessionException(
              SessionException.Kind.HOST_CLOSED,
              "the connection to " + host + ":" + port + " was lost: " + e.getMessage(),
              e));
    }
    if (!closed) {
      flush();
    }
    handler.readDone();
  }

  private void feedTls(byte[] data, int offset, int length) {
    ByteBuffer net;
    if (netLeftover != null) {
      net = loop.tlsJoinBuffer(netLeftover.length + length);
      net.put(netLeftover).put(data, offset, length).flip();
      netLeftover = null;
    } else {
      net = ByteBuffer.wrap(data, offset, length);
    }
    try {
      processTls(net);
    } catch (SSLException e) {
      tlsFailed(e);
      return;
    }
    if (!closed && net.hasRemaining()) {
      netLeftover = new byte[net.remaining()];
      net.get(netLeftover);
    }
  }

  private void processTls(ByteBuffer net) throws SSLException {
    while (!closed) {
      HandshakeStatus hs = tls.getHandshakeStatus();
      if (hs == HandshakeStatus.NEED_TASK) {
        Runnable task;
        while ((task = tls.getDelegatedTask()) != null) {
          task.run();
        }
        continue;
      }
      if (hs == HandshakeStatus.NEED_WRAP) {
        if (!wrap(EMPTY)) {
          return;
        }
        continue;
      }
      if (!net.hasRemaining() && hs != HandshakeStatus.NEED_UNWRAP_AGAIN) {
        break;
      }
      ByteBuffer app = loop.tlsAppBuffer(appBufferSize);
      SSLEngineResult r = tls.unwrap(net, app);
      if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
        handshakeFinished();
      }
      if (app.position() > 0) {
        handler.data(app.array(), 0, app.position());
      }
      switch (r.getStatus()) {
        case BUFFER_UNDERFLOW -> {
          return; // the rest of the record comes with the next read
        }
        case BUFFER_OVERFLOW -> appBufferSize = Math.max(appBufferSize * 2, 1024);
        case CLOSED -> {
          fail(
              new SessionException(
                  SessionException.Kind.HOST_CLOSED,
                  "the host " + host + ":" + port + " closed the TLS connection",
                  null));
          return;
        }
        case OK -> {
          if (r.bytesConsumed() == 0
              && r.bytesProduced() == 0
              && tls.getHandshakeStatus() == hs
              && hs != HandshakeStatus.NEED_UNWRAP_AGAIN) {
            return;
          }
        }
      }
    }
  }

  /** Wraps all of {@code src} into queued records; false when the engine is closed. */
  private boolean wrap(ByteBuffer src) throws SSLException {
    boolean finished = false;
    boolean open = true;
    while (true) {
      ByteBuffer dst = loop.tlsNetBuffer(packetBufferSize);
      SSLEngineResult r = tls.wrap(src, dst);
      if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
        finished = true;
      }
      dst.flip();
      if (dst.hasRemaining()) {
        ByteBuffer copy = ByteBuffer.allocate(dst.remaining());
        copy.put(dst).flip();
        enqueue(copy);
      }
      if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        packetBufferSize *= 2;
        continue;
      }
      if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
        open = false;
        break;
      }
      if (!src.hasRemaining() || (r.bytesConsumed() == 0 && r.bytesProduced() == 0)) {
        break;
      }
    }
    if (finished) {
      handshakeFinished();
    }
    return open;
  }

  private void handshakeFinished() throws SSLException {
    if (handshakeDone) {
      return;
    }
    handshakeDone = true;
    handler.tlsEstablished(tls.getSession());
    List<byte[]> held = heldPlain;
    heldPlain = null;
    for (byte[] b : held) {
      wrap(ByteBuffer.wrap(b));
    }
  }

  private void tlsFailed(SSLException e) {
    // Let the engine send its alert, best effort, then close.
    try {
      tls.closeOutbound();
      wrap(EMPTY);
      flush();
    } catch (SSLException | RuntimeException ignored) {
      LOG.debug("TLS alert to {}:{}", host, port, ignored);
    }
    String rejection = tlsSetup == null ? null : tlsSetup.rejection();
    var presented = tlsSetup == null ? null : tlsSetup.presented();
    if (rejection != null && presented != null) {
      PresentedCertificate cert = PresentedCertificate.of(presented);
      fail(
          new SessionException(
              SessionException.Kind.UNTRUSTED_CERTIFICATE,
              "the certificate of "
                  + host
                  + ":"
                  + port
                  + " is not trusted: "
                  + rejection
                  + " (subject "
                  + cert.subject()
                  + ", SHA-256 "
                  + cert.displayFingerprint()
                  + ")",
              e,
              cert));
    } else {
      fail(
          new SessionException(
              SessionException.Kind.TLS,
              "TLS with " + host + ":" + port + " failed: " + e.getMessage(),
              e));
    }
  }

  private void enqueue(ByteBuffer b) {
    out.add(b);
    queued += b.remaining();
  }

  private void flush() {
    if (closed || !tcpUp) {
      return;
    }
    try {
      while (!out.isEmpty()) {
        ByteBuffer b = out.peek();
        int n = channel.write(b);
        bytesOut += n;
        queued -= n;
        if (b.hasRemaining()) {
          break;
        }
        out.poll();
      }
      if (queued > MAX_QUEUED) {
        fail(
            new SessionException(
                SessionException.Kind.IO,
                "the host " + host + ":" + port + " does not read what we send",
                null));
        return;
      }
      int ops = out.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE;
      if (key.isValid() && key.interestOps() != ops) {
        key.interestOps(ops);
      }
    } catch (IOException e) {
      fail(
          new SessionException(
              SessionException.Kind.HOST_CLOSED,
              "the connection to " + host + ":" + port + " was lost: " + e.getMessage(),
              e));
    }
  }
}
