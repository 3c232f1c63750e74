package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.console3270.endpoint.AdminState;
import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.endpoint.Strategy;
import dev.console3270.session.TlsMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointConfigTest {

  @TempDir Path dir;

  private Path file() {
    return dir.resolve(Settings.FILE_NAME);
  }

  private ConfigFile.Opened open() throws Exception {
    return ConfigFile.open(file(), dir, Map.of(), true);
  }

  @Test
  void savesAndAppliesEndpointsStrategyHealthChecksAndFallbacksKeepingTheOtherSections()
      throws Exception {
    Files.writeString(
        file(),
        "{\"compliance\":{\"packs\":[\"soc2\"]},\"balancer\":{\"slowStartSeconds\":45},"
            + "\"api\":{\"port\":8270}}");
    EndpointRegistry r = new EndpointRegistry();
    Balancer b = new Balancer(r);
    r.add(new Endpoint("p1", "mvs1", 992, TlsMode.TLS, 3, 200, "prod", Set.of("lpar1")));
    r.add(Endpoint.of("d1", "dr1", 23).withGroup("dr"));
    r.add(
        new Endpoint(
            "demo",
            "127.0.0.1",
            4000,
            TlsMode.NONE,
            1,
            0,
            "demo",
            Set.of(EndpointConfig.EMBEDDED)));
    r.drain("d1");
    r.setFallback("prod", "dr");
    r.setDefaultHealthCheck(
        r.defaultHealthCheck().withTiming(Duration.ofMillis(500), Duration.ofMillis(300)));
    b.setStrategy(Strategy.LEAST_SESSIONS);
    new EndpointConfig(open().file()).save(r, b);

    ConfigFile.Opened again = open();
    var tree = new ObjectMapper().readTree(Files.readString(file()));
    assertThat(tree.path("compliance").path("packs").get(0).asText()).isEqualTo("soc2");
    assertThat(tree.path("api").path("port").asInt()).isEqualTo(8270);
    assertThat(tree.path("balancer").path("slowStartSeconds").asInt()).isEqualTo(45);
    assertThat(tree.path("version").asInt()).isEqualTo(1);

    EndpointRegistry r2 = new EndpointRegistry();
    Balancer b2 = new Balancer(r2);
    EndpointConfig.apply(again.settings(), r2, b2);
    assertThat(b2.strategy()).isEqualTo(Strategy.LEAST_SESSIONS);
    assertThat(r2.list()).extracting(v -> v.name()).containsExactlyInAnyOrder("p1", "d1");
    assertThat(r2.get("p1").orElseThrow().endpoint())
        .isEqualTo(new Endpoint("p1", "mvs1", 992, TlsMode.TLS, 3, 200, "prod", Set.of("lpar1")));
    assertThat(r2.get("d1").orElseThrow().adminState()).isEqualTo(AdminState.DRAINING);
    assertThat(r2.get("p1").orElseThrow().adminState()).isEqualTo(AdminState.ENABLED);
    assertThat(r2.fallback("prod")).contains("dr");
    assertThat(r2.defaultHealthCheck().interval()).isEqualTo(Duration.ofMillis(500));
    assertThat(r2.defaultHealthCheck().timeout()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void noFileAppliesNothing() throws Exception {
    EndpointRegistry r = new EndpointRegistry();
    Balancer b = new Balancer(r, Strategy.POWER_OF_TWO, 1);
    EndpointConfig.apply(open().settings(), r, b);
    assertThat(r.list()).isEmpty();
    assertThat(b.strategy()).isEqualTo(Strategy.ROUND_ROBIN);
    assertThat(file()).doesNotExist();
  }
}
