package dev.console3270.ui;

import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.stage.Stage;

/** Starts JavaFX and shows the main window until it closes. */
public final class ConsoleApplication {

  /** Title of the main window. */
  public static final String TITLE = "Console3270";

  private ConsoleApplication() {}

  /**
   * Starts the JavaFX toolkit, shows the main window for a context and returns when the window has
   * closed.
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public static void launchWindow(ConsoleContext context) throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    Platform.setImplicitExit(true);
    Platform.startup(
        () -> {
          Stage stage = new Stage();
          MainWindow window = new MainWindow(context);
          stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> closed.countDown());
          window.show(stage);
        });
    closed.await();
    Platform.exit();
  }
}
