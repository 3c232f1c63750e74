package dev.console3270.session;

import dev.console3270.audit.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * Where Console3270 keeps the user's configuration (profiles, macros), and how files there are
 * written: directories and files readable by their owner only, files replaced atomically.
 */
public final class ConfigDirs {

  /** The system property that overrides the configuration directory. */
  public static final String PROPERTY = "console3270.config.dir";

  private ConfigDirs() {}

  /**
   * The user's Console3270 configuration directory (not created): the {@value #PROPERTY} system
   * property when set; else {@code $XDG_CONFIG_HOME/console3270} or {@code ~/.config/console3270}
   * on Linux and other Unix systems, {@code %APPDATA%\Console3270} on Windows and {@code
   * ~/Library/Application Support/Console3270} on macOS.
   */
  public static Path configDir() {
    return resolve(
        System.getenv(),
        System.getProperty(PROPERTY),
        System.getProperty("os.name", ""),
        System.getProperty("user.home", ""));
  }

  /**
   * The configuration directory for the given environment, property value (null or blank: not set),
   * operating system name (as {@code os.name} gives it) and home directory.
   *
   * @throws IllegalArgumentException when the directory depends on a home directory that is blank
   */
  public static Path resolve(
      Map<String, String> env, String propertyValue, String osName, String userHome) {
    if (propertyValue != null && !propertyValue.isBlank()) {
      return Path.of(propertyValue);
    }
    String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      String appData = env.get("APPDATA");
      if (appData != null && !appData.isBlank()) {
        return Path.of(appData, "Console3270");
      }
      return home(userHome).resolve("AppData").resolve("Roaming").resolve("Console3270");
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return home(userHome)
          .resolve("Library")
          .resolve("Application Support")
          .resolve("Console3270");
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "console3270");
    }
    return home(userHome).resolve(".config").resolve("console3270");
  }

  private static Path home(String userHome) {
    if (userHome == null || userHome.isBlank()) {
      throw new IllegalArgumentException("the user's home directory is not known (user.home)");
    }
    return Path.of(userHome);
  }

  /**
   * Creates {@code dir} and its missing parents; the directories it creates get owner-only
   * permissions ({@code rwx------}) where POSIX permissions are supported. Existing directories are
   * left as they are.
   *
   * @return {@code dir}
   * @throws IOException when a directory cannot be created or the path exists but is not a
   *     directory
   */
  public static Path ensure(Path dir) throws IOException {
    return PrivateFiles.createDirectories(dir);
  }

  /**
   * Creates {@code dir} like {@link #ensure} and makes it owner-only ({@code rwx------}) where
   * POSIX permissions are supported, also when it existed already (an earlier version may have left
   * it readable by others). The files in it are not touched.
   *
   * @return {@code dir}
   * @throws IOException when it cannot be created or its permissions cannot be set
   */
  public static Path ensurePrivate(Path dir) throws IOException {
    ensure(dir);
    PrivateFiles.restrict(dir.toAbsolutePath());
    return dir;
  }

  /**
   * Replaces {@code file} with {@code content} atomically: writes a temporary file in the same
   * directory (owner-only where POSIX), forces it to disk, then moves it over {@code file} (an
   * atomic move where the file system supports one, else a plain replace). Creates the directory
   * with {@link #ensure} when missing. On failure the old file is unchanged and the temporary file
   * is removed.
   */
  public static void writeAtomically(Path file, byte[] content) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = ensure(target.getParent());
    Path tmp =
        Files.createTempFile(
            dir, "." + target.getFileName() + ".", ".tmp", PrivateFiles.fileAttributes(dir));
    boolean moved = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Moves a file that cannot be used aside to {@code <name>.corrupt-<stamp>} (then {@code -2},
   * {@code -3}... when taken), never deleting or overwriting anything.
   *
   * @param stamp the time stamp for the name, such as {@code 20261124-120000}
   * @return where it went
   * @throws IOException when it cannot be moved
   */
  public static Path moveAside(Path file, String stamp) throws IOException {
    String base = file.getFileName() + ".corrupt-" + stamp;
    for (int n = 1; ; n++) {
      Path target = file.resolveSibling(n == 1 ? base : base + "-" + n);
      try {
        return Files.move(file, target);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // taken: try the next suffix
      }
    }
  }
}
