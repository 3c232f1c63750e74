package dev.console3270.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Random access to the records of an audit directory without loading them: an index of where each
 * line starts, built by scanning the files for line ends (fast: a few hundred MB a second) and
 * extended by {@link #refresh} as the log grows. A viewer pages through millions of records by
 * asking for {@link #record(int)} of the rows it shows. Read-only: it never writes the log.
 */
public final class AuditIndex implements AutoCloseable {

  /** One record as the index reads it. */
  public record Entry(
      int index, Path file, long offset, AuditEvent event, String raw, String problem) {}

  private final Path dir;
  private final List<Path> files = new ArrayList<>();
  private final List<FileChannel> channels = new ArrayList<>();

  /** Per line: file number in the high 16 bits, offset in the low 48. */
  private long[] starts = new long[1024];

  private int size;

  /** Per file: how far it has been scanned (the start of its first incomplete line). */
  private final List<Long> scanned = new ArrayList<>();

  private AuditIndex(Path dir) {
    this.dir = dir;
  }

  /** Indexes every live file of a directory. */
  public static AuditIndex open(Path dir) throws IOException {
    AuditIndex index = new AuditIndex(dir);
    index.refresh();
    return index;
  }

  /** The directory. */
  public Path directory() {
    return dir;
  }

  /** The number of complete records indexed. */
  public synchronized int size() {
    return size;
  }

  /**
   * Indexes what was appended since the last call (new lines and new files); returns the new size.
   */
  public synchronized int refresh() throws IOException {
    List<AuditFiles.Name> names = AuditFiles.list(dir);
    for (AuditFiles.Name n : names) {
      if (!files.contains(n.path())) {
        files.add(n.path());
        channels.add(FileChannel.open(n.path(), StandardOpenOption.READ));
        scanned.add(0L);
      }
    }
    for (int f = 0; f < files.size(); f++) {
      if (scanned.get(f) < channels.get(f).size()) {
        scan(f, scanned.get(f));
      }
    }
    return size;
  }

  private void scan(int fileNo, long from) throws IOException {
    FileChannel ch = channels.get(fileNo);
    long end = ch.size();
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    long pos = from;
    long lineStart = from;
    byte[] chunk = new byte[1 << 20];
    while (pos < end) {
      buf.clear();
      int n = ch.read(buf, pos);
      if (n <= 0) {
        break;
      }
      buf.flip();
      buf.get(chunk, 0, n);
      for (int i = 0; i < n; i++) {
        if (chunk[i] == '\n') {
          add(fileNo, lineStart);
          lineStart = pos + i + 1;
        }
      }
      pos += n;
    }
    scanned.set(fileNo, lineStart); // an incomplete last line is left for the next refresh
  }

  private void add(int fileNo, long offset) {
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, starts.length * 2);
    }
    starts[size++] = ((long) fileNo << 48) | offset;
  }

  /**
   * The record at an index (0 is the oldest).
   *
   * @throws IndexOutOfBoundsException outside {@code [0, size())}
   * @throws IOException when the file cannot be read
   */
  public synchronized Entry record(int index) throws IOException {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index + " of " + size);
    }
    int fileNo = (int) (starts[index] >>> 48);
    long offset = starts[index] & 0xffff_ffff_ffffL;
    long end;
    if (index + 1 < size && (int) (starts[index + 1] >>> 48) == fileNo) {
      end = (starts[index + 1] & 0xffff_ffff_ffffL) - 1;
    } else {
      end = findEnd(fileNo, offset);
    }
    int len = (int) Math.min(AuditCodec.MAX_LINE, end - offset);
    ByteBuffer buf = ByteBuffer.allocate(len);
    FileChannel ch = channels.get(fileNo);
    while (buf.hasRemaining()) {
      if (ch.read(buf, offset + buf.position()) < 0) {
        break;
      }
    }
    byte[] line = buf.array();
    String raw = new String(line, 0, buf.position(), java.nio.charset.StandardCharsets.UTF_8);
    AuditEvent event = null;
    String problem = null;
    try {
      event = AuditCodec.decode(line, 0, buf.position()).event();
    } catch (AuditCodec.MalformedRecordException e) {
      problem = e.getMessage();
    }
    return new Entry(index, files.get(fileNo), offset, event, raw, problem);
  }

  private long findEnd(int fileNo, long offset) throws IOException {
    FileChannel ch = channels.get(fileNo);
    ByteBuffer b = ByteBuffer.allocate(4096);
    long pos = offset;
    while (true) {
      b.clear();
      int n = ch.read(b, pos);
      if (n <= 0) {
        return pos;
      }
      for (int i = 0; i < n; i++) {
        if (b.get(i) == '\n') {
          return pos + i;
        }
      }
      pos += n;
    }
  }

  /** The index of the first record with this sequence number or later, if any (binary search). */
  public synchronized Optional<Integer> indexOfSeq(long seq) throws IOException {
    int lo = 0;
    int hi = size - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      AuditEvent e = record(mid).event();
      long s = e == null ? Long.MAX_VALUE : e.seq();
      if (s >= seq) {
        found = mid;
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    return found < 0 ? Optional.empty() : Optional.of(found);
  }

  @Override
  public synchronized void close() throws IOException {
    for (FileChannel c : channels) {
      c.close();
    }
    channels.clear();
  }
}
