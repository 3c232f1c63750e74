package dev.console3270.ui;

import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.keyboard.Oia;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.screen.ScreenText;
import javafx.animation.AnimationTimer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Draws a screen snapshot and its OIA on a Canvas. It only listens: {@link #show} stores the latest
 * snapshot and marks the view dirty; an animation timer repaints at most once a frame, and only
 * when something changed. The font size follows the view's size so the whole screen fits.
 */
public final class TerminalView extends Region {

  /** The 3270 font (Debian fonts-3270) when installed, else the platform's monospaced font. */
  static final String FONT_FAMILY =
      Font.getFamilies().contains("IBM 3270") ? "IBM 3270" : Font.font("Monospaced").getFamily();

  private static final Color BACKGROUND = Color.BLACK;
  private static final Color[] COLORS = {
    Color.web("#000000"), // F0 neutral black
    Color.web("#5591ff"), // F1 blue
    Color.web("#ff2e2e"), // F2 red
    Color.web("#ff58d8"), // F3 pink
    Color.web("#33ff33"), // F4 green
    Color.web("#3ee0e0"), // F5 turquoise
    Color.web("#ffff33"), // F6 yellow
    Color.web("#f2f2f2"), // F7 neutral white
  };

  private final Canvas canvas = new Canvas();
  private ScreenSnapshot screen;
  private CodePage codePage;
  private Oia oia;
  private boolean dirty;
  private long repaints;

  /** The font fitted for {@link #fittedFor} (view size and screen size); worked out on change. */
  private Font font;

  private double[] cell;
  private String fittedFor = "";
  private final AnimationTimer timer =
      new AnimationTimer() {
        @Override
        public void handle(long now) {
          if (dirty) {
            dirty = false;
            paint();
          }
        }
      };

  public TerminalView() {
    getChildren().add(canvas);
    getStyleClass().add("terminal-view");
    timer.start();
  }

  /** Shows a new snapshot (call on the FX thread); the next frame repaints. */
  public void show(ScreenSnapshot snapshot, CodePage page, Oia status) {
    this.screen = snapshot;
    this.codePage = page;
    this.oia = status;
    dirty = true;
  }

  /** Repaints now (tests and snapshots; normally the timer does it). */
  public void repaintNow() {
    dirty = false;
    paint();
  }

  /** How many times the view has painted. */
  public long repaints() {
    return repaints;
  }

  @Override
  protected void layoutChildren() {
    double w = getWidth();
    double h = getHeight();
    if (canvas.getWidth() != w || canvas.getHeight() != h) {
      canvas.setWidth(w);
      canvas.setHeight(h);
      dirty = true;
    }
  }

  /** The largest font whose cells fit {@code rows + 1} lines (the OIA) of {@code cols}. */
  static Font fittingFont(double width, double height, int rows, int cols) {
    double size = Math.max(4, Math.floor(height / (rows + 1) / 1.2));
    while (size > 4) {
      Font f = Font.font(FONT_FAMILY, size);
      double[] cell = cellSize(f);
      if (cell[0] * cols <= width && cell[1] * (rows + 1) <= height) {
        return f;
      }
      size -= 0.5;
    }
    return Font.font(FONT_FAMILY, 4);
  }

  /** Width and height of one character cell in a font. */
  static double[] cellSize(Font font) {
    Text t = new Text("M");
    t.setFont(font);
    return new double[] {
      Math.ceil(t.getLayoutBounds().getWidth()), Math.ceil(t.getLayoutBounds().getHeight())
    };
  }

  private void paint() {
    repaints++;
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.setFill(BACKGROUND);
    g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
    if (screen == null || canvas.getWidth() <= 0 || canvas.getHeight() <= 0) {
      return;
    }
    int rows = screen.rows();
    int cols = screen.cols();
    String key = canvas.getWidth() + "x" + canvas.getHeight() + "/" + rows + "x" + cols;
    if (!key.equals(fittedFor)) {
      font = fittingFont(canvas.getWidth(), canvas.getHeight(), rows, cols);
      cell = cellSize(font);
      fittedFor = key;
    }
    double cw = cell[0];
    double ch = cell[1];
    g.setFont(font);
    g.setTextBaseline(VPos.TOP);
    g.setTextAlign(TextAlignment.LEFT);
    char[] text = ScreenText.displayChars(screen, codePage);
    FieldAttribute field = null;
    int fieldFg = 0;
    int fieldHl = 0;
    int start = screen.isFormatted() ? lastAttributeBefore0() : -1;
    if (start >= 0) {
      field = new FieldAttribute(screen.fieldAttributeByte(start));
      fieldFg = screen.foregroundAt(start);
      fieldHl = screen.highlightAt(start);
    }
    for (int a = 0; a < rows * cols; a++) {
      double x = (a % cols) * cw;
      double y = (a / cols) * ch;
      if (screen.isFieldAttribute(a)) {
        field = new FieldAttribute(screen.fieldAttributeByte(a));
        fieldFg = screen.foregroundAt(a);
        fieldHl = screen.highlightAt(a);
        continue;
      }
      int hl = screen.highlightAt(a) != 0 ? screen.highlightAt(a) : fieldHl;
      int fg = screen.foregroundAt(a) != 0 ? screen.foregroundAt(a) : fieldFg;
      Color color = colorOf(fg, field);
      boolean reverse = hl == Attributes.HL_REVERSE;
      if (screen.backgroundAt(a) >= 0xf0 || reverse) {
        g.setFill(reverse ? color : COLORS[screen.backgroundAt(a) & 0x07]);
        g.fillRect(x, y, cw, ch);
      }
      char c = text[a];
      if (field != null && field.isNonDisplay()) {
        c = ' ';
      }
      if (c != ' ') {
        g.setFill(reverse ? BACKGROUND : color);
        g.fillText(String.valueOf(c), x, y);
      }
      if (hl == Attributes.HL_UNDERSCORE) {
        g.setStroke(color);
        g.strokeLine(x, y + ch - 1.5, x + cw, y + ch - 1.5);
      }
    }
    paintCursor(g, cols, cw, ch);
    paintOia(g, rows, cols, cw, ch);
  }

  private int lastAttributeBefore0() {
    for (int a = screen.size() - 1; a >= 0; a--) {
      if (screen.isFieldAttribute(a)) {
        return a;
      }
    }
    return -1;
  }

  /** x3270's defaults: green/red unprotected, blue/white protected, by intensity. */
  private static Color colorOf(int fg, FieldAttribute field) {
    if (fg >= 0xf0) {
      return COLORS[fg & 0x07];
    }
    if (field == null) {
      return COLORS[4];
    }
    boolean bright = field.isIntensified();
    if (field.isProtected()) {
      return bright ? COLORS[7] : COLORS[1];
    }
    return bright ? COLORS[2] : COLORS[4];
  }

  private void paintCursor(GraphicsContext g, int cols, double cw, double ch) {
    int c = screen.cursor();
    g.setFill(Color.rgb(255, 255, 255, 0.55));
    g.fillRect((c % cols) * cw, (c / cols) * ch, cw, ch);
  }

  private void paintOia(GraphicsContext g, int rows, int cols, double cw, double ch) {
    double y = rows * ch;
    g.setStroke(COLORS[1]);
    g.strokeLine(0, y + 0.5, cols * cw, y + 0.5);
    if (oia != null) {
      g.setFill(COLORS[5]);
      g.fillText(oia.statusLine(cols), 0, y + 1);
    }
  }
}
