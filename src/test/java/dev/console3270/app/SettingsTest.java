package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.audit.compliance.CompliancePacks;
import dev.console3270.session.pool.IdlePolicy;
import dev.console3270.session.pool.PoolConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @TempDir Path dir;

  private ConfigFile.Opened open(Path f) throws Exception {
    return ConfigFile.open(f, dir, Map.of(), false);
  }

  @Test
  void readsThePacksAndKeepsABadFileAside() throws Exception {
    Path f = dir.resolve(Settings.FILE_NAME);
    assertThat(open(f).settings().packs()).isEmpty();
    Files.writeString(f, "{\"compliance\":{\"packs\":[\"pci-dss\",\"hipaa\"]}}");
    ConfigFile.Opened l = open(f);
    assertThat(l.problems()).isEmpty();
    assertThat(l.settings().packs()).containsExactly("pci-dss", "hipaa");
    Files.writeString(f, "{\"compliance\":{\"packs\":\"pci\"}}");
    l = open(f);
    assertThat(l.problems())
        .singleElement()
        .asString()
        .contains("$.compliance.packs")
        .contains("corrupt-");
    assertThat(f).doesNotExist();
    Files.writeString(f, "[1,");
    assertThat(open(f).problems()).singleElement().asString().contains("not valid JSON");
  }

  @Test
  void readsRetentionAndForwardingRaisedToWhatThePacksRequire() throws Exception {
    Path f = dir.resolve(Settings.FILE_NAME);
    Files.writeString(
        f,
        "{\"audit\":{\"retention\":{\"archiveAfterDays\":30,\"deleteAfterDays\":200,"
            + "\"holds\":[{\"from\":\"2026-01-01\",\"to\":\"2026-03-31\",\"reason\":\"case 42\"}]},"
            + "\"forwarding\":{\"host\":\"siem\",\"tls\":true}}}");
    Settings s = open(f).settings();
    assertThat(s.forwarding()).isEqualTo(new Settings.Forwarding("siem", 6514, true));
    var plain = s.retention(0, 0);
    assertThat(plain.archiveAfter()).isEqualTo(Duration.ofDays(30));
    assertThat(plain.deleteAfter()).isEqualTo(Duration.ofDays(200));
    assertThat(plain.holds()).hasSize(1);
    // PCI: 12 months in all, the last 3 online
    var pci = s.retention(365, 90);
    assertThat(pci.archiveAfter()).isEqualTo(Duration.ofDays(90));
    assertThat(pci.deleteAfter()).isEqualTo(Duration.ofDays(365));
    assertThat(Settings.defaults().retention(0, 0)).isNull();
    assertThat(Settings.defaults().retention(2190, 0).deleteAfter())
        .isGreaterThanOrEqualTo(Duration.ofDays(2190));
    assertThat(Settings.defaults().forwarding()).isNull();
  }

  @Test
  void pciShortensTheIdleTimeoutToFifteenMinutes() {
    var pci = CompliancePacks.load(List.of("pci-dss"));
    PoolConfig none = PoolConfig.defaults();
    assertThat(Platform.enforceIdle(none, pci).idleTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(Platform.enforceIdle(none, pci).idlePolicy()).isEqualTo(IdlePolicy.LOCK);
    PoolConfig five = none.withIdle(Duration.ofMinutes(5), IdlePolicy.DISCONNECT);
    assertThat(Platform.enforceIdle(five, pci)).isSameAs(five);
    PoolConfig hour = none.withIdle(Duration.ofHours(1), IdlePolicy.DISCONNECT);
    assertThat(Platform.enforceIdle(hour, pci).idleTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(Platform.enforceIdle(hour, CompliancePacks.load(List.of()))).isSameAs(hour);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static Settings parse(String json, Map<String, String> env) throws Exception {
    return Settings.parse(JSON.readTree(json), env);
  }

  private static String problem(String json, Map<String, String> env) {
    try {
      parse(json, env);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void oneFileHoldsEverySection() throws Exception {
    Settings s =
        parse(
            """
            {"version": 1,
             "endpoints": [{"name": "p1", "host": "mvs1", "port": 992, "tlsMode": "tls",
                            "weight": 2, "maxSessions": 200, "group": "prod", "tags": ["lpar1"],
                            "admin": "DRAINING"}],
             "balancer": {"strategy": "least_sessions", "slowStartSeconds": 30,
                          "fallbacks": {"prod": "dr"}},
             "healthCheck": {"intervalMs": 500, "timeoutMs": 300, "rise": 1, "fall": 2,
                             "verifyTls": false},
             "pool": {"maxSessions": 50, "maxPerEndpoint": 10, "idleTimeoutSeconds": 900,
                      "idlePolicy": "disconnect"},
             "compliance": {"packs": ["soc2"]},
             "audit": {"dir": "/var/lib/c3270/audit"},
             "api": {"enabled": false, "port": 8270, "bind": "0.0.0.0",
                     "allowedHosts": ["console.example.com"], "maxBodyBytes": 4096,
                     "rateLimit": {"requests": 20, "windowSeconds": 10},
                     "tls": {"keyStore": "/etc/c3270/api.p12", "password": "pw"}},
             "webhooks": [{"id": "sub_1", "url": "https://hooks.example.com/x",
                           "types": ["session.*"], "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                           "enabled": true, "created": "2026-11-01T00:00:00Z",
                           "disabledReason": ""}]}
            """,
            Map.of());
    var e = s.endpoints().get(0);
    assertThat(e.endpoint().port()).isEqualTo(992);
    assertThat(e.endpoint().tlsMode()).isEqualTo(dev.console3270.session.TlsMode.TLS);
    assertThat(e.endpoint().tags()).containsExactly("lpar1");
    assertThat(e.admin()).isEqualTo(dev.console3270.endpoint.AdminState.DRAINING);
    assertThat(s.balancer().strategy()).isEqualTo(dev.console3270.endpoint.Strategy.LEAST_SESSIONS);
    assertThat(s.balancer().slowStart()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.balancer().fallbacks()).containsEntry("prod", "dr");
    assertThat(s.healthCheck().interval()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.healthCheck().verifyTls()).isFalse();
    PoolConfig pool = s.pool().toPoolConfig();
    assertThat(pool.maxSessions()).isEqualTo(50);
    assertThat(pool.maxPerEndpoint().applyAsInt("any")).isEqualTo(10);
    assertThat(pool.idleTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(pool.idlePolicy()).isEqualTo(IdlePolicy.DISCONNECT);
    assertThat(s.packs()).containsExactly("soc2");
    assertThat(s.audit().dir()).isEqualTo(Path.of("/var/lib/c3270/audit"));
    assertThat(s.api().enabled()).isFalse();
    assertThat(s.api().port()).isEqualTo(8270);
    assertThat(s.api().allowedHosts()).containsExactly("console.example.com");
    assertThat(s.api().rateLimit()).isEqualTo(20);
    assertThat(s.api().rateWindow()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.api().keyStore()).isEqualTo(Path.of("/etc/c3270/api.p12"));
    assertThat(s.webhooks()).singleElement().extracting(w -> w.id()).isEqualTo("sub_1");

    Settings d = Settings.defaults();
    assertThat(d.endpoints()).isEmpty();
    assertThat(d.api())
        .extracting(a -> a.enabled(), a -> a.port(), a -> a.bind())
        .containsExactly(true, 0, "127.0.0.1");
    assertThat(d.pool().toPoolConfig().maxSessions()).isEqualTo(1000);
  }

  @Test
  void everyBadValueIsNamedByItsJsonPath() {
    assertThat(
            problem(
                "{\"endpoints\":[{\"name\":\"a\",\"host\":\"h\",\"port\":23},"
                    + "{\"name\":\"b\",\"host\":\"h\",\"port\":70000}]}",
                Map.of()))
        .isEqualTo("$.endpoints[1].port: must be 1 to 65535, not 70000");
    assertThat(
            problem("{\"endpoints\":[{\"name\":\"a\",\"host\":\"h\",\"port\":\"23\"}]}", Map.of()))
        .startsWith("$.endpoints[0].port: must be a whole number");
    assertThat(problem("{\"endpoints\":[{\"name\":\"a\",\"host\":\"h\"}]}", Map.of()))
        .isEqualTo("$.endpoints[0].port: is required");
    assertThat(
            problem(
                "{\"endpoints\":[{\"name\":\"a\",\"host\":\"h\",\"port\":1},"
                    + "{\"name\":\"a\",\"host\":\"i\",\"port\":2}]}",
                Map.of()))
        .contains("$.endpoints[1].name")
        .contains("second endpoint named a");
    assertThat(
            problem(
                "{\"endpoints\":[{\"name\":\"a\",\"host\":\"h\",\"port\":1,\"prot\":2}]}",
                Map.of()))
        .startsWith("$.endpoints[0].prot: is not a setting here");
    assertThat(problem("{\"balancer\":{\"strategy\":\"SIDEWAYS\"}}", Map.of()))
        .startsWith("$.balancer.strategy: must be one of ROUND_ROBIN");
    assertThat(
            problem(
                "{\"balancer\":{\"fallbacks\":{\"a\":\"b\",\"b\":\"c\",\"c\":\"b\"}}}", Map.of()))
        .contains("$.balancer.fallbacks.")
        .contains("loop");
    assertThat(problem("{\"pool\":{\"maxSessions\":0}}", Map.of()))
        .isEqualTo("$.pool.maxSessions: must be 1 to 1000000, not 0");
    assertThat(problem("{\"api\":{\"tls\":{\"keyStore\":\"a.p12\"}}}", Map.of()))
        .isEqualTo("$.api.tls.password: is required with a key store");
    assertThat(
            problem(
                "{\"audit\":{\"retention\":{\"holds\":[{\"from\":\"soon\",\"to\":\"2026-01-01\"}]}}}",
                Map.of()))
        .startsWith("$.audit.retention.holds[0]: from and to must be dates");
    assertThat(problem("{\"webhooks\":[{\"id\":\"x\"}]}", Map.of())).startsWith("$.webhooks: [0]");
    assertThat(problem("{\"version\":2}", Map.of())).contains("version 2 is not supported");
    assertThat(problem("[1]", Map.of())).isEqualTo("$: must be a JSON object");
    assertThat(problem("{\"endpoints\":[null]}", Map.of()))
        .isEqualTo("$.endpoints[0]: must be an object, not null");
    assertThat(problem("{\"endpoints\":{}}", Map.of())).startsWith("$.endpoints: must be a list");
    assertThat(problem("{\"api\":{\"port\":8080.5}}", Map.of()))
        .startsWith("$.api.port: must be a whole number");
    assertThat(problem("{\"api\":{\"enabled\":\"yes\"}}", Map.of()))
        .startsWith("$.api.enabled: must be true or false");
    assertThat(problem("{\"audit\":{\"forwarding\":{\"port\":514}}}", Map.of()))
        .isEqualTo("$.audit.forwarding.host: is required");
    assertThat(problem("{\"api\":{\"tokens\":[{\"name\":\"x\"}]}}", Map.of()))
        .startsWith("$.api.tokens: [0]:");
    assertThat(problem("{\"endpionts\":[]}", Map.of()))
        .startsWith("$.endpionts: is not a setting here");
  }

  @Test
  void theEnvironmentOverridesTheFileAndABadValueNamesTheVariable() throws Exception {
    Settings s =
        parse(
            "{\"api\":{\"port\":8270},\"compliance\":{\"packs\":[\"soc2\"]}}",
            Map.of(
                "CONSOLE3270_API_PORT", "9000",
                "CONSOLE3270_API_BIND", "0.0.0.0",
                "CONSOLE3270_COMPLIANCE_PACKS", "pci-dss, hipaa",
                "CONSOLE3270_POOL_MAX_SESSIONS", "42",
                "CONSOLE3270_BALANCER_STRATEGY", "least_latency",
                "CONSOLE3270_AUDIT_DIR", "/srv/audit",
                "CONSOLE3270_API_KEYSTORE", "/etc/k.p12",
                "CONSOLE3270_API_KEYSTORE_PASSWORD", "secret",
                "UNRELATED", "x"));
    assertThat(s.api().port()).isEqualTo(9000);
    assertThat(s.api().bind()).isEqualTo("0.0.0.0");
    assertThat(s.packs()).containsExactly("pci-dss", "hipaa");
    assertThat(s.pool().maxSessions()).isEqualTo(42);
    assertThat(s.balancer().strategy()).isEqualTo(dev.console3270.endpoint.Strategy.LEAST_LATENCY);
    assertThat(s.audit().dir()).isEqualTo(Path.of("/srv/audit"));
    assertThat(s.api().keyStorePassword()).isEqualTo("secret");

    assertThat(problem("{}", Map.of("CONSOLE3270_API_PORT", "x")))
        .isEqualTo("CONSOLE3270_API_PORT ($.api.port): must be a whole number, not \"x\"");
    assertThat(problem("{}", Map.of("CONSOLE3270_API_PORT", "70000")))
        .isEqualTo("CONSOLE3270_API_PORT ($.api.port): must be 0 to 65535, not 70000");
    assertThat(problem("{}", Map.of("CONSOLE3270_BALANCER_STRATEGY", "fastest")))
        .startsWith("CONSOLE3270_BALANCER_STRATEGY ($.balancer.strategy): must be one of");
    assertThat(problem("{}", Map.of("CONSOLE3270_API_KEYSTORE", "/k.p12")))
        .startsWith("$.api.tls.password: is required");
  }

  @Test
  void serveTakesTheWholeApiSection() throws Exception {
    Settings.Api api =
        parse(
                "{\"api\":{\"allowedHosts\":[\"c.example.com\"],\"allowedOrigins\":"
                    + "[\"https://ui.example.com\"],\"maxBodyBytes\":2048,"
                    + "\"rateLimit\":{\"requests\":5,\"windowSeconds\":2},"
                    + "\"tls\":{\"keyStore\":\"k.p12\",\"password\":\"pw\"}}}",
                Map.of())
            .api();
    var c =
        ServeCommand.apiConfig(
            api, java.net.InetAddress.getLoopbackAddress(), 8270, Path.of("t.token"));
    assertThat(c.port()).isEqualTo(8270);
    assertThat(c.allowedHosts()).containsExactly("c.example.com");
    assertThat(c.allowedOrigins()).containsExactly("https://ui.example.com");
    assertThat(c.maxBodyBytes()).isEqualTo(2048);
    assertThat(c.rateLimit()).isEqualTo(5);
    assertThat(c.rateWindow()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.keyStore()).isEqualTo(Path.of("k.p12"));
    assertThat(new String(c.keyStorePassword())).isEqualTo("pw");
  }
}
