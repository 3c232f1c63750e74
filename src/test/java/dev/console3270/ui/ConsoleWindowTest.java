package dev.console3270.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.host.DemoHost;
import dev.console3270.protocol.keyboard.Oia;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.session.SavedProfile;
import dev.console3270.session.ScreenPalette;
import dev.console3270.session.SessionEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Tab;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, headless, driving real sessions to the demo host: first run, sign-on, PF-key
 * navigation, the OIA, rendering, tabs, macros, hotspots, copy and paste, and export.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleWindowTest {

  private DemoHost host;
  private SessionEngine engine;
  private MainWindow window;
  private Path config;
  private Stage stage;
  private ConsoleContext ctx;
  private final AtomicInteger demoStarts = new AtomicInteger();

  @Start
  void start(Stage stage) throws Exception {
    this.stage = stage;
    host = DemoHost.start(0, "TESTHOST");
    engine = new SessionEngine(1, "ui-test");
    config = Files.createTempDirectory("console3270-ui");
    ctx =
        TestContexts.of(
            config,
            engine,
            () -> {
              demoStarts.incrementAndGet();
              return SavedProfile.of("Demo host", "127.0.0.1", host.port());
            });
    window = new MainWindow(ctx);
    window.show(stage);
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
    engine.close();
    host.close();
    ctx.audit().log().close();
  }

  private SessionTab tab() {
    return window.active().orElseThrow();
  }

  private static String text(SessionTab t) {
    ScreenSnapshot s = t.session().snapshot();
    return String.join("\n", ScreenText.ascii(s, t.session().codePage()));
  }

  private static void waitFor(String what, java.util.function.BooleanSupplier condition)
      throws Exception {
    try {
      WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition::getAsBoolean);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out waiting for " + what, e);
    }
    WaitForAsyncUtils.waitForFxEvents();
  }

  private void waitForScreen(SessionTab t, String content) throws Exception {
    try {
      WaitForAsyncUtils.waitFor(
          15, TimeUnit.SECONDS, () -> text(t).contains(content) && unlocked(t));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("screen never showed '" + content + "':\n" + text(t), e);
    }
    // the view shows what the session has (one frame later)
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> t.view().screen() == t.session().snapshot());
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Gives the terminal the keyboard (a click would move the cursor). */
  private static void focus(SessionTab t) throws Exception {
    WaitForAsyncUtils.asyncFx(() -> t.view().requestFocus()).get();
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static boolean unlocked(SessionTab t) {
    Oia oia = t.session().status().oia();
    return oia != null && !oia.locked();
  }

  private void signOn(FxRobot robot) throws Exception {
    SessionTab t = tab();
    waitForScreen(t, "DEMO HOST SIGN-ON");
    focus(t);
    robot.write("DEMO");
    robot.type(KeyCode.TAB);
    robot.write("DEMO3270");
    robot.type(KeyCode.ENTER);
    waitForScreen(t, "MAIN MENU");
  }

  @Test
  void firstRunOpensTheDemoHostAndSignsOnWithTheKeyboard(FxRobot robot) throws Exception {
    assertThat(demoStarts.get()).as("no profiles: the demo host is opened").isEqualTo(1);
    assertThat(window.tabs().getTabs()).hasSize(1);
    SessionTab t = tab();
    waitForScreen(t, "DEMO HOST SIGN-ON");
    assertThat(text(t)).contains("TESTHOST");
    focus(t);
    robot.write("DEMO");
    robot.type(KeyCode.TAB);
    robot.write("DEMO3270");
    // the password is in the model but never drawn
    try {
      waitFor("the password typed", () -> passwordTyped(t));
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "\n"
              + text(t)
              + "\n"
              + t.session().status().oia()
              + "\nfocus: "
              + stage.getScene().getFocusOwner()
              + "\n"
              + window.messages(),
          e);
    }
    assertPasswordNotDrawn(t);
    robot.type(KeyCode.ENTER);
    waitForScreen(t, "MAIN MENU");
    assertThat(text(t)).containsPattern("User +DEMO");
    assertSignOnAudited();

    // F1 is PF1 (help), F3 is PF3 (back)
    robot.type(KeyCode.F1);
    waitForScreen(t, "HELP");
    assertIntensifiedFieldUsesTheIntensifiedColour(t);
    robot.type(KeyCode.F3);
    waitForScreen(t, "MAIN MENU");

    // the OIA: unlocked, the cursor where the model says, TN3270E, LU name
    Oia oia = t.view().oia();
    ScreenSnapshot s = t.view().screen();
    assertThat(oia.locked()).isFalse();
    assertThat(oia.cursorAddress()).isEqualTo(s.cursor());
    assertThat(oia.statusLine(80)).startsWith("4B");
    assertThat(oia.luName()).isNotEmpty();
    assertThat(oia.statusLine(80))
        .endsWith(String.format("%03d/%03d", s.cursor() / 80 + 1, s.cursor() % 80 + 1));
    assertCursorDrawnAt(t, s.cursor() / s.cols(), s.cursor() % s.cols());
    screenshot("console-window.png");
  }

  /** The Enter was audited with the screen's identity and the fields; the password never. */
  private void assertSignOnAudited() throws Exception {
    ctx.audit().log().sync();
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(config.resolve("audit"))) {
      for (Path f : files.sorted().toList()) {
        all.append(Files.readString(f));
      }
    }
    String log = all.toString();
    assertThat(log).doesNotContain("DEMO3270");
    assertThat(log)
        .contains("\"type\":\"SESSION_CREATED\"")
        .contains("\"type\":\"SESSION_CONNECTED\"");
    String aid =
        log.lines().filter(l -> l.contains("\"type\":\"AID_KEY\"")).findFirst().orElseThrow();
    assertThat(aid).contains("Enter()").contains("DEMO HOST SIGN-ON").contains("\"screen\":");
    List<String> fields =
        log.lines().filter(l -> l.contains("\"type\":\"FIELD_CHANGED\"")).toList();
    assertThat(fields).anyMatch(l -> l.contains("\"content\":\"DEMO\""));
    assertThat(fields)
        .anyMatch(l -> l.contains("\"nonDisplay\":\"true\"") && !l.contains("\"content\""));
  }

  private boolean passwordTyped(SessionTab t) {
    ScreenSnapshot s = t.session().snapshot();
    return text(t).contains("DEMO")
        && t.session().status().oia().cursorAddress() > 0
        && nonDisplayAddresses(s).stream().anyMatch(a -> s.charAt(a) != 0x40 && s.charAt(a) != 0);
  }

  private static List<Integer> nonDisplayAddresses(ScreenSnapshot s) {
    List<Integer> out = new java.util.ArrayList<>();
    for (int a = 0; a < s.size(); a++) {
      FieldAttribute fa = s.fieldAttributeAt(a);
      if (!s.isFieldAttribute(a) && fa != null && fa.isNonDisplay()) {
        out.add(a);
      }
    }
    return out;
  }

  private WritableImage image(SessionTab t) throws Exception {
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> t.view().screen() != null);
    return WaitForAsyncUtils.asyncFx(
            () -> {
              t.view().setCursorBlink(false);
              t.view().repaintNow();
              return t.view().snapshot(null, null);
            })
        .get();
  }

  /** The colours (RGB) drawn inside a cell, shrunk by a pixel to stay off its neighbours. */
  private static java.util.Set<Integer> colours(WritableImage image, Rectangle2D cell) {
    java.util.Set<Integer> out = new java.util.HashSet<>();
    PixelReader px = image.getPixelReader();
    for (int y = (int) cell.getMinY() + 1; y < (int) cell.getMaxY() - 1; y++) {
      for (int x = (int) cell.getMinX() + 1; x < (int) cell.getMaxX() - 1; x++) {
        out.add(px.getArgb(x, y) & 0xffffff);
      }
    }
    return out;
  }

  private static int rgb(String hex) {
    return Integer.parseInt(hex.substring(1), 16);
  }

  private void assertPasswordNotDrawn(SessionTab t) throws Exception {
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> t.view().screen() == t.session().snapshot());
    WritableImage image = image(t);
    ScreenSnapshot s = t.view().screen();
    int cols = s.cols();
    int checked = 0;
    for (int a : nonDisplayAddresses(s)) {
      if (s.charAt(a) == 0x40 || s.charAt(a) == 0 || a == s.cursor()) {
        continue;
      }
      Rectangle2D cell = t.view().cellBounds(a / cols, a % cols);
      java.util.Set<Integer> c = colours(image, cell);
      c.remove(0); // background
      // the underscore line is drawn at the bottom of the cell, outside the shrunk area or as
      // the field colour; no glyph pixels may be there
      assertThat(c.size())
          .as("cell %d of the password field shows no text", a)
          .isLessThanOrEqualTo(1);
      checked++;
    }
    assertThat(checked).as("password characters in the model").isGreaterThanOrEqualTo(8);
  }

  private void assertIntensifiedFieldUsesTheIntensifiedColour(SessionTab t) throws Exception {
    WritableImage image = image(t);
    ScreenSnapshot s = t.view().screen();
    List<String> rows = ScreenText.ascii(s, t.view().codePage());
    int row = 2;
    int col = rows.get(row).indexOf("Help for:") + "Help for: ".length();
    // the topic field: intensified, protected, no colour of its own
    FieldAttribute fa = s.fieldAttributeAt(row * s.cols() + col);
    assertThat(fa.isIntensified()).isTrue();
    int expected = rgb(ScreenPalette.foreground(s.foregroundAt(row * s.cols() + col), fa));
    int normal = rgb(ScreenPalette.foreground(0, new FieldAttribute(FieldAttribute.PROTECTED)));
    assertThat(expected).isNotEqualTo(normal);
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int c = col; c < col + 8; c++) {
      seen.addAll(colours(image, t.view().cellBounds(row, c)));
    }
    // anti-aliased glyphs rarely reach the full colour: compare the brightest pixel's hue
    assertThat(hueDistance(brightest(seen), expected))
        .as("the topic is drawn in the intensified colour")
        .isLessThan(0.15);
    java.util.Set<Integer> label = new java.util.HashSet<>();
    for (int c = 1; c < 9; c++) {
      label.addAll(colours(image, t.view().cellBounds(row, c)));
    }
    assertThat(hueDistance(brightest(label), normal))
        .as("the label is drawn in the normal colour")
        .isLessThan(0.15);
  }

  private static int brightest(java.util.Set<Integer> colours) {
    return colours.stream()
        .max(
            java.util.Comparator.comparingInt(c -> (c >> 16 & 0xff) + (c >> 8 & 0xff) + (c & 0xff)))
        .orElse(0);
  }

  /** How far apart two colours' hues are: channels scaled by the brightest, then compared. */
  private static double hueDistance(int a, int b) {
    double[] x = scaled(a);
    double[] y = scaled(b);
    assertThat(x[3]).as("something is drawn").isGreaterThan(0x30);
    return Math.max(Math.abs(x[0] - y[0]), Math.max(Math.abs(x[1] - y[1]), Math.abs(x[2] - y[2])));
  }

  private static double[] scaled(int c) {
    double r = c >> 16 & 0xff;
    double g = c >> 8 & 0xff;
    double b = c & 0xff;
    double m = Math.max(1, Math.max(r, Math.max(g, b)));
    return new double[] {r / m, g / m, b / m, m};
  }

  private void assertCursorDrawnAt(SessionTab t, int row, int col) throws Exception {
    WritableImage image = image(t);
    java.util.Set<Integer> at = colours(image, t.view().cellBounds(row, col));
    assertThat(at).as("a block cursor fills its cell").doesNotContain(0);
    int other = (row + 3) % t.view().screen().rows();
    assertThat(colours(image, t.view().cellBounds(other, 79))).contains(0);
    WaitForAsyncUtils.asyncFx(
            () -> {
              t.view().setCursorStyle(TerminalView.CursorStyle.UNDERLINE);
              t.view().repaintNow();
            })
        .get();
    WritableImage under = WaitForAsyncUtils.asyncFx(() -> t.view().snapshot(null, null)).get();
    Rectangle2D cell = t.view().cellBounds(row, col);
    java.util.Set<Integer> top =
        colours(under, new Rectangle2D(cell.getMinX(), cell.getMinY(), cell.getWidth(), 4));
    assertThat(top).as("an underline cursor leaves the top of the cell").contains(0);
    WaitForAsyncUtils.asyncFx(() -> t.view().setCursorStyle(TerminalView.CursorStyle.BLOCK)).get();
  }

  private void screenshot(String name) throws Exception {
    WritableImage img = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
    Path out = Path.of("target", "screenshots", name);
    Files.createDirectories(out.getParent());
    MainWindow.writePng(img, out);
    assertThat(ImageIO.read(out.toFile())).isInstanceOf(BufferedImage.class);
  }

  @Test
  void keypadAndHotspotsPressKeys(FxRobot robot) throws Exception {
    signOn(robot);
    SessionTab t = tab();
    robot.clickOn("#key-PF1");
    waitForScreen(t, "HELP");
    // click the PF3 hotspot on the screen's key line
    List<String> rows = ScreenText.ascii(t.view().screen(), t.view().codePage());
    int row = -1;
    int col = -1;
    for (int r = rows.size() - 1; r >= 0; r--) {
      col = rows.get(r).indexOf("PF3");
      if (col >= 0) {
        row = r;
        break;
      }
    }
    assertThat(row).as("the help screen names PF3").isGreaterThanOrEqualTo(0);
    Rectangle2D cell = t.view().cellBounds(row, col + 1);
    Point2D p = t.view().localToScreen(cell.getMinX() + cell.getWidth() / 2, cell.getMinY() + 3);
    robot.clickOn(p, MouseButton.PRIMARY);
    waitForScreen(t, "MAIN MENU");
  }

  @Test
  void aClickMovesTheCursor(FxRobot robot) throws Exception {
    signOn(robot);
    SessionTab t = tab();
    Rectangle2D cell = t.view().cellBounds(5, 30);
    Point2D p = t.view().localToScreen(cell.getMinX() + 2, cell.getMinY() + 2);
    robot.clickOn(p, MouseButton.PRIMARY);
    waitFor("the cursor at 5,30", () -> t.session().snapshot().cursor() == 5 * 80 + 30);
    assertThat(t.session().status().oia().displayRow()).isEqualTo(6);

    // typing into protected text locks the keyboard with X PROT; Reset (Ctrl+R) unlocks it
    robot.write("x");
    waitFor("X PROT", () -> "X PROT".equals(t.session().status().oia().lockIndicator()));
    waitFor("the view shows it", () -> t.view().oia().locked());
    robot.press(KeyCode.CONTROL).type(KeyCode.R).release(KeyCode.CONTROL);
    waitFor("unlocked", () -> !t.session().status().oia().locked());

    // a Ctrl key pressed and released alone is the RightCtrl binding: Enter
    robot.type(KeyCode.CONTROL);
    waitForScreen(t, "Type an option number");
  }

  @Test
  void tabsOpenRenameReorderAndClose(FxRobot robot) throws Exception {
    signOn(robot);
    SessionTab first = tab();
    SessionTab second =
        WaitForAsyncUtils.asyncFx(
                () -> window.open(SavedProfile.of("Second", "127.0.0.1", host.port())))
            .get();
    waitForScreen(second, "DEMO HOST SIGN-ON");
    assertThat(window.tabs().getTabs()).hasSize(2);
    assertThat(window.active()).contains(second);
    assertThat(window.tabs().getTabDragPolicy())
        .isEqualTo(javafx.scene.control.TabPane.TabDragPolicy.REORDER);
    // each tab has its own session and state
    assertThat(text(first)).contains("MAIN MENU");
    WaitForAsyncUtils.asyncFx(() -> second.rename("Payroll")).get();
    assertThat(second.tab().getText()).isEqualTo("Payroll");
    // reorder: the model the drag policy changes
    WaitForAsyncUtils.asyncFx(
            () -> {
              Tab t = window.tabs().getTabs().remove(1);
              window.tabs().getTabs().add(0, t);
              window.tabs().getSelectionModel().select(t);
            })
        .get();
    assertThat(window.sessions()).containsExactly(second, first);
    WaitForAsyncUtils.asyncFx(() -> window.closeTab(second)).get();
    assertThat(window.sessions()).containsExactly(first);
    waitFor("the closed session ends", () -> !second.session().status().state().isConnected());
    assertThat(first.session().status().state().isConnected()).isTrue();
  }

  @Test
  void recordsSavesAndRunsAMacro(FxRobot robot) throws Exception {
    signOn(robot);
    SessionTab t = tab();
    WaitForAsyncUtils.asyncFx(() -> window.setRecording(true)).get();
    robot.write("3");
    robot.type(KeyCode.ENTER);
    waitForScreen(t, "COLOUR");
    assertBlinkingTextBlinks(t);
    screenshot("colours.png");
    robot.type(KeyCode.F3);
    waitForScreen(t, "MAIN MENU");
    WaitForAsyncUtils.asyncFx(
            () -> {
              window.stopRecordingAs("colours");
              return null;
            })
        .get();
    Path file = config.resolve("macros").resolve("colours.macro");
    String script = Files.readString(file);
    assertThat(script).contains("String(\"3\")").contains("Enter()").contains("PF(3)");
    // run it: the host shows the colour screen and comes back
    // run it from a key binding's action: the host shows the colour screen and comes back
    WaitForAsyncUtils.asyncFx(() -> t.dispatch("Macro(colours)")).get();
    waitFor("the macro ran", () -> window.statusText().contains("macro colours done"));
    assertThat(text(t)).contains("MAIN MENU");
  }

  private void assertBlinkingTextBlinks(SessionTab t) throws Exception {
    ScreenSnapshot s = t.view().screen();
    List<String> rows = ScreenText.ascii(s, t.view().codePage());
    int row = 0;
    while (!rows.get(row).contains("Highlighting as character")) {
      row++;
    }
    row++;
    int col = rows.get(row).indexOf("Blink");
    assertThat(s.highlightAt(row * s.cols() + col))
        .isEqualTo(dev.console3270.protocol.screen.Attributes.HL_BLINK);
    Rectangle2D cell = t.view().cellBounds(row, col);
    java.util.function.Function<Boolean, java.util.Set<Integer>> drawn =
        on -> {
          try {
            WritableImage img =
                WaitForAsyncUtils.asyncFx(
                        () -> {
                          t.view().setBlinkPhase(on);
                          t.view().repaintNow();
                          return t.view().snapshot(null, null);
                        })
                    .get();
            return colours(img, cell);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    assertThat(drawn.apply(true)).as("blinking text shown in the on phase").hasSizeGreaterThan(1);
    assertThat(drawn.apply(false)).as("and hidden in the off phase").containsOnly(0);
    WaitForAsyncUtils.asyncFx(() -> t.view().setBlinkPhase(true)).get();
  }

  @Test
  void theFontFollowsTheWindow(FxRobot robot) throws Exception {
    SessionTab t = tab();
    waitForScreen(t, "DEMO HOST SIGN-ON");
    double before = t.view().currentFont().getSize();
    WaitForAsyncUtils.asyncFx(
            () -> {
              stage.setWidth(stage.getWidth() * 0.6);
              stage.setHeight(stage.getHeight() * 0.6);
            })
        .get();
    WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    double after = t.view().currentFont().getSize();
    assertThat(after).isLessThan(before);
    // the whole screen and the OIA still fit
    Rectangle2D last = t.view().cellBounds(24, 79);
    assertThat(last.getMaxX()).isLessThanOrEqualTo(t.view().getWidth());
    assertThat(last.getMaxY()).isLessThanOrEqualTo(t.view().getHeight());
  }

  @Test
  void copiesARectangleAndPastesIntoFields(FxRobot robot) throws Exception {
    signOn(robot);
    SessionTab t = tab();
    List<String> rows = ScreenText.ascii(t.view().screen(), t.view().codePage());
    int row = 0;
    while (!rows.get(row).contains("MAIN MENU")) {
      row++;
    }
    int col = rows.get(row).indexOf("MAIN MENU");
    Bounds b = t.view().localToScreen(t.view().getBoundsInLocal());
    Rectangle2D c0 = t.view().cellBounds(row, col);
    Rectangle2D c1 = t.view().cellBounds(row + 3, col + 8);
    robot
        .drag(
            new Point2D(b.getMinX() + c0.getMinX() + 2, b.getMinY() + c0.getMinY() + 2),
            MouseButton.PRIMARY)
        .dropTo(new Point2D(b.getMinX() + c1.getMinX() + 2, b.getMinY() + c1.getMinY() + 2));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(t.view().selection())
        .isEqualTo(new TerminalView.Selection(row, col, row + 3, col + 8));
    String copied = WaitForAsyncUtils.asyncFx(() -> MainWindow.selectedText(t)).get();
    assertThat(copied.split("\n", -1)[0]).isEqualTo("MAIN MENU");
    assertThat(copied.split("\n", -1)).hasSize(4);

    // paste "2" into the option field: the same rules as typing (numeric field)
    t.paste("2");
    waitFor("pasted", () -> text(t).matches("(?s).*===> +2.*"));
    assertThat(stage.getScene().getFocusOwner()).isSameAs(t.view());
    robot.type(KeyCode.ENTER);
    waitForScreen(t, "DATA ENTRY");
  }

  @Test
  void exportsTheScreenAsTextHtmlAndPng(FxRobot robot) throws Exception {
    signOn(robot);
    Path dir = Files.createTempDirectory("export");
    for (MainWindow.ExportFormat f : MainWindow.ExportFormat.values()) {
      Path file = dir.resolve("screen." + f.extension());
      WaitForAsyncUtils.asyncFx(() -> window.export(f, file)).get();
      assertThat(file).exists();
    }
    assertThat(Files.readString(dir.resolve("screen.txt"))).contains("MAIN MENU");
    assertThat(Files.readString(dir.resolve("screen.html"))).contains("MAIN MENU").contains("<pre");
    BufferedImage png = ImageIO.read(dir.resolve("screen.png").toFile());
    assertThat(png.getWidth()).isGreaterThan(400);
  }
}
