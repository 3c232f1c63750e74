package dev.console3270.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The macro editor refuses a bad name or a script that does not parse, naming the line. */
@ExtendWith(ApplicationExtension.class)
class MacroEditorTest {

  private MacroEditor editor;

  @Start
  void start(Stage stage) {
    editor = new MacroEditor("logon", "# sign on\nString(\"DEMO\") Tab()\nEnter()\n");
  }

  private boolean okDisabled() {
    return editor.getDialogPane().lookupButton(ButtonType.OK).isDisabled();
  }

  @Test
  void aValidMacroCanBeSaved() {
    assertThat(editor.validate()).isTrue();
    assertThat(okDisabled()).isFalse();
    assertThat(editor.error.getText()).isEmpty();
  }

  @Test
  void aBadLineIsNamed() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> editor.script.setText("Enter()\n\nString(\"x\"\n")).get();
    assertThat(okDisabled()).isTrue();
    assertThat(editor.error.getText()).startsWith("line 3");
    WaitForAsyncUtils.asyncFx(
            () -> {
              editor.script.setText("PF(3)");
              editor.name.setText("../evil");
            })
        .get();
    assertThat(okDisabled()).isTrue();
    assertThat(editor.error.getText()).isNotEmpty();
    WaitForAsyncUtils.asyncFx(() -> editor.name.setText("back")).get();
    assertThat(okDisabled()).isFalse();
  }
}
