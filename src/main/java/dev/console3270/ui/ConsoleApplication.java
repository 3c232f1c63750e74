package dev.console3270.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The JavaFX application: the main window. */
public final class ConsoleApplication extends Application {

  /** Title of the main window. */
  public static final String TITLE = "Console3270";

  /** Launches the window and returns when it closes. */
  public static void launchWindow(String[] args) {
    Application.launch(ConsoleApplication.class, args);
  }

  /** Builds the main window's scene; separate from {@link #start} so tests can build it. */
  public static Scene createScene() {
    BorderPane root = new BorderPane();
    Label label = new Label("Console3270 - no session open");
    label.setId("status");
    root.setCenter(label);
    return new Scene(root, 1024, 768);
  }

  @Override
  public void start(Stage stage) {
    stage.setTitle(TITLE);
    stage.setScene(createScene());
    stage.show();
  }
}
