package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.session.SavedProfile;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The window's wiring starts the embedded demo host once, on a free loopback port. */
class WindowLauncherTest {

  @Test
  void startsTheDemoHostOnceAndStopsIt() throws Exception {
    SavedProfile first;
    try (WindowLauncher launcher = new WindowLauncher()) {
      first = launcher.start();
      assertThat(launcher.start()).isEqualTo(first);
      assertThat(first.host()).isEqualTo("127.0.0.1");
      try (Socket s = new Socket(first.host(), first.port())) {
        assertThat(s.isConnected()).isTrue();
      }
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Socket(first.host(), first.port()).close())
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void theConfigDirectoryOptionWins() {
    assertThat(WindowLauncher.configDir(Path.of("/tmp/x"))).isEqualTo(Path.of("/tmp/x"));
    assertThat(WindowLauncher.configDir(null)).isNotNull();
  }
}
