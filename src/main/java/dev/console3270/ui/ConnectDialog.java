package dev.console3270.ui;

import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.session.SavedProfile;
import dev.console3270.session.TlsMode;
import java.util.Arrays;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * The connect dialog: host, port, TLS mode, LU, model, code page and keymap, and whether to save
 * the result as a profile. OK stays disabled while a field is invalid; the reason is shown.
 */
final class ConnectDialog extends Dialog<ConnectDialog.Result> {

  /** What the user chose: the profile and whether to save it. */
  record Result(SavedProfile profile, boolean save) {}

  /** The models offered in the list (any x3270 model name may be typed). */
  static final List<String> MODELS =
      List.of(
          "3279-2-E", "3279-3-E", "3279-4-E", "3279-5-E", "3278-2", "3278-3", "3278-4", "3278-5");

  final TextField name = new TextField();
  final TextField host = new TextField();
  final TextField port = new TextField();
  final ChoiceBox<TlsMode> tls = new ChoiceBox<>();
  final TextField lu = new TextField();
  final ComboBox<String> model = new ComboBox<>();
  final ComboBox<String> codePage = new ComboBox<>();
  final ComboBox<String> keymap = new ComboBox<>();
  final ComboBox<String> logon = new ComboBox<>();
  final CheckBox save = new CheckBox("Save as a profile");

  /** The logon-macro choice for "none". */
  static final String NO_LOGON = "(none)";

  final Label error = new Label();

  ConnectDialog(SavedProfile initial, List<String> keymaps, List<String> macros) {
    setTitle("Connect");
    setHeaderText("Connect to a TN3270 host");
    name.setId("connect-name");
    host.setId("connect-host");
    port.setId("connect-port");
    tls.setId("connect-tls");
    lu.setId("connect-lu");
    model.setId("connect-model");
    codePage.setId("connect-codepage");
    keymap.setId("connect-keymap");
    save.setId("connect-save");
    error.setId("connect-error");
    tls.getItems().addAll(Arrays.asList(TlsMode.values()));
    model.getItems().addAll(MODELS);
    model.setEditable(true);
    codePage.getItems().addAll(CodePages.names());
    keymap.getItems().addAll(keymaps);
    keymap.setEditable(true);
    name.setText(initial.name());
    host.setText(initial.host());
    port.setText(Integer.toString(initial.port()));
    tls.setValue(initial.tlsMode());
    lu.setText(String.join(",", initial.luNames()));
    model.setValue(initial.model());
    codePage.setValue(initial.codePage());
    keymap.setValue(initial.keymap());
    logon.setId("connect-logon");
    logon.getItems().add(NO_LOGON);
    logon.getItems().addAll(macros);
    logon.setValue(initial.logonMacro() == null ? NO_LOGON : initial.logonMacro());
    save.setSelected(true);
    error.setStyle("-fx-text-fill: #c00000;");
    error.setWrapText(true);

    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(6);
    grid.setPadding(new Insets(12));
    String[] labels = {
      "Name", "Host", "Port", "TLS", "LU names", "Model", "Code page", "Keymap", "Logon macro"
    };
    javafx.scene.Node[] fields = {name, host, port, tls, lu, model, codePage, keymap, logon};
    for (int i = 0; i < labels.length; i++) {
      grid.add(new Label(labels[i]), 0, i);
      grid.add(fields[i], 1, i);
    }
    grid.add(save, 1, labels.length);
    grid.add(error, 0, labels.length + 1, 2, 1);
    lu.setPromptText("any (or LU1,LU2)");
    getDialogPane().setContent(grid);
    getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    for (javafx.scene.Node f : fields) {
      if (f instanceof TextField t) {
        t.textProperty().addListener((o, a, b) -> validate());
      }
    }
    model.valueProperty().addListener((o, a, b) -> validate());
    model.getEditor().textProperty().addListener((o, a, b) -> validate());
    codePage.valueProperty().addListener((o, a, b) -> validate());
    keymap.valueProperty().addListener((o, a, b) -> validate());
    keymap.getEditor().textProperty().addListener((o, a, b) -> validate());
    validate();
    setResultConverter(b -> b == ButtonType.OK ? new Result(profile(), save.isSelected()) : null);
    setOnShown(e -> host.requestFocus());
  }

  /** The profile the fields describe; throws IllegalArgumentException naming a bad field. */
  SavedProfile profile() {
    int p;
    try {
      p = Integer.parseInt(port.getText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port must be a number: " + port.getText());
    }
    String m = model.isEditable() ? model.getEditor().getText() : model.getValue();
    if (m == null || m.isBlank()) {
      m = model.getValue();
    }
    TerminalModel.parse(m == null ? "" : m);
    String k = keymap.getEditor().getText();
    if (k == null || k.isBlank()) {
      k = keymap.getValue();
    }
    List<String> lus =
        Arrays.stream(lu.getText().split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    String n = name.getText().isBlank() ? host.getText().trim() + ":" + p : name.getText().trim();
    return new SavedProfile(
        n,
        host.getText().trim(),
        p,
        tls.getValue(),
        lus,
        m.trim(),
        codePage.getValue(),
        k,
        true,
        null,
        logon.getValue() == null || logon.getValue().equals(NO_LOGON) ? null : logon.getValue());
  }

  /** Checks the fields; disables OK and says why when one is bad. */
  boolean validate() {
    String problem = null;
    try {
      profile();
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
