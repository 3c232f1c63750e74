package dev.console3270.audit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Verifies an audit directory: reads the live files in chain order and checks, record by record,
 * that each line is a canonical record, that the seqs run on without a gap (1 first), that each
 * {@code prev} is the SHA-256 of the line before it (all zeros first), and that each CHECKPOINT's
 * HMAC is valid under the key. It stops at the first bad record.
 *
 * <p><b>Truncation.</b> The chain alone cannot show that records were cut from the end, and anyone
 * can recompute a hash chain; only checkpoints are authenticated. So:
 *
 * <ul>
 *   <li>A log that ends before the checkpoint recorded in the anchor file (kept beside the key,
 *       outside the directory) FAILS with {@link Reason#TRUNCATED}; so does a last line without its
 *       LF (a crash mid-write that the log has not yet recovered), and a directory with no files.
 *   <li>A log whose last record is not a checkpoint PASSES with a warning: the records after the
 *       last checkpoint cannot be authenticated (normal after a crash; the next open adds a
 *       checkpoint that covers them, but a cut or forged tail looks the same).
 *   <li>A log without any checkpoint FAILS ({@link Reason#BAD_CHECKPOINT}): nothing in it is
 *       authenticated. A missing anchor file gives a warning.
 * </ul>
 *
 * <p>Files set aside by crash recovery are listed as warnings. The directory should not be written
 * while it is verified (the anchor is read first, so a live log is consistent up to its last
 * complete line).
 *
 * <p><b>Archives.</b> Given an {@link ArchiveStore}, the archives in its index and the tombstones
 * of deleted archives are taken in seq order before the live files: each archive is decrypted and
 * authenticated, its records verified like a live file's, and its header's chain heads checked
 * against them; a tombstone (its MAC checked under the master key) lets the chain continue across
 * the deleted records, is reported as an expected gap, and the RETENTION event it names must be in
 * the chain with the same heads. A live file that is also archived (retention interrupted before
 * removing it) must equal its archive and is not read twice. A gap between archives with no
 * tombstone fails with {@link Reason#MISSING_ARCHIVE}; an archive that does not decrypt,
 * authenticate or match its heads fails with {@link Reason#BAD_ARCHIVE}.
 */
public final class AuditVerifier {

  /** Why verification failed. */
  public enum Reason {
    /** A record's {@code prev} is not the hash of the line before it. */
    HASH_MISMATCH,
    /** A record's seq is not the one after its predecessor (records deleted or inserted). */
    SEQUENCE_GAP,
    /** A checkpoint (or the anchor) does not verify under the key, or there is none. */
    BAD_CHECKPOINT,
    /** The log ends too early: before the anchored checkpoint, or inside a line. */
    TRUNCATED,
    /** A line is not a canonical audit record. */
    MALFORMED,
    /** Records are missing between archives (or before the live files) without a tombstone. */
    MISSING_ARCHIVE,
    /**
     * An archive does not decrypt or authenticate (changed, damaged, key missing), its header does
     * not match its records, or a tombstone or its RETENTION event does not verify.
     */
    BAD_ARCHIVE
  }

  /**
   * The first bad record.
   *
   * @param reason why
   * @param file the file it is in
   * @param offset its byte offset in that file
   * @param seq its seq as written, or the seq expected there when it cannot be read
   * @param expected what the verifier expected (a hash, a seq), or empty
   * @param actual what it found, or empty
   * @param message an explanation
   */
  public record Failure(
      Reason reason,
      Path file,
      long offset,
      long seq,
      String expected,
      String actual,
      String message) {}

  /**
   * What verification found.
   *
   * @param passed whether every check passed
   * @param firstSeq the first verified seq (0 if none)
   * @param lastSeq the last verified seq: of the log on PASS, before the failure on FAIL
   * @param records how many records were verified
   * @param checkpoints how many checkpoints verified
   * @param files the files read, in order
   * @param failure the first bad record, on FAIL
   * @param warnings what passed but deserves attention
   */
  public record Result(
      boolean passed,
      long firstSeq,
      long lastSeq,
      long records,
      long checkpoints,
      List<Path> files,
      Optional<Failure> failure,
      List<String> warnings) {

    /** The report: first line {@code PASS} or {@code FAIL}, then details, one fact a line. */
    public List<String> report() {
      List<String> lines = new ArrayList<>();
      lines.add(passed ? "PASS" : "FAIL");
      failure.ifPresent(
          f -> {
            lines.add(
                f.reason()
                    + " in "
                    + f.file().getFileName()
                    + " at byte offset "
                    + f.offset()
                    + ", seq "
                    + f.seq());
            lines.add(f.message());
            if (!f.expected().isEmpty() || !f.actual().isEmpty()) {
              lines.add("expected: " + f.expected());
              lines.add("actual:   " + f.actual());
            }
          });
      String range =
          records == 0
              ? "no records verified"
              : "seq " + firstSeq + " to " + lastSeq + " (" + records + " records)";
      lines.add(
          (passed ? "verified " : "verified before the failure: ")
              + range
              + ", "
              + checkpoints
              + (checkpoints == 1 ? " checkpoint, " : " checkpoints, ")
              + files.size()
              + (files.size() == 1 ? " file" : " files"));
      for (Path f : files) {
        lines.add("  " + f.getFileName());
      }
      for (String w : warnings) {
        lines.add("warning: " + w);
      }
      return lines;
    }
  }

  private final AuditKey key;
  private final Optional<Path> anchorFile;
  private final Optional<ArchiveStore> archives;
  private final Map<Long, ArchiveTombstone> pendingEvents = new TreeMap<>();

  // State of one run.
  private final MessageDigest sha = AuditCodec.sha256();
  private final List<Path> files = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private long expectedSeq = 1;
  private String expectedPrev = AuditCodec.GENESIS;
  private long firstSeq;
  private long records;
  private long checkpoints;
  private long lastCheckpointSeq = -1;
  private AuditType lastType;
  private Path previousFile;
  private long previousOffset = -1;
  private AuditAnchor anchor;

  private AuditVerifier(AuditKey key, Optional<Path> anchorFile, Optional<ArchiveStore> archives) {
    this.key = key;
    this.anchorFile = anchorFile;
    this.archives = archives;
  }

  /**
   * Verifies {@code directory} with {@code key} and the anchor file that belongs to {@code keyFile}
   * (see {@link AuditConfig#anchorFileOf}); when the archive master key of the default layout
   * ({@link ArchiveConfig#defaults}) exists, its archives are verified too.
   *
   * @throws IOException if the key, the anchor or a file cannot be read
   */
  public static Result verify(Path directory, Path keyFile) throws IOException {
    ArchiveConfig ac = ArchiveConfig.defaults(directory);
    Optional<ArchiveStore> store =
        Files.exists(ac.masterKeyFile())
            ? Optional.of(ArchiveStore.openExisting(ac))
            : Optional.empty();
    return verify(
        directory, AuditKey.load(keyFile), Optional.of(AuditConfig.anchorFileOf(keyFile)), store);
  }

  /**
   * Verifies the archives of {@code archives} (see the class comment), then the live files of
   * {@code directory}.
   *
   * @throws IOException if the anchor, the key index or a file cannot be read
   */
  public static Result verify(
      Path directory, AuditKey key, Optional<Path> anchorFile, Optional<ArchiveStore> archives)
      throws IOException {
    return new AuditVerifier(key, anchorFile, archives).run(directory);
  }

  /**
   * Verifies {@code directory}; {@code anchorFile}, when given and present, must not be ahead of
   * the log.
   *
   * @throws IOException if the anchor or a file cannot be read
   */
  public static Result verify(Path directory, AuditKey key, Optional<Path> anchorFile)
      throws IOException {
    return new AuditVerifier(key, anchorFile, Optional.empty()).run(directory);
  }

  private Result run(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IOException("not a directory: " + directory);
    }
    Optional<Failure> anchorFailure = readAnchor();
    if (anchorFailure.isPresent()) {
      return result(anchorFailure);
    }
    List<AuditFiles.Name> names = new ArrayList<>(AuditFiles.list(directory));
    Map<String, ArchiveHeader> covered = new HashMap<>();
    if (archives.isPresent()) {
      Optional<Failure> f = verifyArchives(archives.get(), names, covered);
      if (f.isPresent()) {
        return result(f);
      }
    } else if (Files.isDirectory(ArchiveConfig.defaults(directory).archiveDirectory())) {
      warnings.add(
          "archives in "
              + ArchiveConfig.defaults(directory).archiveDirectory()
              + " were not verified (no archive master key given)");
    }
    List<AuditFiles.Name> live = new ArrayList<>();
    for (AuditFiles.Name name : names) {
      ArchiveHeader h = covered.get(name.path().getFileName().toString());
      if (h == null) {
        live.add(name);
        continue;
      }
      String sha =
          HexFormat.of().formatHex(AuditCodec.sha256().digest(Files.readAllBytes(name.path())));
      if (!sha.equals(h.sha256())) {
        return result(
            Optional.of(
                new Failure(
                    Reason.BAD_ARCHIVE,
                    name.path(),
                    0,
                    h.firstSeq(),
                    h.sha256(),
                    sha,
                    "the log file differs from its archive "
                        + h.name()
                        + ": one of them was changed")));
      }
      warnings.add(
          name.path().getFileName()
              + " is also archived in "
              + h.name()
              + " (identical; retention was interrupted before removing it, its next run does)");
    }
    names = live;
    for (Path torn : AuditFiles.torn(directory)) {
      warnings.add(
          "set aside by crash recovery: "
              + torn.getFileName()
              + " ("
              + Files.size(torn)
              + " bytes, not part of the chain)");
    }
    if (names.isEmpty() && files.isEmpty()) {
      return result(
          Optional.of(
              new Failure(
                  Reason.TRUNCATED,
                  directory,
                  0,
                  anchor == null ? 1 : anchor.seq(),
                  "",
                  "",
                  "no audit files (audit-YYYYMMDD-NNN.jsonl) in " + directory)));
    }
    for (AuditFiles.Name name : names) {
      files.add(name.path());
      Optional<Failure> f = verifyFile(name.path());
      if (f.isPresent()) {
        return result(f);
      }
    }
    Path lastFile = files.get(files.size() - 1);
    if (anchor != null && expectedSeq - 1 < anchor.seq()) {
      return result(
          Optional.of(
              new Failure(
                  Reason.TRUNCATED,
                  lastFile,
                  Files.size(lastFile),
                  expectedSeq,
                  "records up to seq " + anchor.seq(),
                  records == 0 ? "no records" : "records up to seq " + (expectedSeq - 1),
                  "the log ends before the checkpoint seq "
                      + anchor.seq()
                      + " recorded in the anchor: records were removed from the end")));
    }
    if (!pendingEvents.isEmpty()) {
      Map.Entry<Long, ArchiveTombstone> p = pendingEvents.entrySet().iterator().next();
      return result(
          Optional.of(
              new Failure(
                  Reason.BAD_ARCHIVE,
                  lastFile,
                  Files.size(lastFile),
                  p.getKey(),
                  "RETENTION event seq " + p.getKey(),
                  records == 0 ? "no records" : "records up to seq " + (expectedSeq - 1),
                  "the tombstone of "
                      + p.getValue().header().name()
                      + " names a RETENTION event the log does not hold")));
    }
    if (checkpoints == 0) {
      return result(
          Optional.of(
              new Failure(
                  Reason.BAD_CHECKPOINT,
                  lastFile,
                  Files.size(lastFile),
                  expectedSeq,
                  "",
                  "",
                  "the log holds no checkpoint: none of it is authenticated")));
    }
    if (lastType != AuditType.CHECKPOINT) {
      warnings.add(
          "the tail after the last checkpoint cannot be authenticated: seq "
              + (lastCheckpointSeq + 1)
              + " to "
              + (expectedSeq - 1)
              + " (the log was not closed cleanly, or its tail was cut or replaced; opening it"
              + " adds a checkpoint)");
    }
    return result(Optional.empty());
  }

  private Optional<Failure> readAnchor() throws IOException {
    if (anchorFile.isEmpty()) {
      warnings.add("no anchor file given: a log cut back by whole checkpoints is not detected");
      return Optional.empty();
    }
    Path file = anchorFile.get();
    Optional<AuditAnchor> read = AuditAnchor.read(file);
    if (read.isEmpty()) {
      warnings.add(
          "no anchor file " + file + ": a log cut back by whole checkpoints is not detected");
      return Optional.empty();
    }
    anchor = read.get();
    if (!key.verify(
        AuditCodec.checkpointMacInput(anchor.seq(), anchor.time(), anchor.head()), anchor.mac())) {
      return Optional.of(
          new Failure(
              Reason.BAD_CHECKPOINT,
              file,
              0,
              anchor.seq(),
              "",
              anchor.mac(),
              "the anchor's MAC does not verify under key " + key.id()));
    }
    return Optional.empty();
  }

  private Result result(Optional<Failure> failure) {
    long last = expectedSeq - 1;
    long count = records;
    if (failure.isPresent() && failure.get().reason() == Reason.HASH_MISMATCH && count > 0) {
      // The record before the mismatch may be the changed one: it is not verified either.
      last--;
      count--;
    }
    return new Result(
        failure.isEmpty(),
        count == 0 ? 0 : firstSeq,
        count == 0 ? 0 : last,
        count,
        checkpoints,
        List.copyOf(files),
        failure,
        List.copyOf(warnings));
  }

  private Optional<Failure> verifyFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return verifyStream(file, in);
    }
  }

  private Optional<Failure> verifyStream(Path file, InputStream in) throws IOException {
    {
      byte[] chunk = new byte[1 << 16];
      byte[] lineBuf = new byte[4096];
      int len = 0;
      long offset = 0; // of chunk[0]
      long lineStart = 0;
      int n;
      while ((n = in.read(chunk)) > 0) {
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] != '\n') {
            continue;
          }
          int piece = i - from;
          if (len + piece > AuditCodec.MAX_LINE) {
            return Optional.of(tooLong(file, lineStart));
          }
          Optional<Failure> f;
          if (len == 0) {
            f = verifyLine(file, lineStart, chunk, from, piece);
          } else {
            lineBuf = append(lineBuf, len, chunk, from, piece);
            len += piece;
            f = verifyLine(file, lineStart, lineBuf, 0, len);
          }
          if (f.isPresent()) {
            return f;
          }
          len = 0;
          from = i + 1;
          lineStart = offset + from;
        }
        int rest = n - from;
        if (len + rest > AuditCodec.MAX_LINE) {
          return Optional.of(tooLong(file, lineStart));
        }
        lineBuf = append(lineBuf, len, chunk, from, rest);
        len += rest;
        offset += n;
      }
      if (len > 0) {
        return Optional.of(
            new Failure(
                Reason.TRUNCATED,
                file,
                lineStart,
                expectedSeq,
                "",
                "",
                "the last line ("
                    + len
                    + " bytes) is incomplete: the writer stopped mid-write; opening the log"
                    + " moves it aside"));
      }
      return Optional.empty();
    }
  }

  private Failure tooLong(Path file, long lineStart) {
    return new Failure(
        Reason.MALFORMED,
        file,
        lineStart,
        expectedSeq,
        "",
        "",
        "line longer than " + AuditCodec.MAX_LINE + " bytes");
  }

  private static byte[] append(byte[] buf, int len, byte[] src, int from, int count) {
    byte[] out = buf;
    if (len + count > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, len + count));
    }
    System.arraycopy(src, from, out, len, count);
    return out;
  }

  private Optional<Failure> verifyLine(Path file, long offset, byte[] line, int off, int len) {
    AuditCodec.Decoded d;
    try {
      d = AuditCodec.decode(line, off, len);
    } catch (AuditCodec.MalformedRecordException e) {
      return Optional.of(
          new Failure(Reason.MALFORMED, file, offset, expectedSeq, "", "", e.getMessage()));
    }
    AuditEvent e = d.event();
    if (e.seq() != expectedSeq) {
      return Optional.of(
          new Failure(
              Reason.SEQUENCE_GAP,
              file,
              offset,
              e.seq(),
              Long.toString(expectedSeq),
              Long.toString(e.seq()),
              e.seq() > expectedSeq
                  ? "records " + expectedSeq + " to " + (e.seq() - 1) + " are missing"
                  : "seq " + e.seq() + " follows seq " + (expectedSeq - 1)));
    }
    if (!d.prev().equals(expectedPrev)) {
      String before =
          previousFile == null
              ? "the first record must hold the all-zero genesis hash"
              : "it is not the SHA-256 of the record before it (seq "
                  + (expectedSeq - 1)
                  + " at byte offset "
                  + previousOffset
                  + " in "
                  + previousFile.getFileName()
                  + "): that record or this one was changed";
      return Optional.of(
          new Failure(
              Reason.HASH_MISMATCH,
              file,
              offset,
              e.seq(),
              expectedPrev,
              d.prev(),
              "prev does not match: " + before));
    }
    ArchiveTombstone tomb = pendingEvents.remove(e.seq());
    if (tomb != null && !recordsDeletion(e, tomb.header())) {
      return Optional.of(
          new Failure(
              Reason.BAD_ARCHIVE,
              file,
              offset,
              e.seq(),
              "RETENTION action=delete archive=" + tomb.header().name(),
              e.type() + " " + e.details(),
              "the tombstone of "
                  + tomb.header().name()
                  + " names this record as its deletion event, but it does not record that"
                  + " deletion with the same chain heads"));
    }
    if (e.type() == AuditType.CHECKPOINT) {
      Optional<String> problem = checkpointProblem(e, d.prev());
      if (problem.isPresent()) {
        return Optional.of(
            new Failure(
                Reason.BAD_CHECKPOINT,
                file,
                offset,
                e.seq(),
                "",
                e.details().getOrDefault("mac", ""),
                problem.get()));
      }
      checkpoints++;
      lastCheckpointSeq = e.seq();
    } else if (anchor != null && e.seq() == anchor.seq()) {
      return Optional.of(
          new Failure(
              Reason.BAD_CHECKPOINT,
              file,
              offset,
              e.seq(),
              "CHECKPOINT",
              e.type().name(),
              "the anchor records a checkpoint at this seq, but the log holds another record"));
    }
    if (records == 0) {
      firstSeq = e.seq();
    }
    records++;
    lastType = e.type();
    expectedPrev = AuditCodec.hash(sha, line, off, len);
    expectedSeq = e.seq() + 1;
    previousFile = file;
    previousOffset = offset;
    return Optional.empty();
  }

  private static boolean recordsDeletion(AuditEvent e, ArchiveHeader h) {
    Map<String, String> d = e.details();
    return e.type() == AuditType.RETENTION
        && "delete".equals(d.get("action"))
        && h.name().equals(d.get("archive"))
        && Long.toString(h.firstSeq()).equals(d.get("firstSeq"))
        && Long.toString(h.lastSeq()).equals(d.get("lastSeq"))
        && h.firstPrev().equals(d.get("firstPrev"))
        && h.lastHash().equals(d.get("lastHash"));
  }

  private Optional<Failure> verifyArchives(
      ArchiveStore store, List<AuditFiles.Name> live, Map<String, ArchiveHeader> covered)
      throws IOException {
    ArchiveStore.Index index = store.readIndex();
    Path indexFile = store.config().indexFile();
    java.util.Set<String> liveNames = new java.util.HashSet<>();
    live.forEach(n -> liveNames.add(n.path().getFileName().toString()));
    java.util.Set<String> keyed = new java.util.HashSet<>();
    index.entries().forEach(e -> keyed.add(e.header().name()));
    java.util.Set<String> tombed = new java.util.HashSet<>();
    index.tombs().forEach(t -> tombed.add(t.tombstone().header().name()));
    for (Path p : store.archiveFiles()) {
      String n = p.getFileName().toString();
      if (keyed.contains(n)) {
        continue;
      }
      if (tombed.contains(n)) {
        warnings.add(
            n + " was deleted by retention (its key is destroyed) but the file is still there");
        continue;
      }
      return Optional.of(
          new Failure(
              Reason.BAD_ARCHIVE,
              p,
              0,
              expectedSeq,
              "",
              "",
              "the archive has no key in the index " + indexFile + ": it cannot be verified"));
    }
    List<Object> segments = new ArrayList<>(index.entries());
    segments.addAll(index.tombs());
    segments.sort(
        java.util.Comparator.comparingLong(
            o ->
                o instanceof ArchiveStore.Entry e
                    ? e.header().firstSeq()
                    : ((ArchiveStore.Tomb) o).tombstone().header().firstSeq()));
    for (Object seg : segments) {
      if (seg instanceof ArchiveStore.Tomb t) {
        ArchiveHeader h = t.tombstone().header();
        if (!store.tombstoneValid(t)) {
          return Optional.of(
              new Failure(
                  Reason.BAD_ARCHIVE,
                  indexFile,
                  0,
                  h.firstSeq(),
                  "",
                  t.mac(),
                  "the tombstone of " + h.name() + " does not verify under the master key"));
        }
        Optional<Failure> gap = gapBefore(indexFile, h, "the deleted archive " + h.name());
        if (gap.isPresent()) {
          return gap;
        }
        pendingEvents.keySet().removeIf(s -> s >= h.firstSeq() && s <= h.lastSeq());
        pendingEvents.put(t.tombstone().eventSeq(), t.tombstone());
        warnings.add(
            "expected gap: seq "
                + h.firstSeq()
                + " to "
                + h.lastSeq()
                + " ("
                + h.name()
                + ") deleted by retention at "
                + t.tombstone().deletedAt()
                + ", RETENTION event seq "
                + t.tombstone().eventSeq());
        expectedSeq = h.lastSeq() + 1;
        expectedPrev = h.lastHash();
        previousFile = indexFile;
        previousOffset = 0;
        continue;
      }
      ArchiveStore.Entry e = (ArchiveStore.Entry) seg;
      ArchiveHeader h = e.header();
      Path path = store.pathOf(h.name());
      if (!Files.exists(path)) {
        if (liveNames.containsAll(h.files())) {
          warnings.add(h.name() + " is in the index but not written; its log file is still live");
          continue;
        }
        return Optional.of(
            new Failure(
                Reason.MISSING_ARCHIVE,
                path,
                0,
                h.firstSeq(),
                "seq " + h.firstSeq() + " to " + h.lastSeq(),
                "no file",
                "the archive " + h.name() + " is missing and was not deleted by retention"));
      }
      files.add(path);
      byte[] plain;
      try {
        plain = store.read(e);
      } catch (IOException ex) {
        return Optional.of(
            new Failure(Reason.BAD_ARCHIVE, path, 0, h.firstSeq(), "", "", ex.getMessage()));
      }
      Optional<Failure> gap = gapBefore(path, h, "the archive " + h.name());
      if (gap.isPresent()) {
        return gap;
      }
      Optional<Failure> f = verifyStream(path, new ByteArrayInputStream(plain));
      if (f.isPresent()) {
        return f;
      }
      if (expectedSeq - 1 != h.lastSeq() || !expectedPrev.equals(h.lastHash())) {
        return Optional.of(
            new Failure(
                Reason.BAD_ARCHIVE,
                path,
                plain.length,
                expectedSeq - 1,
                h.lastSeq() + " " + h.lastHash(),
                (expectedSeq - 1) + " " + expectedPrev,
                "the archive's header does not match its last record"));
      }
      for (String n : h.files()) {
        covered.put(n, h);
      }
    }
    return Optional.empty();
  }

  private Optional<Failure> gapBefore(Path file, ArchiveHeader h, String what) {
    if (h.firstSeq() > expectedSeq) {
      return Optional.of(
          new Failure(
              Reason.MISSING_ARCHIVE,
              file,
              0,
              expectedSeq,
              Long.toString(expectedSeq),
              Long.toString(h.firstSeq()),
              "records "
                  + expectedSeq
                  + " to "
                  + (h.firstSeq() - 1)
                  + " are missing before "
                  + what
                  + ": an archive was removed without a retention tombstone"));
    }
    if (h.firstSeq() < expectedSeq) {
      return Optional.of(
          new Failure(
              Reason.SEQUENCE_GAP,
              file,
              0,
              h.firstSeq(),
              Long.toString(expectedSeq),
              Long.toString(h.firstSeq()),
              what + " starts at seq " + h.firstSeq() + ", inside records already verified"));
    }
    if (!h.firstPrev().equals(expectedPrev)) {
      return Optional.of(
          new Failure(
              Reason.HASH_MISMATCH,
              file,
              0,
              h.firstSeq(),
              expectedPrev,
              h.firstPrev(),
              what + " does not continue the chain: its first prev is not the hash before it"));
    }
    return Optional.empty();
  }

  private Optional<String> checkpointProblem(AuditEvent e, String prev) {
    Map<String, String> d = e.details();
    if (d.size() != 3 || !d.containsKey("head") || !d.containsKey("key") || !d.containsKey("mac")) {
      return Optional.of("a checkpoint's details must be exactly head, key and mac");
    }
    if (!d.get("head").equals(prev)) {
      return Optional.of("the checkpoint's head is not its prev");
    }
    if (!d.get("key").equals(key.id())) {
      return Optional.of(
          "the checkpoint was made with key " + d.get("key") + ", not with key " + key.id());
    }
    if (!key.verify(AuditCodec.checkpointMacInput(e.seq(), e.time(), prev), d.get("mac"))) {
      return Optional.of("the checkpoint's MAC does not verify under key " + key.id());
    }
    if (anchor != null && e.seq() == anchor.seq()) {
      if (!anchor.head().equals(prev)
          || !anchor.time().equals(e.time())
          || !anchor.mac().equals(d.get("mac"))) {
        return Optional.of("the checkpoint differs from the one recorded in the anchor");
      }
    }
    return Optional.empty();
  }
}
