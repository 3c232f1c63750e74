package dev.console3270.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.TerminalModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The application's navigation and validation, without sockets. */
class DemoApplicationTest {

  private static final DemoContent CONTENT = DemoContent.load();

  private static DemoApplication app(TerminalModel model) {
    ClientTerminal t = new ClientTerminal(model.terminalType(), model, true, "ALPHA001");
    return new DemoApplication("ALPHA", t, CONTENT, "test");
  }

  private static ScreenRenderer.Display shown(DemoApplication.Step step) {
    assertThat(step).isInstanceOf(DemoApplication.Show.class);
    return ((DemoApplication.Show) step).display();
  }

  /** Presses a key with fields given as name, text pairs of the current screen. */
  private static ScreenRenderer.Display press(DemoApplication app, Aid aid, String... fields) {
    List<ReadModified.Input> inputs = new ArrayList<>();
    for (int i = 0; i < fields.length; i += 2) {
      FieldDefinition f = app.current().screen().field(fields[i]).orElseThrow();
      inputs.add(new ReadModified.Input(f.row() * app.columns() + f.column() + 1, fields[i + 1]));
    }
    return shown(app.handle(new ReadModified(aid, 0, inputs)));
  }

  private static DemoApplication signedOn(TerminalModel model) {
    DemoApplication app = app(model);
    shown(app.start());
    ScreenRenderer.Display menu = press(app, Aid.ENTER, "userid", "admin", "password", "admin3270");
    assertThat(menu.screen().name()).isEqualTo("menu1");
    assertThat(menu.values()).containsEntry("user", "ADMIN");
    return app;
  }

  @Test
  void signOnChecksUserAndPassword() {
    DemoApplication app = app(TerminalModel.of(2, true, true));
    ScreenRenderer.Display d = shown(app.start());
    assertThat(d.screen().name()).isEqualTo("signon");
    assertThat(d.values()).containsEntry("hostname", "ALPHA").containsEntry("device", "ALPHA001");

    d = press(app, Aid.ENTER);
    assertThat(d.values()).containsEntry("message", "Enter your user id and password");
    assertThat(d.alarm()).isTrue();

    d = press(app, Aid.ENTER, "userid", "DEMO", "password", "ADMIN3270");
    assertThat(d.screen().name()).isEqualTo("signon");
    assertThat(d.values())
        .containsEntry("message", "Sign-on failed: user id or password not valid")
        .containsEntry("userid", "DEMO")
        .doesNotContainKey("password");
    assertThat(d.cursorField()).isEqualTo("password");

    d = press(app, Aid.PF5, "userid", "DEMO");
    assertThat(d.values().get("message")).startsWith("Key not active here");

    assertThat(app.handle(new ReadModified(Aid.PF3, 0, List.of())))
        .isInstanceOf(DemoApplication.Disconnect.class);
  }

  @Test
  void menuPagesHelpAndLogOff() {
    DemoApplication app = signedOn(TerminalModel.of(2, true, true));
    assertThat(press(app, Aid.PF7).values()).containsEntry("message", "Already on the first page");
    assertThat(press(app, Aid.PF8).screen().name()).isEqualTo("menu2");
    assertThat(press(app, Aid.PF8).values()).containsEntry("message", "Already on the last page");

    ScreenRenderer.Display help = press(app, Aid.PF1);
    assertThat(help.screen().name()).isEqualTo("help");
    assertThat(help.values()).containsEntry("topic", "Main menu (2)");
    assertThat(press(app, Aid.PF3).screen().name()).isEqualTo("menu2");

    assertThat(press(app, Aid.ENTER, "op", "9").values())
        .containsEntry("message", "Option 9 is not valid: choose 1 to 6");
    assertThat(press(app, Aid.ENTER, "op", "5").values())
        .containsEntry("name", "ALPHA")
        .containsEntry("mode", "TN3270E")
        .containsEntry("ttype", "IBM-3279-2-E");
    assertThat(press(app, Aid.PF3).screen().name()).isEqualTo("menu1");
    ScreenRenderer.Display off = press(app, Aid.ENTER, "op", "6");
    assertThat(off.screen().name()).isEqualTo("signon");
    assertThat(off.values()).containsEntry("message", "You have logged off");
  }

  @Test
  void customerListPagesAndClearRedisplays() {
    DemoApplication app = signedOn(TerminalModel.of(2, true, true));
    ScreenRenderer.Display list = press(app, Aid.ENTER, "op", "1");
    assertThat(list.values())
        .containsEntry("page", "Page 1 of 3")
        .containsEntry("row1", " " + CONTENT.customers().get(0).row());
    assertThat(press(app, Aid.PF7).values()).containsEntry("message", "Already on the first page");
    press(app, Aid.PF8);
    ScreenRenderer.Display last = press(app, Aid.PF8);
    assertThat(last.values())
        .containsEntry("page", "Page 3 of 3")
        .containsEntry("row5", " " + CONTENT.customers().get(24).row())
        .containsEntry("row6", "");
    assertThat(press(app, Aid.PF8).values()).containsEntry("message", "Already on the last page");
    assertThat(press(app, Aid.CLEAR).values())
        .containsEntry("page", "Page 3 of 3")
        .doesNotContainKey("message");
    assertThat(press(app, Aid.PF3).screen().name()).isEqualTo("menu1");
  }

  @Test
  void dataEntryValidatesEachField() {
    DemoApplication app = signedOn(TerminalModel.of(2, true, true));
    press(app, Aid.ENTER, "op", "2");
    ScreenRenderer.Display d = press(app, Aid.ENTER, "custno", "0");
    assertThat(d.values()).containsEntry("message", "Customer number must be 1 to 25");
    assertThat(d.cursorField()).isEqualTo("custno");
    assertThat(d.alarm()).isTrue();

    d = press(app, Aid.ENTER, "custno", "7", "amount", "12.345");
    assertThat(d.values())
        .containsEntry("message", "Amount must be a number like 125.00, from 0.01 to 99999.99")
        .containsEntry("custname", "Garcia, Luis")
        .containsEntry("custno", "7");
    assertThat(d.cursorField()).isEqualTo("amount");

    d = press(app, Aid.ENTER, "custno", "7", "amount", "0");
    assertThat(d.cursorField()).isEqualTo("amount");

    d = press(app, Aid.ENTER, "custno", "7", "amount", "99999.99");
    assertThat(d.values()).containsEntry("message", "Reference is required");
    assertThat(d.cursorField()).isEqualTo("reference");

    d = press(app, Aid.ENTER, "custno", "7", "amount", "5", "reference", "R1");
    assertThat(d.values())
        .containsEntry("message", "Payment 0001 recorded")
        .containsEntry("last", "0001: 5.00 to customer 00007 Garcia, Luis, ref R1")
        .doesNotContainKey("custno");
    assertThat(d.alarm()).isFalse();
  }

  @Test
  void wideScreenNeedsA132ColumnAlternateSize() {
    DemoApplication small = signedOn(TerminalModel.of(4, true, true));
    ScreenRenderer.Display d = press(small, Aid.ENTER, "op", "4");
    assertThat(d.screen().name()).isEqualTo("menu1");
    assertThat(d.values().get("message")).contains("needs 27x132").contains("43x80");

    DemoApplication big = signedOn(TerminalModel.of(5, true, true));
    d = press(big, Aid.ENTER, "op", "4");
    assertThat(d.screen().alternate()).isTrue();
    assertThat(d.values()).containsEntry("size", "27 x 132");
    assertThat(big.columns()).isEqualTo(132);
    assertThat(big.bufferSize()).isEqualTo(27 * 132);
    assertThat(press(big, Aid.PF3).screen().name()).isEqualTo("menu1");
    assertThat(big.columns()).isEqualTo(80);
  }

  @Test
  void colourShowcaseWarnsOnTerminalsWithoutColour() {
    DemoApplication plain = signedOn(TerminalModel.of(2, false, false));
    ScreenRenderer.Display d = press(plain, Aid.ENTER, "op", "3");
    assertThat(d.values()).containsEntry("blue", "Blue").containsEntry("intensify", "Intensify");
    assertThat(d.values().get("message")).contains("no extended data stream");
  }

  @Test
  void terminalTypesNameModels() {
    assertThat(ClientTerminal.modelOf("IBM-3279-5-E")).contains(TerminalModel.of(5, true, true));
    assertThat(ClientTerminal.modelOf("ibm-3278-2")).contains(TerminalModel.of(2, false, false));
    assertThat(ClientTerminal.modelOf("IBM-DYNAMIC").orElseThrow().number()).isZero();
    assertThat(ClientTerminal.modelOf("IBM-3278-1")).isEmpty();
    assertThat(ClientTerminal.modelOf("VT100")).isEmpty();
    ClientTerminal t =
        new ClientTerminal(
            "IBM-DYNAMIC", ClientTerminal.modelOf("IBM-DYNAMIC").orElseThrow(), true, "X");
    assertThat(t.supportsAlternate(27, 132)).isFalse();
    assertThat(t.withAlternateSize(30, 140).supportsAlternate(27, 132)).isTrue();
    assertThat(t.withAlternateSize(200, 200)).isSameAs(t); // too large: ignored
  }
}
