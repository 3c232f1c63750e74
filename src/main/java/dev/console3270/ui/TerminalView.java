package dev.console3270.ui;

import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.keyboard.Oia;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.session.ScreenExport;
import dev.console3270.session.ScreenPalette;
import java.util.Arrays;
import javafx.animation.AnimationTimer;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Draws a screen snapshot and its OIA on a Canvas. It only listens: {@link #show} stores the latest
 * snapshot and marks the view dirty; an animation timer repaints at most once a frame, and only
 * when something changed (a new snapshot, a new size, a selection, or a blink phase while something
 * on screen blinks). The font size follows the view's size so the whole screen fits; the screen is
 * centred in the view.
 */
public final class TerminalView extends Region {

  /** How the cursor is drawn. */
  public enum CursorStyle {
    /** A filled cell with the character in reverse. */
    BLOCK,
    /** A bar under the character. */
    UNDERLINE
  }

  /** A rectangle of cells, 0-origin and inclusive, with row0 <= row1 and col0 <= col1. */
  public record Selection(int row0, int col0, int row1, int col1) {
    /** The rectangle spanned by two corners in any order. */
    public static Selection between(int rowA, int colA, int rowB, int colB) {
      return new Selection(
          Math.min(rowA, rowB), Math.min(colA, colB), Math.max(rowA, rowB), Math.max(colA, colB));
    }

    /** True when the cell is inside. */
    public boolean contains(int row, int col) {
      return row >= row0 && row <= row1 && col >= col0 && col <= col1;
    }
  }

  /** The 3270 font (Debian fonts-3270) when installed, else the platform's monospaced font. */
  static final String FONT_FAMILY =
      Font.getFamilies().contains("IBM 3270") ? "IBM 3270" : Font.font("Monospaced").getFamily();

  /** Half a blink period: blinking text and a blinking cursor change this often. */
  static final long BLINK_NANOS = 500_000_000L;

  private static final Color BACKGROUND = Color.web(ScreenPalette.BACKGROUND);
  private static final Color SELECTION = Color.rgb(120, 160, 255, 0.35);
  private static final Color HOTSPOT = Color.rgb(255, 255, 255, 0.18);

  private final Canvas canvas = new Canvas();
  private ScreenSnapshot screen;
  private CodePage codePage;
  private Oia oia;
  private boolean hasBlink;
  private boolean dirty;
  private long repaints;
  private boolean exporting; // painting for image(): masked export characters
  private String paintedText = "";
  private CursorStyle cursorStyle = CursorStyle.BLOCK;
  private boolean cursorBlink = true;
  private boolean blinkOn = true;
  private long lastBlink;
  private Selection selection;
  private Hotspots.Hotspot hover;

  /** The font fitted for {@link #fittedFor} (view size and screen size); worked out on change. */
  private Font font;

  private double cellWidth;
  private double cellHeight;
  private double originX;
  private double originY;
  private String fittedFor = "";
  private final AnimationTimer timer =
      new AnimationTimer() {
        @Override
        public void handle(long now) {
          if (now - lastBlink >= BLINK_NANOS) {
            lastBlink = now;
            blinkOn = !blinkOn;
            if (hasBlink || cursorBlink) {
              dirty = true;
            }
          }
          if (dirty) {
            dirty = false;
            paint();
          }
        }
      };

  /** An empty view; it starts drawing when given a snapshot. */
  public TerminalView() {
    getChildren().add(canvas);
    getStyleClass().add("terminal-view");
    setFocusTraversable(true);
    timer.start();
  }

  /** Shows a new snapshot (call on the FX thread); the next frame repaints. */
  public void show(ScreenSnapshot snapshot, CodePage page, Oia status) {
    this.screen = snapshot;
    this.codePage = page;
    this.oia = status;
    this.hasBlink = containsBlink(snapshot);
    dirty = true;
  }

  /** The snapshot shown, or null. */
  public ScreenSnapshot screen() {
    return screen;
  }

  /** The code page of the snapshot shown. */
  public CodePage codePage() {
    return codePage;
  }

  /** The OIA shown, or null. */
  public Oia oia() {
    return oia;
  }

  /** Sets the cursor's shape. */
  public void setCursorStyle(CursorStyle style) {
    cursorStyle = style;
    dirty = true;
  }

  /** The cursor's shape. */
  public CursorStyle cursorStyle() {
    return cursorStyle;
  }

  /** Makes the cursor blink, or (false) stay on. */
  public void setCursorBlink(boolean on) {
    cursorBlink = on;
    blinkOn = true;
    dirty = true;
  }

  /** True when the cursor blinks. */
  public boolean cursorBlink() {
    return cursorBlink;
  }

  /** Sets the blink phase (tests: blinking text is drawn when on, hidden when off). */
  void setBlinkPhase(boolean on) {
    blinkOn = on;
    dirty = true;
  }

  /** Shows a selection rectangle, or none (null). */
  public void setSelection(Selection value) {
    selection = value;
    dirty = true;
  }

  /** The selection shown, or null. */
  public Selection selection() {
    return selection;
  }

  /** Marks a hotspot under the mouse, or none (null). */
  void setHover(Hotspots.Hotspot value) {
    if (!java.util.Objects.equals(hover, value)) {
      hover = value;
      dirty = true;
    }
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

  /** The font in use (after the first paint), or null. */
  public Font currentFont() {
    return font;
  }

  /**
   * An image of the view for a PNG export: drawn as now (with the blink phase "on"), but from the
   * characters the text export holds ({@link ScreenExport#displayChars} with card numbers masked;
   * non-display fields blank), so an image never shows what a text export hides. The view itself is
   * repainted as before on the next frame.
   */
  public WritableImage image() {
    boolean phase = blinkOn;
    blinkOn = true;
    exporting = true;
    try {
      paint();
      return canvas.snapshot(null, null);
    } finally {
      exporting = false;
      blinkOn = phase;
      dirty = true;
    }
  }

  /**
   * The characters the last paint drew, one line per row ({@code ' '} where nothing was drawn):
   * what the renderer was given, for tests.
   */
  String paintedText() {
    return paintedText;
  }

  /**
   * The cell under a point in the view's coordinates, as {row, col} (0-origin), or null when the
   * point is outside the screen.
   */
  public int[] cellAt(double x, double y) {
    if (screen == null || cellWidth <= 0) {
      return null;
    }
    int col = (int) Math.floor((x - originX) / cellWidth);
    int row = (int) Math.floor((y - originY) / cellHeight);
    if (row < 0 || col < 0 || row >= screen.rows() || col >= screen.cols()) {
      return null;
    }
    return new int[] {row, col};
  }

  /** Where a cell is drawn, in the view's coordinates (after the first paint). */
  public Rectangle2D cellBounds(int row, int col) {
    return new Rectangle2D(
        originX + col * cellWidth, originY + row * cellHeight, cellWidth, cellHeight);
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

  @Override
  protected double computePrefWidth(double height) {
    return 800;
  }

  @Override
  protected double computePrefHeight(double width) {
    return 500;
  }

  @Override
  protected double computeMinWidth(double height) {
    return 80;
  }

  @Override
  protected double computeMinHeight(double width) {
    return 50;
  }

  /**
   * The largest font whose cells fit {@code rows + 1} lines (the OIA) of {@code cols}, in steps of
   * half a point.
   */
  static Font fittingFont(double width, double height, int rows, int cols) {
    double low = 4;
    double high = Math.max(4, Math.floor(height / (rows + 1)) * 1.5);
    // cell size grows with the font size: binary search on half points
    while (high - low > 0.5) {
      double mid = Math.floor((low + high)) / 2;
      double[] cell = cellSize(Font.font(FONT_FAMILY, mid));
      if (cell[0] * cols <= width && cell[1] * (rows + 1) <= height) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return Font.font(FONT_FAMILY, low);
  }

  /** Width and height of one character cell in a font. */
  static double[] cellSize(Font font) {
    Text t = new Text("MMMMMMMMMM");
    t.setFont(font);
    double w = t.getLayoutBounds().getWidth() / 10;
    return new double[] {w, Math.ceil(t.getLayoutBounds().getHeight())};
  }

  private static boolean containsBlink(ScreenSnapshot s) {
    if (s == null) {
      return false;
    }
    for (int a = 0; a < s.size(); a++) {
      if (s.highlightAt(a) == Attributes.HL_BLINK) {
        return true;
      }
    }
    return false;
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
      double[] cell = cellSize(font);
      cellWidth = cell[0];
      cellHeight = cell[1];
      originX = Math.floor((canvas.getWidth() - cellWidth * cols) / 2);
      originY = Math.floor((canvas.getHeight() - cellHeight * (rows + 1)) / 2);
      fittedFor = key;
    }
    g.setFont(font);
    g.setTextBaseline(VPos.TOP);
    g.setTextAlign(TextAlignment.LEFT);
    char[] text =
        exporting
            ? ScreenExport.displayChars(screen, codePage, true)
            : ScreenText.displayChars(screen, codePage);
    char[] drawn = new char[rows * cols];
    Arrays.fill(drawn, ' ');
    FieldAttribute field = null;
    int fieldFg = 0;
    int fieldHl = 0;
    int fieldBg = 0;
    int start = screen.isFormatted() ? lastAttribute() : -1;
    if (start >= 0) {
      field = new FieldAttribute(screen.fieldAttributeByte(start));
      fieldFg = screen.foregroundAt(start);
      fieldHl = screen.highlightAt(start);
      fieldBg = screen.backgroundAt(start);
    }
    int cursor = screen.cursor();
    for (int a = 0; a < rows * cols; a++) {
      double x = originX + (a % cols) * cellWidth;
      double y = originY + (a / cols) * cellHeight;
      if (screen.isFieldAttribute(a)) {
        field = new FieldAttribute(screen.fieldAttributeByte(a));
        fieldFg = screen.foregroundAt(a);
        fieldHl = screen.highlightAt(a);
        fieldBg = screen.backgroundAt(a);
        if (a == cursor) {
          paintCursor(g, x, y, Color.web(ScreenPalette.foreground(fieldFg, field)), ' ');
        }
        continue;
      }
      int hl = screen.highlightAt(a) != 0 ? screen.highlightAt(a) : fieldHl;
      int fg = screen.foregroundAt(a) != 0 ? screen.foregroundAt(a) : fieldFg;
      Color color = Color.web(ScreenPalette.foreground(fg, brighter(field, hl)));
      boolean reverse = hl == Attributes.HL_REVERSE;
      int bgCode = screen.backgroundAt(a) != 0 ? screen.backgroundAt(a) : fieldBg;
      String bg = ScreenPalette.background(bgCode);
      if (bg != null || reverse) {
        g.setFill(reverse ? color : Color.web(bg));
        g.fillRect(x, y, cellWidth + 0.5, cellHeight);
      }
      char c = text[a];
      boolean hidden =
          field != null && field.isNonDisplay() || hl == Attributes.HL_BLINK && !blinkOn;
      if (hidden) {
        c = ' ';
      }
      if (c != ' ') {
        g.setFill(reverse ? BACKGROUND : color);
        g.fillText(String.valueOf(c), x, y);
        drawn[a] = c;
      }
      if (hl == Attributes.HL_UNDERSCORE) {
        g.setStroke(color);
        g.strokeLine(x, y + cellHeight - 1.5, x + cellWidth, y + cellHeight - 1.5);
      }
      if (a == cursor) {
        paintCursor(g, x, y, color, c);
      }
    }
    if (hover != null) {
      g.setFill(HOTSPOT);
      g.fillRect(
          originX + hover.startCol() * cellWidth,
          originY + hover.row() * cellHeight,
          (hover.endCol() - hover.startCol()) * cellWidth,
          cellHeight);
    }
    if (selection != null) {
      g.setFill(SELECTION);
      g.fillRect(
          originX + selection.col0() * cellWidth,
          originY + selection.row0() * cellHeight,
          (selection.col1() - selection.col0() + 1) * cellWidth,
          (selection.row1() - selection.row0() + 1) * cellHeight);
    }
    paintOia(g, rows, cols);
    StringBuilder lines = new StringBuilder(rows * (cols + 1));
    for (int r = 0; r < rows; r++) {
      lines.append(drawn, r * cols, cols).append('\n');
    }
    paintedText = lines.toString();
  }

  /** A field shown intensified when its highlight says so (x3270 does the same). */
  private static FieldAttribute brighter(FieldAttribute field, int hl) {
    if (hl != Attributes.HL_INTENSIFY || field == null || field.isIntensified()) {
      return field;
    }
    return new FieldAttribute(
        (field.value() & ~FieldAttribute.DISPLAY_MASK) | FieldAttribute.DISPLAY_INTENSIFIED);
  }

  private int lastAttribute() {
    for (int a = screen.size() - 1; a >= 0; a--) {
      if (screen.isFieldAttribute(a)) {
        return a;
      }
    }
    return -1;
  }

  private void paintCursor(GraphicsContext g, double x, double y, Color color, char c) {
    if (cursorBlink && !blinkOn) {
      return;
    }
    g.setFill(color);
    if (cursorStyle == CursorStyle.UNDERLINE) {
      double bar = Math.max(2, Math.floor(cellHeight / 8));
      g.fillRect(x, y + cellHeight - bar, cellWidth, bar);
      return;
    }
    g.fillRect(x, y, cellWidth, cellHeight);
    if (c != ' ') {
      g.setFill(BACKGROUND);
      g.fillText(String.valueOf(c), x, y);
    }
  }

  private void paintOia(GraphicsContext g, int rows, int cols) {
    double y = originY + rows * cellHeight;
    g.setStroke(Color.web(ScreenPalette.oiaRule()));
    g.strokeLine(originX, y + 0.5, originX + cols * cellWidth, y + 0.5);
    if (oia == null) {
      return;
    }
    String line = oia.statusLine(cols);
    g.setFill(Color.web(ScreenPalette.oia()));
    g.fillText(line, originX, y + 1);
    if (oia.locked()) {
      // the lock indicator in reverse, as a 3270 shows it
      String lock = oia.lockIndicator();
      double lx = originX + 8 * cellWidth;
      g.fillRect(lx, y + 1, lock.length() * cellWidth, cellHeight - 1);
      g.setFill(BACKGROUND);
      g.fillText(lock, lx, y + 1);
    }
  }
}
