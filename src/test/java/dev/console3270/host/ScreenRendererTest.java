package dev.console3270.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.ProtocolException;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.datastream.DataStreamProcessor;
import dev.console3270.protocol.datastream.InboundEncoder;
import dev.console3270.protocol.keyboard.ConnectionPhase;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.Color;
import dev.console3270.protocol.screen.FieldView;
import dev.console3270.protocol.screen.Highlight;
import dev.console3270.protocol.screen.ScreenFields;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.screen.ScreenText;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The renderer's bytes are applied by the protocol core (as a client would); what the core's
 * keyboard and inbound encoder send back is parsed by {@link ReadModified}.
 */
class ScreenRendererTest {

  private static final CodePage CP = CodePages.defaultPage();

  private static final String SCREEN =
      String.join(
          "\n",
          "@cursor pass",
          "@field user color=green highlight=underscore",
          "@field pass nondisplay",
          "@field msg intensified color=red",
          "@body",
          " Title <yellow,blink>Hot</>",
          " User [user    ] Pass [pass    ]",
          "{msg                }",
          "");

  private static TerminalState apply(byte[] data, TerminalModel model) throws ProtocolException {
    TerminalState state = new TerminalState(model, CP);
    new DataStreamProcessor(state).apply(data, 0, data.length);
    return state;
  }

  @Test
  void exactBytesOfASmallScreen() {
    ScreenDefinition s = ScreenFile.parse("t", "@body\n Hi [a ]\n");
    byte[] b =
        new ScreenRenderer(CP)
            .render(new ScreenRenderer.Display(s, Map.of("a", "X"), null, false), 24, 80, false);
    // EW, WCC; SF(prot) at 0; " Hi" at 0; SF(unprot, MDT) at 4 + "X"; stop SF(askip) at 7; IC at 5
    assertThat(HexFormat.of().formatHex(b))
        .isEqualTo(
            "f5c3"
                + "1140401d60"
                + "114040"
                + "40c889"
                + "1140c41dc1e7"
                + "1140c71df0"
                + "1140c513");
  }

  @Test
  void theCoreSeesTheFieldsColoursAndText() throws ProtocolException {
    ScreenDefinition s = ScreenFile.parse("t", SCREEN);
    byte[] data =
        new ScreenRenderer(CP)
            .render(
                new ScreenRenderer.Display(s, Map.of("msg", "Hello", "user", "BOB"), null, true),
                24,
                80,
                true);
    TerminalState state = apply(data, TerminalModel.of(2, true, true));
    ScreenSnapshot snap = state.screen().snapshot();
    List<String> rows = ScreenText.ascii(snap, CP);
    assertThat(rows.get(0)).isEqualTo(" Title Hot" + " ".repeat(70));
    assertThat(rows.get(1)).startsWith(" User  BOB       Pass ");
    assertThat(rows.get(2)).startsWith(" Hello ");
    assertThat(snap.cursor()).isEqualTo(80 + 23);
    assertThat(state.takeAlarm()).isTrue();
    assertThat(snap.foregroundAt(7)).isEqualTo(Color.YELLOW.code());
    assertThat(Highlight.of(snap.highlightAt(7))).isEqualTo(Highlight.BLINK);
    assertThat(snap.foregroundAt(10)).isZero();

    FieldView user = ScreenFields.at(snap, CP, 80 + 7);
    assertThat(user.isProtected()).isFalse();
    assertThat(user.modified()).isTrue();
    assertThat(user.foreground()).isEqualTo(Color.GREEN);
    assertThat(user.highlight()).isEqualTo(Highlight.UNDERSCORE);
    assertThat(user.length()).isEqualTo(8);
    FieldView pass = ScreenFields.at(snap, CP, 80 + 23);
    assertThat(pass.nonDisplay()).isTrue();
    assertThat(pass.modified()).isFalse();
    FieldView msg = ScreenFields.at(snap, CP, 161);
    assertThat(msg.isProtected()).isTrue();
    assertThat(msg.intensified()).isTrue();
    assertThat(msg.foreground()).isEqualTo(Color.RED);
    FieldView after = ScreenFields.at(snap, CP, 80 + 16);
    assertThat(after.isProtected()).isTrue();
    assertThat(after.numeric()).isTrue(); // the stop attribute skips
  }

  @Test
  void withoutExtendedDataStreamOnlyPlainFields() throws ProtocolException {
    ScreenDefinition s = ScreenFile.parse("t", SCREEN);
    byte[] data =
        new ScreenRenderer(CP)
            .render(new ScreenRenderer.Display(s, Map.of(), null, false), 24, 80, false);
    for (byte x : data) {
      assertThat(x).isNotEqualTo((byte) 0x29).isNotEqualTo((byte) 0x28);
    }
    ScreenSnapshot snap = apply(data, TerminalModel.of(2, false, false)).screen().snapshot();
    assertThat(ScreenFields.at(snap, CP, 80 + 23).nonDisplay()).isTrue();
  }

  @Test
  void whatTheCoreSendsBackIsParsedToFieldNames() throws Exception {
    ScreenDefinition s = ScreenFile.parse("t", SCREEN);
    byte[] data =
        new ScreenRenderer(CP)
            .render(
                new ScreenRenderer.Display(s, Map.of("user", "BOB"), "user", false), 24, 80, true);
    TerminalState state = apply(data, TerminalModel.of(2, true, true));
    Keyboard kb = new Keyboard(state);
    kb.setPhase(ConnectionPhase.TN3270E);
    kb.eraseEof();
    kb.type("ALICE");
    kb.tab();
    kb.type("SECRET1");
    byte[] inbound = InboundEncoder.readModified(state, Aid.PF5, false);
    ReadModified rm = ReadModified.parse(inbound, 1920, CP);
    assertThat(rm.aid()).isEqualTo(Aid.PF5);
    assertThat(rm.cursor()).isEqualTo(80 + 30);
    assertThat(rm.byName(s, 80)).isEqualTo(Map.of("user", "ALICE", "pass", "SECRET1"));
  }

  @Test
  void alternateScreensUseEraseWriteAlternateAndTheAlternateWidth() throws ProtocolException {
    ScreenDefinition s = ScreenFile.parse("w", "@alternate\n@body\n\n [x]\n");
    byte[] data =
        new ScreenRenderer(CP)
            .render(new ScreenRenderer.Display(s, Map.of(), null, false), 27, 132, true);
    assertThat(data[0] & 0xff).isEqualTo(ScreenRenderer.CMD_ERASE_WRITE_ALTERNATE);
    ScreenSnapshot snap = apply(data, TerminalModel.of(5, true, true)).screen().snapshot();
    assertThat(snap.isAlternate()).isTrue();
    assertThat(snap.cols()).isEqualTo(132);
    assertThat(snap.cursor()).isEqualTo(132 + 2);
  }
}
