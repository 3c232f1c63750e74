package dev.console3270.ui;

import dev.console3270.session.MacroStore;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;

/**
 * Edits a macro as text: its name and its action-language script. OK stays disabled while the
 * script does not parse; the error names the line.
 */
final class MacroEditor extends Dialog<MacroEditor.Result> {

  /** The edited macro. */
  record Result(String name, String script) {}

  final TextField name = new TextField();
  final TextArea script = new TextArea();
  final Label error = new Label();

  MacroEditor(String initialName, String initialScript) {
    setTitle("Macro");
    setHeaderText(
        "One or more actions a line, as x3270 writes them: String(\"text\") Enter() PF(3)"
            + " Wait(InputField) ...\nLines starting with # are comments.");
    name.setId("macro-name");
    script.setId("macro-script");
    error.setId("macro-error");
    name.setText(initialName);
    script.setText(initialScript);
    script.setFont(Font.font("Monospaced", 13));
    script.setPrefColumnCount(60);
    script.setPrefRowCount(16);
    error.setStyle("-fx-text-fill: #c00000;");
    VBox box = new VBox(6, new Label("Name"), name, new Label("Script"), script, error);
    box.setPadding(new Insets(12));
    getDialogPane().setContent(box);
    getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    name.textProperty().addListener((o, a, b) -> validate());
    script.textProperty().addListener((o, a, b) -> validate());
    validate();
    setResultConverter(
        b -> b == ButtonType.OK ? new Result(name.getText().trim(), script.getText()) : null);
  }

  /** Checks the name and the script; disables OK and says why when one is bad. */
  boolean validate() {
    String problem = null;
    try {
      MacroStore.checkName(name.getText().trim());
      MacroStore.parseScript(script.getText());
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
    error.setText(problem == null ? "" : problem);
    javafx.scene.Node ok = getDialogPane().lookupButton(ButtonType.OK);
    if (ok != null) {
      ok.setDisable(problem != null);
    }
    return problem == null;
  }
}
