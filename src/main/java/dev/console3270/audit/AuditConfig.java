package dev.console3270.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link AuditLog} writes.
 *
 * @param directory where the {@code audit-YYYYMMDD-NNN.jsonl} files live
 * @param keyFile the checkpoint key (created if missing); must be outside {@code directory}
 * @param maxFileBytes a file is rotated before it would grow past this (a single longer record
 *     still gets a file of its own)
 * @param forceInterval the writer forces written data to disk at most this often (and at close)
 * @param checkpointEvery a checkpoint after this many records
 * @param checkpointInterval and after this long, when records were written since the last one
 * @param queueCapacity events queued for the writer; when full, {@link AuditLog#append} blocks
 * @param clock the time of the log's own records and of file names (UTC days)
 */
public record AuditConfig(
    Path directory,
    Path keyFile,
    long maxFileBytes,
    Duration forceInterval,
    int checkpointEvery,
    Duration checkpointInterval,
    int queueCapacity,
    Clock clock) {

  /** Default {@link #maxFileBytes}: 64 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;

  /** Default {@link #forceInterval}: 50 ms. */
  public static final Duration DEFAULT_FORCE_INTERVAL = Duration.ofMillis(50);

  /** Default {@link #checkpointEvery}: 10,000 records. */
  public static final int DEFAULT_CHECKPOINT_EVERY = 10_000;

  /** Default {@link #checkpointInterval}: 10 seconds. */
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

  /** Default {@link #queueCapacity}. */
  public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

  /** Checks the values. */
  public AuditConfig {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(forceInterval, "forceInterval");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(clock, "clock");
    if (maxFileBytes < 1024) {
      throw new IllegalArgumentException("maxFileBytes must be at least 1024: " + maxFileBytes);
    }
    if (forceInterval.isNegative()) {
      throw new IllegalArgumentException("forceInterval must not be negative: " + forceInterval);
    }
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("checkpointEvery must be positive: " + checkpointEvery);
    }
    if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
      throw new IllegalArgumentException(
          "checkpointInterval must be positive: " + checkpointInterval);
    }
    if (queueCapacity < 16) {
      throw new IllegalArgumentException("queueCapacity must be at least 16: " + queueCapacity);
    }
    Path dir = directory.toAbsolutePath().normalize();
    Path key = keyFile.toAbsolutePath().normalize();
    if (key.startsWith(dir)) {
      throw new IllegalArgumentException(
          "the audit key " + keyFile + " must be kept outside the log directory " + directory);
    }
  }

  /** The defaults for a log in {@code directory} with its key in {@code keyFile}. */
  public static AuditConfig defaults(Path directory, Path keyFile) {
    return new AuditConfig(
        directory,
        keyFile,
        DEFAULT_MAX_FILE_BYTES,
        DEFAULT_FORCE_INTERVAL,
        DEFAULT_CHECKPOINT_EVERY,
        DEFAULT_CHECKPOINT_INTERVAL,
        DEFAULT_QUEUE_CAPACITY,
        Clock.systemUTC());
  }

  /**
   * The usual key file of a log directory: {@code <dir>.key} next to it (e.g. {@code audit.key}
   * beside {@code audit/}).
   */
  public static Path defaultKeyFile(Path directory) {
    Path abs = directory.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + ".key");
  }

  /**
   * Where the log keeps its latest checkpoint, outside the directory: {@code <keyFile>.anchor}. The
   * verifier uses it to detect a log cut back to before that checkpoint.
   */
  public Path anchorFile() {
    return anchorFileOf(keyFile);
  }

  /** The anchor file that belongs to a key file. */
  public static Path anchorFileOf(Path keyFile) {
    Path abs = keyFile.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + ".anchor");
  }

  /** With another maximum file size. */
  public AuditConfig withMaxFileBytes(long bytes) {
    return new AuditConfig(
        directory,
        keyFile,
        bytes,
        forceInterval,
        checkpointEvery,
        checkpointInterval,
        queueCapacity,
        clock);
  }

  /** With another force interval. */
  public AuditConfig withForceInterval(Duration interval) {
    return new AuditConfig(
        directory,
        keyFile,
        maxFileBytes,
        interval,
        checkpointEvery,
        checkpointInterval,
        queueCapacity,
        clock);
  }

  /** With other checkpoint triggers. */
  public AuditConfig withCheckpoints(int every, Duration interval) {
    return new AuditConfig(
        directory, keyFile, maxFileBytes, forceInterval, every, interval, queueCapacity, clock);
  }

  /** With another queue capacity. */
  public AuditConfig withQueueCapacity(int capacity) {
    return new AuditConfig(
        directory,
        keyFile,
        maxFileBytes,
        forceInterval,
        checkpointEvery,
        checkpointInterval,
        capacity,
        clock);
  }

  /** With another clock. */
  public AuditConfig withClock(Clock newClock) {
    return new AuditConfig(
        directory,
        keyFile,
        maxFileBytes,
        forceInterval,
        checkpointEvery,
        checkpointInterval,
        queueCapacity,
        newClock);
  }
}
