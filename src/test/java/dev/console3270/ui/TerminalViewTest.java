package dev.console3270.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.Terminal;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.trace.TraceFile;
import dev.console3270.testing.Conformance;
import java.awt.image.BufferedImage;
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
}
