package dev.console3270.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.session.pool.SecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The secrets dialog stores values encrypted and lists names only. */
@ExtendWith(ApplicationExtension.class)
class SecretsDialogTest {

  private SecretStore store;
  private SecretsDialog dialog;
  private Path file;

  @Start
  void start(Stage stage) throws Exception {
    file = Files.createTempDirectory("secrets").resolve(SecretStore.FILE_NAME);
    store = SecretStore.open(file, "correct horse".toCharArray());
    dialog = new SecretsDialog(store);
  }

  @Test
  void addsAndRemovesSecrets() throws Exception {
    boolean ok =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  dialog.name.setText("demo-pw");
                  dialog.value.setText("DEMO3270");
                  return dialog.add();
                })
            .get();
    assertThat(ok).isTrue();
    assertThat(dialog.names.getItems()).containsExactly("demo-pw");
    assertThat(dialog.value.getText()).isEmpty();
    assertThat(new String(store.get("demo-pw"))).isEqualTo("DEMO3270");
    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
        .doesNotContain("DEMO3270");
    SecretStore again = SecretStore.open(file, "correct horse".toCharArray());
    assertThat(new String(again.get("demo-pw"))).isEqualTo("DEMO3270");

    boolean bad =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  dialog.name.setText("");
                  dialog.value.setText("x");
                  return dialog.add();
                })
            .get();
    assertThat(bad).isFalse();
    assertThat(dialog.error.getText()).isNotEmpty();
  }
}
