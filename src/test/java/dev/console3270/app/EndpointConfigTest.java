package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.endpoint.AdminState;
import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.endpoint.Strategy;
import dev.console3270.session.TlsMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointConfigTest {

  @TempDir Path dir;

  private Path file() {
    return dir.resolve(EndpointConfig.FILE_NAME);
  }

  @Test
  void savesAndLoadsEndpointsStrategyHealthChecksAndFallbacks() throws Exception {
    EndpointRegistry r = new EndpointRegistry();
    Balancer b = new Balancer(r);
    r.add(new Endpoint("p1", "mvs1", 992, TlsMode.TLS, 3, 200, "prod", Set.of("lpar1")));
    r.add(Endpoint.of("d1", "dr1", 23).withGroup("dr"));
    r.add(new Endpoint("demo", "127.0.0.1", 4000, TlsMode.NONE, 1, 0, "demo", Set.of("embedded")));
    r.drain("d1");
    r.setFallback("prod", "dr");
    r.setDefaultHealthCheck(
        r.defaultHealthCheck().withTiming(Duration.ofMillis(500), Duration.ofMillis(300)));
    b.setStrategy(Strategy.LEAST_SESSIONS);
    new EndpointConfig(file()).save(r, b);

    EndpointRegistry r2 = new EndpointRegistry();
    Balancer b2 = new Balancer(r2);
    assertThat(new EndpointConfig(file()).load(r2, b2)).isNull();
    assertThat(b2.strategy()).isEqualTo(Strategy.LEAST_SESSIONS);
    assertThat(r2.list()).extracting(v -> v.name()).containsExactlyInAnyOrder("p1", "d1");
    assertThat(r2.get("p1").orElseThrow().endpoint())
        .isEqualTo(new Endpoint("p1", "mvs1", 992, TlsMode.TLS, 3, 200, "prod", Set.of("lpar1")));
    assertThat(r2.get("d1").orElseThrow().adminState()).isEqualTo(AdminState.DRAINING);
    assertThat(r2.fallback("prod")).contains("dr");
    assertThat(r2.defaultHealthCheck().interval()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void readsThePoolSettings() throws Exception {
    Files.writeString(
        file(),
        "{\"pool\":{\"maxSessions\":50,\"maxPerEndpoint\":10,"
            + "\"idleTimeoutSeconds\":900,\"idlePolicy\":\"disconnect\"}}");
    var p = new EndpointConfig(file()).poolConfig();
    assertThat(p.maxSessions()).isEqualTo(50);
    assertThat(p.maxPerEndpoint().applyAsInt("any")).isEqualTo(10);
    assertThat(p.idleTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(p.idlePolicy()).isEqualTo(dev.console3270.session.pool.IdlePolicy.DISCONNECT);
    assertThat(new EndpointConfig(dir.resolve("none.json")).poolConfig().maxSessions())
        .isEqualTo(1000);
  }

  @Test
  void noFileIsNoProblem() {
    assertThat(new EndpointConfig(file()).load(new EndpointRegistry(), null)).isNull();
  }

  @Test
  void aBadFileIsKeptAsideWithTheReason() throws Exception {
    Files.writeString(
        file(),
        "{\"version\":1,\"endpoints\":[{\"name\":\"a\",\"host\":\"h\",\"port\":23},"
            + "{\"name\":\"b\",\"host\":\"h\",\"port\":70000}]}");
    EndpointRegistry r = new EndpointRegistry();
    String problem = new EndpointConfig(file()).load(r, new Balancer(r));
    assertThat(problem).contains("endpoint 2 (b)").contains("port").contains("corrupt-");
    assertThat(file()).doesNotExist();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("endpoints.json.corrupt-"));
    }
    assertThat(r.list()).extracting(v -> v.name()).containsExactly("a");

    Files.writeString(file(), "{\"strategy\":\"FASTEST\"}");
    assertThat(new EndpointConfig(file()).load(r, new Balancer(r))).contains("FASTEST");
    Files.writeString(file(), "{not json");
    assertThat(new EndpointConfig(file()).load(r, new Balancer(r))).contains("not valid JSON");
  }
}
