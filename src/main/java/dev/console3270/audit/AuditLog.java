package dev.console3270.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The append-only audit log: JSON Lines files {@code audit-YYYYMMDD-NNN.jsonl} in one directory,
 * one record a line, each holding the SHA-256 of the line before it (see {@code AuditCodec} for the
 * exact format). Files rotate by size and UTC day; the chain and the sequence numbers run on across
 * files.
 *
 * <p><b>Group commit.</b> {@link #append} only queues the event; one writer thread takes what is
 * queued, writes it with one write call per batch and forces the file to disk at most every {@link
 * AuditConfig#forceInterval()} (and at rotation and close). {@link #forcedSeq()} tells what is on
 * disk; {@link #sync()} waits for it.
 *
 * <p><b>When the queue is full</b> {@code append} blocks the caller until the writer has made room:
 * events are never dropped, so a disk that cannot keep up slows the callers down instead. If the
 * writer has failed (disk full, I/O error) {@code append} throws {@link AuditException} at once
 * rather than blocking forever or losing the event silently.
 *
 * <p><b>Checkpoints.</b> Every {@link AuditConfig#checkpointEvery()} records, after {@link
 * AuditConfig#checkpointInterval()} with new records, at open and at close the log writes a
 * CHECKPOINT record whose details hold the chain head ({@code head}), the key fingerprint ({@code
 * key}) and an HMAC-SHA256 ({@code mac}) over its seq, time and head, with a key kept outside the
 * log. Once forced, the checkpoint is also copied to the anchor file beside the key ({@link
 * AuditConfig#anchorFile()}), so a log cut back to before it is detected by {@link AuditVerifier}.
 * A cleanly closed log ends with AUDIT_STOP and a CHECKPOINT.
 *
 * <p>The key file is created on first open. If it is missing while the directory already holds
 * records, {@link #open} refuses rather than start a key that cannot verify them.
 *
 * <p><b>Crash recovery.</b> On open, the last file's tail is checked: an incomplete last line, and
 * complete lines after the last parsable record, are moved into {@code <file>.torn-<time>}, the
 * file is cut back to the last valid record, and the chain continues from it. AUDIT_START records
 * the previous seq and whether the last run ended cleanly, and a RECOVERY record per set-aside file
 * says what was moved where. A checkpoint follows at once, which authenticates everything the
 * crashed run wrote.
 */
public final class AuditLog implements AutoCloseable {

  private static final int MAX_BATCH = 4096;
  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long OFFER_WAIT_MILLIS = 100;
  private static final Object CLOSE = new Object();
  private static final DateTimeFormatter TORN_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final AuditConfig config;
  private final AuditKey key;
  private final ArrayBlockingQueue<Object> queue;
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private final List<AuditRecovery> recoveries;
  private final Thread writer;
  private final String origin = "pid:" + ProcessHandle.current().pid();
  private final String user = System.getProperty("user.name", "");

  private boolean closed; // guarded by gate
  private volatile Throwable failure;
  private volatile long forcedSeq;

  // Writer state: the opening thread until the writer starts, then the writer thread only.
  private final MessageDigest sha = AuditCodec.sha256();
  private final AuditCodec.Buf line = new AuditCodec.Buf(1024);
  private final AuditCodec.Buf batch = new AuditCodec.Buf(1 << 16);
  private final List<Object> drained = new ArrayList<>(MAX_BATCH);
  private FileChannel channel;
  private AuditFiles.Name current;
  private long fileSize;
  private long nextSeq;
  private String head;
  private long writtenSeq;
  private long sinceCheckpoint;
  private long lastCheckpointNanos;
  private long lastForceNanos;
  private boolean dirty;
  private AuditAnchor pendingAnchor;

  private record Sync(CompletableFuture<Long> done, long seq) {}

  private record Tracked(AuditEvent event, CompletableFuture<Long> done) {}

  /**
   * Told of every record the log writes (its own records too), with its seq, in chain order, on the
   * writer thread, after the batch holding it was written (not necessarily forced). It must return
   * quickly and not call back into the log; what it throws is ignored.
   */
  @FunctionalInterface
  public interface Listener {
    /** A record was written. */
    void written(AuditEvent record);
  }

  private final List<Listener> listeners;
  private final List<AuditEvent> toNotify = new ArrayList<>();

  private record LastRecord(AuditFiles.Name file, long end, long seq, boolean clean, String hash) {}

  private AuditLog(
      AuditConfig config, AuditKey key, List<AuditRecovery> recoveries, List<Listener> listeners) {
    this.config = config;
    this.listeners = List.copyOf(listeners);
    this.key = key;
    this.recoveries = recoveries;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.writer = new Thread(this::writerLoop, "audit-writer " + config.directory());
    this.writer.setDaemon(true);
  }

  /**
   * Opens (or creates) the log: creates the directory and the key if missing, recovers a torn tail,
   * writes AUDIT_START (and RECOVERY records) and a checkpoint, forces them, and starts the writer.
   *
   * @throws IOException if the directory, the key or the files cannot be used
   */
  public static AuditLog open(AuditConfig config) throws IOException {
    return open(config, List.of());
  }

  /**
   * Opens the log like {@link #open(AuditConfig)}, with listeners told of every record written from
   * the first (AUDIT_START) on; e.g. a {@link SyslogForwarder}.
   *
   * @throws IOException if the directory, the key or the files cannot be used
   */
  public static AuditLog open(AuditConfig config, List<Listener> listeners) throws IOException {
    // Owner-only: the directory (and missing parents such as the configuration directory) and
    // every file in it, including files an earlier version left readable by others.
    PrivateFiles.ensurePrivateTree(config.directory());
    if (!Files.exists(config.keyFile()) && holdsRecords(config.directory())) {
      // A fresh key would leave every existing checkpoint unverifiable.
      throw new IOException(
          "the audit key "
              + config.keyFile()
              + " is missing but "
              + config.directory()
              + " already holds audit files: restore the key (a new one cannot verify them)");
    }
    AuditKey key = AuditKey.loadOrCreate(config.keyFile());
    PrivateFiles.restrict(config.keyFile());
    PrivateFiles.restrict(config.anchorFile());
    List<AuditRecovery> recoveries = new ArrayList<>();
    AuditLog log = new AuditLog(config, key, recoveries, listeners);
    log.start();
    return log;
  }

  private static boolean holdsRecords(Path dir) throws IOException {
    for (AuditFiles.Name name : AuditFiles.list(dir)) {
      if (Files.size(name.path()) > 0) {
        return true;
      }
    }
    return false;
  }

  private void start() throws IOException {
    List<AuditFiles.Name> files = AuditFiles.list(config.directory());
    LastRecord last = null;
    for (int i = files.size() - 1; i >= 0 && last == null; i--) {
      last = recover(files.get(i));
    }
    Map<String, String> startDetails = new LinkedHashMap<>();
    startDetails.put("key", key.id());
    if (last == null) {
      head = AuditCodec.GENESIS;
      nextSeq = 1;
      startDetails.put("previous", "none");
    } else {
      head = last.hash();
      nextSeq = last.seq() + 1;
      startDetails.put("previousSeq", Long.toString(last.seq()));
      startDetails.put("previous", last.clean() ? "clean" : "unclean");
    }
    writtenSeq = nextSeq - 1;
    forcedSeq = writtenSeq;
    if (!recoveries.isEmpty()) {
      startDetails.put("recovered", Integer.toString(recoveries.size()));
    }
    LocalDate today = today();
    if (!files.isEmpty()) {
      AuditFiles.Name lastFile = files.get(files.size() - 1);
      long size = Files.size(lastFile.path());
      if (lastFile.day().equals(today) && size < config.maxFileBytes()) {
        openFile(lastFile, size);
      } else {
        openNext(lastFile);
      }
    } else {
      openFile(
          new AuditFiles.Name(config.directory().resolve(AuditFiles.name(today, 1)), today, 1), 0);
    }
    long now = System.nanoTime();
    lastForceNanos = now;
    lastCheckpointNanos = now;
    writeInternal(AuditType.AUDIT_START, startDetails);
    for (AuditRecovery r : recoveries) {
      Map<String, String> d = new LinkedHashMap<>();
      d.put("file", r.file().getFileName().toString());
      d.put("offset", Long.toString(r.offset()));
      d.put("length", Long.toString(r.length()));
      d.put("setAside", r.setAside().getFileName().toString());
      d.put("sha256", r.sha256());
      writeInternal(AuditType.RECOVERY, d);
    }
    writeCheckpoint(now);
    flushBatch();
    force();
    writer.start();
  }

  /**
   * Queues an event, masking card numbers first ({@link AuditEvent#masked()}). Its seq is assigned
   * by the log when written. Blocks only while the queue is full (never drops).
   *
   * @throws IllegalArgumentException for a type only the log itself writes ({@link
   *     AuditType#isInternal()})
   * @throws AuditException if the log is closed or its writer has failed
   */
  public void append(AuditEvent event) {
    if (event.type().isInternal()) {
      throw new IllegalArgumentException(event.type() + " records are written by the log itself");
    }
    enqueue(event.masked());
  }

  private void enqueue(Object item) {
    gate.readLock().lock();
    try {
      if (closed) {
        throw new AuditException("the audit log is closed", null);
      }
      boolean interrupted = false;
      try {
        while (true) {
          checkFailure();
          try {
            if (queue.offer(item, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
              return;
            }
          } catch (InterruptedException e) {
            // An audit event is not given up because the caller was interrupted.
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    } finally {
      gate.readLock().unlock();
    }
  }

  private void checkFailure() {
    Throwable f = failure;
    if (f != null) {
      throw new AuditException("the audit writer failed: " + f.getMessage(), f);
    }
  }

  /**
   * Waits until everything appended before this call is written and forced to disk.
   *
   * @return the highest seq forced
   * @throws AuditException if the log is closed or the writer failed
   * @throws InterruptedException if interrupted while waiting
   */
  public long sync() throws InterruptedException {
    Sync s = new Sync(new CompletableFuture<>(), -1);
    enqueue(s);
    return await(s.done());
  }

  /**
   * Appends like {@link #append} and waits until the event is written and forced to disk.
   *
   * @return the seq the event got
   * @throws IllegalArgumentException for a type only the log itself writes
   * @throws AuditException if the log is closed or the writer failed
   * @throws InterruptedException if interrupted while waiting (the event may still be written)
   */
  public long appendDurably(AuditEvent event) throws InterruptedException {
    if (event.type().isInternal()) {
      throw new IllegalArgumentException(event.type() + " records are written by the log itself");
    }
    Tracked t = new Tracked(event.masked(), new CompletableFuture<>());
    enqueue(t);
    return await(t.done());
  }

  private long await(CompletableFuture<Long> done) throws InterruptedException {
    while (true) {
      try {
        return done.get(OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new AuditException("the audit writer failed: " + e.getCause().getMessage(), e);
      } catch (TimeoutException e) {
        // The writer may have died after taking other work; do not wait for it forever.
        checkFailure();
        if (!writer.isAlive() && !done.isDone()) {
          throw new AuditException("the audit log was closed before the sync completed", null);
        }
      }
    }
  }

  /** The highest seq known to be forced to disk (0 before the first record ever). */
  public long forcedSeq() {
    return forcedSeq;
  }

  /** What crash recovery set aside when this log was opened (empty after a clean shutdown). */
  public List<AuditRecovery> recoveries() {
    return List.copyOf(recoveries);
  }

  /** The key fingerprint of this log's checkpoints. */
  public String keyId() {
    return key.id();
  }

  /** The writer's failure, if it failed. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Writes what is queued, then AUDIT_STOP and a final checkpoint, forces and closes. Idempotent.
   *
   * @throws IOException if the writer failed (now or before)
   */
  @Override
  public void close() throws IOException {
    gate.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      gate.writeLock().unlock();
    }
    boolean interrupted = false;
    try {
      while (failure == null && writer.isAlive()) {
        try {
          if (queue.offer(CLOSE, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      while (writer.isAlive()) {
        try {
          writer.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    Throwable f = failure;
    if (f != null) {
      throw new IOException("the audit writer failed: " + f.getMessage(), f);
    }
  }

  // ---------------------------------------------------------------- writer thread

  private void writerLoop() {
    List<Sync> syncs = new ArrayList<>();
    try {
      while (true) {
        Object first = queue.poll(waitNanos(System.nanoTime()), TimeUnit.NANOSECONDS);
        boolean closing = false;
        if (first != null) {
          drained.clear();
          drained.add(first);
          queue.drainTo(drained, MAX_BATCH - 1);
          for (Object o : drained) {
            if (o instanceof AuditEvent e) {
              writeRecord(e);
              sinceCheckpoint++;
              if (sinceCheckpoint >= config.checkpointEvery()) {
                writeCheckpoint(System.nanoTime());
              }
            } else if (o instanceof Tracked t) {
              writeRecord(t.event());
              syncs.add(new Sync(t.done(), writtenSeq));
              sinceCheckpoint++;
              if (sinceCheckpoint >= config.checkpointEvery()) {
                writeCheckpoint(System.nanoTime());
              }
            } else if (o instanceof Sync s) {
              syncs.add(s);
            } else if (o == CLOSE) {
              closing = true;
            }
          }
        }
        long now = System.nanoTime();
        if (sinceCheckpoint > 0
            && now - lastCheckpointNanos >= config.checkpointInterval().toNanos()) {
          writeCheckpoint(now);
        }
        flushBatch();
        if (closing) {
          Map<String, String> d = new LinkedHashMap<>();
          d.put("lastSeq", Long.toString(writtenSeq));
          writeInternal(AuditType.AUDIT_STOP, d);
          writeCheckpoint(now);
          flushBatch();
          force();
          completeSyncs(syncs);
          return;
        }
        if (dirty
            && (!syncs.isEmpty() || now - lastForceNanos >= config.forceInterval().toNanos())) {
          force();
        }
        if (!dirty) {
          completeSyncs(syncs);
        }
        drained.clear();
      }
    } catch (Throwable t) {
      // Nothing is dropped silently: the failure names what did not reach the disk.
      long unwritten =
          drained.stream().filter(o -> o instanceof AuditEvent || o instanceof Tracked).count();
      List<Object> rest = new ArrayList<>();
      queue.drainTo(rest);
      unwritten +=
          rest.stream().filter(o -> o instanceof AuditEvent || o instanceof Tracked).count();
      IOException f =
          new IOException(
              t.getMessage()
                  + " (records up to seq "
                  + forcedSeq
                  + " are on disk; up to "
                  + unwritten
                  + " queued events after them were not written)",
              t);
      failure = f;
      for (Sync s : syncs) {
        s.done().completeExceptionally(f);
      }
      for (Object o : rest) {
        if (o instanceof Sync s) {
          s.done().completeExceptionally(f);
        } else if (o instanceof Tracked tr) {
          tr.done().completeExceptionally(f);
        }
      }
    } finally {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
  }

  private void completeSyncs(List<Sync> syncs) {
    for (Sync s : syncs) {
      s.done().complete(s.seq() >= 0 ? s.seq() : forcedSeq);
    }
    syncs.clear();
  }

  private long waitNanos(long now) {
    long wait = IDLE_WAIT_NANOS;
    if (dirty) {
      wait = Math.min(wait, lastForceNanos + config.forceInterval().toNanos() - now);
    }
    if (sinceCheckpoint > 0) {
      wait = Math.min(wait, lastCheckpointNanos + config.checkpointInterval().toNanos() - now);
    }
    return Math.max(0, wait);
  }

  private void writeInternal(AuditType type, Map<String, String> details) throws IOException {
    writeRecord(
        new AuditEvent(
            0, config.clock().instant(), user, type, AuditOutcome.SUCCESS, origin, "", details));
  }

  private void writeCheckpoint(long nowNanos) throws IOException {
    long seq = nextSeq;
    Instant time = config.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    String mac = key.macHex(AuditCodec.checkpointMacInput(seq, time, head));
    Map<String, String> d = new LinkedHashMap<>();
    d.put("head", head);
    d.put("key", key.id());
    d.put("mac", mac);
    AuditAnchor anchor = new AuditAnchor(seq, time, head, mac);
    writeRecord(
        new AuditEvent(0, time, user, AuditType.CHECKPOINT, AuditOutcome.SUCCESS, origin, "", d));
    pendingAnchor = anchor;
    sinceCheckpoint = 0;
    lastCheckpointNanos = nowNanos;
  }

  private void writeRecord(AuditEvent e) throws IOException {
    long seq = nextSeq;
    line.reset();
    AuditCodec.encode(line, seq, head, e);
    LocalDate today = today();
    long pending = fileSize + batch.size;
    if ((pending > 0 && pending + line.size + 1 > config.maxFileBytes())
        || today.isAfter(current.day())) {
      flushBatch();
      force();
      channel.close();
      openNext(current);
    }
    batch.ensure(line.size + 1);
    System.arraycopy(line.bytes, 0, batch.bytes, batch.size, line.size);
    batch.size += line.size;
    batch.bytes[batch.size++] = '\n';
    head = AuditCodec.hash(sha, line.bytes, 0, line.size);
    if (!listeners.isEmpty()) {
      toNotify.add(e.withSeq(seq));
    }
    writtenSeq = seq;
    nextSeq = seq + 1;
  }

  private void flushBatch() throws IOException {
    if (batch.size == 0) {
      return;
    }
    ByteBuffer buf = ByteBuffer.wrap(batch.bytes, 0, batch.size);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    fileSize += batch.size;
    batch.reset();
    dirty = true;
    notifyListeners();
  }

  private void notifyListeners() {
    for (AuditEvent e : toNotify) {
      for (Listener l : listeners) {
        try {
          l.written(e);
        } catch (RuntimeException ex) {
          // A listener cannot stop the log: the files are the source of truth.
        }
      }
    }
    toNotify.clear();
  }

  private void force() throws IOException {
    if (dirty) {
      channel.force(false);
      dirty = false;
    }
    lastForceNanos = System.nanoTime();
    forcedSeq = writtenSeq;
    if (pendingAnchor != null) {
      pendingAnchor.write(config.anchorFile());
      pendingAnchor = null;
    }
  }

  private LocalDate today() {
    return LocalDate.ofInstant(config.clock().instant(), ZoneOffset.UTC);
  }

  private void openNext(AuditFiles.Name previous) throws IOException {
    LocalDate today = today();
    AuditFiles.Name next =
        today.isAfter(previous.day())
            ? new AuditFiles.Name(config.directory().resolve(AuditFiles.name(today, 1)), today, 1)
            : new AuditFiles.Name(
                config.directory().resolve(AuditFiles.name(previous.day(), previous.number() + 1)),
                previous.day(),
                previous.number() + 1);
    openFile(next, 0);
  }

  private void openFile(AuditFiles.Name name, long size) throws IOException {
    boolean created = !Files.exists(name.path());
    channel = PrivateFiles.open(name.path(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.position(size);
    current = name;
    fileSize = size;
    if (created) {
      AuditFiles.syncDirectory(config.directory());
    }
  }

  // ---------------------------------------------------------------- recovery

  /**
   * Finds the last valid record of {@code file}, moving a torn tail aside. Null if the file holds
   * no valid record (it is then empty).
   */
  private LastRecord recover(AuditFiles.Name file) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file.path(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      if (size == 0) {
        return null;
      }
      long window = Math.min(size, 1 << 16);
      while (true) {
        long start = size - window;
        byte[] bytes = new byte[(int) window];
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          if (ch.read(buf, start + buf.position()) < 0) {
            throw new IOException(file.path() + " shrank while being recovered");
          }
        }
        // Walk back over lines: [ls, le) is a line, le the index of its LF.
        int tornFrom = bytes.length;
        int end = bytes.length;
        if (bytes[end - 1] != '\n') {
          int lf = lastIndexOf(bytes, end - 1, (byte) '\n');
          if (lf < 0 && start > 0) {
            window = Math.min(size, window * 2);
            continue;
          }
          tornFrom = lf + 1;
          end = lf + 1;
        }
        LastRecord found = null;
        boolean needMore = false;
        while (end > 0) {
          int le = end - 1; // the LF
          int lf = lastIndexOf(bytes, le - 1, (byte) '\n');
          if (lf < 0 && start > 0) {
            needMore = true;
            break;
          }
          int ls = lf + 1;
          try {
            AuditCodec.Decoded d = AuditCodec.decode(bytes, ls, le - ls);
            String hash = AuditCodec.hash(sha, bytes, ls, le - ls);
            boolean clean =
                d.event().type() == AuditType.CHECKPOINT && stopBefore(bytes, ls, start == 0);
            found = new LastRecord(file, start + le + 1, d.event().seq(), clean, hash);
            break;
          } catch (AuditCodec.MalformedRecordException e) {
            tornFrom = ls;
            end = ls;
          }
        }
        if (needMore && window < size) {
          window = Math.min(size, window * 2);
          continue;
        }
        long keep = found != null ? found.end() : start + tornFrom;
        if (found == null && !needMore) {
          keep = 0;
        }
        if (keep < size) {
          setAside(file, ch, keep, size);
        }
        return found;
      }
    }
  }

  private void setAside(AuditFiles.Name file, FileChannel ch, long from, long size)
      throws IOException {
    long length = size - from;
    if (length > Integer.MAX_VALUE) {
      throw new IOException(
          file.path() + ": " + length + " bytes after the last valid record; too many to recover");
    }
    byte[] torn = new byte[(int) length];
    ByteBuffer buf = ByteBuffer.wrap(torn);
    while (buf.hasRemaining()) {
      if (ch.read(buf, from + buf.position()) < 0) {
        throw new IOException(file.path() + " shrank while being recovered");
      }
    }
    Path aside =
        file.path()
            .resolveSibling(
                file.path().getFileName() + ".torn-" + TORN_TIME.format(config.clock().instant()));
    for (int n = 2; Files.exists(aside); n++) {
      aside =
          aside.resolveSibling(aside.getFileName().toString().replaceFirst("(_\\d+)?$", "_" + n));
    }
    try (FileChannel out =
        PrivateFiles.open(aside, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer w = ByteBuffer.wrap(torn);
      while (w.hasRemaining()) {
        out.write(w);
      }
      out.force(true);
    }
    AuditFiles.syncDirectory(config.directory());
    ch.truncate(from);
    ch.force(true);
    MessageDigest digest = AuditCodec.sha256();
    recoveries.add(
        new AuditRecovery(file.path(), from, length, aside, HEX.formatHex(digest.digest(torn))));
  }

  /** Whether the line that ends just before {@code lineStart} is an AUDIT_STOP record. */
  private static boolean stopBefore(byte[] bytes, int lineStart, boolean windowIsFile) {
    if (lineStart == 0) {
      return false;
    }
    int lf = lastIndexOf(bytes, lineStart - 2, (byte) '\n');
    if (lf < 0 && !windowIsFile) {
      return false;
    }
    try {
      return AuditCodec.decode(bytes, lf + 1, lineStart - 1 - (lf + 1)).event().type()
          == AuditType.AUDIT_STOP;
    } catch (AuditCodec.MalformedRecordException e) {
      return false;
    }
  }

  private static int lastIndexOf(byte[] bytes, int from, byte b) {
    for (int i = from; i >= 0; i--) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
