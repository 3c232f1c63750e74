package dev.console3270.ui;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The endpoint panel: each endpoint's health, rise/fall progress, latency, sessions and weight; a
 * latency chart of the selected endpoint; the balancing strategy; add, edit, drain, disable, enable
 * and remove.
 */
public final class EndpointPanel extends BorderPane {

  /** Samples of latency kept per endpoint for the chart. */
  static final int HISTORY = 60;

  /**
   * One endpoint as the panel shows it.
   *
   * @param name endpoint name
   * @param address host:port (and TLS mode)
   * @param group its group
   * @param admin ENABLED, DRAINING or DISABLED
   * @param health UP or DOWN
   * @param checkProgress the rise/fall counter as a fraction of its range (0 to 1)
   * @param checkText the counter in words, such as "UP 5/5" or "DOWN 1/2 going up"
   * @param lastCheck the last check's result, such as L7OK
   * @param latencyMillis mean latency of the recent checks, or NaN when unknown
   * @param sessions active sessions
   * @param maxSessions the limit (0: none)
   * @param weight weight
   */
  public record Row(
      String name,
      String address,
      String group,
      String admin,
      String health,
      double checkProgress,
      String checkText,
      String lastCheck,
      double latencyMillis,
      int sessions,
      int maxSessions,
      int weight) {}

  /** An endpoint as the add/edit dialog fills it in. */
  public record Form(
      String name,
      String host,
      int port,
      String tlsMode,
      int weight,
      int maxSessions,
      String group,
      Set<String> tags) {}

  /** What the panel's controls do. */
  public interface Actions {
    /** Adds or replaces an endpoint; throws IllegalArgumentException with the reason. */
    void save(Form form);

    void drain(String name);

    void disable(String name);

    void enable(String name);

    void remove(String name);

    void strategy(String name);

    /** The form of an existing endpoint, for editing. */
    Form form(String name);
  }

  private final Actions actions;
  private final TableView<Row> table = new TableView<>();
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ChoiceBox<String> strategy = new ChoiceBox<>();
  private final XYChart.Series<Number, Number> series = new XYChart.Series<>();
  private final Map<String, Deque<Double>> history = new HashMap<>();
  private final Label message = new Label();
  private long samples;
  private boolean updatingStrategy;

  /** A panel offering these strategies, calling {@code actions}. */
  public EndpointPanel(List<String> strategies, String current, Actions actions) {
    this.actions = actions;
    setId("endpoint-panel");
    table.setId("endpoint-table");
    table.setItems(rows);
    table.setPlaceholder(new Label("No endpoints: add one"));
    table.getColumns().add(Tables.column("Name", Row::name, 110));
    table.getColumns().add(Tables.column("Address", Row::address, 150));
    table.getColumns().add(Tables.column("Group", Row::group, 80));
    table.getColumns().add(Tables.column("Admin", Row::admin, 80));
    table.getColumns().add(Tables.column("Health", Row::health, 60));
    TableColumn<Row, Row> progress = new TableColumn<>("Rise/fall");
    progress.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
    progress.setCellFactory(c -> new ProgressCell());
    progress.setPrefWidth(170);
    table.getColumns().add(progress);
    table.getColumns().add(Tables.column("Check", Row::lastCheck, 70));
    table
        .getColumns()
        .add(
            Tables.column(
                "Latency",
                r ->
                    Double.isNaN(r.latencyMillis())
                        ? "-"
                        : String.format(java.util.Locale.ROOT, "%.1f ms", r.latencyMillis()),
                80));
    table
        .getColumns()
        .add(
            Tables.column(
                "Sessions",
                r -> r.sessions() + (r.maxSessions() > 0 ? " / " + r.maxSessions() : ""),
                80));
    table.getColumns().add(Tables.column("Weight", r -> Integer.toString(r.weight()), 60));
    table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> redrawChart());

    strategy.setId("endpoint-strategy");
    strategy.getItems().addAll(strategies);
    strategy.setValue(current);
    strategy
        .valueProperty()
        .addListener(
            (o, a, b) -> {
              if (!updatingStrategy && b != null) {
                actions.strategy(b);
              }
            });
    NumberAxis x = new NumberAxis();
    x.setLabel("check");
    x.setForceZeroInRange(false);
    x.setMinorTickVisible(false);
    x.setTickLabelFormatter(
        new javafx.util.StringConverter<Number>() {
          @Override
          public String toString(Number n) {
            return n.doubleValue() == Math.rint(n.doubleValue())
                ? Long.toString(n.longValue())
                : "";
          }

          @Override
          public Number fromString(String s) {
            return Long.parseLong(s);
          }
        });
    NumberAxis y = new NumberAxis();
    y.setLabel("latency (ms)");
    LineChart<Number, Number> chart = new LineChart<>(x, y);
    chart.setId("endpoint-latency");
    chart.setAnimated(false);
    chart.setCreateSymbols(false);
    chart.setLegendVisible(false);
    chart.setPrefHeight(180);
    chart.getData().add(series);

    HBox controls =
        new HBox(
            6,
            new Label("Strategy"),
            strategy,
            button("Add...", "endpoint-add", false, n -> edit(null)),
            button("Edit...", "endpoint-edit", true, this::edit),
            button("Drain", "endpoint-drain", true, actions::drain),
            button("Disable", "endpoint-disable", true, actions::disable),
            button("Enable", "endpoint-enable", true, actions::enable),
            button("Remove", "endpoint-remove", true, actions::remove));
    controls.setPadding(new Insets(6));
    message.setId("endpoint-message");
    setTop(controls);
    setCenter(table);
    setBottom(new VBox(chart, message));
  }

  /** A progress bar with the counter's words on it. */
  private static final class ProgressCell extends TableCell<Row, Row> {
    private final ProgressBar bar = new ProgressBar();
    private final Label text = new Label();
    private final javafx.scene.layout.StackPane pane = new javafx.scene.layout.StackPane(bar, text);

    ProgressCell() {
      bar.setMaxWidth(Double.MAX_VALUE);
    }

    @Override
    protected void updateItem(Row item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null) {
        setGraphic(null);
        return;
      }
      bar.setProgress(item.checkProgress());
      bar.setStyle("-fx-accent: " + ("UP".equals(item.health()) ? "#3c9a3c" : "#c03030") + ";");
      text.setText(item.checkText());
      setGraphic(pane);
    }
  }

  private Button button(String text, String id, boolean needsRow, Consumer<String> action) {
    Button b = new Button(text);
    b.setId(id);
    if (needsRow) {
      b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    }
    b.setOnAction(
        e -> {
          Row r = table.getSelectionModel().getSelectedItem();
          try {
            action.accept(r == null ? null : r.name());
            message.setText("");
          } catch (RuntimeException ex) {
            message.setText(ex.getMessage());
          }
        });
    return b;
  }

  private void edit(String name) {
    Form initial =
        name == null
            ? new Form("", "127.0.0.1", 23, "NONE", 1, 0, "default", Set.of())
            : actions.form(name);
    EndpointDialog d = new EndpointDialog(initial, name != null);
    d.initOwner(getScene() == null ? null : getScene().getWindow());
    d.showAndWait().ifPresent(actions::save);
  }

  /** Shows these rows and adds a latency sample of each to its history (FX thread). */
  public void show(List<Row> latest, String currentStrategy) {
    samples++;
    Row selected = table.getSelectionModel().getSelectedItem();
    if (!rows.equals(latest)) {
      rows.setAll(latest);
    }
    for (Row r : latest) {
      Deque<Double> h = history.computeIfAbsent(r.name(), k -> new ArrayDeque<>());
      h.addLast(r.latencyMillis());
      while (h.size() > HISTORY) {
        h.removeFirst();
      }
    }
    history.keySet().retainAll(latest.stream().map(Row::name).toList());
    if (selected != null) {
      for (Row r : rows) {
        if (Objects.equals(r.name(), selected.name())) {
          table.getSelectionModel().select(r);
          break;
        }
      }
    } else if (!rows.isEmpty()) {
      table.getSelectionModel().select(0);
    }
    if (!Objects.equals(strategy.getValue(), currentStrategy)) {
      updatingStrategy = true;
      strategy.setValue(currentStrategy);
      updatingStrategy = false;
    }
    redrawChart();
  }

  private void redrawChart() {
    Row r = table.getSelectionModel().getSelectedItem();
    series.getData().clear();
    if (r == null) {
      return;
    }
    Deque<Double> h = history.getOrDefault(r.name(), new ArrayDeque<>());
    long first = samples - h.size() + 1;
    int i = 0;
    for (double v : h) {
      if (!Double.isNaN(v)) {
        series.getData().add(new XYChart.Data<>(first + i, v));
      }
      i++;
    }
    series.setName(r.name());
  }

  /** The rows shown. */
  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Points in the chart now. */
  int chartPoints() {
    return series.getData().size();
  }

  /** Selects an endpoint's row. */
  public void select(String name) {
    for (Row r : rows) {
      if (r.name().equals(name)) {
        table.getSelectionModel().select(r);
        return;
      }
    }
  }

  /** The add/edit dialog of an endpoint. */
  static final class EndpointDialog extends Dialog<Form> {
    final TextField name = new TextField();
    final TextField host = new TextField();
    final TextField port = new TextField();
    final ChoiceBox<String> tls = new ChoiceBox<>();
    final TextField weight = new TextField();
    final TextField max = new TextField();
    final TextField group = new TextField();
    final TextField tags = new TextField();
    final Label error = new Label();

    EndpointDialog(Form f, boolean editing) {
      setTitle(editing ? "Edit endpoint" : "Add endpoint");
      name.setText(f.name());
      name.setDisable(editing);
      host.setText(f.host());
      port.setText(Integer.toString(f.port()));
      tls.getItems().addAll("NONE", "TLS", "STARTTLS");
      tls.setValue(f.tlsMode());
      weight.setText(Integer.toString(f.weight()));
      max.setText(Integer.toString(f.maxSessions()));
      group.setText(f.group());
      tags.setText(String.join(",", f.tags()));
      error.setStyle("-fx-text-fill: #c00000;");
      GridPane g = new GridPane();
      g.setHgap(8);
      g.setVgap(6);
      g.setPadding(new Insets(12));
      String[] labels = {"Name", "Host", "Port", "TLS", "Weight", "Max sessions", "Group", "Tags"};
      javafx.scene.Node[] fields = {name, host, port, tls, weight, max, group, tags};
      for (int i = 0; i < labels.length; i++) {
        g.add(new Label(labels[i]), 0, i);
        g.add(fields[i], 1, i);
      }
      g.add(error, 0, labels.length, 2, 1);
      getDialogPane().setContent(g);
      getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
      javafx.scene.Node ok = getDialogPane().lookupButton(ButtonType.OK);
      ok.addEventFilter(
          javafx.event.ActionEvent.ACTION,
          e -> {
            try {
              form();
              error.setText("");
            } catch (IllegalArgumentException ex) {
              error.setText(ex.getMessage());
              e.consume();
            }
          });
      setResultConverter(b -> b == ButtonType.OK ? form() : null);
    }

    Form form() {
      return new Form(
          name.getText().trim(),
          host.getText().trim(),
          number(port, "port"),
          tls.getValue(),
          number(weight, "weight"),
          number(max, "max sessions"),
          group.getText().trim().isEmpty() ? "default" : group.getText().trim(),
          Set.copyOf(
              Arrays.stream(tags.getText().split("[,\\s]+")).filter(s -> !s.isBlank()).toList()));
    }

    private static int number(TextField f, String what) {
      try {
        return Integer.parseInt(f.getText().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(what + " must be a number: " + f.getText());
      }
    }
  }
}
