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
    WindowLauncher launcher = new WindowLauncher();
    try (launcher) {
      assertThat(launcher.running()).isFalse();
      SavedProfile first = launcher.start();
      assertThat(launcher.start()).isEqualTo(first);
      assertThat(launcher.running()).isTrue();
      assertThat(first.host()).isEqualTo("127.0.0.1");
      try (Socket s = new Socket(first.host(), first.port())) {
        assertThat(s.isConnected()).isTrue();
      }
    }
    assertThat(launcher.running()).isFalse();
  }

  @Test
  void theConfigDirectoryOptionWins() {
    assertThat(WindowLauncher.configDir(Path.of("/tmp/x"))).isEqualTo(Path.of("/tmp/x"));
    assertThat(WindowLauncher.configDir(null)).isNotNull();
  }
}
