package dev.console3270.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.console3270.protocol.trace.TraceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the x3270 trace corpus for tests: skips when it is missing, fails when CI=true. */
public final class Conformance {

  private static final Path FALLBACK = Path.of("/work/shared/conformance/x3270");

  private Conformance() {}

  /** True when the environment says this is a CI build. */
  public static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips the test (or fails it on CI) with a reason. */
  public static void require(boolean condition, String reason) {
    if (!condition && isCi()) {
      fail(reason + " (CI=true, so this is a failure)");
    }
    assumeTrue(condition, reason);
  }

  /**
   * The corpus directory: system property {@code conformance.dir} if it exists, else the shared.
   */
  public static Path dir() {
    String prop = System.getProperty("conformance.dir");
    Path dir = prop != null && Files.isDirectory(Path.of(prop)) ? Path.of(prop) : FALLBACK;
    require(Files.isDirectory(dir), "x3270 trace corpus not found at " + dir);
    return dir;
  }

  /** A file of the corpus. */
  public static Path file(String name) {
    Path p = dir().resolve(name);
    require(Files.isRegularFile(p), "corpus file missing: " + p);
    return p;
  }

  /** The text of a corpus file. */
  public static String text(String name) throws IOException {
    return Files.readString(file(name), StandardCharsets.ISO_8859_1);
  }

  /** A parsed trace of the corpus. */
  public static TraceFile trace(String name) throws IOException {
    return TraceFile.parse(text(name));
  }

  /** The names of all traces ({@code *.trc}), sorted. */
  public static List<String> traceNames() throws IOException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".trc"))
          .sorted()
          .toList();
    }
  }
}
