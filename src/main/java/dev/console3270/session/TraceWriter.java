package dev.console3270.session;

import dev.console3270.audit.CardMasker;
import dev.console3270.audit.PrivateFiles;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.screen.ScreenSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a trace in x3270's format: a header naming the model, size and code page, {@code <
 * 0xOFFSET HEX} lines for bytes read from the host, {@code > 0xOFFSET HEX} lines for bytes sent to
 * it (32 bytes a line; the offset starts at 0 for each read or write, as x3270 does), and
 * annotation lines that start with a timestamp ({@code yyyyMMdd.HHmmss.SSS}, local time). {@link
 * dev.console3270.protocol.trace.TraceFile#parse} reads it back.
 *
 * <p>Lines are built whole in memory and handed to the file only as whole lines: when the buffer
 * passes 64 KiB, every second (a daemon timer), and at {@link #close()}. A crash can lose the last
 * second of trace but never leaves a half line.
 *
 * <p><b>Redaction.</b> With redaction on, the data of non-display fields in the records the client
 * sends is replaced by {@link TraceRedactor#MARKER} (lengths of the 3270 data kept). The client
 * bytes handed to {@link #clientBytes} are raw socket bytes, so the writer follows the client's
 * side of the telnet stream: negotiation commands ({@code IAC WILL/WONT/DO/DONT opt}, {@code IAC SB
 * ... IAC SE}, other {@code IAC x}) pass unchanged; data bytes up to {@code IAC EOR} form a record.
 * A record's data is un-doubled ({@code IAC IAC} is one X'FF'), redacted with {@link TraceRedactor}
 * against the screen passed with the call that started the record, and written doubled again, in
 * the original order with any commands inside it. Once the client has said {@code WILL EOR} or
 * {@code WILL TN3270E} (and not later {@code WONT}), a record split over several calls is held back
 * and written (as one {@code >} run) with the call that completes it; at close an unfinished record
 * is redacted as far as it goes and written. Before that (a trace started after the negotiation, or
 * plain NVT), data with no {@code IAC EOR} in the same call is written as it came: a session hands
 * each whole record ({@code TelnetCodec.sendRecord}) to one call, so records are still redacted
 * when the trace starts mid-session. The TN3270E header is assumed when the record starts with
 * X'00' (3270-DATA; no AID is X'00'), or while the client's last word on TN3270E was {@code WILL}
 * and the first byte is a data type (X'00'-X'08'). A redacted X'FF' data byte written as {@code IAC
 * IAC} becomes one marker byte, so that the record stays valid: that run is then one byte shorter
 * than what went over the wire.
 *
 * <p><b>Card numbers.</b> With card masking on (the default), card numbers in the data of both
 * directions are masked by an {@link EbcdicCardMasker} per direction (middle digits become EBCDIC
 * {@code *}, lengths kept) and annotation lines go through {@link CardMasker#mask}; masking applies
 * after redaction.
 *
 * <p>All methods are thread-safe and never throw: an I/O error is logged once and ends the trace.
 */
public final class TraceWriter implements TraceSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TraceWriter.class);

  /** Bytes per data line, as x3270 writes them. */
  public static final int BYTES_PER_LINE = 32;

  private static final int FLUSH_THRESHOLD = 64 * 1024;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd.HHmmss.SSS");

  private static final int IAC = 0xff;
  private static final int SB = 0xfa;
  private static final int SE = 0xf0;
  private static final int WILL = 0xfb;
  private static final int WONT = 0xfc;
  private static final int DO = 0xfd;
  private static final int DONT = 0xfe;
  private static final int EOR = 0xef;
  private static final int OPT_EOR = 0x19;
  private static final int OPT_TN3270E = 0x28;

  private static final int S_DATA = 0;
  private static final int S_IAC = 1;
  private static final int S_OPT = 2;
  private static final int S_SB = 3;
  private static final int S_SB_IAC = 4;

  /**
   * What the header says.
   *
   * @param version the product version for the Version line
   * @param model the model name as x3270 writes it (e.g. {@code 3279-4-E})
   * @param rows screen rows
   * @param cols screen columns
   * @param color a colour model
   * @param extended extended data stream
   * @param codePage the code page name (e.g. {@code bracket})
   * @param host the host connected to, or null
   * @param port its port (ignored without a host)
   */
  public record Header(
      String version,
      String model,
      int rows,
      int cols,
      boolean color,
      boolean extended,
      String codePage,
      String host,
      int port) {

    /** The header for a session profile, naming the product version the build recorded. */
    public static Header of(SessionProfile profile) {
      return of(profile, productVersion());
    }

    /** The header for a session profile (its model's alternate size is the size named). */
    public static Header of(SessionProfile profile, String version) {
      TerminalModel m = profile.model();
      return new Header(
          version,
          m.name(),
          m.altRows(),
          m.altCols(),
          m.color(),
          m.extended(),
          profile.codePage(),
          profile.host(),
          profile.port());
    }

    /** The version Maven wrote into the application's {@code version.properties}, or "unknown". */
    static String productVersion() {
      try (InputStream in =
          TraceWriter.class.getResourceAsStream("/dev/console3270/app/version.properties")) {
        if (in == null) {
          return "unknown";
        }
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }

    /** The header lines after the first (each starts with a space, as x3270's do). */
    String text(boolean redact) {
      return text(redact, false);
    }

    /** The header lines, with the card masking line when {@code maskCards}. */
    String text(boolean redact, boolean maskCards) {
      StringBuilder sb = new StringBuilder();
      sb.append(" Version: console3270 ").append(version).append('\n');
      sb.append(" Model ")
          .append(model)
          .append(", ")
          .append(rows)
          .append(" rows x ")
          .append(cols)
          .append(" cols, ")
          .append(color ? "color display" : "monochrome display")
          .append(", ")
          .append(extended ? "extended data stream" : "standard data stream")
          .append(", code page ")
          .append(codePage)
          .append('\n');
      if (host != null) {
        sb.append(" Connected to ").append(host).append(", port ").append(port).append('\n');
      }
      sb.append(" Redaction of non-display fields: ").append(redact ? "on" : "off").append('\n');
      if (maskCards) {
        sb.append(" Card number masking: on\n");
      }
      sb.append(" Data stream:\n");
      return sb.toString();
    }
  }

  private final OutputStream out;
  private final boolean redact;
  private final boolean maskCards;
  private final EbcdicCardMasker hostMasker = new EbcdicCardMasker(true);
  private final EbcdicCardMasker clientMasker = new EbcdicCardMasker(false);
  private final Clock clock;
  private final ScheduledExecutorService flusher;
  private final StringBuilder pending = new StringBuilder();
  private boolean closed;

  // The client's side of the telnet stream (used only when redacting).
  private int state = S_DATA;
  private int optCommand;
  private boolean clientEor;
  private boolean clientTn3270e;
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private final ByteArrayOutputStream record = new ByteArrayOutputStream();
  private int[] recordPositions = new int[256];
  private boolean[] recordDoubled = new boolean[256];
  private boolean inRecord;
  private ScreenSnapshot recordScreen;

  /**
   * Opens (creates or truncates, owner-only where POSIX permissions exist) {@code file} and writes
   * the header.
   *
   * @param redact replace the data of non-display fields in client records
   */
  public static TraceWriter open(Path file, Header header, boolean redact) throws IOException {
    return open(file, header, redact, true);
  }

  /**
   * Opens (creates or truncates) {@code file} and writes the header.
   *
   * @param redact replace the data of non-display fields in client records
   * @param maskCards mask card numbers in data and annotations
   */
  public static TraceWriter open(Path file, Header header, boolean redact, boolean maskCards)
      throws IOException {
    OutputStream os = Channels.newOutputStream(openOwnerOnly(file));
    return new TraceWriter(
        os, header, redact, maskCards, Clock.systemDefaultZone(), Duration.ofSeconds(1));
  }

  /**
   * Creates or truncates {@code file} readable and writable by its owner only ({@code rw-------})
   * where POSIX permissions exist: a new file is created so, an existing one has its permissions
   * set before anything is written.
   */
  private static FileChannel openOwnerOnly(Path file) throws IOException {
    FileChannel ch =
        PrivateFiles.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    try {
      PrivateFiles.restrict(file); // an existing file keeps its old bits else
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return ch;
  }

  /**
   * A writer over a stream (closed with the writer) that masks card numbers.
   *
   * @param clock the clock for timestamps (its zone is used)
   * @param flushInterval how often buffered lines go to the stream; zero for only at the 64 KiB
   *     threshold, {@link #flush()} and close
   */
  public TraceWriter(
      OutputStream out, Header header, boolean redact, Clock clock, Duration flushInterval) {
    this(out, header, redact, true, clock, flushInterval);
  }

  /**
   * A writer over a stream (closed with the writer).
   *
   * @param maskCards mask card numbers in data and annotations
   * @param clock the clock for timestamps (its zone is used)
   * @param flushInterval how often buffered lines go to the stream; zero for only at the 64 KiB
   *     threshold, {@link #flush()} and close
   */
  public TraceWriter(
      OutputStream out,
      Header header,
      boolean redact,
      boolean maskCards,
      Clock clock,
      Duration flushInterval) {
    this.out = out;
    this.redact = redact;
    this.maskCards = maskCards;
    this.clock = clock;
    pending
        .append(stamp())
        .append(" Trace started\n")
        .append(maskCards ? CardMasker.mask(header.text(redact, true)) : header.text(redact));
    if (flushInterval.isZero() || flushInterval.isNegative()) {
      flusher = null;
    } else {
      flusher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "trace-flush");
                t.setDaemon(true);
                return t;
              });
      long ms = Math.max(1, flushInterval.toMillis());
      flusher.scheduleWithFixedDelay(this::flush, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /** True when non-display data is redacted. */
  public boolean redacting() {
    return redact;
  }

  /** True when card numbers are masked. */
  public boolean maskingCards() {
    return maskCards;
  }

  @Override
  public synchronized void hostBytes(byte[] data, int off, int len) {
    if (closed || len <= 0) {
      return;
    }
    if (data == null || off < 0 || off > data.length - len) {
      LOG.warn("trace: hostBytes range {}+{} ignored", off, len);
      return;
    }
    note("Host socket read complete nr=" + len);
    if (maskCards) {
      dataLines('<', hostMasker.mask(data, off, len), 0, len);
    } else {
      dataLines('<', data, off, len);
    }
    maybeFlush();
  }

  @Override
  public synchronized void clientBytes(byte[] data, ScreenSnapshot screenBeforeSend) {
    if (closed || data == null || data.length == 0) {
      return;
    }
    if (!redact) {
      note("Sent " + data.length + " bytes");
      if (maskCards) {
        dataLines('>', clientMasker.mask(data, 0, data.length), 0, data.length);
      } else {
        dataLines('>', data, 0, data.length);
      }
      maybeFlush();
      return;
    }
    ByteArrayOutputStream now = new ByteArrayOutputStream(data.length + 8);
    int hidden = 0;
    for (byte value : data) {
      hidden += feedClient(value & 0xff, now, screenBeforeSend);
    }
    if (inRecord && !clientEor && !clientTn3270e) {
      // No IAC EOR in this write and no record framing agreed: NVT data, written as it came.
      now.write(held.toByteArray(), 0, held.size());
      held.reset();
      record.reset();
      inRecord = false;
      recordScreen = null;
    }
    writeClientRun(now, data.length, hidden);
  }

  private void writeClientRun(ByteArrayOutputStream now, int sent, int hidden) {
    if (now.size() > 0) {
      note(
          (sent > 0 ? "Sent " + sent + " bytes" : "Record without IAC EOR at close")
              + (hidden > 0 ? " (" + hidden + " bytes of non-display data redacted)" : ""));
      byte[] b = now.toByteArray();
      if (maskCards) {
        b = clientMasker.mask(b, 0, b.length);
      }
      dataLines('>', b, 0, b.length);
    }
    maybeFlush();
  }

  /** Feeds one client byte; returns how many data bytes were redacted (when a record ended). */
  private int feedClient(int b, ByteArrayOutputStream now, ScreenSnapshot screen) {
    switch (state) {
      case S_DATA -> {
        if (b == IAC) {
          state = S_IAC;
        } else {
          dataByte(b, false, now, screen);
        }
      }
      case S_IAC -> {
        state = S_DATA;
        if (b == IAC) {
          dataByte(b, true, now, screen);
        } else if (b == EOR) {
          raw(now, IAC, b);
          if (inRecord) {
            return endRecord(now);
          }
        } else if (b == WILL || b == WONT || b == DO || b == DONT) {
          raw(now, IAC, b);
          optCommand = b;
          state = S_OPT;
        } else if (b == SB) {
          raw(now, IAC, b);
          state = S_SB;
        } else {
          raw(now, IAC, b);
        }
      }
      case S_OPT -> {
        raw(now, b);
        if (optCommand == WILL || optCommand == WONT) {
          if (b == OPT_EOR) {
            clientEor = optCommand == WILL;
          } else if (b == OPT_TN3270E) {
            clientTn3270e = optCommand == WILL;
          }
        }
        state = S_DATA;
      }
      case S_SB -> {
        raw(now, b);
        if (b == IAC) {
          state = S_SB_IAC;
        }
      }
      default -> {
        raw(now, b);
        state = b == SE ? S_DATA : S_SB;
      }
    }
    return 0;
  }

  private void raw(ByteArrayOutputStream now, int... bytes) {
    ByteArrayOutputStream to = inRecord ? held : now;
    for (int b : bytes) {
      to.write(b);
    }
  }

  private void dataByte(int b, boolean doubled, ByteArrayOutputStream now, ScreenSnapshot screen) {
    if (!inRecord) {
      inRecord = true;
      recordScreen = screen;
    }
    int i = record.size();
    if (i == recordPositions.length) {
      recordPositions = Arrays.copyOf(recordPositions, i * 2);
      recordDoubled = Arrays.copyOf(recordDoubled, i * 2);
    }
    recordPositions[i] = held.size();
    recordDoubled[i] = doubled;
    record.write(b);
    held.write(b);
    if (doubled) {
      held.write(b);
    }
  }

  /** Writes the held record, redacted, to {@code now}; returns the count of bytes redacted. */
  private int endRecord(ByteArrayOutputStream now) {
    byte[] data = record.toByteArray();
    byte[] raw = held.toByteArray();
    boolean header =
        data.length > 0 && (clientTn3270e ? (data[0] & 0xff) <= 0x08 : data[0] == 0x00);
    byte[] red = TraceRedactor.redact(data, header, recordScreen);
    boolean[] skip = new boolean[raw.length];
    int hidden = 0;
    for (int i = 0; i < data.length; i++) {
      if (red[i] != data[i]) {
        hidden++;
        raw[recordPositions[i]] = red[i];
        if (recordDoubled[i]) {
          skip[recordPositions[i] + 1] = true;
        }
      }
    }
    for (int i = 0; i < raw.length; i++) {
      if (!skip[i]) {
        now.write(raw[i]);
      }
    }
    held.reset();
    record.reset();
    inRecord = false;
    recordScreen = null;
    return hidden;
  }

  @Override
  public synchronized void note(String line) {
    if (closed) {
      return;
    }
    String text = line == null ? "" : line.replace('\r', ' ').replace('\n', ' ');
    if (maskCards) {
      text = CardMasker.mask(text);
    }
    pending.append(stamp()).append(' ').append(text).append('\n');
    maybeFlush();
  }

  private void dataLines(char direction, byte[] data, int off, int len) {
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < len; i += BYTES_PER_LINE) {
      int n = Math.min(BYTES_PER_LINE, len - i);
      String offset = Integer.toHexString(i);
      pending.append(direction).append(" 0x").append(offset);
      for (int pad = offset.length(); pad < 3; pad++) {
        pending.append(' ');
      }
      pending.append(' ').append(hex.formatHex(data, off + i, off + i + n)).append('\n');
    }
  }

  private String stamp() {
    return LocalDateTime.now(clock).format(STAMP);
  }

  private void maybeFlush() {
    if (pending.length() >= FLUSH_THRESHOLD) {
      flush();
    }
  }

  /** Hands the buffered whole lines to the file. */
  public synchronized void flush() {
    if (pending.length() == 0 || out == null) {
      return;
    }
    byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
    pending.setLength(0);
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      fail(e);
    }
  }

  private void fail(IOException e) {
    if (!closed) {
      LOG.warn("trace stopped: cannot write: {}", e.toString());
    }
    closed = true;
    if (flusher != null) {
      flusher.shutdown();
    }
    try {
      out.close();
    } catch (IOException ignored) {
      // already reported
    }
  }

  /**
   * Writes any unfinished client record (redacted as far as it goes), a closing annotation and
   * everything buffered, then closes the file.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    if (inRecord) {
      ByteArrayOutputStream now = new ByteArrayOutputStream();
      int hidden = endRecord(now);
      writeClientRun(now, 0, hidden);
    }
    note("Trace stopped");
    flush();
    if (closed) {
      return;
    }
    closed = true;
    if (flusher != null) {
      flusher.shutdownNow();
    }
    try {
      out.close();
    } catch (IOException e) {
      LOG.warn("trace: cannot close: {}", e.toString());
    }
  }
}
