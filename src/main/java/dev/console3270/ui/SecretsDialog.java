package dev.console3270.ui;

import dev.console3270.session.pool.SecretStore;
import java.io.IOException;
import java.util.Arrays;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Adds and removes the secrets logon macros use as {@code ${secret:NAME}}: names are listed, values
 * never shown. The store is the encrypted {@code secrets.enc}; values are typed into password
 * fields and cleared from memory once stored.
 */
final class SecretsDialog extends Dialog<Void> {

  final ListView<String> names = new ListView<>();
  final TextField name = new TextField();
  final PasswordField value = new PasswordField();
  final Label error = new Label();
  private final SecretStore store;

  SecretsDialog(SecretStore store) {
    this.store = store;
    setTitle("Secrets");
    setHeaderText(
        "Secrets for logon macros: write ${secret:NAME} inside String(\"...\").\n"
            + "Stored encrypted in "
            + store.file());
    name.setPromptText("name");
    value.setPromptText("value");
    names.setId("secret-names");
    name.setId("secret-name");
    value.setId("secret-value");
    error.setStyle("-fx-text-fill: #c00000;");
    Button add = new Button("Add / replace");
    add.setId("secret-add");
    add.setOnAction(e -> add());
    Button remove = new Button("Remove");
    remove.setId("secret-remove");
    remove.disableProperty().bind(names.getSelectionModel().selectedItemProperty().isNull());
    remove.setOnAction(e -> remove(names.getSelectionModel().getSelectedItem()));
    VBox box = new VBox(6, names, new HBox(6, name, value, add, remove), error);
    box.setPadding(new Insets(12));
    names.setPrefHeight(180);
    getDialogPane().setContent(box);
    getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    refresh();
  }

  private void refresh() {
    names.getItems().setAll(store.names());
  }

  /** Stores the typed secret (FX thread). */
  boolean add() {
    char[] v = value.getText().toCharArray();
    try {
      store.put(name.getText().trim(), v);
      error.setText("");
      value.clear();
      name.clear();
      refresh();
      return true;
    } catch (IOException | IllegalArgumentException e) {
      error.setText(e.getMessage());
      return false;
    } finally {
      Arrays.fill(v, '\0');
    }
  }

  private void remove(String n) {
    try {
      store.remove(n);
      refresh();
    } catch (IOException | RuntimeException e) {
      error.setText(e.getMessage());
    }
  }
}
