package dev.console3270.ui;

import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.layout.GridPane;

/**
 * A clickable 3270 keypad: PF1-PF24, PA1-PA3 and the other AID and editing keys. A click sends the
 * key's action to the active session; the buttons never take the focus from the terminal.
 */
final class Keypad extends GridPane {

  /** The keys of the last row: label and action. */
  private static final String[][] OTHERS = {
    {"PA1", "PA(1)"},
    {"PA2", "PA(2)"},
    {"PA3", "PA(3)"},
    {"Clear", "Clear()"},
    {"Reset", "Reset()"},
    {"Attn", "Attn()"},
    {"SysReq", "SysReq()"},
    {"ErEOF", "EraseEOF()"},
    {"ErInp", "EraseInput()"},
    {"Ins", "ToggleInsert()"},
    {"Dup", "Dup()"},
    {"Enter", "Enter()"},
  };

  Keypad(Consumer<String> press) {
    setId("keypad");
    setHgap(3);
    setVgap(3);
    setPadding(new Insets(4));
    for (int c = 0; c < 12; c++) {
      javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
      cc.setPercentWidth(100.0 / 12);
      cc.setFillWidth(true);
      getColumnConstraints().add(cc);
    }
    for (int n = 1; n <= 24; n++) {
      add(button("PF" + n, "PF(" + n + ")", press), (n - 1) % 12, (n - 1) / 12);
    }
    for (int i = 0; i < OTHERS.length; i++) {
      add(button(OTHERS[i][0], OTHERS[i][1], press), i, 2);
    }
  }

  private static Button button(String label, String action, Consumer<String> press) {
    Button b = new Button(label);
    b.setId("key-" + label);
    b.setFocusTraversable(false);
    b.setMaxWidth(Double.MAX_VALUE);
    b.setMinWidth(52);
    b.setOnAction(e -> press.accept(action));
    return b;
  }
}
