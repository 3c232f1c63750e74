package dev.console3270.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.session.ProfileStore;
import dev.console3270.session.SavedProfile;
import dev.console3270.session.SessionEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The window's start: saved profiles, a corrupt profile file, no demo host when there are any. */
class MainWindowTest {

  private final SessionEngine engine = new SessionEngine(1, "window-test");
  private final AtomicInteger demoStarts = new AtomicInteger();
  private Stage stage;
  private MainWindow window;

  @AfterEach
  void close() throws Exception {
    if (stage != null) {
      WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
    }
    engine.close();
  }

  private void open(Path config) throws Exception {
    FxToolkit.registerPrimaryStage();
    ConsoleContext ctx =
        TestContexts.of(
            config,
            engine,
            () -> {
              demoStarts.incrementAndGet();
              throw new java.io.IOException("no demo host in this test");
            });
    WaitForAsyncUtils.asyncFx(
            () -> {
              stage = new Stage();
              window = new MainWindow(ctx);
              window.show(stage);
            })
        .get();
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void withSavedProfilesTheWindowOffersThemAndStartsNoDemoHost() throws Exception {
    Path config = Files.createTempDirectory("console3270-cfg");
    new ProfileStore(config.resolve("profiles.json"))
        .save(List.of(SavedProfile.of("Production", "mvs.example.com", 992)));
    open(config);
    assertThat(stage.getTitle()).isEqualTo(ConsoleApplication.TITLE);
    assertThat(demoStarts.get()).isZero();
    assertThat(window.tabs().getTabs()).isEmpty();
    assertThat(stage.getScene().lookup("#welcome").isVisible()).isTrue();
    assertThat(
            stage.getScene().getRoot().lookupAll(".button").stream()
                .map(n -> ((javafx.scene.control.Button) n).getText()))
        .contains("Open Production");
  }

  @Test
  void aCorruptProfileFileIsKeptAsideWithAClearMessage() throws Exception {
    Path config = Files.createTempDirectory("console3270-cfg");
    Files.writeString(config.resolve("profiles.json"), "{\"version\":1,\"profiles\":[{\"name\":");
    open(config);
    assertThat(window.messages()).anyMatch(m -> m.contains("profiles.json"));
    try (Stream<Path> files = Files.list(config)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertThat(names).anyMatch(n -> n.startsWith("profiles.json.corrupt-"));
    }
    // no valid profiles: the demo host is asked for; its failure is reported, not thrown
    assertThat(demoStarts.get()).isEqualTo(1);
    assertThat(window.tabs().getTabs()).isEmpty();
  }
}
