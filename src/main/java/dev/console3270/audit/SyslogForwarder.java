package dev.console3270.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Forwards every audit record, as it is written, to a syslog receiver: RFC 5424 messages over TCP
 * with octet-counting framing (RFC 6587), optionally TLS (RFC 5425, the JDK's default trust store
 * and host name check).
 *
 * <p><b>Design.</b> The forwarder is an {@link AuditLog.Listener}: pass it to {@link
 * AuditLog#open(AuditConfig, java.util.List)} and it is told of each record (with its seq) right
 * after the writer wrote it. {@link #written} only formats the message and queues it; a sender
 * thread sends in order. The queue holds {@link Config#queueCapacity()} messages in memory; when
 * full, messages go to the spool file (framed as on the wire), and while the spool is not empty
 * every new message goes there too, so the order is kept. When the receiver is down the sender
 * reconnects with exponential backoff and sends the backlog in order. {@link #close()} moves what
 * is still queued into the spool, and a forwarder started with a non-empty spool sends it first.
 *
 * <p><b>Guarantees.</b> The local audit log is the source of truth; forwarding is a copy. Before
 * writing after an idle moment (and every 10 ms during a burst, so it is not slowed down) the
 * sender checks that the receiver has not closed the connection, so a receiver that stopped is
 * noticed before a message is written into a dead socket. A message whose write fails is sent again
 * (plain TCP syslog has no acknowledgement: a receiver that dies in the middle of a burst may lose
 * or, rarely, duplicate the message in flight).
 *
 * <p><b>Message.</b> {@code <PRI>1 TIME HOST console3270 PID TYPE [audit@32473 seq=".." type=".."
 * outcome=".." user=".." origin=".." resource=".." d.KEY=".."...] TYPE OUTCOME user=..
 * resource=..}. Severity: {@link Config#severity()} (default notice), {@link
 * Config#failureSeverity()} (default warning) for FAILURE outcomes. Detail keys that are not valid
 * SD parameter names (or longer than 30 characters) go as {@code detail="KEY=VALUE"}.
 */
public final class SyslogForwarder implements AuditLog.Listener, AutoCloseable {

  /** The facility {@code authpriv}. */
  public static final int AUTHPRIV = 10;

  /** Severity {@code notice}. */
  public static final int NOTICE = 5;

  /** Severity {@code warning}. */
  public static final int WARNING = 4;

  /** The structured data ID. */
  public static final String SD_ID = "audit@32473";

  private static final Pattern PARAM_NAME = Pattern.compile("[!#-<>-\\\\^-~&&[^\\]]]{1,30}");
  private static final long CHECK_EVERY_NANOS = Duration.ofMillis(10).toNanos();

  /**
   * Where and how to forward.
   *
   * @param host the receiver
   * @param port its TCP port (6514 is usual for TLS, 514 or 601 without)
   * @param tls whether to use TLS
   * @param facility the syslog facility (0 to 23; default {@link #AUTHPRIV})
   * @param severity the severity of events (0 to 7; default {@link #NOTICE})
   * @param failureSeverity the severity of FAILURE outcomes (default {@link #WARNING})
   * @param hostname the HOSTNAME field (printable ASCII, no space)
   * @param queueCapacity messages kept in memory before spilling to the spool file
   * @param spoolFile where messages wait when the memory queue is full (and at close)
   * @param minBackoff the first reconnect delay
   * @param maxBackoff the longest reconnect delay
   */
  public record Config(
      String host,
      int port,
      boolean tls,
      int facility,
      int severity,
      int failureSeverity,
      String hostname,
      int queueCapacity,
      Path spoolFile,
      Duration minBackoff,
      Duration maxBackoff) {

    /** Checks the values. */
    public Config {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(hostname, "hostname");
      Objects.requireNonNull(spoolFile, "spoolFile");
      Objects.requireNonNull(minBackoff, "minBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1 to 65535: " + port);
      }
      if (facility < 0 || facility > 23) {
        throw new IllegalArgumentException("facility must be 0 to 23: " + facility);
      }
      if (severity < 0 || severity > 7 || failureSeverity < 0 || failureSeverity > 7) {
        throw new IllegalArgumentException("severities must be 0 to 7");
      }
      if (!hostname.matches("[!-~]{1,255}")) {
        throw new IllegalArgumentException(
            "hostname must be 1 to 255 printable ASCII: " + hostname);
      }
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be positive: " + queueCapacity);
      }
      if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
        throw new IllegalArgumentException("need 0 < minBackoff <= maxBackoff");
      }
    }

    /**
     * Defaults: plain TCP, authpriv, notice (warning for failures), this machine's host name,
     * 10,000 messages in memory, backoff 1 s doubling up to 60 s.
     */
    public static Config defaults(String host, int port, Path spoolFile) {
      return new Config(
          host,
          port,
          false,
          AUTHPRIV,
          NOTICE,
          WARNING,
          localHostName(),
          10_000,
          spoolFile,
          Duration.ofSeconds(1),
          Duration.ofSeconds(60));
    }

    /** With TLS on or off. */
    public Config withTls(boolean on) {
      return new Config(
          host,
          port,
          on,
          facility,
          severity,
          failureSeverity,
          hostname,
          queueCapacity,
          spoolFile,
          minBackoff,
          maxBackoff);
    }

    /** With another memory queue capacity. */
    public Config withQueueCapacity(int capacity) {
      return new Config(
          host,
          port,
          tls,
          facility,
          severity,
          failureSeverity,
          hostname,
          capacity,
          spoolFile,
          minBackoff,
          maxBackoff);
    }

    /** With other reconnect delays. */
    public Config withBackoff(Duration min, Duration max) {
      return new Config(
          host,
          port,
          tls,
          facility,
          severity,
          failureSeverity,
          hostname,
          queueCapacity,
          spoolFile,
          min,
          max);
    }

    private static String localHostName() {
      try {
        String h = InetAddress.getLocalHost().getHostName().replaceAll("[^!-~]", "");
        return h.isEmpty() ? "-" : h.substring(0, Math.min(255, h.length()));
      } catch (IOException e) {
        return "-";
      }
    }
  }

  private final Config config;
  private final String procId = Long.toString(ProcessHandle.current().pid());
  private final Object lock = new Object();
  private final ArrayDeque<byte[]> memory = new ArrayDeque<>();
  private final FileChannel spool; // guarded by lock
  private long spoolRead; // guarded by lock
  private boolean closed; // guarded by lock
  private final Thread sender;
  private volatile long sent;
  private volatile String lastError = "";

  private Socket socket; // sender thread only
  private long lastCheckNanos;
  private boolean waited; // the sender found nothing to send before this message

  private SyslogForwarder(Config config) throws IOException {
    this.config = config;
    Path parent = config.spoolFile().toAbsolutePath().getParent();
    if (parent != null) {
      PrivateFiles.createDirectories(parent);
    }
    PrivateFiles.restrict(config.spoolFile());
    this.spool =
        PrivateFiles.open(
            config.spoolFile(),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    this.sender = new Thread(this::sendLoop, "audit-syslog " + config.host() + ":" + config.port());
    this.sender.setDaemon(true);
  }

  /**
   * Starts forwarding (the spool left by an earlier run is sent first).
   *
   * @throws IOException if the spool file cannot be opened
   */
  public static SyslogForwarder start(Config config) throws IOException {
    SyslogForwarder f = new SyslogForwarder(config);
    f.sender.start();
    return f;
  }

  /** Queues the record's message; never blocks on the network. */
  @Override
  public void written(AuditEvent record) {
    byte[] msg = format(record, config, procId).getBytes(StandardCharsets.UTF_8);
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        if (spoolPending() || memory.size() >= config.queueCapacity()) {
          appendSpool(msg);
        } else {
          memory.add(msg);
        }
      } catch (IOException e) {
        lastError = "spool " + config.spoolFile() + ": " + e.getMessage();
      }
      lock.notifyAll();
    }
  }

  /** Messages sent so far. */
  public long sent() {
    return sent;
  }

  /** Messages waiting (memory and spool). */
  public long pending() {
    synchronized (lock) {
      return memory.size() + countSpool();
    }
  }

  /** The last network or spool error, or empty. */
  public String lastError() {
    return lastError;
  }

  /** Stops sending; what is still queued is kept in the spool file for the next start. */
  @Override
  public void close() throws IOException {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      lock.notifyAll();
    }
    sender.interrupt();
    try {
      sender.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (lock) {
      // Memory messages are older than spooled ones: write memory, then the unsent spool.
      ByteBuffer rest = ByteBuffer.allocate((int) (spool.size() - spoolRead));
      while (rest.hasRemaining() && spool.read(rest, spoolRead + rest.position()) > 0) {
        // reading
      }
      Path tmp = config.spoolFile().resolveSibling(config.spoolFile().getFileName() + ".tmp");
      Files.deleteIfExists(tmp); // a left-over one would keep its permissions
      try (FileChannel out =
          PrivateFiles.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        for (byte[] m : memory) {
          writeFully(out, ByteBuffer.wrap(frame(m)));
        }
        rest.flip();
        writeFully(out, rest);
        out.force(true);
      }
      memory.clear();
      spool.close();
      Files.move(tmp, config.spoolFile(), StandardCopyOption.REPLACE_EXISTING);
    }
    closeSocket();
  }

  // ---------------------------------------------------------------- format

  /** The RFC 5424 message of a record (without framing). */
  static String format(AuditEvent e, Config c, String procId) {
    int sev = e.outcome() == AuditOutcome.FAILURE ? c.failureSeverity() : c.severity();
    StringBuilder sb = new StringBuilder(256);
    sb.append('<').append(c.facility() * 8 + sev).append(">1 ");
    sb.append(AuditCodec.formatTime(e.time())).append(' ');
    sb.append(c.hostname()).append(" console3270 ").append(procId).append(' ');
    sb.append(e.type().name()).append(" [").append(SD_ID);
    param(sb, "seq", Long.toString(e.seq()));
    param(sb, "type", e.type().name());
    param(sb, "outcome", e.outcome().name());
    param(sb, "user", e.user());
    param(sb, "origin", e.origin());
    param(sb, "resource", e.resource());
    for (Map.Entry<String, String> d : e.details().entrySet()) {
      if (PARAM_NAME.matcher(d.getKey()).matches()) {
        param(sb, "d." + d.getKey(), d.getValue());
      } else {
        param(sb, "detail", d.getKey() + "=" + d.getValue());
      }
    }
    sb.append("] ").append(e.type().name()).append(' ').append(e.outcome().name());
    if (!e.user().isEmpty()) {
      sb.append(" user=").append(e.user().replaceAll("[\\p{Cntrl}\\s]", "_"));
    }
    if (!e.resource().isEmpty()) {
      sb.append(" resource=").append(e.resource().replaceAll("[\\p{Cntrl}\\s]", "_"));
    }
    return sb.toString();
  }

  private static void param(StringBuilder sb, String name, String value) {
    sb.append(' ').append(name).append("=\"");
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '"' || ch == '\\' || ch == ']') {
        sb.append('\\');
      }
      sb.append(ch);
    }
    sb.append('"');
  }

  private static byte[] frame(byte[] msg) {
    byte[] prefix = (msg.length + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[prefix.length + msg.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(msg, 0, out, prefix.length, msg.length);
    return out;
  }

  // ---------------------------------------------------------------- spool (under lock)

  private boolean spoolPending() throws IOException {
    return spool.size() > spoolRead;
  }

  private void appendSpool(byte[] msg) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(frame(msg));
    long pos = spool.size();
    while (buf.hasRemaining()) {
      pos += spool.write(buf, pos);
    }
  }

  private long countSpool() {
    try {
      long n = 0;
      long pos = spoolRead;
      while (pos < spool.size()) {
        byte[] m = readSpoolAt(pos);
        pos += frame(m).length;
        n++;
      }
      return n;
    } catch (IOException e) {
      return -1;
    }
  }

  private byte[] readSpoolAt(long pos) throws IOException {
    StringBuilder digits = new StringBuilder();
    ByteBuffer one = ByteBuffer.allocate(1);
    long p = pos;
    while (true) {
      one.clear();
      if (spool.read(one, p++) <= 0) {
        throw new IOException("spool " + config.spoolFile() + " ends inside a frame");
      }
      byte b = one.get(0);
      if (b == ' ') {
        break;
      }
      if (b < '0' || b > '9' || digits.length() > 9) {
        throw new IOException("spool " + config.spoolFile() + " is damaged at " + pos);
      }
      digits.append((char) b);
    }
    ByteBuffer msg = ByteBuffer.allocate(Integer.parseInt(digits.toString()));
    while (msg.hasRemaining()) {
      if (spool.read(msg, p + msg.position()) <= 0) {
        throw new IOException("spool " + config.spoolFile() + " ends inside a frame");
      }
    }
    return msg.array();
  }

  // ---------------------------------------------------------------- sender thread

  /** The next message and where it comes from. */
  private record Next(byte[] msg, boolean fromSpool) {}

  private Next next() throws InterruptedException, IOException {
    synchronized (lock) {
      while (!closed && memory.isEmpty() && !spoolPending()) {
        waited = true;
        lock.wait();
      }
      if (closed) {
        return null;
      }
      if (!memory.isEmpty()) {
        return new Next(memory.peek(), false);
      }
      return new Next(readSpoolAt(spoolRead), true);
    }
  }

  private void done(Next n) throws IOException {
    synchronized (lock) {
      if (!n.fromSpool()) {
        memory.poll();
        return;
      }
      spoolRead += frame(n.msg()).length;
      if (spoolRead >= spool.size()) {
        spool.truncate(0);
        spool.force(true);
        spoolRead = 0;
      }
    }
  }

  private void sendLoop() {
    long backoff = config.minBackoff().toMillis();
    try {
      while (true) {
        Next n = next();
        if (n == null) {
          return;
        }
        try {
          if (socket != null
              && (waited || System.nanoTime() - lastCheckNanos > CHECK_EVERY_NANOS)
              && !alive()) {
            closeSocket();
          }
          if (socket == null) {
            socket = connect();
          }
          OutputStream out = socket.getOutputStream();
          out.write(frame(n.msg()));
          out.flush();
          done(n);
          waited = false;
          sent++;
          backoff = config.minBackoff().toMillis();
        } catch (IOException e) {
          lastError = e.toString();
          closeSocket();
          Thread.sleep(backoff);
          backoff = Math.min(config.maxBackoff().toMillis(), backoff * 2);
        }
      }
    } catch (InterruptedException e) {
      // closing
    } catch (IOException e) {
      lastError = "spool: " + e.getMessage();
    }
  }

  /** Whether the receiver still holds the connection (it never sends, so EOF means closed). */
  private boolean alive() {
    lastCheckNanos = System.nanoTime();
    try {
      socket.setSoTimeout(1);
      InputStream in = socket.getInputStream();
      return in.read() >= 0;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(config.host(), config.port()), 10_000);
      s.setKeepAlive(true);
      s.setTcpNoDelay(true);
      if (!config.tls()) {
        return s;
      }
      SSLSocket tls =
          (SSLSocket)
              ((SSLSocketFactory) SSLSocketFactory.getDefault())
                  .createSocket(s, config.host(), config.port(), true);
      SSLParameters p = tls.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(p);
      tls.startHandshake();
      return tls;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private void closeSocket() {
    Socket s = socket;
    socket = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // already broken
      }
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }
}
