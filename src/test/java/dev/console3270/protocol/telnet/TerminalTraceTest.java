package dev.console3270.protocol.telnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.ProtocolException;
import dev.console3270.protocol.Terminal;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.trace.TraceFile;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every trace of the corpus through the whole core ({@link Terminal}: codec, data stream, inbound
 * encoder, Query Replies): the host's bursts go in as a socket would deliver them, and each answer
 * the terminal gives on its own (negotiation, Query Replies, Read Buffer/Modified for a host read,
 * TN3270E responses) must equal what x3270 sent at that point, byte for byte, apart from the
 * documented capability differences (our RPQ Names; no DDM reply, as IND$FILE is not built yet).
 * Emulator bursts the terminal does not produce by itself are operator actions (keys typed), which
 * the trace does not record; they are counted, not compared.
 */
public class TerminalTraceTest {

  /**
   * Traces whose recorded answers come from capabilities we do not have yet, with the reason (see
   * docs/CONFORMANCE.md).
   */
  static final java.util.Map<String, String> EXPECTED_DIFFERENCES =
      java.util.Map.of(
          "s3270__ft-crash.trc", "IND$FILE DFT transfer data (file transfer is not built yet)",
          "s3270__ft_dft.trc", "IND$FILE DFT transfer data (file transfer is not built yet)",
          "s3270__sruvm.trc",
              "recorded by an older x3270 whose Query Reply differs (8 colours, character sets)");

  static Stream<String> traces() {
    return Conformance.allTraces().stream();
  }

  record Outcome(
      int matched, int capabilityDifferences, int operatorBursts, List<String> problems) {}

  public static TerminalModel modelOf(TraceFile trace, TelnetConfig config) {
    if (config.terminalType().equals("IBM-DYNAMIC")
        || (trace.model() == null && trace.rows() > 0)) {
      return TerminalModel.custom(config.maxRows(), config.maxCols());
    }
    try {
      TerminalModel m = TerminalModel.parse(trace.model() != null ? trace.model() : "3279-4-E");
      if (config.terminalType().startsWith("IBM-327")) {
        TerminalModel typed = TerminalModel.parse(config.terminalType().substring(4));
        if (typed.number() != m.number()) {
          return typed;
        }
      }
      return m;
    } catch (IllegalArgumentException e) {
      return TerminalModel.defaultModel();
    }
  }

  static CodePage codePageOf(TraceFile trace) {
    String cp = trace.codePage();
    if (cp == null || CodePages.isDbcs(cp)) {
      return CodePages.defaultPage();
    }
    return CodePages.find(cp).orElse(CodePages.defaultPage());
  }

  static Outcome replay(String name) {
    Conformance.dir();
    TraceFile trace = Conformance.trace(name);
    TelnetConfig config = TraceReplay.configFor(name);
    TerminalModel model = modelOf(trace, config);
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    List<ProtocolException> errors = new ArrayList<>();
    Terminal terminal =
        new Terminal(
            model,
            codePageOf(trace),
            config,
            new Terminal.Listener() {
              @Override
              public void send(byte[] bytes) {
                sent.write(bytes, 0, bytes.length);
              }

              @Override
              public void protocolError(ProtocolException error) {
                errors.add(error);
              }
            });
    terminal.connected();
    int matched = 0;
    int capability = 0;
    int operator = 0;
    List<String> problems = new ArrayList<>();
    boolean first = true;
    for (TraceFile.Burst b : trace.bursts()) {
      if (b.fromHost()) {
        terminal.receive(b.data());
        if (first && TraceReplay.snapshot(name)) {
          sent.reset(); // answers to x3270's option snapshot are not in the trace
        }
        first = false;
        continue;
      }
      byte[] got = sent.toByteArray();
      sent.reset();
      byte[] want = b.data();
      if (got.length == 0) {
        operator++;
      } else if (Arrays.equals(got, want) || startsWith(want, got)) {
        matched++;
      } else if (QueryReplyDiff.sameApartFromCapabilities(want, got)) {
        capability++;
      } else if (operator > 0
          && terminal.telnet().mode().isTn3270e()
          && QueryReplyDiff.sameApartFromSequence(want, got)) {
        // x3270 numbered records the operator sent earlier; the trace does not replay those keys
        matched++;
      } else if (EXPECTED_DIFFERENCES.containsKey(name)) {
        capability++;
      } else {
        problems.add(
            "line "
                + b.line()
                + ": x3270 "
                + TraceReplay.hex(want)
                + " / we "
                + TraceReplay.hex(got));
      }
    }
    ScreenSnapshot s = terminal.snapshot();
    assertThat(s.cursor()).isBetween(0, s.size() - 1);
    return new Outcome(matched, capability, operator, problems);
  }

  private static boolean startsWith(byte[] whole, byte[] prefix) {
    return prefix.length <= whole.length
        && Arrays.equals(Arrays.copyOf(whole, prefix.length), prefix);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  void automaticAnswersEqualX3270s(String name) {
    Outcome o = replay(name);
    assertThat(o.problems()).as("answers that differ from x3270's in " + name).isEmpty();
  }
}
