package dev.console3270.bench;

import dev.console3270.protocol.ProtocolException;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.datastream.DataStreamProcessor;
import dev.console3270.protocol.keyboard.ConnectionPhase;
import dev.console3270.protocol.keyboard.Oia;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.ui.TerminalView;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * Full repaints of a 27x132 screen (3279-5) by the real {@link TerminalView} on JavaFX's Monocle
 * headless platform with the software pipeline. Every row holds four fields of 32 characters, each
 * with its own colour, highlighting and protection; the view fills the window as in the console.
 * One repaint per pulse: an {@link AnimationTimer} times {@link TerminalView#repaintNow()} on the
 * FX thread (the drawing commands recorded into the Canvas; Prism's rasterization runs afterwards
 * on the render thread and is not in the figure).
 */
final class RepaintTiming {
  private static final int ROWS = 27;
  private static final int COLS = 132;
  private static final int FIELDS_PER_ROW = 4;
  private static final Map<String, String> HEADLESS =
      Map.of(
          "glass.platform", "Monocle",
          "monocle.platform", "Headless",
          "prism.order", "sw",
          "prism.text", "t2k",
          "testfx.headless", "true",
          "headless.geometry", "1920x1080-32",
          "java.awt.headless", "true");

  private RepaintTiming() {}

  /**
   * Nanoseconds per full repaint, sorted, and how much of the picture was drawn.
   *
   * @param nanos repaint times, sorted
   * @param litFraction the fraction of pixels that differ from the background after a repaint
   */
  record Result(long[] nanos, double litFraction) {}

  /** Starts JavaFX headless (once per JVM), measures, and exits JavaFX. */
  static Result measure(int warmup, int samples, double width, double height) throws Exception {
    HEADLESS.forEach(
        (k, v) -> {
          if (System.getProperty(k) == null) {
            System.setProperty(k, v);
          }
        });
    CodePage cp = CodePages.defaultPage();
    TerminalState state = screen(cp);
    ScreenSnapshot snapshot = state.screen().snapshot();
    String text = ScreenText.asciiText(snapshot, cp);
    if (snapshot.rows() != ROWS || snapshot.cols() != COLS || !text.contains("R27F4")) {
      throw new IllegalStateException("the test screen is not 27x132 with text: " + text);
    }
    Oia oia = Oia.of(state, ConnectionPhase.TN3270E, "LU000001", false);
    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.startup(() -> started.complete(null));
    started.get(30, TimeUnit.SECONDS);
    Platform.setImplicitExit(false);
    CompletableFuture<Result> done = new CompletableFuture<>();
    try {
      Platform.runLater(
          () -> {
            try {
              TerminalView view = new TerminalView();
              view.setCursorBlink(false);
              Stage stage = new Stage();
              stage.setScene(new Scene(new StackPane(view), width, height));
              stage.show();
              view.show(snapshot, cp, oia);
              long[] times = new long[samples];
              new AnimationTimer() {
                private int i;

                @Override
                public void handle(long now) {
                  long t0 = System.nanoTime();
                  view.repaintNow();
                  long t = System.nanoTime() - t0;
                  if (i >= warmup) {
                    times[i - warmup] = t;
                  }
                  if (++i == warmup + samples) {
                    stop();
                    double lit = litFraction(view.image());
                    stage.close();
                    Arrays.sort(times);
                    done.complete(new Result(times, lit));
                  }
                }
              }.start();
            } catch (RuntimeException e) {
              done.completeExceptionally(e);
            }
          });
      return done.get(120, TimeUnit.SECONDS);
    } finally {
      Platform.exit();
    }
  }

  private static double litFraction(WritableImage image) {
    PixelReader px = image.getPixelReader();
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    int background = px.getArgb(0, 0);
    long lit = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (px.getArgb(x, y) != background) {
          lit++;
        }
      }
    }
    return w * h == 0 ? 0 : lit / (double) (w * h);
  }

  /** A 27x132 screen written by an Erase/Write Alternate: 4 coloured fields on every row. */
  static TerminalState screen(CodePage cp) throws ProtocolException {
    int[] attributes = {0x60, 0xC8, 0xE8, 0x40, 0x50};
    int[] colours = {0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7};
    int[] highlights = {0xF0, 0xF0, 0xF2, 0xF4};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x7E); // Erase/Write Alternate
    out.write(0xC3); // WCC: keyboard restore, reset MDT
    int width = COLS / FIELDS_PER_ROW - 1;
    for (int r = 0; r < ROWS; r++) {
      for (int f = 0; f < FIELDS_PER_ROW; f++) {
        int n = r * FIELDS_PER_ROW + f;
        out.write(0x29); // Start Field Extended, 3 pairs
        out.write(3);
        out.write(0xC0);
        out.write(attributes[n % attributes.length]);
        out.write(0x42);
        out.write(colours[n % colours.length]);
        out.write(0x41);
        out.write(highlights[n % highlights.length]);
        StringBuilder text = new StringBuilder(String.format("R%02dF%d ", r + 1, f + 1));
        for (int c = 0; text.length() < width; c++) {
          text.append((char) ('A' + (n + c) % 26));
          if (c % 7 == 6 && text.length() < width) {
            text.append(' ');
          }
        }
        for (int c = 0; c < width; c++) {
          out.write(cp.toEbcdic(text.charAt(c)));
        }
      }
    }
    TerminalState state = new TerminalState(TerminalModel.of(5, true, true), cp);
    byte[] bytes = out.toByteArray();
    new DataStreamProcessor(state).apply(bytes, 0, bytes.length);
    return state;
  }
}
