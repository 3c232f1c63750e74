package dev.console3270.protocol.keyboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.trace.TraceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replays x3270 traces in which an operator typed: host records set up the screen (through the
 * test-only {@link MiniHost} writer), the operator's logged actions ({@code keymap -> Enter()},
 * {@code default -> Key("U+006c")}, {@code typeahead -> Enter()} ...) run on the {@link Keyboard},
 * and at each AID the Read Modified reply built from what the keyboard left on the screen (cursor,
 * MDTs, field contents) must equal, byte for byte, what x3270 sent ({@code >} lines).
 */
class TraceReplayTest {

  private static final Pattern DATA =
      Pattern.compile("^([<>]) 0x[0-9a-fA-F]+\\s+([0-9a-fA-F]*)\\s*$");

  private static final Pattern ACTION =
      Pattern.compile("^(?:\\d{8}\\.\\d{6}\\.\\d{3} | )(\\S+) -> (\\w+)\\((.*)\\)\\s*$");

  static Path corpus() {
    String prop = System.getProperty("conformance.dir");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop);
    }
    Path fallback = Path.of("/work/shared/conformance/x3270");
    boolean ci = "true".equals(System.getenv("CI"));
    if (!Files.isDirectory(fallback) && ci) {
      fail("conformance corpus missing and CI=true");
    }
    Assumptions.assumeTrue(
        Files.isDirectory(fallback), "x3270 trace corpus not found (conformance.dir)");
    return fallback;
  }

  /** One AID the replay compared: the action, what the keyboard produced, what x3270 sent. */
  record Exchange(String action, int line, byte[] ours, byte[] x3270) {}

  /** The outcome of a replay. */
  record Replay(List<Exchange> exchanges, int keysTyped, TerminalState state) {}

  static Replay replay(String traceName, TerminalModel model, boolean tn3270e) throws IOException {
    String text = Files.readString(corpus().resolve(traceName), StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r?\n", -1);
    TraceFile trace = TraceFile.parse(text);
    assertThat(trace.rows()).isGreaterThanOrEqualTo(24);
    TerminalState state = new TerminalState(model, CodePages.bracket());
    Deque<Exchange> pending = new ArrayDeque<>();
    List<Exchange> done = new ArrayList<>();
    String[] lastAction = {""};
    int[] lastLine = {0};
    ConnectionPhase[] phase = {tn3270e ? ConnectionPhase.TN3270E : ConnectionPhase.TN3270};
    Keyboard kb =
        new Keyboard(
            state,
            (s, aid) -> {
              byte[] ours = MiniHost.readModified(s, aid);
              if (phase[0] != ConnectionPhase.SSCP_LU) {
                // SSCP-LU input goes out as SSCP-LU-DATA, which the replay does not compare
                pending.add(new Exchange(lastAction[0], lastLine[0], ours, null));
              }
              return ours;
            });
    kb.setPhase(phase[0]);
    MiniHost.Records fromHost = new MiniHost.Records();
    MiniHost.Records fromUs = new MiniHost.Records();
    int keys = 0;
    for (int ln = 1; ln <= lines.length; ln++) {
      // each data line is applied where it stands (TraceFile merges same-direction runs
      // across annotations, which would move an answer before the key that caused it)
      Matcher d = DATA.matcher(lines[ln - 1]);
      if (d.matches()) {
        boolean host = d.group(1).equals("<");
        for (byte[] rec : (host ? fromHost : fromUs).feed(HexFormat.of().parseHex(d.group(2)))) {
          byte[] data = strip(rec, tn3270e);
          if (data == null) {
            continue;
          }
          if (host) {
            MiniHost.apply(state, data);
          } else if (!pending.isEmpty()) {
            Exchange e = pending.poll();
            done.add(new Exchange(e.action(), e.line(), e.ours(), data));
          }
        }
        continue;
      }
      if (lines[ln - 1].contains("cstate [") && tn3270e) {
        phase[0] =
            lines[ln - 1].contains("-> [connected-sscp]")
                ? ConnectionPhase.SSCP_LU
                : ConnectionPhase.TN3270E;
        kb.setPhase(phase[0]);
      }
      Matcher m = ACTION.matcher(lines[ln - 1]);
      // "Key -> Key(U+...)" and "  default -> Key(U+...)" repeat the action line before them
      if (!m.matches() || m.group(1).equals("Key") || queued(lines, ln)) {
        continue;
      }
      String action = m.group(2);
      String arg = m.group(3).replace("\"", "");
      lastAction[0] = action + "(" + arg + ")";
      lastLine[0] = ln;
      KeyResult r =
          switch (action) {
            case "Key" -> kb.key(Integer.parseInt(arg.substring(2), 16));
            case "String" -> kb.type(arg);
            case "Enter" -> kb.enter();
            case "PF" -> kb.pf(Integer.parseInt(arg));
            case "PA" -> kb.pa(Integer.parseInt(arg));
            case "Clear" -> kb.clear();
            case "Erase" -> kb.erase();
            case "Tab" -> kb.tab();
            case "BackTab" -> kb.backTab();
            case "Home" -> kb.home();
            case "Newline" -> kb.newline();
            case "EraseEOF" -> kb.eraseEof();
            case "Reset" -> kb.reset();
            case "SysReq" -> kb.sysReq();
            default -> null;
          };
      if (r != null) {
        assertThat(r.success()).as("%s at line %d: %s", lastAction[0], ln, r).isTrue();
        if (action.equals("Key")) {
          keys++;
        }
      }
    }
    assertThat(pending).as("AIDs with no recorded reply").isEmpty();
    return new Replay(done, keys, state);
  }

  /** True when x3270 queued the action on the line as typeahead (it runs later, logged again). */
  private static boolean queued(String[] lines, int ln) {
    for (int k = ln; k < Math.min(lines.length, ln + 3); k++) {
      if (lines[k].contains("action queued")) {
        return true;
      }
      if (ACTION.matcher(lines[k]).matches()) {
        return false;
      }
    }
    return false;
  }

  /** The 3270 data of a record, or null when it is not 3270 data (TN3270E header type 0). */
  private static byte[] strip(byte[] rec, boolean tn3270e) {
    if (!tn3270e) {
      return rec;
    }
    if (rec.length < 5 || rec[0] != 0) {
      return null;
    }
    return java.util.Arrays.copyOfRange(rec, 5, rec.length);
  }

  private static void assertAllMatch(Replay r) {
    for (Exchange e : r.exchanges()) {
      assertThat(HexFormat.of().formatHex(e.ours()))
          .as("%s at line %d", e.action(), e.line())
          .isEqualTo(HexFormat.of().formatHex(e.x3270()));
    }
  }

  @Test
  void loggingOnToTsoGivesTheBytesX3270Sent() throws IOException {
    Replay r = replay("s3270__contention-resolution.trc", TerminalModel.of(2, true, true), true);

    // 'l tso', 'ibmuser' (typed with an Erase), 'sys1', then TSO commands
    assertThat(r.exchanges()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(r.keysTyped()).isEqualTo(54);
    Exchange first = r.exchanges().get(0);
    assertThat(HexFormat.of().formatHex(first.x3270())).isEqualTo("7d5cf5115cf09340a3a296");
    assertThat(r.exchanges().get(1).x3270())
        .startsWith((byte) Aid.ENTER.code())
        .containsSubsequence(
            (byte) 0x89,
            (byte) 0x82,
            (byte) 0x94,
            (byte) 0xa4,
            (byte) 0xa2,
            (byte) 0x85,
            (byte) 0x99);
    assertAllMatch(r);
  }

  @Test
  void tabbingAndTypingOnAVmLogonScreenGivesTheBytesC3270Sent() throws IOException {
    // an older c3270 (3.3) trace, TN3270 without E, 43x80: two Tabs, 'logoff', Enter
    Replay r = replay("s3270__sruvm.trc", TerminalModel.of(4, true, true), false);

    assertThat(r.keysTyped()).isEqualTo(6);
    assertThat(r.exchanges()).hasSize(1);
    assertThat(HexFormat.of().formatHex(r.exchanges().get(0).x3270()))
        .startsWith("7d")
        .endsWith("939687968686");
    assertAllMatch(r);
  }

  @Test
  void aTraceThatVisitsSscpLuModeMatchesInTheFullSessionParts() throws IOException {
    Replay r = replay("s3270__sscp-lu.trc", TerminalModel.of(2, true, true), true);

    // Enters and PF3 in 3270 mode before and after a SysReq round trip through SSCP-LU mode
    assertThat(r.exchanges()).hasSize(8);
    assertAllMatch(r);
  }
}
