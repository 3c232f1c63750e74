package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @TempDir Path dir;

  private Path file() {
    return dir.resolve(Settings.FILE_NAME);
  }

  private String[] names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void strictRejectsABadFileWithItsPathAndChangesNothing() throws Exception {
    String bad = "{\"endpoints\":[{\"name\":\"a\",\"host\":\"h\",\"port\":0}]}";
    Files.writeString(file(), bad);
    assertThatThrownBy(() -> ConfigFile.open(file(), dir, Map.of(), true))
        .isInstanceOf(ConfigFile.Rejected.class)
        .hasMessage(file() + ": $.endpoints[0].port: must be 1 to 65535, not 0");
    assertThat(Files.readString(file())).isEqualTo(bad);
    assertThat(names()).containsExactly(Settings.FILE_NAME);

    Files.writeString(file(), "{\"api\":");
    assertThatThrownBy(() -> ConfigFile.open(file(), dir, Map.of(), true))
        .hasMessageStartingWith(file() + ": it is not valid JSON");
    Files.writeString(file(), "[]");
    assertThatThrownBy(() -> ConfigFile.open(file(), dir, Map.of(), true))
        .hasMessage(file() + ": $: must be a JSON object");
    Files.writeString(file(), "{}");
    assertThatThrownBy(
            () -> ConfigFile.open(file(), dir, Map.of("CONSOLE3270_POOL_MAX_SESSIONS", "0"), true))
        .hasMessageStartingWith("CONSOLE3270_POOL_MAX_SESSIONS ($.pool.maxSessions)");
  }

  @Test
  void lenientKeepsABadFileAsideAndGoesOnWithTheDefaults() throws Exception {
    Files.writeString(file(), "{\"pool\":{\"maxSessions\":\"many\"}}");
    ConfigFile.Opened o = ConfigFile.open(file(), dir, Map.of(), false);
    assertThat(o.problems())
        .singleElement()
        .asString()
        .contains("$.pool.maxSessions")
        .contains("kept as");
    assertThat(o.settings().pool().maxSessions()).isEqualTo(1000);
    assertThat(file()).doesNotExist();
    assertThat(names()).singleElement().asString().startsWith(Settings.FILE_NAME + ".corrupt-");

    ConfigFile.Opened env =
        ConfigFile.open(file(), dir, Map.of("CONSOLE3270_API_PORT", "x"), false);
    assertThat(env.problems()).singleElement().asString().contains("CONSOLE3270_API_PORT");
    assertThat(env.settings().api().port()).isZero();
  }

  @Test
  void writesKeepTheOtherSectionsAndNeverTheEnvironmentOverrides() throws Exception {
    Files.writeString(file(), "{\"api\":{\"port\":8270}}");
    ConfigFile.Opened o =
        ConfigFile.open(file(), dir, Map.of("CONSOLE3270_API_PORT", "9999"), true);
    assertThat(o.settings().api().port()).isEqualTo(9999);
    o.file()
        .put(
            Map.of(
                "pool",
                new ObjectMapper().createObjectNode().set("maxSessions", IntNode.valueOf(5))));
    var tree = new ObjectMapper().readTree(Files.readString(file()));
    assertThat(tree.path("api").path("port").asInt()).isEqualTo(8270);
    assertThat(tree.path("pool").path("maxSessions").asInt()).isEqualTo(5);
    assertThat(o.file().contents().path("pool").path("maxSessions").asInt()).isEqualTo(5);
    if (file().getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(file())))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void aFileThatCannotBeReadIsNeverOverwritten() throws Exception {
    Files.createDirectory(file()); // reading a directory fails
    assertThatThrownBy(() -> ConfigFile.open(file(), dir, Map.of(), true))
        .hasMessageContaining("cannot be read");
    ConfigFile.Opened o = ConfigFile.open(file(), dir, Map.of(), false);
    assertThat(o.problems()).singleElement().asString().contains("cannot be read");
    assertThatThrownBy(() -> o.file().put(Map.of()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not overwritten");
    assertThat(file()).isDirectory();
  }

  @Test
  void theOlderEndpointsAndWebhooksFilesAreMergedAndKept() throws Exception {
    Files.writeString(file(), "{\"compliance\":{\"packs\":[\"soc2\"]}}");
    Files.writeString(
        dir.resolve("endpoints.json"),
        "{\"version\":1,\"strategy\":\"LEAST_SESSIONS\",\"slowStartSeconds\":10,"
            + "\"fallbacks\":{\"prod\":\"dr\"},\"pool\":{\"maxSessions\":7},"
            + "\"endpoints\":[{\"name\":\"p1\",\"host\":\"mvs1\",\"port\":23,\"group\":\"prod\"}]}");
    Files.writeString(
        dir.resolve("webhooks.json"),
        "[{\"id\":\"sub_1\",\"url\":\"http://127.0.0.1:9/x\",\"types\":[\"*\"],"
            + "\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\",\"enabled\":true,"
            + "\"created\":\"2026-11-01T00:00:00Z\",\"disabledReason\":\"\"}]");
    ConfigFile.Opened o = ConfigFile.open(file(), dir, Map.of(), true);
    assertThat(o.problems()).isEmpty();
    Settings s = o.settings();
    assertThat(s.packs()).containsExactly("soc2");
    assertThat(s.endpoints()).singleElement().extracting(e -> e.endpoint().name()).isEqualTo("p1");
    assertThat(s.balancer().fallbacks()).containsEntry("prod", "dr");
    assertThat(s.pool().maxSessions()).isEqualTo(7);
    assertThat(s.webhooks()).singleElement().extracting(w -> w.id()).isEqualTo("sub_1");
    assertThat(names())
        .containsExactly(Settings.FILE_NAME, "endpoints.json.merged", "webhooks.json.merged");
    // the merged file reads the same on its own
    Settings again = ConfigFile.open(file(), dir, Map.of(), true).settings();
    assertThat(again.endpoints()).isEqualTo(s.endpoints());
    assertThat(again.balancer()).isEqualTo(s.balancer());
    assertThat(again.webhooks()).isEqualTo(s.webhooks());
  }

  @Test
  void aBadOlderFileStopsAStrictStartAndIsLeftAloneWhenLenient() throws Exception {
    Path old = dir.resolve("endpoints.json");
    Files.writeString(old, "{\"strategy\":\"SIDEWAYS\"}");
    assertThatThrownBy(() -> ConfigFile.open(file(), dir, Map.of(), true))
        .hasMessageContaining(old.toString())
        .hasMessageContaining("SIDEWAYS");
    ConfigFile.Opened o = ConfigFile.open(file(), dir, Map.of(), false);
    assertThat(o.problems()).singleElement().asString().contains("was not merged");
    assertThat(names()).containsExactly("endpoints.json");
  }
}
