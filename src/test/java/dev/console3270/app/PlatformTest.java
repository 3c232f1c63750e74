package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.console3270.api.events.ConsoleEvent;
import dev.console3270.api.events.EventFilter;
import dev.console3270.api.events.EventSubscription;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditType;
import dev.console3270.endpoint.AdminState;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.Strategy;
import dev.console3270.host.DemoHost;
import dev.console3270.session.SessionProfile;
import dev.console3270.session.pool.PoolRefusedException;
import dev.console3270.session.pool.PooledSession;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformTest {

  @TempDir Path dir;

  @Test
  void packsFromTheEnvironmentReplaceTheFileAndShapeThePoolAndTheReport() throws Exception {
    Files.writeString(dir.resolve(Settings.FILE_NAME), "{\"compliance\":{\"packs\":[\"nope\"]}}");
    Path audit = dir.resolve("elsewhere");
    Platform p =
        Platform.open(
            new Platform.Options(
                dir,
                null,
                true,
                Map.of(
                    "CONSOLE3270_COMPLIANCE_PACKS",
                    "pci-dss",
                    "CONSOLE3270_AUDIT_DIR",
                    audit.toString())));
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
  void strictRejectsABadFileBeforeStartingAnything() throws Exception {
    Path file = dir.resolve(Settings.FILE_NAME);
    Files.writeString(file, "{\"balancer\":{\"strategy\":\"SIDEWAYS\"}}");
    assertThatThrownBy(() -> Platform.open(new Platform.Options(dir, null, true, Map.of())))
        .isInstanceOf(Platform.ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("$.balancer.strategy")
        .hasMessageContaining("SIDEWAYS");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(f -> f.getFileName().toString())).containsExactly(Settings.FILE_NAME);
    }
    Files.writeString(file, "{\"compliance\":{\"packs\":[\"nope\"]}}");
    assertThatThrownBy(() -> Platform.open(new Platform.Options(dir, null, true, Map.of())))
        .hasMessageContaining("$.compliance.packs")
        .hasMessageContaining("nope");
    assertThat(dir.resolve("audit")).doesNotExist();
  }

  @Test
  void lenientMovesABadFileAsideAndReportsIt() throws Exception {
    Files.writeString(dir.resolve(Settings.FILE_NAME), "{oops");
    try (Platform p = Platform.open(Platform.Options.lenient(dir))) {
      assertThat(p.problem()).contains("console3270.json could not be used").contains("kept as");
      assertThat(p.registry().list()).isEmpty();
    }
    assertThat(dir.resolve(Settings.FILE_NAME)).doesNotExist();
  }

  @Test
  void endpointChangesWhileRunningAreWrittenToTheFileAndComeBack() throws Exception {
    Files.writeString(dir.resolve(Settings.FILE_NAME), "{\"api\":{\"port\":0}}");
    try (Platform p = Platform.open(Platform.Options.lenient(dir))) {
      p.registry().add(Endpoint.of("mvs1", "10.0.0.1", 23).withGroup("prod"));
      p.registry().add(Endpoint.of("mvs2", "10.0.0.2", 23).withGroup("prod"));
      p.registry().drain("mvs2");
      p.balancer().setStrategy(Strategy.LEAST_SESSIONS);
      p.registry().remove("mvs1");
    }
    assertThat(Files.readString(dir.resolve(Settings.FILE_NAME)))
        .startsWith("{\n  \"version\" : 1");
    try (Platform again = Platform.open(new Platform.Options(dir, null, true, Map.of()))) {
      assertThat(again.registry().list()).extracting(v -> v.name()).containsExactly("mvs2");
      assertThat(again.registry().get("mvs2").orElseThrow().adminState())
          .isEqualTo(AdminState.DRAINING);
      assertThat(again.balancer().strategy()).isEqualTo(Strategy.LEAST_SESSIONS);
      assertThat(again.settings().api().port()).isZero();
    }
  }

  @Test
  void auditRecordsReachTheEventHubAndCloseEndsItAfterTheDispatcher() throws Exception {
    Platform p = Platform.open(Platform.Options.lenient(dir));
    try (p;
        EventSubscription sub = p.events().subscribe(EventFilter.all(), 100)) {
      p.trail().record(AuditType.SESSION_CREATED, AuditOutcome.SUCCESS, "probe", Map.of());
      ConsoleEvent e = sub.poll(Duration.ofSeconds(5));
      while (e != null && !e.type().equals(ConsoleEvent.AUDIT_RECORD)) {
        e = sub.poll(Duration.ofSeconds(5));
      }
      assertThat(e).isNotNull();
      assertThat(e.data()).containsEntry("resource", "probe");
      p.webhooks().create(URI.create("http://127.0.0.1:9/x"), List.of("session.created"));
    }
    assertThat(p.events().isClosed()).isTrue();
    assertThatThrownBy(() -> p.dispatcher().redeliver("any"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(Files.readString(dir.resolve(Settings.FILE_NAME))).contains("\"webhooks\"");
    try (Platform again = Platform.open(Platform.Options.lenient(dir))) {
      assertThat(again.webhooks().list()).hasSize(1);
    }
  }

  @Test
  void aCorruptWebhooksSectionStopsAStrictStartAndIsReportedWhenLenient() throws Exception {
    Path file = dir.resolve(Settings.FILE_NAME);
    Files.writeString(file, "{\"webhooks\":{\"not\":\"a list\"}}");
    assertThatThrownBy(() -> Platform.open(new Platform.Options(dir, null, true, Map.of())))
        .isInstanceOf(Platform.ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("$.webhooks");
    assertThat(Files.readString(file)).isEqualTo("{\"webhooks\":{\"not\":\"a list\"}}");
    assertThat(dir.resolve("audit")).doesNotExist();

    try (Platform p = Platform.open(Platform.Options.lenient(dir))) {
      assertThat(p.problem()).contains(file.toString()).contains("kept as");
      assertThat(p.webhooks().list()).isEmpty();
    }
    assertThat(file).doesNotExist();
  }

  @Test
  void namedApiTokensAreKeptInTheFileAsTheirHashesOnly() throws Exception {
    String token;
    try (Platform p = Platform.open(Platform.Options.lenient(dir))) {
      token = p.tokens().create("ci", dev.console3270.api.Role.OPERATOR).token();
    }
    String file = Files.readString(dir.resolve(Settings.FILE_NAME));
    assertThat(file)
        .contains("\"tokens\"")
        .contains(dev.console3270.api.ApiTokens.sha256(token))
        .doesNotContain(token);
    try (Platform again = Platform.open(new Platform.Options(dir, null, true, Map.of()))) {
      assertThat(again.tokens().lookup(token))
          .contains(new dev.console3270.api.Caller("ci", dev.console3270.api.Role.OPERATOR));
    }
  }

  @Test
  void headlessSessionsFailOverToAnotherEndpointOfTheirGroup() throws Exception {
    DemoHost a = DemoHost.start(0, "A");
    try (DemoHost b = DemoHost.start(0, "B")) {
      Files.writeString(
          dir.resolve(Settings.FILE_NAME),
          "{\"endpoints\":[{\"name\":\"a\",\"host\":\"127.0.0.1\",\"port\":"
              + a.port()
              + ",\"group\":\"prod\"},{\"name\":\"b\",\"host\":\"127.0.0.1\",\"port\":"
              + b.port()
              + ",\"group\":\"prod\"}]}");
      try (Platform p = Platform.open(new Platform.Options(dir, null, true, Map.of()))) {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        p.pool().addHook((event, session, t) -> events.add(event.name()));
        PooledSession s =
            p.pool().create("t", "a", SessionProfile.of("127.0.0.1", a.port()).withName("t"));
        s.ready().get(10, java.util.concurrent.TimeUnit.SECONDS);
        a.close();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> events.contains("FAILED_OVER") && s.endpointName().equals("b"));
        assertThat(s.state().name()).isEqualTo("CONNECTED");
      }
    } finally {
      a.close();
    }
  }

  @Test
  void compliancePacksRefuseHostsWithoutTlsInHeadlessModeToo() throws Exception {
    Files.writeString(
        dir.resolve(Settings.FILE_NAME), "{\"compliance\":{\"packs\":[\"pci-dss\"]}}");
    try (Platform p = Platform.open(new Platform.Options(dir, null, true, Map.of()))) {
      assertThatThrownBy(() -> p.pool().create("x", "remote", SessionProfile.of("192.0.2.10", 23)))
          .isInstanceOf(PoolRefusedException.class)
          .hasMessageContaining("require TLS")
          .hasMessageContaining("192.0.2.10:23");
      assertThat(p.pool().list()).isEmpty();
      // TLS, or a host on this machine, is allowed
      PooledSession tls =
          p.pool()
              .create(
                  "y",
                  "remote",
                  SessionProfile.of("192.0.2.10", 992)
                      .withTlsMode(dev.console3270.session.TlsMode.TLS));
      assertThat(tls).isNotNull();
      p.pool().close(tls.id());
    }
  }

  @Test
  void theBuiltInDemoHostsEndpointIsNeverWritten() throws Exception {
    try (Platform p = Platform.open(Platform.Options.lenient(dir))) {
      p.registry()
          .add(
              new Endpoint(
                  "demo",
                  "127.0.0.1",
                  4000,
                  dev.console3270.session.TlsMode.NONE,
                  1,
                  0,
                  "demo",
                  java.util.Set.of(EndpointConfig.EMBEDDED)));
      p.registry().drain("demo");
      p.registry().remove("demo");
    }
    assertThat(dir.resolve(Settings.FILE_NAME)).doesNotExist();
  }

  @Test
  void aFreshConfigDirectoryIsOwnerOnlyWithEverythingInIt() throws Exception {
    Path fresh = dir.resolve("fresh").resolve("console3270");
    try (Platform p = Platform.open(Platform.Options.lenient(fresh))) {
      p.trail().record(AuditType.SESSION_CREATED, AuditOutcome.SUCCESS, "probe", Map.of());
      p.registry().add(Endpoint.of("mvs1", "10.0.0.1", 23));
    }
    List<String> all;
    try (Stream<Path> s = Files.walk(dir.resolve("fresh"))) {
      all =
          s.map(
                  x -> {
                    try {
                      return dir.relativize(x)
                          + (Files.isDirectory(x) ? "/ " : " ")
                          + PosixFilePermissions.toString(Files.getPosixFilePermissions(x));
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .toList();
    }
    assertThat(all)
        .as("every directory rwx------, every file rw-------")
        .allMatch(l -> l.endsWith("/ rwx------") || (!l.contains("/ ") && l.endsWith(" rw-------")))
        .anyMatch(l -> l.startsWith("fresh/console3270/audit/audit-"))
        .anyMatch(l -> l.startsWith("fresh/console3270/audit.key "))
        .anyMatch(l -> l.startsWith("fresh/console3270/" + Settings.FILE_NAME + " "));
  }

  @Test
  void anExistingOpenConfigDirectoryIsTightened() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Platform p = Platform.open(Platform.Options.lenient(dir))) {
      assertThat(p.problem()).isNull();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
  }
}
