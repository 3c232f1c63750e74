package dev.console3270.api;

import static dev.console3270.api.ApiTestKit.assertProblem;
import static dev.console3270.api.ApiTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.PickRequest;
import dev.console3270.endpoint.Strategy;
import dev.console3270.host.DemoHost;
import dev.console3270.session.pool.EndpointLoad;
import dev.console3270.session.pool.PooledSession;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code stickyKey} in {@code POST /api/v1/sessions}, with STICKY over three live demo hosts. */
@Timeout(120)
class ApiStickyKeyTest {
  @TempDir Path dir;

  private final List<DemoHost> hosts = new ArrayList<>();
  private ApiTestKit kit;

  @BeforeEach
  void start() throws Exception {
    kit = new ApiTestKit(dir, c -> c);
    EndpointLoad.attach(kit.pool, kit.registry);
    for (String name : List.of("alpha", "bravo", "charlie")) {
      DemoHost h = DemoHost.start(0, name.toUpperCase(java.util.Locale.ROOT));
      hosts.add(h);
      kit.registry.add(Endpoint.of(name, "127.0.0.1", h.port()));
    }
    HttpResponse<String> r = kit.put("/api/v1/balancer", "{\"strategy\":\"STICKY\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(kit.balancer.strategy()).isEqualTo(Strategy.STICKY);
  }

  @AfterEach
  void stop() throws Exception {
    kit.close();
    hosts.forEach(DemoHost::close);
  }

  private PooledSession create(String body) throws Exception {
    HttpResponse<String> r = kit.post("/api/v1/sessions", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return kit.pool.get(json(r).get("id").asText()).orElseThrow();
  }

  private PooledSession keyed(String name, String key) throws Exception {
    return create(
        "{\"name\":\"" + name + "\",\"group\":\"default\",\"stickyKey\":\"" + key + "\"}");
  }

  private void closeAll() throws Exception {
    for (PooledSession s : kit.pool.list()) {
      int status =
          kit.send(kit.request("/api/v1/sessions/" + s.id()).DELETE().build()).statusCode();
      assertThat(status).isEqualTo(204);
    }
    // the registry's counts follow the pool's events, on the pool's event thread
    for (String e : List.of("alpha", "bravo", "charlie")) {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(kit.registry.activeSessions(e)).isZero());
    }
  }

  /** Three unkeyed sessions (round robin: one each), then sessions for nine keys. */
  private Map<String, String> placeKeys() throws Exception {
    for (int i = 0; i < 3; i++) {
      create("{\"name\":\"bg" + i + "\",\"group\":\"default\"}");
    }
    Map<String, String> placed = new LinkedHashMap<>();
    for (int k = 0; k < 9; k++) {
      String key = "user" + k;
      // where the policy sends the key now (a keyed pick changes nothing)
      String expected = kit.balancer.pick(new PickRequest("default", key)).name();
      PooledSession s = keyed("u" + k, key);
      assertThat(s.endpointName()).as(key).isEqualTo(expected);
      assertThat(s.stickyKey()).isEqualTo(key);
      placed.put(key, s.endpointName());
    }
    return placed;
  }

  @Test
  void sessionsWithOneKeyShareAnEndpointAndKeysSpreadDeterministically() throws Exception {
    // background load: round robin puts one unkeyed session on each endpoint
    List<String> background = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      PooledSession s = create("{\"name\":\"bg" + i + "\",\"group\":\"default\"}");
      assertThat(s.stickyKey()).isNull();
      background.add(s.endpointName());
    }
    assertThat(background).containsExactlyInAnyOrder("alpha", "bravo", "charlie");

    PooledSession a1 = keyed("a1", "alice");
    PooledSession a2 = keyed("a2", "alice");
    assertThat(a2.endpointName()).isEqualTo(a1.endpointName());
    assertThat(kit.registry.activeSessions(a1.endpointName())).isEqualTo(3);
    // the policy's load bound (ceil(1.25 * (total + 1) / 3)): a third would make 4 of 6, over 3
    // ... it moves the key on only then, as StickyPolicy documents
    PooledSession a3 = keyed("a3", "alice");
    assertThat(a3.endpointName()).isNotEqualTo(a1.endpointName());
    closeAll();

    Map<String, String> first = placeKeys();
    assertThat(new HashSet<>(first.values())).hasSize(3);
    closeAll();
    Map<String, String> again = placeKeys();
    assertThat(again).as("same keys, same load: same endpoints").isEqualTo(first);
  }

  @Test
  void aSessionWithoutAKeyStillWorksAndTheFirstLuNameIsTheDefaultKey() throws Exception {
    PooledSession plain = create("{\"name\":\"plain\",\"group\":\"default\"}");
    assertThat(plain.stickyKey()).isNull();
    assertThat(plain.ready().get(20, java.util.concurrent.TimeUnit.SECONDS).state().name())
        .isEqualTo("CONNECTED");

    String expected = kit.balancer.pick(new PickRequest("default", "LU01")).name();
    PooledSession lu =
        create("{\"name\":\"lu\",\"group\":\"default\",\"luNames\":[\"LU01\",\"LU02\"]}");
    assertThat(lu.stickyKey()).isEqualTo("LU01");
    assertThat(lu.endpointName()).isEqualTo(expected);
    // an explicit key wins over the LU name
    PooledSession both =
        create(
            "{\"name\":\"both\",\"group\":\"default\",\"luNames\":[\"LU01\"],"
                + "\"stickyKey\":\"bob\"}");
    assertThat(both.stickyKey()).isEqualTo("bob");
    // on a named endpoint the key is kept for failover
    PooledSession named =
        create("{\"name\":\"n\",\"endpoint\":\"charlie\",\"stickyKey\":\"carol\"}");
    assertThat(named.endpointName()).isEqualTo("charlie");
    assertThat(named.stickyKey()).isEqualTo("carol");
  }

  @Test
  void badKeysAreRefusedWithTheReasonAndCreateNothing() throws Exception {
    String[] bad = {
      "\"\"",
      "\"" + "k".repeat(129) + "\"",
      "\"   \"",
      "\"a\\u0001b\"",
      "\"a\\nb\"",
      "42",
      "[\"a\"]"
    };
    for (String key : bad) {
      HttpResponse<String> r =
          kit.post(
              "/api/v1/sessions",
              "{\"name\":\"x\",\"group\":\"default\",\"stickyKey\":" + key + "}");
      assertProblem(r, 400, "bad-request");
    }
    assertThat(
            json(kit.post(
                    "/api/v1/sessions",
                    "{\"name\":\"x\",\"group\":\"default\",\"stickyKey\":\"\"}"))
                .get("detail")
                .asText())
        .contains("stickyKey");
    assertThat(kit.pool.list()).isEmpty();
    // 128 characters is fine
    assertThat(keyed("max", "k".repeat(128)).stickyKey()).hasSize(128);
  }
}
