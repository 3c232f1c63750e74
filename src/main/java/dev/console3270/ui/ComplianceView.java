package dev.console3270.ui;

import dev.console3270.audit.compliance.ComplianceReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The compliance report in the app: one row a rule of the selected packs, with its status, the
 * evidence and the violations; re-evaluated on demand, exported as JSON.
 */
final class ComplianceView extends BorderPane {

  private final Supplier<ComplianceReport> evaluate;
  private final TableView<ComplianceReport.RuleResult> table = new TableView<>();
  private final Label summary = new Label();
  private ComplianceReport report;

  ComplianceView(Supplier<ComplianceReport> evaluate) {
    this.evaluate = evaluate;
    setId("compliance-view");
    table.setId("compliance-table");
    table.setPlaceholder(
        new Label(
            "No compliance packs selected (\"compliance\": {\"packs\": [...]} in console3270.json)"));
    table.getColumns().add(Tables.column("Rule", r -> r.rule().id(), 110));
    table.getColumns().add(Tables.column("Pack", r -> r.rule().pack(), 70));
    table.getColumns().add(Tables.column("Title", r -> r.rule().title(), 300));
    table.getColumns().add(Tables.column("Severity", r -> r.rule().severity().name(), 80));
    table.getColumns().add(Tables.column("Status", r -> r.status().name(), 110));
    table.getColumns().add(Tables.column("Evidence", r -> r.outcome().evidence().toString(), 330));
    table
        .getColumns()
        .add(Tables.column("Violations", r -> String.join("; ", r.outcome().violations()), 300));
    table.setRowFactory(
        t ->
            new TableRow<>() {
              @Override
              protected void updateItem(ComplianceReport.RuleResult item, boolean empty) {
                super.updateItem(item, empty);
                setStyle(
                    empty || item == null
                        ? ""
                        : switch (item.status()) {
                          case FAIL -> "-fx-background-color: #f8d7d7;";
                          case PASS -> "-fx-background-color: #dff0d8;";
                          case NOT_APPLICABLE -> "";
                        });
              }
            });
    Button refresh = new Button("Evaluate");
    refresh.setOnAction(e -> refresh());
    summary.setId("compliance-summary");
    HBox top = new HBox(10, refresh, summary);
    top.setPadding(new Insets(6));
    setTop(top);
    setCenter(table);
    refresh();
  }

  /** Evaluates the rules against the configuration as it is now. */
  void refresh() {
    report = evaluate.get();
    table.getItems().setAll(report.results());
    summary.setText(
        "Packs: "
            + (report.packs().isEmpty() ? "none" : String.join(", ", report.packs()))
            + " - "
            + report.status()
            + " ("
            + report.count(dev.console3270.audit.compliance.RuleStatus.PASS)
            + " pass, "
            + report.count(dev.console3270.audit.compliance.RuleStatus.FAIL)
            + " fail, "
            + report.count(dev.console3270.audit.compliance.RuleStatus.NOT_APPLICABLE)
            + " not applicable)");
  }

  /** The report shown. */
  ComplianceReport report() {
    return report;
  }

  /** The rows shown. */
  List<ComplianceReport.RuleResult> rows() {
    return List.copyOf(table.getItems());
  }

  /** Writes the report as JSON. */
  void export(Path file) throws IOException {
    Files.writeString(file, report.toJson(), StandardCharsets.UTF_8);
  }
}
