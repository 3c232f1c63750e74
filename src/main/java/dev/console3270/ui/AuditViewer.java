package dev.console3270.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.console3270.audit.AuditConfig;
import dev.console3270.audit.AuditEvent;
import dev.console3270.audit.AuditIndex;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditType;
import dev.console3270.audit.AuditVerifier;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The audit viewer: pages through the audit log without loading it (an {@link AuditIndex} of line
 * offsets; rows are read when shown, through a small cache), filters by time range, type, user,
 * session, outcome and free text (a background scan), shows a record in full, verifies the chain,
 * and exports the filtered view to CSV or JSON. Each verification and export is itself recorded
 * (AUDIT_ACCESS) through {@code onAccess}.
 */
public final class AuditViewer extends BorderPane {

  private static final int CACHE = 4096;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final AuditIndex index;
  private final Path keyFile;
  private final Consumer<String> onAccess;
  private final TableView<Integer> table = new TableView<>();
  private final TextArea detail = new TextArea();
  private final Label status = new Label();
  private final Label chain = new Label("Chain: not verified");
  private final ProgressBar progress = new ProgressBar(0);
  final TextField from = new TextField();
  final TextField to = new TextField();
  final ChoiceBox<String> type = new ChoiceBox<>();
  final TextField user = new TextField();
  final TextField session = new TextField();
  final ChoiceBox<String> outcome = new ChoiceBox<>();
  final TextField text = new TextField();
  private final Map<Integer, AuditIndex.Entry> cache =
      new LinkedHashMap<>(CACHE, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, AuditIndex.Entry> e) {
          return size() > CACHE;
        }
      };

  /** The rows shown: all records, or the indices a filter matched. */
  private int[] filtered;

  private boolean filterActive;
  private int all;
  private volatile AuditVerifier.Result lastVerify;

  /**
   * A viewer of an index.
   *
   * @param keyFile the audit key, for verification
   * @param onAccess records an access to the audit log (a short description)
   */
  public AuditViewer(AuditIndex index, Path keyFile, Consumer<String> onAccess) {
    this.index = index;
    this.keyFile = keyFile;
    this.onAccess = onAccess;
    setId("audit-viewer");
    table.setId("audit-table");
    table.getColumns().add(column("Seq", e -> Long.toString(e.seq()), 80));
    table.getColumns().add(column("Time (UTC)", e -> e.time().toString(), 200));
    table.getColumns().add(column("Type", e -> e.type().name(), 150));
    table.getColumns().add(column("Outcome", e -> e.outcome().name(), 80));
    table.getColumns().add(column("User", AuditEvent::user, 90));
    table.getColumns().add(column("Origin", AuditEvent::origin, 140));
    table.getColumns().add(column("Resource", AuditEvent::resource, 120));
    table.getColumns().add(column("Details", e -> e.details().toString(), 300));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, b) -> detail.setText(b == null ? "" : pretty(b)));
    detail.setEditable(false);
    detail.setId("audit-detail");
    detail.setFont(javafx.scene.text.Font.font("Monospaced", 12));

    type.getItems().add("any");
    Arrays.stream(AuditType.values()).map(Enum::name).forEach(type.getItems()::add);
    type.setValue("any");
    outcome.getItems().add("any");
    Arrays.stream(AuditOutcome.values()).map(Enum::name).forEach(outcome.getItems()::add);
    outcome.setValue("any");
    from.setPromptText("from 2026-11-24T08:00");
    to.setPromptText("to (UTC)");
    user.setPromptText("user");
    session.setPromptText("session / resource");
    text.setPromptText("search text");
    Button apply = new Button("Filter");
    apply.setId("audit-filter");
    apply.setOnAction(e -> applyFilter());
    Button clear = new Button("Clear");
    clear.setOnAction(
        e -> {
          from.clear();
          to.clear();
          user.clear();
          session.clear();
          text.clear();
          type.setValue("any");
          outcome.setValue("any");
          showAll();
        });
    Button verify = new Button("Verify chain");
    verify.setId("audit-verify");
    verify.setOnAction(e -> verify());
    Button refresh = new Button("Refresh");
    refresh.setOnAction(e -> reload());
    Button csv = new Button("Export CSV...");
    csv.setOnAction(e -> exportDialog("csv"));
    Button json = new Button("Export JSON...");
    json.setOnAction(e -> exportDialog("json"));
    FlowPane filters =
        new FlowPane(
            6, 6, from, to, type, outcome, user, session, text, apply, clear, refresh, verify, csv,
            json);
    filters.setPadding(new Insets(6));
    status.setId("audit-status");
    chain.setId("audit-chain");
    progress.setVisible(false);
    SplitPane split = new SplitPane(table, detail);
    split.setOrientation(javafx.geometry.Orientation.VERTICAL);
    split.setDividerPositions(0.7);
    setTop(filters);
    setCenter(split);
    setBottom(new VBox(new HBox(10, status, progress), chain));
    showAll();
  }

  private TableColumn<Integer, String> column(
      String title, java.util.function.Function<AuditEvent, String> value, double width) {
    TableColumn<Integer, String> c = new TableColumn<>(title);
    c.setSortable(false);
    c.setPrefWidth(width);
    c.setCellValueFactory(
        d -> {
          AuditIndex.Entry e = entry(d.getValue());
          String v = e == null ? "?" : e.event() == null ? "(malformed)" : value.apply(e.event());
          return new ReadOnlyObjectWrapper<>(v);
        });
    return c;
  }

  /** The record at an index, through the cache; null when it cannot be read. */
  AuditIndex.Entry entry(int i) {
    synchronized (cache) {
      AuditIndex.Entry e = cache.get(i);
      if (e != null) {
        return e;
      }
    }
    try {
      AuditIndex.Entry e = index.record(i);
      synchronized (cache) {
        cache.put(i, e);
      }
      return e;
    } catch (IOException | IndexOutOfBoundsException ex) {
      return null;
    }
  }

  private String pretty(int i) {
    AuditIndex.Entry e = entry(i);
    if (e == null) {
      return "";
    }
    try {
      return e.file().getFileName()
          + " at byte "
          + e.offset()
          + "\n"
          + JSON.writeValueAsString(JSON.readTree(e.raw()));
    } catch (IOException ex) {
      return e.raw();
    }
  }

  /** All records, newest last (no filter). */
  void showAll() {
    filterActive = false;
    all = index.size();
    int n = all;
    table.setItems(FXCollections.observableList(new Range(n)));
    status.setText(n + " records");
  }

  /** Re-reads the index (new records) and shows everything. */
  void reload() {
    try {
      index.refresh();
    } catch (IOException e) {
      status.setText("cannot read the log: " + e.getMessage());
    }
    synchronized (cache) {
      cache.clear();
    }
    showAll();
  }

  /** The rows shown now (indices into the log). */
  List<Integer> rows() {
    return List.copyOf(table.getItems());
  }

  /** Selects a row of the view (tests). */
  void selectRow(int row) {
    table.getSelectionModel().select(row);
  }

  /** Row count shown. */
  int rowCount() {
    return table.getItems().size();
  }

  /** A list of the integers 0..n-1 that takes no memory. */
  private static final class Range extends AbstractList<Integer> {
    private final int n;

    Range(int n) {
      this.n = n;
    }

    @Override
    public Integer get(int i) {
      if (i < 0 || i >= n) {
        throw new IndexOutOfBoundsException(i);
      }
      return i;
    }

    @Override
    public int size() {
      return n;
    }
  }

  /** The filter the fields describe. */
  record Filter(
      Instant from,
      Instant to,
      AuditType type,
      AuditOutcome outcome,
      String user,
      String resource,
      String text) {
    boolean matches(AuditIndex.Entry e) {
      AuditEvent ev = e.event();
      if (ev == null) {
        return text != null && e.raw().toLowerCase(Locale.ROOT).contains(text);
      }
      return (from == null || !ev.time().isBefore(from))
          && (to == null || ev.time().isBefore(to))
          && (type == null || ev.type() == type)
          && (outcome == null || ev.outcome() == outcome)
          && (user == null || ev.user().equalsIgnoreCase(user))
          && (resource == null || ev.resource().toLowerCase(Locale.ROOT).contains(resource))
          && (text == null || e.raw().toLowerCase(Locale.ROOT).contains(text));
    }
  }

  /** Builds the filter from the fields; throws IllegalArgumentException for a bad time. */
  Filter filter() {
    return new Filter(
        time(from.getText()),
        time(to.getText()),
        "any".equals(type.getValue()) ? null : AuditType.valueOf(type.getValue()),
        "any".equals(outcome.getValue()) ? null : AuditOutcome.valueOf(outcome.getValue()),
        blank(user.getText()) ? null : user.getText().trim(),
        blank(session.getText()) ? null : session.getText().trim().toLowerCase(Locale.ROOT),
        blank(text.getText()) ? null : text.getText().trim().toLowerCase(Locale.ROOT));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Instant time(String s) {
    if (blank(s)) {
      return null;
    }
    String t = s.trim();
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        try {
          return java.time.LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e3) {
          throw new IllegalArgumentException(
              "not a time: \"" + t + "\" (use 2026-11-24, 2026-11-24T08:00 or an ISO instant)");
        }
      }
    }
  }

  /** Scans the log in the background for the filter; returns the task (tests wait on it). */
  Task<int[]> applyFilter() {
    Filter f;
    try {
      f = filter();
    } catch (IllegalArgumentException e) {
      status.setText(e.getMessage());
      return null;
    }
    int n = index.size();
    Task<int[]> task =
        new Task<>() {
          @Override
          protected int[] call() throws Exception {
            int[] hits = new int[Math.min(n, 1 << 16)];
            int count = 0;
            for (int i = 0; i < n; i++) {
              if (isCancelled()) {
                break;
              }
              AuditIndex.Entry e = index.record(i);
              if (f.matches(e)) {
                if (count == hits.length) {
                  hits = Arrays.copyOf(hits, hits.length * 2);
                }
                hits[count++] = i;
              }
              if ((i & 0x3fff) == 0) {
                updateProgress(i, n);
              }
            }
            return Arrays.copyOf(hits, count);
          }
        };
    progress.progressProperty().bind(task.progressProperty());
    progress.setVisible(true);
    status.setText("Filtering " + n + " records...");
    task.setOnSucceeded(
        e -> {
          progress.setVisible(false);
          filtered = task.getValue();
          filterActive = true;
          int[] rows = filtered;
          ObservableList<Integer> items =
              FXCollections.observableList(
                  new AbstractList<>() {
                    @Override
                    public Integer get(int i) {
                      return rows[i];
                    }

                    @Override
                    public int size() {
                      return rows.length;
                    }
                  });
          table.setItems(items);
          status.setText(rows.length + " of " + n + " records match");
        });
    task.setOnFailed(
        e -> {
          progress.setVisible(false);
          status.setText("Filter failed: " + task.getException().getMessage());
        });
    Thread t = new Thread(task, "audit-filter");
    t.setDaemon(true);
    t.start();
    return task;
  }

  /** Verifies the chain in the background; the chain line shows the result. */
  Task<AuditVerifier.Result> verify() {
    chain.setText("Chain: verifying...");
    Task<AuditVerifier.Result> task =
        new Task<>() {
          @Override
          protected AuditVerifier.Result call() throws Exception {
            return AuditVerifier.verify(index.directory(), keyFile);
          }
        };
    task.setOnSucceeded(
        e -> {
          lastVerify = task.getValue();
          chain.setText("Chain: " + String.join(" | ", lastVerify.report()));
          onAccess.accept("verified the audit chain: " + lastVerify.report().get(0));
        });
    task.setOnFailed(
        e -> chain.setText("Chain: cannot verify: " + task.getException().getMessage()));
    Thread t = new Thread(task, "audit-verify");
    t.setDaemon(true);
    t.start();
    return task;
  }

  /** The chain line's text. */
  String chainText() {
    return chain.getText();
  }

  /** The status line's text. */
  String statusText() {
    return status.getText();
  }

  private void exportDialog(String format) {
    javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
    chooser.setInitialFileName("audit." + format);
    java.io.File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
    if (file != null) {
      try {
        int n = export(file.toPath(), format);
        status.setText("Exported " + n + " records to " + file);
      } catch (IOException e) {
        status.setText("Export failed: " + e.getMessage());
      }
    }
  }

  /** Writes the rows shown to a CSV or JSON (an array) file; returns how many. */
  int export(Path file, String format) throws IOException {
    List<Integer> rows = table.getItems();
    int n = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      boolean csv = format.equals("csv");
      w.write(csv ? "seq,time,type,outcome,user,origin,resource,details\n" : "[\n");
      for (int i : rows) {
        AuditIndex.Entry e = entry(i);
        if (e == null) {
          continue;
        }
        if (csv) {
          AuditEvent ev = e.event();
          if (ev == null) {
            continue;
          }
          w.write(
              String.join(
                      ",",
                      Long.toString(ev.seq()),
                      ev.time().toString(),
                      ev.type().name(),
                      ev.outcome().name(),
                      csv(ev.user()),
                      csv(ev.origin()),
                      csv(ev.resource()),
                      csv(ev.details().toString()))
                  + "\n");
        } else {
          w.write((n == 0 ? "  " : ",\n  ") + e.raw());
        }
        n++;
      }
      if (!csv) {
        w.write("\n]\n");
      }
    }
    onAccess.accept("exported " + n + " audit records (" + format + ") to " + file);
    return n;
  }

  private static String csv(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  /** Called after the window shows: the viewer's opening is an access too. */
  void opened() {
    onAccess.accept("opened the audit viewer (" + index.size() + " records)");
    Platform.runLater(() -> table.scrollTo(Math.max(0, index.size() - 1)));
  }

  /** The audit config's key file for a directory (the default layout). */
  static Path keyFileOf(Path auditDir) {
    return AuditConfig.defaultKeyFile(auditDir);
  }
}
