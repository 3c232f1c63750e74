package dev.console3270.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.Terminal;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.datastream.DataStreamProcessor;
import dev.console3270.protocol.keyboard.ConnectionPhase;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.BufferAddress;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.trace.TraceFile;
import dev.console3270.session.ScreenExport;
import dev.console3270.testing.Conformance;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Canvas view on a real host's screen (the IBM i sign-on of s3270__login.trc). */
@ExtendWith(ApplicationExtension.class)
class TerminalViewTest {
  private TerminalView view;
  private Scene scene;

  @Start
  void start(Stage stage) {
    view = new TerminalView();
    view.setCursorBlink(false); // a blinking cursor repaints twice a second by design
    scene = new Scene(new StackPane(view), 960, 760);
    stage.setScene(scene);
    stage.show();
  }

  private static Terminal loginScreen(CodePage cp) throws Exception {
    TraceFile trace = Conformance.trace("s3270__login.trc");
    Terminal t = new Terminal(TerminalModel.parse(trace.model()), cp, bytes -> {});
    t.connected();
    for (TraceFile.Burst b : trace.bursts()) {
      if (b.fromHost()) {
        t.receive(b.data());
      }
    }
    return t;
  }

  @Test
  void paintsTheScreenScaledToFitAndOnlyWhenChanged() throws Exception {
    CodePage cp = CodePages.defaultPage();
    Terminal t = loginScreen(cp);
    WaitForAsyncUtils.waitForFxEvents();
    long before = view.repaints();
    javafx.application.Platform.runLater(() -> view.show(t.snapshot(), cp, t.oia()));
    WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    long after = view.repaints();
    assertThat(after - before).as("one change, one repaint").isEqualTo(1);
    WaitForAsyncUtils.sleep(200, java.util.concurrent.TimeUnit.MILLISECONDS);
    assertThat(view.repaints()).as("no repaint without a change").isEqualTo(after);

    WritableImage[] image = new WritableImage[1];
    WaitForAsyncUtils.asyncFx(() -> image[0] = scene.snapshot(null)).get();
    PixelReader px = image[0].getPixelReader();
    int w = (int) image[0].getWidth();
    int h = (int) image[0].getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    int lit = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int argb = px.getArgb(x, y);
        out.setRGB(x, y, argb);
        if ((argb & 0xffffff) != 0) {
          lit++;
        }
      }
    }
    Path png = Path.of("target", "terminal-view.png");
    Files.createDirectories(png.getParent());
    ImageIO.write(out, "png", png.toFile());
    assertThat(lit).as("the screen's text is drawn").isGreaterThan(w * h / 200);
    // 43 rows + OIA of a 3278-4 fit the 760 px height
    double[] cell = TerminalView.cellSize(TerminalView.fittingFont(960, 760, 43, 80));
    assertThat(cell[1] * 44).isLessThanOrEqualTo(760);
    assertThat(cell[0] * 80).isLessThanOrEqualTo(960);
  }

  /**
   * A 24x80 screen a host wrote: a protected field with a grouped card number, and a non-display
   * input field into which the operator typed another card number.
   */
  private static TerminalState cardScreen(CodePage cp) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xf5); // Erase/Write
    out.write(0xc3); // WCC: restore keyboard
    int[] sba0 = {0x11, 0x40, 0x40}; // row 0, col 0
    for (int b : sba0) {
      out.write(b);
    }
    out.write(0x1d); // SF protected
    out.write(0x60);
    for (char c : "Card 4111 1111 1111 1111 pin".toCharArray()) {
      out.write(cp.toEbcdic(c));
    }
    int addr = BufferAddress.encode(80 + 9, 24 * 80); // row 1, col 9
    out.write(0x11);
    out.write(addr >> 8);
    out.write(addr & 0xff);
    out.write(0x1d); // SF unprotected non-display
    out.write(0x4c);
    out.write(0x13); // Insert Cursor
    int end = BufferAddress.encode(80 + 40, 24 * 80);
    out.write(0x11);
    out.write(end >> 8);
    out.write(end & 0xff);
    out.write(0x1d);
    out.write(0x60);
    byte[] b = out.toByteArray();
    TerminalState state = new TerminalState(TerminalModel.of(2, true, true), cp);
    new DataStreamProcessor(state).apply(b, 0, b.length);
    return state;
  }

  private static int[] pixels(WritableImage image) {
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    int[] px = new int[w * h];
    PixelReader r = image.getPixelReader();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[y * w + x] = r.getArgb(x, y);
      }
    }
    return px;
  }

  @Test
  void theImageExportDrawsTheMaskedTextAndNeverNonDisplayContent() throws Exception {
    CodePage cp = CodePages.defaultPage();
    TerminalState state = cardScreen(cp);
    Keyboard kb = new Keyboard(state);
    kb.setPhase(ConnectionPhase.TN3270);
    assertThat(kb.type("5555555555554444").success()).isTrue();
    ScreenSnapshot s = state.screen().snapshot();
    WaitForAsyncUtils.asyncFx(() -> view.show(s, cp, kb.oia(null, false))).get();
    String[] live = new String[1];
    WritableImage[] shown = new WritableImage[1];
    WritableImage[] exported = new WritableImage[1];
    String[] painted = new String[1];
    WaitForAsyncUtils.asyncFx(
            () -> {
              view.repaintNow();
              live[0] = view.paintedText();
              shown[0] = scene.snapshot(null);
              exported[0] = view.image();
              painted[0] = view.paintedText();
            })
        .get();
    // the live view draws the digits; the export draws what the text export holds
    assertThat(live[0]).contains("Card 4111 1111 1111 1111 pin");
    String text = ScreenExport.text(s, cp);
    assertThat(text).contains("Card 4111 11** **** 1111 pin");
    assertThat(painted[0])
        .contains("Card 4111 11** **** 1111 pin")
        .doesNotContain("1111 1111")
        .doesNotContain("5555")
        .doesNotContain("4444");
    assertThat(live[0]).doesNotContain("5555").doesNotContain("4444");
    assertThat(painted[0].lines().map(String::stripTrailing).toList())
        .isEqualTo(text.lines().map(String::stripTrailing).toList());
    assertThat(pixels(exported[0])).isNotEqualTo(pixels(shown[0]));

    Path png = Path.of("target", "screenshots", "masked-export.png");
    Files.createDirectories(png.getParent());
    MainWindow.writePng(exported[0], png);
    assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(400);
  }
}
