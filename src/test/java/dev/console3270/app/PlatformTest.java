package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformTest {

  @TempDir Path dir;

  @Test
  void packsFromTheOptionsReplaceTheFileAndShapeThePoolAndTheReport() throws Exception {
    Files.writeString(dir.resolve(Settings.FILE_NAME), "{\"compliance\":{\"packs\":[\"nope\"]}}");
    Path audit = dir.resolve("elsewhere");
    Platform p = Platform.open(new Platform.Options(dir, null, true, List.of("pci-dss"), audit));
    try (p) {
      assertThat(p.auditDir()).isEqualTo(audit);
      assertThat(p.pool().config().idleTimeout()).isPositive();
      assertThat(p.complianceJson()).contains("\"pci-dss\"");
      assertThat(p.problem()).isNull();
    }
    p.close(); // idempotent
    assertThat(audit).isDirectory();
  }

  @Test
  void strictRejectsABadEndpointsFileBeforeStartingAnything() throws Exception {
    Path file = dir.resolve(EndpointConfig.FILE_NAME);
    Files.writeString(file, "{\"strategy\":\"SIDEWAYS\"}");
    assertThatThrownBy(() -> Platform.open(new Platform.Options(dir, null, true, null, null)))
        .isInstanceOf(Platform.ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("SIDEWAYS");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(f -> f.getFileName().toString())).containsExactly(EndpointConfig.FILE_NAME);
    }
  }

  @Test
  void lenientMovesABadFileAsideAndReportsIt() throws Exception {
    Files.writeString(dir.resolve(EndpointConfig.FILE_NAME), "{oops");
    try (Platform p = Platform.open(Platform.Options.lenient(dir))) {
      assertThat(p.problem()).contains("endpoints.json could not be used").contains("kept as");
      assertThat(p.registry().list()).isEmpty();
    }
    assertThat(dir.resolve(EndpointConfig.FILE_NAME)).doesNotExist();
  }
}
