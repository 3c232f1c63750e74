package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.api.events.ConsoleEvent;
import dev.console3270.api.events.EventFilter;
import dev.console3270.api.events.EventSubscription;
import dev.console3270.api.webhooks.WebhookStore;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    try (Platform again = Platform.open(Platform.Options.lenient(dir))) {
      assertThat(again.webhooks().list()).hasSize(1);
    }
  }

  @Test
  void aCorruptWebhooksFileStopsAStrictStartAndIsReportedWhenLenient() throws Exception {
    Path file = dir.resolve(WebhookStore.FILE);
    Files.writeString(file, "{\"not\":\"a list\"}");
    assertThatThrownBy(() -> Platform.open(new Platform.Options(dir, null, true, null, null)))
        .isInstanceOf(Platform.ConfigException.class)
        .hasMessageContaining(file.toString());
    assertThat(Files.readString(file)).isEqualTo("{\"not\":\"a list\"}");
    assertThat(dir.resolve("audit")).doesNotExist();

    try (Platform p = Platform.open(Platform.Options.lenient(dir))) {
      assertThat(p.problem()).contains(file.toString()).contains("corrupt");
      assertThat(p.webhooks().list()).isEmpty();
    }
    assertThat(file).doesNotExist();
  }
}
