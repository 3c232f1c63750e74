package dev.console3270.ui;

import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditTrail;
import dev.console3270.audit.AuditType;
import dev.console3270.endpoint.EndpointView;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.session.ActionCall;
import dev.console3270.session.MacroRecorder;
import dev.console3270.session.MacroStore;
import dev.console3270.session.ProfileStore;
import dev.console3270.session.SavedProfile;
import dev.console3270.session.ScreenExport;
import dev.console3270.session.pool.Failover;
import dev.console3270.session.pool.LogonMacro;
import dev.console3270.session.pool.PoolEvent;
import dev.console3270.session.pool.PoolHook;
import dev.console3270.session.pool.PooledSession;
import dev.console3270.session.pool.SecretStore;
import dev.console3270.session.pool.Transition;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window: menus, a toolbar, a tab of each session, the keypad and a status bar. On a first
 * run (no saved profiles) it starts the built-in demo host and opens a session to it.
 */
public final class MainWindow implements SessionTab.Owner {

  private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);

  /** The formats a screen can be exported in. */
  public enum ExportFormat {
    TEXT("txt"),
    HTML("html"),
    PNG("png");

    private final String extension;

    ExportFormat(String extension) {
      this.extension = extension;
    }

    /** The file name extension, without the dot. */
    public String extension() {
      return extension;
    }
  }

  private static final int MESSAGES_KEPT = 100;

  private final java.util.ArrayDeque<String> messages = new java.util.ArrayDeque<>();

  /** The endpoint (and group) name of the embedded demo host; it is not saved. */
  public static final String DEMO_ENDPOINT = "demo";

  /** The tag of endpoints that live only while the app runs (not saved). */
  public static final String EMBEDDED_TAG = "embedded";

  private final ConsoleContext context;
  private final Failover failover;
  private final boolean ownFailover;
  private final PoolHook poolHook = this::onPoolEvent;
  private final java.util.Map<String, SavedProfile> profileOf =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final PanelWindows panels;
  private final ProfileStore profiles;
  private final MacroStore macros;
  private final List<SavedProfile> saved = new ArrayList<>();
  private final TabPane tabs = new TabPane();
  private final Label status = new Label();
  private final Keypad keypad = new Keypad(this::pressOnActive);
  private final VBox welcome = new VBox(10);
  private final Menu profilesMenu = new Menu("Open Profile");
  private final Menu deleteProfileMenu = new Menu("Delete Profile");
  private final Menu runMenu = new Menu("Run");
  private final Menu editMacroMenu = new Menu("Edit");
  private final Menu deleteMacroMenu = new Menu("Delete");
  private final MenuButton runButton = new MenuButton("Run macro");
  private final ToggleButton recordButton = new ToggleButton("Record");
  private final CheckMenuItem recordItem = new CheckMenuItem("Record");
  private final CheckMenuItem keypadItem = new CheckMenuItem("Keypad");
  private final CheckMenuItem blinkItem = new CheckMenuItem("Blinking Cursor");
  private final ToggleGroup cursorGroup = new ToggleGroup();
  private final BorderPane root = new BorderPane();
  private SecretStore secretStore;
  private MacroRecorder recorder;
  private SessionTab recordingTab;
  private Stage stage;
  private int untitled;

  /** A window for a context; {@link #show} puts it on a stage. */
  public MainWindow(ConsoleContext context) {
    this.context = context;
    this.profiles = new ProfileStore(context.configDir().resolve("profiles.json"));
    this.macros = new MacroStore(context.configDir().resolve("macros"));
    this.ownFailover = context.failover() == null;
    this.failover =
        ownFailover
            ? new Failover(
                context.pool(),
                context.endpoints(),
                context.balancer(),
                Failover.Backoff.defaults(),
                this::plan)
            : context.failover();
    failover.setPlans(this::plan);
    context.pool().addHook(poolHook);
    context.api().activeSession(this::activeSessionId);
    this.panels = new PanelWindows(this, context);
    build();
  }

  /** The scene's root. */
  public BorderPane root() {
    return root;
  }

  /** The tabs. */
  public TabPane tabs() {
    return tabs;
  }

  /** The pool and endpoint panels. */
  PanelWindows panels() {
    return panels;
  }

  /** The status bar's text. */
  public String statusText() {
    return status.getText();
  }

  /**
   * Shows the window on a stage; loads the profiles and, when there are none, opens a session to
   * the demo host.
   */
  public void show(Stage target) {
    this.stage = target;
    target.setTitle(ConsoleApplication.TITLE);
    target.setScene(new Scene(root, 1100, 800));
    target.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> closeAll());
    target.show();
    if (context.startupProblem() != null) {
      error("Configuration", context.startupProblem());
    }
    loadProfiles();
    refreshMacroMenus();
    if (saved.isEmpty()) {
      openDemoHost();
    }
  }

  // ------------------------------------------------------------------ building

  private void build() {
    tabs.setId("sessions");
    tabs.setTabDragPolicy(TabPane.TabDragPolicy.REORDER);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
    tabs.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null && b.getUserData() instanceof SessionTab t) {
                Platform.runLater(t.view()::requestFocus);
              }
            });
    status.setId("status");
    status.setPadding(new Insets(2, 6, 2, 6));
    welcome.setId("welcome");
    welcome.setAlignment(Pos.CENTER);
    StackPane center = new StackPane(welcome, tabs);
    tabs.getTabs()
        .addListener(
            (javafx.collections.ListChangeListener<Tab>)
                c -> {
                  tabs.setVisible(!tabs.getTabs().isEmpty());
                  welcome.setVisible(tabs.getTabs().isEmpty());
                });
    tabs.setVisible(false);
    root.setTop(new VBox(menuBar(), toolBar()));
    root.setCenter(center);
    keypadItem.setSelected(true);
    keypad.managedProperty().bind(keypad.visibleProperty());
    keypad.visibleProperty().bind(keypadItem.selectedProperty());
    root.setBottom(new VBox(keypad, status));
    message("Ready");
    refreshWelcome();
  }

  private MenuBar menuBar() {
    MenuItem newSession = item("New Session...", "Shortcut+Shift+N", this::newSession);
    MenuItem demo = item("Demo Host", null, this::openDemoHost);
    MenuItem balanced = item("New Session on Endpoints...", null, this::newBalancedSession);
    MenuItem rename = item("Rename Tab...", null, () -> active().ifPresent(this::renameTab));
    MenuItem reconnect =
        item("Reconnect", null, () -> active().ifPresent(t -> t.session().reconnect()));
    MenuItem disconnect =
        item("Disconnect", null, () -> active().ifPresent(t -> t.session().disconnect()));
    MenuItem close = item("Close Tab", "Shortcut+W", () -> active().ifPresent(this::closeTab));
    MenuItem exit = item("Exit", null, () -> stage.close());
    Menu session =
        new Menu(
            "Session",
            null,
            newSession,
            balanced,
            profilesMenu,
            demo,
            new SeparatorMenuItem(),
            rename,
            reconnect,
            disconnect,
            close,
            new SeparatorMenuItem(),
            deleteProfileMenu,
            new SeparatorMenuItem(),
            exit);
    Menu edit =
        new Menu(
            "Edit",
            null,
            item("Copy", null, this::copy),
            item("Paste", null, this::paste),
            item("Select All", null, this::selectAll));
    RadioMenuItem block = new RadioMenuItem("Block Cursor");
    RadioMenuItem underline = new RadioMenuItem("Underline Cursor");
    block.setToggleGroup(cursorGroup);
    underline.setToggleGroup(cursorGroup);
    block.setUserData(TerminalView.CursorStyle.BLOCK);
    underline.setUserData(TerminalView.CursorStyle.UNDERLINE);
    block.setSelected(true);
    blinkItem.setSelected(true);
    cursorGroup.selectedToggleProperty().addListener((o, a, b) -> applyViewOptions());
    blinkItem.selectedProperty().addListener((o, a, b) -> applyViewOptions());
    Menu view =
        new Menu(
            "View",
            null,
            keypadItem,
            block,
            underline,
            blinkItem,
            new SeparatorMenuItem(),
            item("Session Pool", "Shortcut+Shift+P", () -> panels.showPool()),
            item("Endpoints", "Shortcut+Shift+E", () -> panels.showEndpoints()),
            item("Audit Log", "Shortcut+Shift+A", this::showAuditLog),
            item("Compliance Report", null, this::showCompliance));
    recordItem.setOnAction(e -> setRecording(recordItem.isSelected()));
    Menu macro =
        new Menu(
            "Macros",
            null,
            recordItem,
            runMenu,
            item("New Macro...", null, () -> editMacro(null)),
            editMacroMenu,
            deleteMacroMenu,
            new SeparatorMenuItem(),
            item("Secrets...", null, this::secrets));
    Menu export =
        new Menu(
            "Export",
            null,
            item("Screen as Text...", null, () -> exportDialog(ExportFormat.TEXT)),
            item("Screen as HTML...", null, () -> exportDialog(ExportFormat.HTML)),
            item("Screen as PNG...", null, () -> exportDialog(ExportFormat.PNG)));
    Menu help =
        new Menu(
            "Help",
            null,
            item("Keyboard Map", null, this::showKeymap),
            item("About", null, this::about));
    MenuBar bar = new MenuBar(session, edit, view, macro, export, help);
    bar.setId("menus");
    return bar;
  }

  private ToolBar toolBar() {
    Button newButton = new Button("New");
    newButton.setOnAction(e -> newSession());
    Button demo = new Button("Demo host");
    demo.setOnAction(e -> openDemoHost());
    Button reconnect = new Button("Reconnect");
    reconnect.setOnAction(e -> active().ifPresent(t -> t.session().reconnect()));
    Button disconnect = new Button("Disconnect");
    disconnect.setOnAction(e -> active().ifPresent(t -> t.session().disconnect()));
    Button copy = new Button("Copy");
    copy.setOnAction(e -> copy());
    Button paste = new Button("Paste");
    paste.setOnAction(e -> paste());
    recordButton.setId("record");
    recordButton.setOnAction(e -> setRecording(recordButton.isSelected()));
    runButton.setId("run-macro");
    MenuButton export = new MenuButton("Export");
    for (ExportFormat f : ExportFormat.values()) {
      MenuItem i = new MenuItem(f.name());
      i.setOnAction(e -> exportDialog(f));
      export.getItems().add(i);
    }
    ToggleButton keys = new ToggleButton("Keypad");
    keys.selectedProperty().bindBidirectional(keypadItem.selectedProperty());
    ToolBar bar =
        new ToolBar(
            newButton,
            demo,
            reconnect,
            disconnect,
            new javafx.scene.control.Separator(),
            copy,
            paste,
            new javafx.scene.control.Separator(),
            recordButton,
            runButton,
            export,
            keys);
    for (javafx.scene.Node n : bar.getItems()) {
      n.setFocusTraversable(false);
    }
    bar.setId("toolbar");
    return bar;
  }

  private static MenuItem item(String text, String accelerator, Runnable action) {
    MenuItem i = new MenuItem(text);
    if (accelerator != null) {
      i.setAccelerator(KeyCombination.keyCombination(accelerator));
    }
    i.setOnAction(e -> action.run());
    return i;
  }

  // ------------------------------------------------------------------ sessions

  /** The active tab's session, if any. */
  Optional<SessionTab> active() {
    Tab t = tabs.getSelectionModel().getSelectedItem();
    return t != null && t.getUserData() instanceof SessionTab s ? Optional.of(s) : Optional.empty();
  }

  /**
   * The active tab's pooled session id, or null when no tab is active; callable from any thread
   * (off the JavaFX thread it asks that thread, waiting up to 5 s, and gives null on a timeout).
   */
  public String activeSessionId() {
    if (Platform.isFxApplicationThread()) {
      return active().map(t -> t.session().id()).orElse(null);
    }
    java.util.concurrent.CompletableFuture<String> id =
        new java.util.concurrent.CompletableFuture<>();
    Platform.runLater(() -> id.complete(active().map(t -> t.session().id()).orElse(null)));
    try {
      return id.get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** All open sessions, in tab order. */
  List<SessionTab> sessions() {
    List<SessionTab> out = new ArrayList<>();
    for (Tab t : tabs.getTabs()) {
      if (t.getUserData() instanceof SessionTab s) {
        out.add(s);
      }
    }
    return out;
  }

  /** Opens a tab with a session to a profile and connects it (null when the pool refuses). */
  public SessionTab open(SavedProfile profile) {
    return open(profile, endpointFor(profile));
  }

  /** The registered endpoint at a profile's address, else "host:port". */
  private String endpointFor(SavedProfile profile) {
    for (EndpointView v : context.endpoints().list()) {
      if (v.endpoint().host().equalsIgnoreCase(profile.host())
          && v.endpoint().port() == profile.port()) {
        return v.name();
      }
    }
    return profile.host() + ":" + profile.port();
  }

  /** Opens a tab with a pooled session to a profile on a named endpoint. */
  SessionTab open(SavedProfile profile, String endpoint) {
    Keymap.Loaded km = Keymap.load(profile.keymap(), context.configDir());
    if (km.problem() != null) {
      message(km.problem());
    }
    String refusal = complianceRefusal(profile.host(), profile.port(), profile.tlsMode());
    if (refusal != null) {
      admin("open session", profile.name(), AuditOutcome.FAILURE, refusal);
      error("Session not opened", refusal);
      return null;
    }
    PooledSession pooled;
    try {
      pooled =
          context
              .pool()
              .create(
                  profile.name(),
                  endpoint,
                  profile.toSessionProfile(),
                  dev.console3270.endpoint.StickyKeys.ofLuNames(profile.luNames()));
    } catch (RuntimeException e) {
      error("Session not opened", SessionTab.rootMessage(e));
      return null;
    }
    SessionTab tab = new SessionTab(this, profile, context.pool(), pooled, km.keymap());
    profileOf.put(pooled.id(), profile);
    Tab t = tab.tab();
    t.setOnClosed(
        e -> {
          profileOf.remove(pooled.id());
          tab.close();
        });
    t.setContextMenu(tabMenu(tab));
    tabs.getTabs().add(t);
    tabs.getSelectionModel().select(t);
    applyViewOptions();
    tab.connect();
    message("Connecting to " + profile.host() + ":" + profile.port());
    return tab;
  }

  private ContextMenu tabMenu(SessionTab tab) {
    MenuItem rename = new MenuItem("Rename...");
    rename.setOnAction(e -> renameTab(tab));
    MenuItem reconnect = new MenuItem("Reconnect");
    reconnect.setOnAction(e -> tab.session().reconnect());
    MenuItem duplicate = new MenuItem("Duplicate");
    duplicate.setOnAction(e -> open(tab.profile()));
    MenuItem close = new MenuItem("Close");
    close.setOnAction(e -> closeTab(tab));
    return new ContextMenu(rename, reconnect, duplicate, close);
  }

  /** Renames a tab through a small dialog. */
  private void renameTab(SessionTab tab) {
    TextInputDialog d = new TextInputDialog(tab.title());
    d.setTitle("Rename Tab");
    d.setHeaderText("New name for this tab");
    d.initOwner(stage);
    d.showAndWait().map(String::trim).filter(s -> !s.isEmpty()).ifPresent(tab::rename);
  }

  /** Closes a tab and its session. */
  void closeTab(SessionTab tab) {
    tabs.getTabs().remove(tab.tab());
    profileOf.remove(tab.session().id());
    tab.close();
    if (tab == recordingTab) {
      setRecording(false);
    }
  }

  private void closeAll() {
    if (ownFailover) {
      failover.close();
    }
    context.pool().removeHook(poolHook);
    panels.close();
    for (SessionTab t : sessions()) {
      t.close();
    }
    tabs.getTabs().clear();
  }

  /** The tab of a pooled session, if it has one. */
  Optional<SessionTab> tabOf(String sessionId) {
    return sessions().stream().filter(t -> t.session().id().equals(sessionId)).findFirst();
  }

  /**
   * What failover needs of a session: its endpoint's group, its sticky key (the first LU name of
   * its profile, or the API's {@code stickyKey}) and the profile's logon macro.
   */
  private Failover.Plan plan(PooledSession s) {
    String group =
        context
            .endpoints()
            .get(s.endpointName())
            .map(v -> v.endpoint().group())
            .orElse(dev.console3270.endpoint.Endpoint.DEFAULT_GROUP);
    SavedProfile p = profileOf.get(s.id());
    return new Failover.Plan(group, s.stickyKey(), logonMacro(p));
  }

  /** The profile's logon macro, or one that only waits for the host's first screen. */
  LogonMacro logonMacro(SavedProfile p) {
    if (p != null && p.logonMacro() != null) {
      try {
        return new LogonMacro(p.logonMacro(), macros.load(p.logonMacro()));
      } catch (IOException e) {
        LOG.warn("logon macro {} not read: {}", p.logonMacro(), e.getMessage());
      }
    }
    return new LogonMacro("wait for the host", "Wait(30,InputField)");
  }

  private void onPoolEvent(PoolEvent event, PooledSession s, Transition t) {
    Platform.runLater(
        () -> {
          tabOf(s.id()).ifPresent(SessionTab::updateTitle);
          switch (event) {
            case FAILED_OVER -> message(s.name() + ": failed over " + t.detail());
            case MIGRATED -> message(s.name() + ": migrated " + t.detail());
            case ERROR -> message(s.name() + ": " + t.detail());
            case IDLE -> message(s.name() + ": idle: " + t.detail());
            default -> {}
          }
        });
  }

  /** Starts the demo host if needed and opens a session to it. */
  public void openDemoHost() {
    try {
      SavedProfile demo = context.demoHost().start();
      if (context.endpoints().get(DEMO_ENDPOINT).isEmpty()) {
        context
            .endpoints()
            .add(
                new dev.console3270.endpoint.Endpoint(
                    DEMO_ENDPOINT,
                    demo.host(),
                    demo.port(),
                    dev.console3270.session.TlsMode.NONE,
                    1,
                    0,
                    DEMO_ENDPOINT,
                    java.util.Set.of(EMBEDDED_TAG)));
      }
      open(demo, DEMO_ENDPOINT);
    } catch (Exception e) {
      LOG.warn("demo host did not start", e);
      error("The demo host did not start", SessionTab.rootMessage(e));
    }
  }

  /** Asks for an endpoint group and opens a session on the endpoint the balancer picks. */
  private void newBalancedSession() {
    List<String> groups = new ArrayList<>(context.endpoints().groups());
    if (groups.isEmpty()) {
      message("No endpoints: add some in View > Endpoints");
      return;
    }
    java.util.Collections.sort(groups);
    javafx.scene.control.ChoiceDialog<String> d =
        new javafx.scene.control.ChoiceDialog<>(groups.get(0), groups);
    d.setTitle("New Session on Endpoints");
    d.setHeaderText("The balancer picks an endpoint of this group");
    d.initOwner(stage);
    d.showAndWait().ifPresent(this::openBalanced);
  }

  /** Opens a session on the endpoint the balancer picks in a group (null when none is up). */
  SessionTab openBalanced(String group) {
    try {
      dev.console3270.endpoint.Endpoint e =
          context.balancer().pick(dev.console3270.endpoint.PickRequest.of(group));
      SavedProfile p =
          new SavedProfile(
              e.name(),
              e.host(),
              e.port(),
              e.tlsMode(),
              List.of(),
              null,
              null,
              null,
              true,
              null,
              null);
      return open(p, e.name());
    } catch (RuntimeException ex) {
      error("No endpoint available", ex.getMessage());
      return null;
    }
  }

  /** Shows the connect dialog; opens (and saves) what the user chose. */
  private void newSession() {
    untitled++;
    SavedProfile initial =
        active()
            .map(t -> t.profile().withName(t.profile().name() + " " + untitled))
            .orElse(SavedProfile.of("Session " + untitled, "localhost", 23));
    ConnectDialog d = new ConnectDialog(initial, keymapNames(), macroNames());
    d.initOwner(stage);
    d.showAndWait()
        .ifPresent(
            r -> {
              if (r.save()) {
                saveProfile(r.profile());
              }
              open(r.profile());
            });
  }

  private List<String> keymapNames() {
    List<String> names = new ArrayList<>();
    names.add(SavedProfile.DEFAULT_KEYMAP);
    Path dir = context.configDir().resolve("keymaps");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        files
            .map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".json"))
            .map(n -> n.substring(0, n.length() - 5))
            .filter(n -> !names.contains(n))
            .sorted()
            .forEach(names::add);
      } catch (IOException e) {
        message("cannot list keymaps: " + e.getMessage());
      }
    }
    return names;
  }

  // ------------------------------------------------------------------ profiles

  private void loadProfiles() {
    ProfileStore.Loaded loaded = profiles.load();
    saved.clear();
    saved.addAll(loaded.profiles());
    if (loaded.problem() != null) {
      error("Saved profiles", loaded.problem());
    }
    refreshProfileMenus();
  }

  /** Saves a profile (replacing one of the same name). */
  void saveProfile(SavedProfile profile) {
    saved.removeIf(p -> p.name().equals(profile.name()));
    saved.add(profile);
    admin(
        "save profile",
        "profile " + profile.name(),
        AuditOutcome.SUCCESS,
        profile.host() + ":" + profile.port());
    writeProfiles();
  }

  private void deleteProfile(SavedProfile profile) {
    saved.remove(profile);
    admin("delete profile", "profile " + profile.name(), AuditOutcome.SUCCESS, null);
    writeProfiles();
  }

  private void writeProfiles() {
    try {
      profiles.save(saved);
      message("Profiles saved");
    } catch (IOException | RuntimeException e) {
      error("Profiles were not saved", SessionTab.rootMessage(e));
    }
    refreshProfileMenus();
  }

  private void refreshProfileMenus() {
    profilesMenu.getItems().clear();
    deleteProfileMenu.getItems().clear();
    for (SavedProfile p : saved) {
      MenuItem open = new MenuItem(p.name());
      open.setOnAction(e -> open(p));
      profilesMenu.getItems().add(open);
      MenuItem delete = new MenuItem(p.name());
      delete.setOnAction(e -> deleteProfile(p));
      deleteProfileMenu.getItems().add(delete);
    }
    profilesMenu.setDisable(saved.isEmpty());
    deleteProfileMenu.setDisable(saved.isEmpty());
    refreshWelcome();
  }

  private void refreshWelcome() {
    welcome.getChildren().clear();
    Label title = new Label("No session open");
    title.setStyle("-fx-font-size: 18px;");
    welcome.getChildren().add(title);
    for (SavedProfile p : saved) {
      Button b = new Button("Open " + p.name());
      b.setOnAction(e -> open(p));
      welcome.getChildren().add(b);
    }
    Button demo = new Button("Open the demo host");
    demo.setOnAction(e -> openDemoHost());
    Button neu = new Button("New session...");
    neu.setOnAction(e -> newSession());
    welcome.getChildren().addAll(demo, neu);
  }

  // ------------------------------------------------------------------ console actions

  @Override
  public void consoleAction(SessionTab tab, ActionCall call) {
    String n = call.name().toLowerCase(java.util.Locale.ROOT);
    switch (n) {
      case "copy" -> copy();
      case "paste" -> paste();
      case "selectall" -> selectAll();
      case "keypad" -> keypadItem.setSelected(!keypadItem.isSelected());
      case "macro" -> {
        if (call.args().size() != 1) {
          message("Macro() needs a macro name");
        } else {
          runMacro(call.args().get(0));
        }
      }
      case "exporttext" -> exportDialog(ExportFormat.TEXT);
      case "exporthtml" -> exportDialog(ExportFormat.HTML);
      case "exportpng" -> exportDialog(ExportFormat.PNG);
      case "newsession" -> newSession();
      case "closesession" -> closeTab(tab);
      default -> message("unknown console action " + call);
    }
  }

  @Override
  public AuditTrail audit() {
    return context.audit();
  }

  /** Records an operator's configuration change. */
  void admin(String action, String resource, AuditOutcome outcome, String detail) {
    java.util.Map<String, String> d = new java.util.LinkedHashMap<>();
    d.put("action", action);
    if (detail != null) {
      d.put("detail", detail.length() > 2000 ? detail.substring(0, 2000) : detail);
    }
    context.audit().record(AuditType.ADMIN_ACTION, outcome, resource, d);
  }

  /** Opens the audit viewer in a window of its own; returns it (null when there is no log). */
  AuditViewer showAuditLog() {
    if (context.auditDir() == null) {
      message("No audit log");
      return null;
    }
    try {
      context.audit().log().sync();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.debug("audit sync before viewing failed", e);
    }
    dev.console3270.audit.AuditIndex index;
    try {
      index = dev.console3270.audit.AuditIndex.open(context.auditDir());
    } catch (IOException e) {
      error("Audit log", "cannot read " + context.auditDir() + ": " + e.getMessage());
      return null;
    }
    AuditViewer viewer =
        new AuditViewer(
            index,
            AuditViewer.keyFileOf(context.auditDir()),
            what ->
                context
                    .audit()
                    .record(
                        AuditType.AUDIT_ACCESS,
                        AuditOutcome.SUCCESS,
                        context.auditDir().toString(),
                        java.util.Map.of("what", what)));
    Stage s = new Stage();
    s.setTitle("Console3270 - Audit Log");
    s.setScene(new Scene(viewer, 1200, 700));
    s.setOnHidden(
        e -> {
          try {
            index.close();
          } catch (IOException ex) {
            LOG.debug("closing the audit index", ex);
          }
        });
    s.show();
    viewer.opened();
    return viewer;
  }

  /** Shows the compliance report of the selected packs in a window of its own. */
  ComplianceView showCompliance() {
    ComplianceView view =
        new ComplianceView(() -> context.governance().policy().evaluate(context.facts()));
    javafx.scene.control.Button export = new javafx.scene.control.Button("Export JSON...");
    export.setOnAction(
        e -> {
          FileChooser chooser = new FileChooser();
          chooser.setInitialFileName("compliance-report.json");
          java.io.File f = chooser.showSaveDialog(stage);
          if (f != null) {
            try {
              view.export(f.toPath());
              admin("export compliance report", f.toString(), AuditOutcome.SUCCESS, null);
              message("Compliance report written to " + f);
            } catch (IOException ex) {
              error("Compliance report", ex.getMessage());
            }
          }
        });
    ((javafx.scene.layout.HBox) view.getTop()).getChildren().add(export);
    Stage s = new Stage();
    s.setTitle("Console3270 - Compliance Report");
    s.setScene(new Scene(view, 1300, 500));
    s.show();
    return view;
  }

  /**
   * Why the selected compliance packs forbid connecting to this address (TLS required for a host
   * that is not on this machine), or null when they allow it.
   */
  String complianceRefusal(String host, int port, dev.console3270.session.TlsMode tls) {
    return dev.console3270.session.pool.PoolFacts.tlsRefusal(
        context.governance().policy(), host, port, tls);
  }

  /** Records that the operator read a screen (copy, export). */
  private void screenRead(SessionTab t, String how) {
    ScreenSnapshot s = t.view().screen();
    java.util.Map<String, String> d = new java.util.LinkedHashMap<>();
    if (s != null) {
      d.putAll(dev.console3270.session.ScreenAudit.identity(s, t.view().codePage()));
    }
    d.put("how", how);
    context.audit().record(AuditType.SCREEN_READ, AuditOutcome.SUCCESS, t.session().id(), d);
  }

  @Override
  public MacroRecorder recorder(SessionTab tab) {
    return tab == recordingTab ? recorder : null;
  }

  @Override
  public void message(String text) {
    status.setText(text);
    messages.addLast(text);
    while (messages.size() > MESSAGES_KEPT) {
      messages.removeFirst();
    }
  }

  /** The latest status bar messages, oldest first. */
  public List<String> messages() {
    return List.copyOf(messages);
  }

  private void error(String title, String text) {
    message(title + ": " + text);
    Alert a = new Alert(Alert.AlertType.ERROR, text);
    a.setTitle(title);
    a.setHeaderText(title);
    if (stage != null) {
      a.initOwner(stage);
    }
    a.show();
  }

  private void pressOnActive(String action) {
    active()
        .ifPresentOrElse(
            t -> {
              t.dispatch(action);
              t.view().requestFocus();
            },
            () -> message("No session open"));
  }

  private void applyViewOptions() {
    TerminalView.CursorStyle style =
        cursorGroup.getSelectedToggle() == null
            ? TerminalView.CursorStyle.BLOCK
            : (TerminalView.CursorStyle) cursorGroup.getSelectedToggle().getUserData();
    for (SessionTab t : sessions()) {
      t.view().setCursorStyle(style);
      t.view().setCursorBlink(blinkItem.isSelected());
    }
  }

  // ------------------------------------------------------------------ clipboard

  /** Copies the selection (or the whole screen) as text. */
  void copy() {
    active()
        .ifPresent(
            t -> {
              String text = selectedText(t);
              ClipboardContent c = new ClipboardContent();
              c.putString(text);
              Clipboard.getSystemClipboard().setContent(c);
              screenRead(t, "copy");
              message("Copied " + text.length() + " characters");
            });
  }

  /** The selected rectangle's text, or the whole screen's when nothing is selected. */
  static String selectedText(SessionTab t) {
    ScreenSnapshot s = t.view().screen();
    if (s == null) {
      return "";
    }
    TerminalView.Selection sel = t.view().selection();
    if (sel == null) {
      sel = new TerminalView.Selection(0, 0, s.rows() - 1, s.cols() - 1);
    }
    return ScreenExport.rectangle(
        s, t.view().codePage(), sel.row0(), sel.col0(), sel.row1(), sel.col1());
  }

  private void paste() {
    Clipboard c = Clipboard.getSystemClipboard();
    if (!c.hasString() || c.getString().isEmpty()) {
      message("Nothing to paste");
      return;
    }
    String text = c.getString();
    active().ifPresent(t -> t.paste(text));
  }

  private void selectAll() {
    active()
        .ifPresent(
            t -> {
              ScreenSnapshot s = t.view().screen();
              if (s != null) {
                t.view().setSelection(new TerminalView.Selection(0, 0, s.rows() - 1, s.cols() - 1));
              }
            });
  }

  // ------------------------------------------------------------------ export

  private void exportDialog(ExportFormat format) {
    if (active().isEmpty()) {
      message("No session open");
      return;
    }
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export screen as " + format);
    chooser.setInitialFileName("screen." + format.extension());
    chooser
        .getExtensionFilters()
        .add(new FileChooser.ExtensionFilter(format.name(), "*." + format.extension()));
    java.io.File file = chooser.showSaveDialog(stage);
    if (file != null) {
      export(format, file.toPath());
    }
  }

  /** Writes the active screen to a file in a format; says so in the status bar. */
  public void export(ExportFormat format, Path file) {
    Optional<SessionTab> tab = active();
    if (tab.isEmpty() || tab.get().view().screen() == null) {
      message("No screen to export");
      return;
    }
    TerminalView v = tab.get().view();
    try {
      switch (format) {
        case TEXT ->
            Files.writeString(
                file, ScreenExport.text(v.screen(), v.codePage()), StandardCharsets.UTF_8);
        case HTML ->
            Files.writeString(
                file,
                ScreenExport.html(v.screen(), v.codePage(), tab.get().title()),
                StandardCharsets.UTF_8);
        case PNG -> writePng(v.image(), file);
      }
      screenRead(tab.get(), "export " + format + " to " + file);
      message("Exported to " + file);
    } catch (IOException e) {
      error("Export failed", file + ": " + e.getMessage());
    }
  }

  static void writePng(WritableImage image, Path file) throws IOException {
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    PixelReader px = image.getPixelReader();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out.setRGB(x, y, px.getArgb(x, y));
      }
    }
    if (!ImageIO.write(out, "png", file.toFile())) {
      throw new IOException("no PNG writer");
    }
  }

  // ------------------------------------------------------------------ macros

  /** Starts or stops recording the active session's keys. */
  void setRecording(boolean on) {
    recordButton.setSelected(on);
    recordItem.setSelected(on);
    if (on) {
      Optional<SessionTab> t = active();
      if (t.isEmpty()) {
        recordButton.setSelected(false);
        recordItem.setSelected(false);
        message("No session to record");
        return;
      }
      recorder = new MacroRecorder();
      recordingTab = t.get();
      recordButton.setText("Stop");
      message("Recording keys on " + recordingTab.title());
      return;
    }
    recordButton.setText("Record");
    MacroRecorder r = recorder;
    recorder = null;
    recordingTab = null;
    if (r == null) {
      return;
    }
    String script;
    synchronized (r) {
      script = r.script();
    }
    if (script.isBlank()) {
      message("Nothing was recorded");
      return;
    }
    editMacro(null, script);
  }

  /** The recorded script so far (tests), or null when not recording. */
  String recordedScript() {
    MacroRecorder r = recorder;
    if (r == null) {
      return null;
    }
    synchronized (r) {
      return r.script();
    }
  }

  /** Stops recording and saves what was recorded under a name, without a dialog. */
  void stopRecordingAs(String name) throws IOException {
    MacroRecorder r = recorder;
    recorder = null;
    recordingTab = null;
    recordButton.setSelected(false);
    recordItem.setSelected(false);
    recordButton.setText("Record");
    if (r != null) {
      String script;
      synchronized (r) {
        script = r.script();
      }
      macros.save(name, script);
      admin("save macro", "macro " + name, AuditOutcome.SUCCESS, "recorded");
      refreshMacroMenus();
    }
  }

  private void editMacro(String name) {
    String script = "";
    if (name != null) {
      try {
        script = macros.load(name);
      } catch (IOException e) {
        error("Macro not read", name + ": " + e.getMessage());
        return;
      }
    }
    editMacro(name, script);
  }

  private void editMacro(String name, String script) {
    MacroEditor editor = new MacroEditor(name == null ? nextMacroName() : name, script);
    editor.initOwner(stage);
    editor
        .showAndWait()
        .ifPresent(
            r -> {
              try {
                if (name != null && !name.equals(r.name())) {
                  macros.rename(name, r.name());
                }
                macros.save(r.name(), r.script());
                admin("save macro", "macro " + r.name(), AuditOutcome.SUCCESS, null);
                message("Macro " + r.name() + " saved");
              } catch (IOException | IllegalArgumentException e) {
                error("Macro not saved", e.getMessage());
              }
              refreshMacroMenus();
            });
  }

  private String nextMacroName() {
    List<String> names = macroNames();
    int n = 1;
    while (names.contains("macro" + n)) {
      n++;
    }
    return "macro" + n;
  }

  private List<String> macroNames() {
    try {
      return macros.names();
    } catch (java.io.UncheckedIOException e) {
      message("cannot list macros: " + e.getMessage());
      return List.of();
    }
  }

  /** Runs a saved macro on the active session. */
  void runMacro(String name) {
    Optional<SessionTab> t = active();
    if (t.isEmpty()) {
      message("No session open");
      return;
    }
    try {
      List<ActionCall> calls = MacroStore.parseScript(macros.load(name));
      message("Running macro " + name);
      t.get().runScript(name, calls);
    } catch (IOException | IllegalArgumentException e) {
      error("Macro " + name, e.getMessage());
    }
  }

  private void deleteMacro(String name) {
    try {
      macros.delete(name);
      admin("delete macro", "macro " + name, AuditOutcome.SUCCESS, null);
      message("Macro " + name + " deleted");
    } catch (IOException e) {
      error("Macro not deleted", e.getMessage());
    }
    refreshMacroMenus();
  }

  private void refreshMacroMenus() {
    runMenu.getItems().clear();
    editMacroMenu.getItems().clear();
    deleteMacroMenu.getItems().clear();
    runButton.getItems().clear();
    for (String name : macroNames()) {
      MenuItem run = new MenuItem(name);
      run.setOnAction(e -> runMacro(name));
      runMenu.getItems().add(run);
      MenuItem tool = new MenuItem(name);
      tool.setOnAction(e -> runMacro(name));
      runButton.getItems().add(tool);
      MenuItem edit = new MenuItem(name);
      edit.setOnAction(e -> editMacro(name));
      editMacroMenu.getItems().add(edit);
      MenuItem delete = new MenuItem(name);
      delete.setOnAction(e -> deleteMacro(name));
      deleteMacroMenu.getItems().add(delete);
    }
    boolean none = runMenu.getItems().isEmpty();
    runMenu.setDisable(none);
    editMacroMenu.setDisable(none);
    deleteMacroMenu.setDisable(none);
    runButton.setDisable(none);
  }

  /** Opens the secret store (asking for its passphrase once) and shows the secrets dialog. */
  private void secrets() {
    if (secretStore == null) {
      javafx.scene.control.Dialog<char[]> ask = new javafx.scene.control.Dialog<>();
      ask.setTitle("Secret store");
      ask.setHeaderText(
          "Passphrase of the secret store (a new store is created with it if there is none)");
      javafx.scene.control.PasswordField pass = new javafx.scene.control.PasswordField();
      ask.getDialogPane().setContent(pass);
      ask.getDialogPane()
          .getButtonTypes()
          .addAll(javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
      ask.setResultConverter(
          b -> b == javafx.scene.control.ButtonType.OK ? pass.getText().toCharArray() : null);
      ask.initOwner(stage);
      Optional<char[]> phrase = ask.showAndWait();
      if (phrase.isEmpty()) {
        return;
      }
      if (!openSecrets(phrase.get())) {
        return;
      }
    }
    SecretsDialog d = new SecretsDialog(secretStore);
    d.initOwner(stage);
    d.showAndWait();
  }

  /** Opens the secret store with a passphrase and gives it to the pool; false on failure. */
  boolean openSecrets(char[] passphrase) {
    try {
      secretStore =
          SecretStore.open(context.configDir().resolve(SecretStore.FILE_NAME), passphrase);
      context.pool().useSecrets(secretStore);
      message("Secret store open");
      return true;
    } catch (IOException | IllegalArgumentException e) {
      error("Secret store", e.getMessage());
      return false;
    } finally {
      java.util.Arrays.fill(passphrase, '\0');
    }
  }

  // ------------------------------------------------------------------ help

  private void showKeymap() {
    Keymap km = active().map(SessionTab::keymap).orElse(Keymap.builtIn());
    StringBuilder sb = new StringBuilder();
    km.bindings().forEach((k, v) -> sb.append(String.format("%-18s %s%n", k, v)));
    javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(sb.toString());
    text.setEditable(false);
    text.setFont(javafx.scene.text.Font.font("Monospaced", 12));
    text.setPrefRowCount(24);
    Alert a = new Alert(Alert.AlertType.INFORMATION);
    a.setTitle("Keyboard Map");
    a.setHeaderText(
        "Keymap '"
            + km.name()
            + "'. Override it in "
            + context.configDir().resolve("keymaps").resolve(km.name() + ".json"));
    a.getDialogPane().setContent(text);
    a.initOwner(stage);
    a.show();
  }

  private void about() {
    Alert a = new Alert(Alert.AlertType.INFORMATION);
    a.setTitle("About");
    a.setHeaderText(ConsoleApplication.TITLE);
    a.setContentText(
        "A desktop console for IBM mainframe work over TN3270.\nConfiguration: "
            + context.configDir()
            + "\n"
            + context.api().describe());
    a.initOwner(stage);
    a.show();
  }

  /** Called once the window is built (after {@link #show}); refreshes the macro menus. */
  void refreshMenus() {
    refreshMacroMenus();
    refreshProfileMenus();
  }
}
