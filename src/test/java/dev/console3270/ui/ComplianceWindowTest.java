package dev.console3270.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.audit.compliance.ComplianceFacts;
import dev.console3270.audit.compliance.CompliancePacks;
import dev.console3270.audit.compliance.RuleStatus;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.session.ProfileStore;
import dev.console3270.session.SavedProfile;
import dev.console3270.session.SessionEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Under PCI-DSS: the report shows the failing rules, and a plain remote session is refused. */
@ExtendWith(ApplicationExtension.class)
class ComplianceWindowTest {

  private SessionEngine engine;
  private ConsoleContext ctx;
  private MainWindow window;
  private Stage stage;

  @Start
  void start(Stage stage) throws Exception {
    this.stage = stage;
    engine = new SessionEngine(1, "compliance-test");
    Path config = Files.createTempDirectory("console3270-compliance");
    new ProfileStore(config.resolve("profiles.json"))
        .save(List.of(SavedProfile.of("unused", "127.0.0.1", 1)));
    ConsoleContext base =
        TestContexts.of(
            config,
            engine,
            () -> {
              throw new IllegalStateException("no demo host");
            });
    ctx =
        base.withGovernance(
            new Governance(
                CompliancePacks.load(List.of("pci-dss")),
                new ComplianceFacts.Retention(90, 365, 0),
                false,
                Duration.ofSeconds(10)));
    ctx.endpoints().add(Endpoint.of("prod", "mvs.example.com", 23));
    window = new MainWindow(ctx);
    window.show(stage);
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
    ctx.pool().close();
    engine.close();
    ctx.audit().log().close();
  }

  @Test
  void theReportShowsViolationsAndRemotePlainSessionsAreRefused() throws Exception {
    ComplianceView view = WaitForAsyncUtils.asyncFx(() -> window.showCompliance()).get();
    var report = view.report();
    assertThat(report.packs()).containsExactly("pci-dss");
    assertThat(view.rows()).isNotEmpty();
    var tls =
        report.results().stream()
            .filter(
                r ->
                    r.rule().check()
                        instanceof dev.console3270.audit.compliance.Check.TlsForRemoteEndpoints)
            .findFirst()
            .orElseThrow();
    assertThat(tls.status()).isEqualTo(RuleStatus.FAIL);
    assertThat(String.join(" ", tls.outcome().violations())).contains("prod");
    var idle =
        report.results().stream()
            .filter(
                r ->
                    r.rule().check()
                        instanceof dev.console3270.audit.compliance.Check.MaxIdleMinutes)
            .findFirst()
            .orElseThrow();
    assertThat(idle.status()).as("no idle timeout in this pool").isEqualTo(RuleStatus.FAIL);
    assertThat(report.toJson()).contains("\"status\"").contains("pci-dss");

    SessionTab refused =
        WaitForAsyncUtils.asyncFx(
                () -> window.open(SavedProfile.of("remote", "mvs.example.com", 23)))
            .get();
    assertThat(refused).isNull();
    assertThat(window.messages()).anyMatch(m -> m.contains("require TLS"));
    assertThat(window.complianceRefusal("127.0.0.1", 3270, dev.console3270.session.TlsMode.NONE))
        .isNull();
    assertThat(
            window.complianceRefusal("mvs.example.com", 992, dev.console3270.session.TlsMode.TLS))
        .isNull();
  }
}
