package dev.console3270.ui;

import dev.console3270.protocol.Terminal;
import dev.console3270.protocol.keyboard.KeyResult;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.session.ActionCall;
import dev.console3270.session.ActionInterpreter;
import dev.console3270.session.ActionParser;
import dev.console3270.session.ActionResult;
import dev.console3270.session.ConnectionState;
import dev.console3270.session.MacroRecorder;
import dev.console3270.session.Paste;
import dev.console3270.session.SavedProfile;
import dev.console3270.session.SessionListener;
import dev.console3270.session.SessionStatus;
import dev.console3270.session.pool.PoolState;
import dev.console3270.session.pool.PooledSession;
import dev.console3270.session.pool.SessionPool;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Cursor;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tab: a live session, its terminal view and the operator's keys. The view model of a tab.
 *
 * <p>Threads: the session changes its screen on its own thread and tells this tab, which asks the
 * FX thread (at most one pending request) to show the latest snapshot. The operator's keys go, in
 * order, to a per-tab key thread that runs them as actions of the action language; an AID waits
 * there until the host unlocks the keyboard, so keys typed meanwhile wait their turn (x3270's
 * type-ahead). Reset skips that queue: it drops waiting keys and resets at once.
 */
final class SessionTab implements SessionListener {

  private static final Logger LOG = LoggerFactory.getLogger(SessionTab.class);

  /** What the tab needs from the window around it. */
  interface Owner {
    /** Runs a console action (Copy, Paste, Macro, ...) for this tab. */
    void consoleAction(SessionTab tab, ActionCall call);

    /** The recorder when the operator is recording a macro on this tab, else null. */
    MacroRecorder recorder(SessionTab tab);

    /** Shows a message in the status bar. */
    void message(String text);

    /** The audit trail. */
    dev.console3270.audit.AuditTrail audit();
  }

  /** The actions that send an AID (audited with the screen's identity and changed fields). */
  private static final java.util.Set<String> AIDS =
      java.util.Set.of("enter", "pf", "pa", "clear", "sysreq", "attn");

  private final Owner owner;
  private final SavedProfile profile;
  private final PooledSession session;
  private final SessionPool pool;
  private final TerminalView view = new TerminalView();
  private final Tab tab = new Tab();
  private final ActionInterpreter interpreter;
  private final ExecutorService keys;
  private final AtomicBoolean updatePending = new AtomicBoolean();
  private final AtomicLong generation = new AtomicLong();
  private volatile Future<?> running;
  private Keymap keymap;
  private String title;
  private boolean ctrlAlone;
  private int[] pressCell;
  private boolean dragged;
  private List<String> rowsText = List.of();
  private long rowsVersion = -1;

  SessionTab(
      Owner owner, SavedProfile profile, SessionPool pool, PooledSession session, Keymap keymap) {
    this.owner = owner;
    this.profile = profile;
    this.keymap = keymap;
    this.title = profile.name();
    this.pool = pool;
    this.session = session;
    this.interpreter = new ActionInterpreter(session);
    this.keys =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "keys-" + profile.name());
              t.setDaemon(true);
              return t;
            });
    tab.setContent(view);
    tab.setUserData(this);
    tab.setOnSelectionChanged(
        e -> {
          if (tab.isSelected()) {
            Platform.runLater(view::requestFocus);
          }
        });
    view.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    view.addEventHandler(KeyEvent.KEY_RELEASED, this::keyReleased);
    view.addEventHandler(KeyEvent.KEY_TYPED, this::keyTyped);
    view.addEventHandler(MouseEvent.MOUSE_PRESSED, this::mousePressed);
    view.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::mouseDragged);
    view.addEventHandler(MouseEvent.MOUSE_RELEASED, this::mouseReleased);
    view.addEventHandler(MouseEvent.MOUSE_MOVED, this::mouseMoved);
    session.addListener(this);
    updateTitle();
    update();
  }

  /** Reports the outcome of the pool's first connection. */
  void connect() {
    session
        .ready()
        .whenComplete(
            (ok, error) -> {
              if (error != null) {
                Platform.runLater(() -> owner.message(title + ": " + rootMessage(error)));
              }
            });
  }

  Tab tab() {
    return tab;
  }

  TerminalView view() {
    return view;
  }

  PooledSession session() {
    return session;
  }

  SavedProfile profile() {
    return profile;
  }

  String title() {
    return title;
  }

  /** Renames the tab (the profile keeps its name). */
  void rename(String value) {
    title = value;
    updateTitle();
  }

  Keymap keymap() {
    return keymap;
  }

  void setKeymap(Keymap value) {
    keymap = value;
  }

  /** Disconnects and frees the session and the key thread. */
  void close() {
    session.removeListener(this);
    keys.shutdownNow();
    interpreter.close();
    pool.close(session.id());
  }

  // ------------------------------------------------------------------ session -> view

  @Override
  public void stateChanged(ConnectionState state) {
    requestUpdate();
  }

  @Override
  public void screenChanged(long version) {
    requestUpdate();
  }

  @Override
  public void oiaChanged() {
    requestUpdate();
  }

  @Override
  public void connected() {
    requestUpdate();
    Platform.runLater(
        () -> {
          SessionStatus st = session.status();
          owner.message(
              title
                  + ": connected to "
                  + profile.host()
                  + ":"
                  + profile.port()
                  + (st.luName() != null ? ", LU " + st.luName() : "")
                  + (st.tls() ? ", " + st.tlsDescription() : ""));
        });
  }

  @Override
  public void disconnected(String reason) {
    requestUpdate();
    if (reason != null) {
      Platform.runLater(() -> owner.message(title + ": disconnected: " + reason));
    }
  }

  @Override
  public void protocolError(dev.console3270.protocol.ProtocolException error) {
    Platform.runLater(() -> owner.message(title + ": bad data from host: " + error.getMessage()));
  }

  private void requestUpdate() {
    if (updatePending.compareAndSet(false, true)) {
      Platform.runLater(this::update);
    }
  }

  private void update() {
    updatePending.set(false);
    SessionStatus status = session.status();
    view.show(session.snapshot(), session.codePage(), status.oia());
    updateTitle();
  }

  /** Shows the session's state in the tab's title and tooltip (FX thread). */
  void updateTitle() {
    SessionStatus st = session.status();
    ConnectionState state = st.state();
    PoolState ps = session.state();
    String mark =
        switch (ps) {
          case CONNECTED -> state.isConnected() ? "" : " (" + state.x3270Name() + ")";
          case SUSPENDED -> " (paused)";
          default -> " (" + ps.name().toLowerCase(java.util.Locale.ROOT) + ")";
        };
    tab.setText(title + mark);
    StringBuilder tip = new StringBuilder();
    tip.append(
        st.host() != null ? st.host() + ":" + st.port() : profile.host() + ":" + profile.port());
    tip.append("\nendpoint: ").append(session.endpointName());
    tip.append("\nsession: ").append(session.id()).append(", ").append(ps);
    tip.append("\nstate: ").append(state.x3270Name());
    if (st.luName() != null) {
      tip.append("\nLU: ").append(st.luName());
    }
    if (st.tls()) {
      tip.append("\nTLS: ").append(st.tlsDescription());
    }
    if (tab.getTooltip() == null) {
      tab.setTooltip(new Tooltip(tip.toString()));
    } else {
      tab.getTooltip().setText(tip.toString());
    }
  }

  // ------------------------------------------------------------------ operator -> session

  private void keyPressed(KeyEvent e) {
    if (e.getCode() == KeyCode.CONTROL) {
      ctrlAlone = true;
      return;
    }
    ctrlAlone = false;
    if (e.getCode().isModifierKey()) {
      return;
    }
    String name =
        Keymap.keyName(
            e.isControlDown(), e.isAltDown(), e.isShiftDown(), e.isMetaDown(), e.getCode().name());
    keymap
        .actionFor(name)
        .ifPresent(
            action -> {
              e.consume();
              dispatch(action);
            });
  }

  private void keyReleased(KeyEvent e) {
    if (e.getCode() == KeyCode.CONTROL && ctrlAlone) {
      ctrlAlone = false;
      keymap.actionFor("RIGHT_CTRL").ifPresent(this::dispatch);
      e.consume();
    }
  }

  private void keyTyped(KeyEvent e) {
    String ch = e.getCharacter();
    if (ch.isEmpty() || ch.equals(KeyEvent.CHAR_UNDEFINED)) {
      return;
    }
    if (e.isControlDown() && !e.isAltDown() || e.isMetaDown()) {
      return; // a shortcut, not text (Ctrl+Alt is AltGr on some platforms)
    }
    int cp = ch.codePointAt(0);
    if (Character.isISOControl(cp)) {
      return;
    }
    e.consume();
    view.setSelection(null);
    type(ch);
  }

  /** Runs action-language text from a key binding, the keypad, a hotspot or a macro. */
  void dispatch(String actions) {
    ActionParser.Parsed parsed = ActionParser.parse(actions);
    if (!parsed.ok()) {
      owner.message("bad action '" + actions + "': " + parsed.error());
      return;
    }
    for (ActionCall call : parsed.calls()) {
      if (Keymap.UI_ACTIONS.stream().anyMatch(n -> n.equalsIgnoreCase(call.name()))) {
        owner.consoleAction(this, call);
      } else if (call.name().equalsIgnoreCase("Reset")) {
        resetNow();
        record(call);
      } else {
        enqueue(
            () -> {
              record(call);
              if (AIDS.contains(call.name().toLowerCase(java.util.Locale.ROOT))) {
                auditAid(call);
              }
              ActionResult r = interpreter.execute(List.of(call));
              if (!r.success()) {
                String why = String.join(" ", r.data());
                Platform.runLater(() -> owner.message(call + ": " + why));
              }
            });
      }
    }
  }

  /**
   * Records the AID about to be sent: the screen's identity and the fields the operator changed.
   */
  private void auditAid(ActionCall call) {
    dev.console3270.audit.AuditTrail trail = owner.audit();
    ScreenSnapshot s = session.snapshot();
    var cp = session.codePage();
    java.util.Map<String, String> d =
        new java.util.LinkedHashMap<>(dev.console3270.session.ScreenAudit.identity(s, cp));
    d.put("aid", call.toString());
    d.put("endpoint", session.endpointName());
    var changed = dev.console3270.session.ScreenAudit.changedFields(s, cp);
    d.put("changedFields", Integer.toString(changed.size()));
    trail.record(
        dev.console3270.audit.AuditType.AID_KEY,
        dev.console3270.audit.AuditOutcome.SUCCESS,
        session.id(),
        d);
    for (var f : changed) {
      java.util.Map<String, String> fd = new java.util.LinkedHashMap<>();
      fd.put("screen", d.get("screen"));
      fd.put("row", Integer.toString(f.row()));
      fd.put("col", Integer.toString(f.col()));
      fd.put("length", Integer.toString(f.length()));
      if (f.hidden()) {
        fd.put("nonDisplay", "true");
      } else {
        fd.put("content", f.content());
      }
      trail.record(
          dev.console3270.audit.AuditType.FIELD_CHANGED,
          dev.console3270.audit.AuditOutcome.SUCCESS,
          session.id(),
          fd);
    }
  }

  /** Types text at the cursor, as the keyboard does (a key thread task). */
  void type(String text) {
    enqueue(
        () -> {
          boolean hidden = await(session.submit(SessionTab::nonDisplayAtCursor));
          recordTyped(text, hidden);
          KeyResult r = await(session.key(kb -> kb.type(text)));
          if (r instanceof KeyResult.Failed f) {
            LOG.debug("typing refused: {}", f.reason());
          }
        });
  }

  /** Pastes text with the typing rules (margined, stops at the first refusal). */
  void paste(String text) {
    enqueue(
        () -> {
          boolean hidden = await(session.submit(SessionTab::nonDisplayAtCursor));
          recordTyped(text, hidden);
          Paste.Result r = await(session.submit(t -> Paste.paste(t.keyboard(), text)));
          if (r.failure() != null) {
            Platform.runLater(
                () ->
                    owner.message(
                        "paste stopped after "
                            + r.typed()
                            + " of "
                            + r.total()
                            + " characters: "
                            + r.failure()));
          }
        });
  }

  /** Runs a macro's actions in order on the key thread; stops at the first failure. */
  void runScript(String name, List<ActionCall> calls) {
    enqueue(
        () -> {
          for (ActionCall call : calls) {
            ActionResult r = interpreter.execute(List.of(call));
            if (!r.success()) {
              String why = String.join(" ", r.data());
              Platform.runLater(() -> owner.message("macro " + name + ": " + call + ": " + why));
              return;
            }
          }
          Platform.runLater(() -> owner.message("macro " + name + " done"));
        });
  }

  /** Moves the cursor to a cell (a mouse click). */
  void moveCursor(int row, int col) {
    ActionCall call = ActionCall.of("MoveCursor", Integer.toString(row), Integer.toString(col));
    enqueue(
        () -> {
          record(call);
          await(session.key(kb -> kb.moveCursor(row, col)));
        });
  }

  private void resetNow() {
    generation.incrementAndGet();
    Future<?> f = running;
    if (f != null) {
      f.cancel(true);
    }
    session.key(Keyboard::reset);
  }

  private void enqueue(Runnable task) {
    long gen = generation.get();
    try {
      running =
          keys.submit(
              () -> {
                if (generation.get() != gen) {
                  return; // dropped by Reset
                }
                try {
                  task.run();
                } catch (RuntimeException e) {
                  LOG.warn("key action failed on {}", title, e);
                  Platform.runLater(() -> owner.message(title + ": " + rootMessage(e)));
                }
              });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      owner.message(title + " is closed");
    }
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> f) {
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("canceled", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(rootMessage(e), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the session did not answer in 10 s", e);
    }
  }

  private static boolean nonDisplayAtCursor(Terminal t) {
    ScreenSnapshot s = t.snapshot();
    FieldAttribute fa = s.fieldAttributeAt(s.cursor());
    return fa != null && fa.isNonDisplay();
  }

  private void record(ActionCall call) {
    MacroRecorder r = owner.recorder(this);
    if (r != null) {
      synchronized (r) {
        r.action(call);
      }
    }
  }

  private void recordTyped(String text, boolean hidden) {
    MacroRecorder r = owner.recorder(this);
    if (r != null) {
      synchronized (r) {
        r.typed(text, hidden);
      }
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  // ------------------------------------------------------------------ mouse

  private List<String> rows() {
    ScreenSnapshot s = view.screen();
    if (s == null) {
      return List.of();
    }
    if (s.version() != rowsVersion) {
      rowsText = ScreenText.ascii(s, view.codePage());
      rowsVersion = s.version();
    }
    return rowsText;
  }

  private void mousePressed(MouseEvent e) {
    view.requestFocus();
    e.consume(); // else the tab pane takes the focus from the terminal
    if (e.getButton() != MouseButton.PRIMARY) {
      return;
    }
    pressCell = view.cellAt(e.getX(), e.getY());
    dragged = false;
  }

  private void mouseDragged(MouseEvent e) {
    int[] cell = view.cellAt(e.getX(), e.getY());
    if (pressCell == null || cell == null) {
      return;
    }
    if (!dragged && cell[0] == pressCell[0] && cell[1] == pressCell[1]) {
      return; // a click that wobbled inside its cell
    }
    dragged = true;
    view.setSelection(TerminalView.Selection.between(pressCell[0], pressCell[1], cell[0], cell[1]));
  }

  private void mouseReleased(MouseEvent e) {
    e.consume();
    if (e.getButton() != MouseButton.PRIMARY || pressCell == null) {
      return;
    }
    int[] cell = pressCell;
    pressCell = null;
    if (dragged) {
      return;
    }
    view.setSelection(null);
    var hot = Hotspots.at(rows(), cell[0], cell[1]);
    if (hot.isPresent()) {
      dispatch(hot.get().action());
    } else {
      moveCursor(cell[0], cell[1]);
    }
  }

  private void mouseMoved(MouseEvent e) {
    int[] cell = view.cellAt(e.getX(), e.getY());
    var hot = cell == null ? null : Hotspots.at(rows(), cell[0], cell[1]).orElse(null);
    view.setHover(hot);
    view.setCursor(hot != null ? Cursor.HAND : Cursor.TEXT);
  }
}
