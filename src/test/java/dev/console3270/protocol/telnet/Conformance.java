package dev.console3270.protocol.telnet;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.console3270.protocol.trace.TraceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the x3270 trace corpus for tests. */
final class Conformance {
  private Conformance() {}

  /** Stands in for trace names in parameterized tests when the corpus is missing. */
  static final String MISSING = "(x3270 trace corpus missing)";

  private static Path location() {
    String prop = System.getProperty("conformance.dir");
    Path p = prop != null ? Path.of(prop) : null;
    if (p == null || !Files.isDirectory(p)) {
      p = Path.of("/work/shared/conformance/x3270");
    }
    return p;
  }

  /** The corpus directory; skips the test (fails it when CI=true) when it is missing. */
  static Path dir() {
    Path p = location();
    if (!Files.isDirectory(p)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("x3270 trace corpus missing at " + p);
      }
      assumeTrue(false, "x3270 trace corpus not found (set -Dconformance.dir); skipping");
    }
    return p;
  }

  static String text(String name) {
    try {
      return Files.readString(dir().resolve(name), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static TraceFile trace(String name) {
    return TraceFile.parse(text(name));
  }

  /** All trace names, or just {@link #MISSING} when the corpus is missing. */
  static List<String> allTraces() {
    if (!Files.isDirectory(location())) {
      return List.of(MISSING);
    }
    try (Stream<Path> s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".trc"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
