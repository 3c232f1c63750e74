package dev.console3270.session.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {
  @TempDir Path dir;

  private static char[] pass(String s) {
    return s.toCharArray();
  }

  @Test
  void roundTripsThroughTheEncryptedFile() throws Exception {
    Path file = dir.resolve("conf").resolve(SecretStore.FILE_NAME);
    SecretStore store = SecretStore.open(file, pass("correct horse"));
    assertThat(store.names()).isEmpty();
    assertThat(Files.exists(file)).isFalse();
    store.put("bravo-pw", pass("DEMO3270"));
    store.put("ünïcode", pass("pässwörd €"));
    store.put("gone", pass("x"));
    assertThat(store.remove("gone")).isTrue();
    assertThat(store.remove("gone")).isFalse();

    byte[] raw = Files.readAllBytes(file);
    assertThat(new String(raw, StandardCharsets.ISO_8859_1))
        .doesNotContain("DEMO3270")
        .doesNotContain("bravo-pw");

    SecretStore again = SecretStore.open(file, pass("correct horse"));
    assertThat(again.names()).containsExactly("bravo-pw", "ünïcode");
    assertThat(again.get("bravo-pw")).containsExactly(pass("DEMO3270"));
    assertThat(again.get("ünïcode")).containsExactly(pass("pässwörd €"));
    assertThat(again.get("missing")).isNull();
    assertThat(again.contains("gone")).isFalse();
  }

  @Test
  void getHandsOutACopy() throws Exception {
    SecretStore store = SecretStore.open(dir.resolve("s.enc"), pass("p"));
    store.put("a", pass("secret"));
    char[] v = store.get("a");
    v[0] = 'X';
    assertThat(store.get("a")).containsExactly(pass("secret"));
  }

  @Test
  void everyWriteUsesAFreshNonce() throws Exception {
    Path file = dir.resolve("s.enc");
    SecretStore store = SecretStore.open(file, pass("p"));
    store.put("a", pass("same"));
    byte[] first = Files.readAllBytes(file);
    store.put("a", pass("same"));
    assertThat(Files.readAllBytes(file)).isNotEqualTo(first);
  }

  @Test
  void aWrongPassphraseIsAClearErrorAndTheFileIsKept() throws Exception {
    Path file = dir.resolve("s.enc");
    SecretStore.open(file, pass("right")).put("a", pass("value"));
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> SecretStore.open(file, pass("wrong")))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("wrong passphrase")
        .hasMessageNotContaining("value");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(SecretStore.open(file, pass("right")).get("a")).containsExactly(pass("value"));
  }

  @Test
  void aCorruptFileIsAClearErrorAndIsNeverOverwritten() throws Exception {
    Path file = dir.resolve("s.enc");
    SecretStore.open(file, pass("right")).put("a", pass("value"));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 5] ^= 0x40; // inside the ciphertext
    Files.write(file, bytes);
    assertThatThrownBy(() -> SecretStore.open(file, pass("right")))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("damaged");
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);

    byte[] header = Files.readAllBytes(file);
    header[12] ^= 0x01; // the iteration count, authenticated with the contents
    Files.write(file, header);
    assertThatThrownBy(() -> SecretStore.open(file, pass("right")))
        .isInstanceOf(SecretStoreException.class);

    Files.writeString(file, "not a store at all");
    assertThatThrownBy(() -> SecretStore.open(file, pass("right")))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("not a Console3270 secret store");
    assertThat(Files.readString(file)).isEqualTo("not a store at all");
  }

  @Test
  void badNamesAndEmptyPassphrasesAreRefused() throws Exception {
    assertThatThrownBy(() -> SecretStore.open(dir.resolve("s.enc"), new char[0]))
        .isInstanceOf(IllegalArgumentException.class);
    SecretStore store = SecretStore.open(dir.resolve("s.enc"), pass("p"));
    assertThatThrownBy(() -> store.put("a}b", pass("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put(" ", pass("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.names()).isEmpty();
  }
}
