package dev.console3270.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.session.SavedProfile;
import dev.console3270.session.TlsMode;
import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The connect dialog turns its fields into a profile and refuses bad ones with a reason. */
@ExtendWith(ApplicationExtension.class)
class ConnectDialogTest {

  private ConnectDialog dialog;

  @Start
  void start(Stage stage) {
    dialog =
        new ConnectDialog(
            SavedProfile.of("Prod", "mvs.example.com", 23), List.of("default"), List.of("logon"));
  }

  private boolean okDisabled() {
    return dialog.getDialogPane().lookupButton(ButtonType.OK).isDisabled();
  }

  @Test
  void fieldsMakeAProfile() throws Exception {
    WaitForAsyncUtils.asyncFx(
            () -> {
              dialog.host.setText("zos.example.com");
              dialog.port.setText("992");
              dialog.tls.setValue(TlsMode.TLS);
              dialog.lu.setText("LU01, LU02");
              dialog.model.getEditor().setText("3278-2");
              dialog.codePage.setValue("cp037");
              dialog.logon.setValue("logon");
            })
        .get();
    assertThat(dialog.validate()).isTrue();
    assertThat(okDisabled()).isFalse();
    SavedProfile p = dialog.profile();
    assertThat(p.name()).isEqualTo("Prod");
    assertThat(p.host()).isEqualTo("zos.example.com");
    assertThat(p.port()).isEqualTo(992);
    assertThat(p.tlsMode()).isEqualTo(TlsMode.TLS);
    assertThat(p.luNames()).containsExactly("LU01", "LU02");
    assertThat(p.model()).isEqualTo("3278-2");
    assertThat(p.codePage()).isEqualTo("cp037");
    assertThat(p.keymap()).isEqualTo("default");
    assertThat(p.logonMacro()).isEqualTo("logon");
    assertThat(p.toSessionProfile().luNames()).containsExactly("LU01", "LU02");
  }

  @Test
  void badFieldsDisableOkAndSayWhy() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> dialog.port.setText("70000")).get();
    assertThat(okDisabled()).isTrue();
    assertThat(dialog.error.getText()).contains("port");
    WaitForAsyncUtils.asyncFx(() -> dialog.port.setText("x")).get();
    assertThat(dialog.error.getText()).contains("port must be a number");
    WaitForAsyncUtils.asyncFx(
            () -> {
              dialog.port.setText("23");
              dialog.model.getEditor().setText("3270-9");
            })
        .get();
    assertThat(okDisabled()).isTrue();
    assertThat(dialog.error.getText()).contains("3270-9");
    WaitForAsyncUtils.asyncFx(
            () -> {
              dialog.model.getEditor().setText("3279-2-E");
              dialog.host.setText(" ");
            })
        .get();
    assertThat(dialog.error.getText()).contains("host");
    WaitForAsyncUtils.asyncFx(() -> dialog.host.setText("h")).get();
    assertThat(okDisabled()).isFalse();
    assertThat(dialog.error.getText()).isEmpty();
  }
}
