package dev.console3270.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.audit.AuditConfig;
import dev.console3270.audit.AuditEvent;
import dev.console3270.audit.AuditIndex;
import dev.console3270.audit.AuditLog;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The audit viewer pages, filters, verifies and exports a real log. */
@ExtendWith(ApplicationExtension.class)
class AuditViewerTest {

  private Path dir;
  private AuditIndex index;
  private AuditViewer viewer;
  private final List<String> accesses = new ArrayList<>();

  @Start
  void start(Stage stage) throws Exception {
    Path tmp = Files.createTempDirectory("audit-viewer");
    dir = tmp.resolve("audit");
    try (AuditLog log = AuditLog.open(AuditConfig.defaults(dir, tmp.resolve("audit.key")))) {
      for (int i = 0; i < 5000; i++) {
        log.append(
            AuditEvent.of(
                i % 10 == 0 ? "alice" : "bob",
                i % 5 == 0 ? AuditType.AID_KEY : AuditType.SCREEN_READ,
                i % 7 == 0 ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS,
                "test",
                "S" + (i % 50),
                Map.of("card", i == 42 ? "4111 1111 1111 1111" : "none", "i", "n" + i)));
      }
    }
    index = AuditIndex.open(dir);
    viewer = new AuditViewer(index, AuditConfig.defaultKeyFile(dir), accesses::add);
    stage.setScene(new Scene(viewer, 1200, 700));
    stage.show();
    viewer.opened();
  }

  @AfterEach
  void close() throws Exception {
    index.close();
  }

  private int filter(Runnable set) throws Exception {
    var task =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  set.run();
                  return viewer.applyFilter();
                })
            .get();
    task.get(30, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    return viewer.rowCount();
  }

  @Test
  void pagesFiltersVerifiesAndExports() throws Exception {
    int all = viewer.rowCount();
    assertThat(all).isEqualTo(index.size()).isGreaterThan(5000);
    assertThat(viewer.entry(all - 1).event().type()).isEqualTo(AuditType.CHECKPOINT);
    assertThat(viewer.entry(all - 2).event().type()).isEqualTo(AuditType.AUDIT_STOP);
    assertThat(accesses).anyMatch(a -> a.startsWith("opened the audit viewer"));

    assertThat(filter(() -> viewer.type.setValue("AID_KEY"))).isEqualTo(1000);
    assertThat(filter(() -> viewer.user.setText("alice"))).isEqualTo(500);
    assertThat(filter(() -> viewer.outcome.setValue("FAILURE")))
        .isEqualTo(
            (int)
                java.util.stream.IntStream.range(0, 5000)
                    .filter(i -> i % 5 == 0 && i % 10 == 0 && i % 7 == 0)
                    .count());
    assertThat(
            filter(
                () -> {
                  viewer.type.setValue("any");
                  viewer.user.clear();
                  viewer.outcome.setValue("any");
                  viewer.session.setText("S42");
                }))
        .isEqualTo(100);
    // the card number was masked when it was recorded: a search for it finds nothing
    assertThat(
            filter(
                () -> {
                  viewer.session.clear();
                  viewer.text.setText("4111 1111 1111 1111");
                }))
        .isZero();
    assertThat(filter(() -> viewer.text.setText("4111 11** **** 1111"))).isEqualTo(1);

    WaitForAsyncUtils.asyncFx(() -> viewer.from.setText("yesterday-ish")).get();
    assertThat(WaitForAsyncUtils.asyncFx(() -> viewer.applyFilter()).get()).isNull();
    assertThat(viewer.statusText()).contains("not a time");

    var verify = WaitForAsyncUtils.asyncFx(() -> viewer.verify()).get();
    assertThat(verify.get(30, TimeUnit.SECONDS).passed()).isTrue();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(viewer.chainText()).contains("PASS");

    WaitForAsyncUtils.asyncFx(
            () -> {
              viewer.from.clear();
              viewer.text.clear();
              viewer.type.setValue("AID_KEY");
            })
        .get();
    filter(() -> {});
    Path csv = Files.createTempFile("audit", ".csv");
    Path json = Files.createTempFile("audit", ".json");
    assertThat(WaitForAsyncUtils.asyncFx(() -> viewer.export(csv, "csv")).get()).isEqualTo(1000);
    assertThat(WaitForAsyncUtils.asyncFx(() -> viewer.export(json, "json")).get()).isEqualTo(1000);
    assertThat(Files.readAllLines(csv)).hasSize(1001).first().asString().startsWith("seq,time");
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).size())
        .isEqualTo(1000);
    WaitForAsyncUtils.asyncFx(() -> viewer.selectRow(3)).get();
    var img = WaitForAsyncUtils.asyncFx(() -> viewer.getScene().snapshot(null)).get();
    Path png = Path.of("target", "screenshots", "audit-viewer.png");
    Files.createDirectories(png.getParent());
    MainWindow.writePng(img, png);
    assertThat(accesses)
        .anyMatch(a -> a.startsWith("verified"))
        .anyMatch(a -> a.startsWith("exported 1000"));
  }
}
