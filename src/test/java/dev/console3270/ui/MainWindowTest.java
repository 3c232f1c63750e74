package dev.console3270.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    new ConsoleApplication().start(stage);
  }

  @Test
  void windowShowsTitleAndStatus() {
    assertThat(stage.getTitle()).isEqualTo(ConsoleApplication.TITLE);
    Label status = (Label) stage.getScene().lookup("#status");
    assertThat(status.getText()).contains("Console3270");
  }
}
