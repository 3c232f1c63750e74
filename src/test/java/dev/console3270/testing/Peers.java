package dev.console3270.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the shared data and whether they run under CI. */
public final class Peers {
  private Peers() {}

  /** True when the environment says CI=true: tests that need a peer must run, not skip. */
  public static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * The x3270 trace corpus: the system property {@code conformance.dir} when it exists, else
   * /work/shared/conformance/x3270 (for work trees that do not sit beside shared/).
   */
  public static Path conformanceDir() {
    String prop = System.getProperty("conformance.dir");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop);
    }
    return Path.of("/work/shared/conformance/x3270");
  }
}
