package dev.console3270.ui;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The session pool panel: one row a pooled session (id, name, endpoint, state, LU, idle time,
 * traffic) with the actions pause, resume, migrate and close on the selected row. The window
 * refreshes it from the pool; rows are replaced in place so the selection stays.
 */
public final class PoolPanel extends BorderPane {

  /**
   * One session as the panel shows it.
   *
   * @param id the pool's id
   * @param name display name
   * @param endpoint endpoint name
   * @param state pool state name
   * @param lu LU name or ""
   * @param idle time since the last input or host data
   * @param bytesIn bytes received from the host
   * @param bytesOut bytes sent to the host
   */
  public record Row(
      String id,
      String name,
      String endpoint,
      String state,
      String lu,
      Duration idle,
      long bytesIn,
      long bytesOut) {}

  /** What the panel's buttons do; each gets the selected row's id. */
  public interface Actions {
    void pause(String id);

    void resume(String id);

    void migrate(String id);

    void close(String id);
  }

  private final TableView<Row> table = new TableView<>();
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final Label summary = new Label();

  /** A panel whose buttons call {@code actions}. */
  public PoolPanel(Actions actions) {
    setId("pool-panel");
    table.setId("pool-table");
    table.setItems(rows);
    table.setPlaceholder(new Label("No sessions in the pool"));
    table.getColumns().add(Tables.column("Id", Row::id, 90));
    table.getColumns().add(Tables.column("Name", Row::name, 140));
    table.getColumns().add(Tables.column("Endpoint", Row::endpoint, 110));
    table.getColumns().add(Tables.column("State", Row::state, 100));
    table.getColumns().add(Tables.column("LU", Row::lu, 90));
    table.getColumns().add(Tables.column("Idle", r -> idle(r.idle()), 70));
    table.getColumns().add(Tables.column("In", r -> bytes(r.bytesIn()), 80));
    table.getColumns().add(Tables.column("Out", r -> bytes(r.bytesOut()), 80));
    HBox buttons =
        new HBox(
            6,
            button("Pause", "pool-pause", actions::pause),
            button("Resume", "pool-resume", actions::resume),
            button("Migrate...", "pool-migrate", actions::migrate),
            button("Close", "pool-close", actions::close),
            summary);
    buttons.setPadding(new Insets(6));
    summary.setId("pool-summary");
    setCenter(table);
    setBottom(buttons);
  }

  private Button button(String text, String id, Consumer<String> action) {
    Button b = new Button(text);
    b.setId(id);
    b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    b.setOnAction(
        e -> {
          Row r = table.getSelectionModel().getSelectedItem();
          if (r != null) {
            action.accept(r.id());
          }
        });
    return b;
  }

  /** Shows these rows (call on the FX thread), keeping the selected session selected. */
  public void show(List<Row> latest, String summaryText) {
    Row selected = table.getSelectionModel().getSelectedItem();
    if (!rows.equals(latest)) {
      rows.setAll(latest);
    }
    summary.setText(summaryText);
    if (selected != null) {
      for (Row r : rows) {
        if (Objects.equals(r.id(), selected.id())) {
          table.getSelectionModel().select(r);
          break;
        }
      }
    }
  }

  /** The rows shown. */
  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Selects the row of a session id (tests and the window). */
  public void select(String id) {
    for (Row r : rows) {
      if (r.id().equals(id)) {
        table.getSelectionModel().select(r);
        return;
      }
    }
  }

  static String idle(Duration d) {
    long s = d.toSeconds();
    return s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m" + (s % 60) + "s" : (s / 3600) + "h";
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f kB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", n / 1024.0 / 1024.0);
  }
}
