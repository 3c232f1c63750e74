package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.api.events.ConsoleEvent;
import dev.console3270.api.events.EventFilter;
import dev.console3270.api.events.EventSubscription;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditType;
import dev.console3270.endpoint.AdminState;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.Strategy;
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
