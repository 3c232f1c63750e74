package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDirsTest {

  @TempDir Path tmp;

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  @Test
  void thePropertyWinsEverywhere() {
    Map<String, String> env = Map.of("XDG_CONFIG_HOME", "/xdg", "APPDATA", "C:\\AppData");
    assertThat(ConfigDirs.resolve(env, "/opt/c3270conf", "Linux", "/home/u"))
        .isEqualTo(Path.of("/opt/c3270conf"));
    assertThat(ConfigDirs.resolve(env, "/opt/c3270conf", "Windows 11", "/home/u"))
        .isEqualTo(Path.of("/opt/c3270conf"));
    assertThat(ConfigDirs.resolve(env, "/opt/c3270conf", "Mac OS X", "/home/u"))
        .isEqualTo(Path.of("/opt/c3270conf"));
    // a blank property is not set
    assertThat(ConfigDirs.resolve(env, "  ", "Linux", "/home/u"))
        .isEqualTo(Path.of("/xdg", "console3270"));
  }

  @Test
  void linuxUsesAnAbsoluteXdgConfigHomeElseDotConfig() {
    assertThat(ConfigDirs.resolve(Map.of("XDG_CONFIG_HOME", "/cfg"), null, "Linux", "/home/u"))
        .isEqualTo(Path.of("/cfg/console3270"));
    assertThat(ConfigDirs.resolve(Map.of("XDG_CONFIG_HOME", "rel/cfg"), null, "Linux", "/home/u"))
        .isEqualTo(Path.of("/home/u/.config/console3270"));
    assertThat(ConfigDirs.resolve(Map.of("XDG_CONFIG_HOME", ""), null, "Linux", "/home/u"))
        .isEqualTo(Path.of("/home/u/.config/console3270"));
    assertThat(ConfigDirs.resolve(Map.of(), null, "Linux", "/home/u"))
        .isEqualTo(Path.of("/home/u/.config/console3270"));
    assertThat(ConfigDirs.resolve(Map.of(), null, "FreeBSD", "/home/u"))
        .isEqualTo(Path.of("/home/u/.config/console3270"));
  }

  @Test
  void windowsUsesAppData() {
    assertThat(
            ConfigDirs.resolve(
                Map.of("APPDATA", "C:\\Users\\u\\AppData\\Roaming", "XDG_CONFIG_HOME", "/x"),
                null,
                "Windows 10",
                "C:\\Users\\u"))
        .isEqualTo(Path.of("C:\\Users\\u\\AppData\\Roaming", "Console3270"));
    assertThat(ConfigDirs.resolve(Map.of(), null, "Windows Server 2022", "/home/u"))
        .isEqualTo(Path.of("/home/u", "AppData", "Roaming", "Console3270"));
  }

  @Test
  void macOsUsesApplicationSupport() {
    assertThat(ConfigDirs.resolve(Map.of("XDG_CONFIG_HOME", "/x"), null, "Mac OS X", "/Users/u"))
        .isEqualTo(Path.of("/Users/u/Library/Application Support/Console3270"));
  }

  @Test
  void aMissingHomeIsAClearError() {
    assertThatThrownBy(() -> ConfigDirs.resolve(Map.of(), null, "Linux", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("home directory");
  }

  @Test
  void configDirFollowsTheRealEnvironment() {
    assertThat(ConfigDirs.configDir())
        .isEqualTo(
            ConfigDirs.resolve(
                System.getenv(),
                System.getProperty(ConfigDirs.PROPERTY),
                System.getProperty("os.name"),
                System.getProperty("user.home")));
  }

  @Test
  void ensureCreatesMissingDirectoriesOwnerOnly() throws IOException {
    Path existing = Files.createDirectory(tmp.resolve("existing"));
    if (posix(tmp)) {
      Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path dir = existing.resolve("a").resolve("b");
    assertThat(ConfigDirs.ensure(dir)).isEqualTo(dir);
    assertThat(dir).isDirectory();
    assertThat(ConfigDirs.ensure(dir)).isEqualTo(dir); // again: nothing to do
    assumeTrue(posix(tmp));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.getParent())))
        .isEqualTo("rwx------");
    // a directory that was there already is left alone
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void ensureRefusesAFileInTheWay() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThatThrownBy(() -> ConfigDirs.ensure(file))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThatThrownBy(() -> ConfigDirs.ensure(file.resolve("sub")))
        .isInstanceOf(IOException.class);
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void writeAtomicallyReplacesTheFileOwnerOnlyAndLeavesNoTemporaryFile() throws IOException {
    Path file = tmp.resolve("new").resolve("f.txt");
    ConfigDirs.writeAtomically(file, "one".getBytes(StandardCharsets.UTF_8));
    ConfigDirs.writeAtomically(file, "two ✓".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(file)).isEqualTo("two ✓");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
    assumeTrue(posix(tmp));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aFailedWriteKeepsTheOldContentAndCleansUp() throws IOException {
    // the target is a non-empty directory: the final move fails
    Path target = Files.createDirectory(tmp.resolve("target"));
    Files.writeString(target.resolve("inside"), "keep");
    assertThatThrownBy(
            () -> ConfigDirs.writeAtomically(target, "x".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
    assertThat(Files.readString(target.resolve("inside"))).isEqualTo("keep");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).containsExactly(target);
    }
  }
}
