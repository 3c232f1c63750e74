package dev.console3270.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Owner-only files and directories: {@code rwx------} directories and {@code rw-------} files where
 * the file system has POSIX permissions; elsewhere (e.g. Windows) files are created as the file
 * system does by default. The audit trail and the configuration directory ({@code
 * session.ConfigDirs}) use it for everything they create.
 */
public final class PrivateFiles {

  /** Owner-only directory permissions. */
  public static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  /** Owner-only file permissions. */
  public static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /** True when the file system of {@code path} has POSIX permissions. */
  public static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** The attributes that create a file in {@code file}'s file system owner-only (may be empty). */
  public static FileAttribute<?>[] fileAttributes(Path file) {
    return posix(file)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
        : new FileAttribute<?>[0];
  }

  /** Opens {@code file} with {@code options}; a file it creates is owner-only. */
  public static FileChannel open(Path file, OpenOption... options) throws IOException {
    return FileChannel.open(file, Set.of(options), fileAttributes(file));
  }

  /**
   * Creates {@code dir} and its missing parents, each one it creates owner-only ({@code rwx------},
   * set exactly, whatever the umask). Existing directories are left as they are.
   *
   * @return {@code dir}
   * @throws IOException when a directory cannot be created or the path exists but is not one
   */
  public static Path createDirectories(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = abs; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    boolean posix = posix(abs);
    while (!missing.isEmpty()) {
      Path p = missing.pop();
      try {
        if (posix) {
          Files.createDirectory(p, PosixFilePermissions.asFileAttribute(OWNER_DIR));
          Files.setPosixFilePermissions(p, OWNER_DIR);
        } else {
          Files.createDirectory(p);
        }
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw new FileAlreadyExistsException(p.toString(), null, "exists but is not a directory");
        }
      }
    }
    return dir;
  }

  /**
   * Makes an existing file or directory owner-only ({@code rw-------} or {@code rwx------}); does
   * nothing when it does not exist, is a symbolic link, or the file system has no POSIX
   * permissions.
   */
  public static void restrict(Path path) throws IOException {
    if (!posix(path) || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isSymbolicLink(path)) {
      return;
    }
    Set<PosixFilePermission> want = Files.isDirectory(path) ? OWNER_DIR : OWNER_FILE;
    if (!Files.getPosixFilePermissions(path).equals(want)) {
      Files.setPosixFilePermissions(path, want);
    }
  }

  /**
   * Creates {@code dir} like {@link #createDirectories} and makes it and the files and directories
   * in it (recursively, symbolic links not followed) owner-only: for directories that hold only
   * Console3270's own files, such as the audit directory.
   */
  public static Path ensurePrivateTree(Path dir) throws IOException {
    createDirectories(dir);
    if (!posix(dir)) {
      return dir;
    }
    restrict(dir);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (Files.isSymbolicLink(p)) {
          continue;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          ensurePrivateTree(p);
        } else {
          restrict(p);
        }
      }
    }
    return dir;
  }
}
