package dev.console3270.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * complete line). Archives are not read yet; they would be checked before the live files, with the
 * chain continuing from the archive's last record instead of the genesis.
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
    MALFORMED
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

  private AuditVerifier(AuditKey key, Optional<Path> anchorFile) {
    this.key = key;
    this.anchorFile = anchorFile;
  }

  /**
   * Verifies {@code directory} with {@code key} and the anchor file that belongs to {@code keyFile}
   * (see {@link AuditConfig#anchorFileOf}).
   *
   * @throws IOException if the key, the anchor or a file cannot be read
   */
  public static Result verify(Path directory, Path keyFile) throws IOException {
    return verify(
        directory, AuditKey.load(keyFile), Optional.of(AuditConfig.anchorFileOf(keyFile)));
  }

  /**
   * Verifies {@code directory}; {@code anchorFile}, when given and present, must not be ahead of
   * the log.
   *
   * @throws IOException if the anchor or a file cannot be read
   */
  public static Result verify(Path directory, AuditKey key, Optional<Path> anchorFile)
      throws IOException {
    return new AuditVerifier(key, anchorFile).run(directory);
  }

  private Result run(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IOException("not a directory: " + directory);
    }
    Optional<Failure> anchorFailure = readAnchor();
    if (anchorFailure.isPresent()) {
      return result(anchorFailure);
    }
    List<AuditFiles.Name> names = AuditFiles.list(directory);
    for (Path torn : AuditFiles.torn(directory)) {
      warnings.add(
          "set aside by crash recovery: "
              + torn.getFileName()
              + " ("
              + Files.size(torn)
              + " bytes, not part of the chain)");
    }
    if (names.isEmpty()) {
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
    Path lastFile = names.get(names.size() - 1).path();
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
