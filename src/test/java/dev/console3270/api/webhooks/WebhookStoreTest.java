package dev.console3270.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookStoreTest {
  @TempDir Path dir;

  @Test
  void subscriptionsArePersistedOwnerOnly() throws Exception {
    WebhookStore store = WebhookStore.open(dir);
    Subscription a = store.create(URI.create("https://example.org/hook"), List.of("session.*"));
    Subscription b = store.create(URI.create("http://127.0.0.1:9/x"), List.of("endpoint"));
    assertThat(a.id()).startsWith("sub_").isNotEqualTo(b.id());
    assertThat(WebhookSigner.secretBytes(a.secret())).hasSize(32);
    store.setEnabled(b.id(), false, "by hand");
    Subscription rotated = store.rotateSecret(a.id());
    assertThat(rotated.secret()).isNotEqualTo(a.secret());

    WebhookStore again = WebhookStore.open(dir);
    assertThat(again.list()).containsExactly(rotated, b.withEnabled(false, "by hand"));
    Path file = dir.resolve(WebhookStore.FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(again.delete(a.id())).isTrue();
    assertThat(again.delete(a.id())).isFalse();
    assertThat(WebhookStore.open(dir).list()).extracting(Subscription::id).containsExactly(b.id());
  }

  @Test
  void badInputIsRefusedAndNothingSaved() throws Exception {
    WebhookStore store = WebhookStore.open(dir);
    assertThatThrownBy(() -> store.create(URI.create("ftp://example.org/"), List.of("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http");
    assertThatThrownBy(() -> store.create(URI.create("https://example.org/"), List.of()))
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> store.create(URI.create("https://example.org/"), List.of("a b")))
        .hasMessageContaining("a b");
    assertThatThrownBy(() -> store.setEnabled("sub_nope", true, ""))
        .hasMessageContaining("sub_nope");
    assertThat(store.list()).isEmpty();
    assertThat(Files.exists(dir.resolve(WebhookStore.FILE))).isFalse();
  }

  @Test
  void aCorruptFileIsKeptAside() throws Exception {
    Path file = dir.resolve(WebhookStore.FILE);
    Files.writeString(file, "[{\"id\": \"sub_1\", \"url\": ");
    WebhookStore store = WebhookStore.open(dir);
    assertThat(store.list()).isEmpty();
    Path aside = store.corruptCopy().orElseThrow();
    assertThat(Files.readString(aside)).isEqualTo("[{\"id\": \"sub_1\", \"url\": ");
    assertThat(Files.exists(file)).isFalse();
    store.create(URI.create("https://example.org/"), List.of("*"));
    assertThat(WebhookStore.open(dir).list()).hasSize(1);
    assertThat(Files.readString(aside)).startsWith("[{\"id\"");
  }
}
