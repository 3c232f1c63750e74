package dev.console3270.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a {@link RetentionPolicy} to an audit directory. {@link #run()} does, in this order:
 *
 * <ol>
 *   <li><b>Archive.</b> Every closed log file (all but the newest) whose last record is older than
 *       {@link RetentionPolicy#archiveAfter()} is checked (canonical records, seqs and hashes chain
 *       inside it), written to an encrypted archive ({@link ArchiveStore}), read back and compared,
 *       its key recorded, and only then removed. A RETENTION event (details {@code action=archive})
 *       is appended to the log. Files are archived in chain order; the first failure stops the
 *       archiving step so archives always hold a prefix of the chain.
 *   <li><b>Delete.</b> Every archive whose last record is older than {@link
 *       RetentionPolicy#deleteAfter()} and that no legal hold covers is authenticated, a RETENTION
 *       event (details {@code action=delete}, archive, seq range, heads, reason) is appended and
 *       forced, then the archive is crypto-erased ({@link ArchiveStore}), leaving a tombstone that
 *       names that event's seq.
 * </ol>
 *
 * <p>An interrupted run leaves everything verifiable: an archive whose source file is still there
 * is checked against it and the source removed on the next run; an archive whose key is already
 * destroyed is removed on the next run.
 */
public final class AuditRetention {

  private static final HexFormat HEX = HexFormat.of();

  private final AuditConfig logConfig;
  private final ArchiveStore store;
  private final RetentionPolicy policy;
  private final AuditLog log;
  private final Clock clock;
  private final String user = System.getProperty("user.name", "");
  private final String origin = "pid:" + ProcessHandle.current().pid();
  private Runnable beforeSourceRemoval = () -> {};

  /**
   * A retention runner.
   *
   * @param logConfig the log's configuration (its directory and clock)
   * @param store the archives (see {@link ArchiveStore#open})
   * @param policy what to keep how long
   * @param log the open log that records what retention did (RETENTION events)
   */
  public AuditRetention(
      AuditConfig logConfig, ArchiveStore store, RetentionPolicy policy, AuditLog log) {
    this.logConfig = Objects.requireNonNull(logConfig, "logConfig");
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.log = Objects.requireNonNull(log, "log");
    this.clock = logConfig.clock();
    Path dir = logConfig.directory().toAbsolutePath().normalize();
    for (Path p : List.of(store.config().masterKeyFile(), store.config().indexFile())) {
      if (p.toAbsolutePath().normalize().startsWith(dir)) {
        throw new IllegalArgumentException(
            p + " must be kept outside the audit directory " + logConfig.directory());
      }
    }
  }

  /** For tests: runs just before a source file would be removed (may throw to simulate a crash). */
  void beforeSourceRemoval(Runnable hook) {
    this.beforeSourceRemoval = hook;
  }

  /**
   * Runs the policy once. Never throws for a problem with one file: it is listed in {@link
   * RetentionRun#errors()} and that file is left as it was.
   *
   * @throws InterruptedException if interrupted while waiting for a RETENTION event to be forced
   */
  public RetentionRun run() throws InterruptedException {
    List<String> archived = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    List<RetentionRun.Held> held = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Instant now = clock.instant();
    archive(now, archived, errors);
    delete(now, deleted, held, errors);
    return new RetentionRun(archived, deleted, held, errors);
  }

  // ---------------------------------------------------------------- archiving

  private void archive(Instant now, List<String> archived, List<String> errors) {
    List<AuditFiles.Name> files;
    List<ArchiveHeader> existing;
    try {
      files = AuditFiles.list(logConfig.directory());
      existing = store.archives();
    } catch (IOException e) {
      errors.add("cannot list " + logConfig.directory() + " or the archives: " + e.getMessage());
      return;
    }
    for (int i = 0; i < files.size() - 1; i++) {
      AuditFiles.Name f = files.get(i);
      String fileName = f.path().getFileName().toString();
      String name = ArchiveStore.archiveName(fileName);
      try {
        if (existing.stream().anyMatch(h -> h.name().equals(name))) {
          // An earlier run archived it but did not remove the source.
          finishInterrupted(f, name);
          continue;
        }
        if (f.day()
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC)
            .plus(policy.archiveAfter())
            .isAfter(now)) {
          break; // this file and all later ones are too young
        }
        byte[] bytes = Files.readAllBytes(f.path());
        if (bytes.length == 0) {
          continue;
        }
        ArchiveHeader h = scan(name, fileName, bytes);
        if (h.lastTime().plus(policy.archiveAfter()).isAfter(now)) {
          break;
        }
        store.write(h, bytes);
        beforeSourceRemoval.run();
        Files.delete(f.path());
        archived.add(fileName);
        Map<String, String> d = new LinkedHashMap<>();
        d.put("action", "archive");
        d.put("archive", name);
        d.put("file", fileName);
        d.put("firstSeq", Long.toString(h.firstSeq()));
        d.put("lastSeq", Long.toString(h.lastSeq()));
        d.put("sha256", h.sha256());
        log.append(event(name, d));
      } catch (IOException | RuntimeException e) {
        errors.add("archiving " + fileName + " failed (the file is kept): " + e.getMessage());
        return;
      }
    }
  }

  private void finishInterrupted(AuditFiles.Name f, String name) throws IOException {
    byte[] source = Files.readAllBytes(f.path());
    byte[] archived = store.read(name);
    if (!Arrays.equals(source, archived)) {
      throw new IOException(
          "the archive " + name + " differs from the log file still present; both kept");
    }
    beforeSourceRemoval.run();
    Files.delete(f.path());
  }

  /** Checks a closed file's records and returns its chain heads. */
  static ArchiveHeader scan(String name, String fileName, byte[] bytes) throws IOException {
    MessageDigest sha = AuditCodec.sha256();
    if (bytes[bytes.length - 1] != '\n') {
      throw new IOException(fileName + " ends inside a line");
    }
    long firstSeq = 0;
    long expected = -1;
    String firstPrev = null;
    String hash = null;
    Instant firstTime = null;
    Instant lastTime = null;
    long records = 0;
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      AuditCodec.Decoded d;
      try {
        d = AuditCodec.decode(bytes, start, i - start);
      } catch (AuditCodec.MalformedRecordException e) {
        throw new IOException(fileName + " at byte offset " + start + ": " + e.getMessage(), e);
      }
      if (records == 0) {
        firstSeq = d.event().seq();
        firstPrev = d.prev();
        firstTime = d.event().time();
      } else if (d.event().seq() != expected || !d.prev().equals(hash)) {
        throw new IOException(
            fileName + " at byte offset " + start + ": the chain is broken (seq or prev)");
      }
      hash = AuditCodec.hash(sha, bytes, start, i - start);
      expected = d.event().seq() + 1;
      lastTime = d.event().time();
      records++;
      start = i + 1;
    }
    return new ArchiveHeader(
        name,
        List.of(fileName),
        firstSeq,
        expected - 1,
        firstPrev,
        hash,
        firstTime,
        lastTime,
        records,
        HEX.formatHex(AuditCodec.sha256().digest(bytes)));
  }

  // ---------------------------------------------------------------- deletion

  private void delete(
      Instant now, List<String> deleted, List<RetentionRun.Held> held, List<String> errors)
      throws InterruptedException {
    ArchiveStore.Index index;
    try {
      index = store.readIndex();
      // Files whose key is already gone (an interrupted erase) are removed now.
      for (ArchiveStore.Tomb t : index.tombs()) {
        Files.deleteIfExists(store.pathOf(t.tombstone().header().name()));
      }
    } catch (IOException e) {
      errors.add("cannot read the archive index: " + e.getMessage());
      return;
    }
    for (ArchiveStore.Entry entry : index.entries()) {
      ArchiveHeader h = entry.header();
      if (h.lastTime().plus(policy.deleteAfter()).isAfter(now)) {
        continue;
      }
      List<LegalHold> holds = policy.holdsOn(h.firstDay(), h.lastDay());
      if (!holds.isEmpty()) {
        held.add(new RetentionRun.Held(h.name(), holds));
        continue;
      }
      try {
        if (!ArchiveStore.isOverwritten(entry)) {
          store.read(entry); // authenticates the heads the tombstone will carry
        }
        String reason =
            "retention expired: last record "
                + h.lastTime()
                + ", deleteAfter "
                + policy.deleteAfter()
                + ", no legal hold";
        Map<String, String> d = new LinkedHashMap<>();
        d.put("action", "delete");
        d.put("archive", h.name());
        d.put("files", String.join(",", h.files()));
        d.put("firstSeq", Long.toString(h.firstSeq()));
        d.put("lastSeq", Long.toString(h.lastSeq()));
        d.put("firstPrev", h.firstPrev());
        d.put("lastHash", h.lastHash());
        d.put("reason", reason);
        long seq = log.appendDurably(event(h.name(), d));
        store.erase(h.name(), seq, reason, now);
        deleted.add(h.name());
      } catch (IOException | RuntimeException e) {
        errors.add("deleting " + h.name() + " failed (it is kept): " + e.getMessage());
      }
    }
  }

  private AuditEvent event(String resource, Map<String, String> details) {
    return AuditEvent.of(
        clock, user, AuditType.RETENTION, AuditOutcome.SUCCESS, origin, resource, details);
  }
}
