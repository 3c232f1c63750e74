package dev.console3270.testing;

import dev.console3270.protocol.trace.TraceFile;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * s3270 as an oracle: replays a trace to it (with the trace's model and code page) and returns what
 * it shows at the end.
 *
 * <p>After the replay server has sent the last host burst (and read or timed out on the recorded
 * replies), the oracle polls {@code Ascii()} every 250 ms until two consecutive screens agree, so
 * that s3270 has surely processed everything: {@code Wait(Output)} would hang when the last burst
 * changes nothing.
 */
public final class Oracle {

  private static final Pattern DBCS_NAME = Pattern.compile("s3270__(93\\d)\\.trc");

  private static final Pattern CODEPAGE_COMMENT = Pattern.compile("(?m)^// codepage (\\S+)");

  /**
   * The outcome of one replay.
   *
   * @param model the model s3270 ran as (null: its default)
   * @param codePage the code page s3270 ran with (null: its default, bracket)
   * @param connectionState {@code Query(ConnectionState)} at the end, e.g. {@code connected-3270},
   *     {@code connected-tn3270e}, {@code connected-nvt}, {@code not-connected}
   * @param formatted status field 2 was {@code F}
   * @param screen the final {@code Ascii()} rows
   * @param exchanges what s3270 sent where the trace has emulator bytes
   * @param error why the replay failed, or null
   */
  public record Result(
      String model,
      String codePage,
      String connectionState,
      boolean formatted,
      List<String> screen,
      List<TraceReplayServer.Exchange> exchanges,
      String error) {

    /** True when s3270 is in 3270 mode (TN3270 or TN3270E). */
    public boolean in3270() {
      return connectionState.equals("connected-3270")
          || connectionState.equals("connected-tn3270e");
    }

    /** True when some screen row has a non-blank character. */
    public boolean hasText() {
      return screen.stream().anyMatch(r -> !r.isBlank());
    }

    /** How many recorded emulator replies s3270 reproduced exactly. */
    public long matchingExchanges() {
      return exchanges.stream().filter(TraceReplayServer.Exchange::matches).count();
    }
  }

  private Oracle() {}

  /** Replays a trace to s3270 and returns its final {@code Ascii()} rows. */
  public static List<String> finalScreen(TraceFile trace) throws IOException {
    Result r = replay(trace, codePageOf(trace, ""));
    if (r.error() != null) {
      throw new IOException(r.error());
    }
    return r.screen();
  }

  /**
   * Replays a corpus trace by name, taking the code page from a {@code // codepage} comment too.
   */
  public static Result replay(String traceName) throws IOException {
    String text = Conformance.text(traceName);
    TraceFile trace = TraceFile.parse(text);
    String codePage = codePageOf(trace, text);
    Matcher dbcs = DBCS_NAME.matcher(traceName);
    if (codePage == null && dbcs.matches()) {
      // s3270__930/935/937.trc name their page only in the screen text.
      codePage = "cp" + dbcs.group(1);
    }
    return replay(trace, codePage);
  }

  private static String codePageOf(TraceFile trace, String text) {
    if (trace.codePage() != null) {
      return trace.codePage();
    }
    Matcher m = CODEPAGE_COMMENT.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** The s3270 model option for a trace: its header's, else one that fits its size, else null. */
  public static String modelOf(TraceFile trace) {
    if (trace.model() != null) {
      return trace.model().replaceAll(":.*", "");
    }
    int rows = trace.rows();
    int cols = trace.cols() == 0 ? 80 : trace.cols();
    if (cols == 132) {
      return "3279-5-E";
    }
    return switch (rows) {
      case 24 -> "3279-2-E";
      case 32 -> "3279-3-E";
      case 43 -> "3279-4-E";
      default -> null;
    };
  }

  /** The {@code -oversize} option when the trace's size is not its model's standard size. */
  private static List<String> oversize(String model, TraceFile trace) {
    if (model == null || trace.rows() == 0) {
      return List.of();
    }
    int cols = trace.cols() == 0 ? 80 : trace.cols();
    int n = model.charAt(5) - '0';
    int stdRows =
        switch (n) {
          case 3 -> 32;
          case 4 -> 43;
          case 5 -> 27;
          default -> 24;
        };
    int stdCols = n == 5 ? 132 : 80;
    if (trace.rows() == stdRows && cols == stdCols) {
      return List.of();
    }
    return List.of("-oversize", cols + "x" + trace.rows());
  }

  /** Replays a trace to s3270 with a given code page (null: s3270's default). */
  public static Result replay(TraceFile trace, String codePage) throws IOException {
    return replay(trace, modelOf(trace), codePage);
  }

  /** Replays a trace to s3270 as a given model (null: s3270's default) and code page. */
  public static Result replay(TraceFile trace, String model, String codePage) throws IOException {
    List<String> extra = new ArrayList<>(oversize(model, trace));
    try (TraceReplayServer server = new TraceReplayServer(trace, Duration.ofMillis(1500));
        S3270 s3270 = S3270.start(model, codePage, extra.toArray(String[]::new))) {
      // Connect() answers only when negotiation completes, which some traces never do: send it,
      // replay, then give it a few seconds.
      String connect = "Connect(127.0.0.1:" + server.port() + ")";
      s3270.send(connect);
      server.awaitAllSent(Duration.ofSeconds(60));
      S3270.Reply reply;
      try {
        reply = s3270.awaitReply(connect, Duration.ofSeconds(5));
      } catch (IOException e) {
        return new Result(
            model,
            codePage,
            "negotiation-incomplete",
            false,
            List.of(),
            server.exchanges(),
            "Connect() never completed: " + e.getMessage());
      }
      if (!reply.ok()) {
        return new Result(
            model,
            codePage,
            "not-connected",
            false,
            List.of(),
            server.exchanges(),
            "Connect failed: " + String.join(" ", reply.data()));
      }
      List<String> screen = settle(s3270);
      S3270.Reply last = s3270.runOk("Ascii()");
      String state = s3270.query("ConnectionState");
      return new Result(model, codePage, state, last.formatted(), screen, server.exchanges(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static List<String> settle(S3270 s3270) throws IOException, InterruptedException {
    List<String> previous = s3270.ascii();
    for (int i = 0; i < 20; i++) {
      Thread.sleep(250);
      List<String> now = s3270.ascii();
      if (now.equals(previous)) {
        return now;
      }
      previous = now;
    }
    return previous;
  }
}
