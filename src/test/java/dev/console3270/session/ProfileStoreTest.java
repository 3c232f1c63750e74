package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-01-02T03:04:05Z"), ZoneOffset.UTC);
  private static final String CORRUPT = "profiles.json.corrupt-20240102-030405";

  @TempDir Path tmp;

  private Path file() {
    return tmp.resolve("conf").resolve(ProfileStore.FILE_NAME);
  }

  private ProfileStore store() {
    return new ProfileStore(file(), CLOCK);
  }

  private Path write(String json) throws IOException {
    Files.createDirectories(file().getParent());
    return Files.writeString(file(), json);
  }

  private static SavedProfile full() {
    return new SavedProfile(
        "Prod LPAR",
        "mvs.example.com",
        992,
        TlsMode.TLS,
        List.of("LU01", "LU02"),
        "3279-2-E",
        "cp1047",
        "mine",
        false,
        "ab:cd",
        "logon");
  }

  private static String json(String profiles) {
    return "{\"version\":1,\"profiles\":[" + profiles + "]}";
  }

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private void assertKeptAside(Path corrupt, String original) throws IOException {
    assertThat(file()).doesNotExist();
    assertThat(corrupt).exists();
    assertThat(Files.readString(corrupt)).isEqualTo(original);
  }

  @Test
  void aMissingFileIsNoProfilesAndNoProblem() {
    ProfileStore.Loaded loaded = store().load();
    assertThat(loaded.profiles()).isEmpty();
    assertThat(loaded.problem()).isNull();
    assertThat(loaded.ok()).isTrue();
    assertThat(file()).doesNotExist();
  }

  @Test
  void savedProfilesLoadBackTheSame() throws IOException {
    List<SavedProfile> profiles = List.of(full(), SavedProfile.of("Test", "10.0.0.1", 23));
    store().save(profiles);
    ProfileStore.Loaded loaded = store().load();
    assertThat(loaded.problem()).isNull();
    assertThat(loaded.profiles()).isEqualTo(profiles);
  }

  @Test
  void theFileIsVersionedPrettyJsonWithTheDocumentedFieldNames() throws IOException {
    store().save(List.of(full()));
    String text = Files.readString(file());
    assertThat(text).contains("\n  \"profiles\"").endsWith("\n");
    JsonNode root = new ObjectMapper().readTree(text);
    assertThat(root.get("version").intValue()).isEqualTo(1);
    JsonNode p = root.get("profiles").get(0);
    assertThat(p.get("name").textValue()).isEqualTo("Prod LPAR");
    assertThat(p.get("host").textValue()).isEqualTo("mvs.example.com");
    assertThat(p.get("port").intValue()).isEqualTo(992);
    assertThat(p.get("tlsMode").textValue()).isEqualTo("TLS");
    assertThat(p.get("luNames").toString()).isEqualTo("[\"LU01\",\"LU02\"]");
    assertThat(p.get("model").textValue()).isEqualTo("3279-2-E");
    assertThat(p.get("codePage").textValue()).isEqualTo("cp1047");
    assertThat(p.get("keymap").textValue()).isEqualTo("mine");
    assertThat(p.get("verifyCertificate").booleanValue()).isFalse();
    assertThat(p.get("acceptedCertificateSha256").textValue()).isEqualTo("ab:cd");
  }

  @Test
  void missingOptionalFieldsTakeTheDefaultsAndUnknownFieldsAreIgnored() throws IOException {
    write(
        "{\"version\":1,\"future\":{\"x\":[1,2]},\"profiles\":["
            + "{\"name\":\"A\",\"host\":\"h\",\"port\":23,\"colour\":\"green\"},"
            + "{\"name\":\"B\",\"host\":\"h\",\"port\":24,\"tlsMode\":\"starttls\","
            + "\"acceptedCertificateSha256\":null,\"luNames\":null}]}");
    ProfileStore.Loaded loaded = store().load();
    assertThat(loaded.problem()).isNull();
    assertThat(loaded.profiles())
        .containsExactly(
            SavedProfile.of("A", "h", 23),
            new SavedProfile(
                "B", "h", 24, TlsMode.STARTTLS, null, null, null, null, true, null, null));
    assertThat(file()).exists();
  }

  @Test
  void invalidJsonIsKeptAsideWithTheLineAndColumn() throws IOException {
    String bad = "{\n  \"version\": 1,\n  \"profiles\": [\n    {\"name\": \"A\" \"host\": \"h\"}\n";
    write(bad);
    ProfileStore.Loaded loaded = store().load();
    assertThat(loaded.profiles()).isEmpty();
    assertThat(loaded.problem())
        .startsWith("profiles.json is not valid JSON at line 4, column ")
        .contains("the file was kept as " + file().resolveSibling(CORRUPT))
        .contains("no profiles were loaded")
        .endsWith(".");
    assertKeptAside(file().resolveSibling(CORRUPT), bad);
  }

  @Test
  void theFileCanBeSavedAgainAfterwardsWithoutTouchingTheKeptCopy() throws IOException {
    write("not json");
    ProfileStore store = store();
    assertThat(store.load().problem()).contains("not valid JSON");
    store.save(List.of(SavedProfile.of("A", "h", 23)));
    assertThat(store.load().profiles()).containsExactly(SavedProfile.of("A", "h", 23));
    assertThat(Files.readString(file().resolveSibling(CORRUPT))).isEqualTo("not json");
  }

  @Test
  void keptCopiesAreNeverOverwritten() throws IOException {
    Path dir = Files.createDirectories(file().getParent());
    Files.writeString(dir.resolve(CORRUPT), "first");
    Files.writeString(dir.resolve(CORRUPT + "-2"), "second");
    write("third");
    assertThat(store().load().problem()).contains(CORRUPT + "-3");
    assertThat(Files.readString(dir.resolve(CORRUPT))).isEqualTo("first");
    assertThat(Files.readString(dir.resolve(CORRUPT + "-2"))).isEqualTo("second");
    assertKeptAside(dir.resolve(CORRUPT + "-3"), "third");
  }

  @Test
  void trailingGarbageAndDuplicateKeysAreInvalidJson() throws IOException {
    write(json("") + " x");
    assertThat(store().load().problem()).contains("not valid JSON at line 1");
    write("{\"version\":1,\"version\":1,\"profiles\":[]}");
    assertThat(store().load().problem()).contains("not valid JSON").contains("version");
  }

  @Test
  void anEmptyFileIsAProblem() throws IOException {
    write("");
    assertThat(store().load().problem()).startsWith("profiles.json is empty; the file was kept");
    assertKeptAside(file().resolveSibling(CORRUPT), "");
  }

  @Test
  void theWrongShapeIsAProblem() throws IOException {
    for (String bad :
        List.of(
            "[]",
            "{\"profiles\":[]}",
            "{\"version\":\"1\",\"profiles\":[]}",
            "{\"version\":1}",
            "{\"version\":1,\"profiles\":{}}")) {
      write(bad);
      ProfileStore.Loaded loaded = store().load();
      assertThat(loaded.problem()).as(bad).startsWith("profiles.json ").contains("was kept as");
      assertThat(file()).as(bad).doesNotExist();
      try (Stream<Path> kept = Files.list(file().getParent())) {
        assertThat(kept.filter(p -> readQuietly(p).equals(bad))).as(bad).hasSize(1);
      }
    }
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void anUnsupportedVersionIsKeptAsideAndItsValidProfilesAreStillRead() throws IOException {
    String v2 = "{\"version\":2,\"profiles\":[{\"name\":\"A\",\"host\":\"h\",\"port\":23}]}";
    write(v2);
    ProfileStore.Loaded loaded = store().load();
    assertThat(loaded.problem())
        .startsWith("profiles.json has version 2, which this version of Console3270 does not")
        .contains("reads version 1")
        .contains("kept as " + file().resolveSibling(CORRUPT))
        .contains("the 1 valid profile was loaded");
    assertThat(loaded.profiles()).containsExactly(SavedProfile.of("A", "h", 23));
    assertKeptAside(file().resolveSibling(CORRUPT), v2);
  }

  @Test
  void anInvalidPortNamesTheProfileAndTheOthersStillLoad() throws IOException {
    String text =
        json(
            "{\"name\":\"A\",\"host\":\"h\",\"port\":23},"
                + "{\"name\":\"Bad\",\"host\":\"h\",\"port\":0},"
                + "{\"name\":\"C\",\"host\":\"h\",\"port\":65535}");
    write(text);
    ProfileStore.Loaded loaded = store().load();
    assertThat(loaded.profiles())
        .containsExactly(SavedProfile.of("A", "h", 23), SavedProfile.of("C", "h", 65535));
    assertThat(loaded.problem())
        .isEqualTo(
            "Profile 2 (\"Bad\") in profiles.json is invalid: port must be 1 to 65535: 0; the"
                + " file was kept as "
                + file().resolveSibling(CORRUPT)
                + " and the 2 valid profiles were loaded.");
    assertKeptAside(file().resolveSibling(CORRUPT), text);
  }

  @Test
  void everyKindOfBadFieldIsNamed() throws IOException {
    record Case(String profile, String message) {}
    for (Case c :
        List.of(
            new Case("{\"host\":\"h\",\"port\":23}", "Profile 1 in profiles.json is invalid: name"),
            new Case("{\"name\":\"X\",\"port\":23}", "(\"X\") in profiles.json is invalid: host"),
            new Case("{\"name\":\"X\",\"host\":\"h\"}", "invalid: port is required"),
            new Case("{\"name\":\"X\",\"host\":\"h\",\"port\":\"23\"}", "port must be a whole"),
            new Case("{\"name\":\"X\",\"host\":\"h\",\"port\":23.5}", "port must be a whole"),
            new Case("{\"name\":\"X\",\"host\":\"h\",\"port\":99999999999}", "port must be 1 to"),
            new Case("{\"name\":\"X\",\"host\":\"h\",\"port\":70000}", "port must be 1 to 65535"),
            new Case("{\"name\":5,\"host\":\"h\",\"port\":23}", "name must be a string"),
            new Case(
                "{\"name\":\"X\",\"host\":\"h\",\"port\":23,\"tlsMode\":\"SSL\"}",
                "tlsMode must be NONE, TLS or STARTTLS, not \"SSL\""),
            new Case(
                "{\"name\":\"X\",\"host\":\"h\",\"port\":23,\"luNames\":\"LU1\"}",
                "luNames must be a list"),
            new Case(
                "{\"name\":\"X\",\"host\":\"h\",\"port\":23,\"luNames\":[1]}",
                "luNames must be a list of names, not 1"),
            new Case(
                "{\"name\":\"X\",\"host\":\"h\",\"port\":23,\"model\":\"3270-9\"}",
                "unknown terminal model"),
            new Case(
                "{\"name\":\"X\",\"host\":\"h\",\"port\":23,\"codePage\":\"klingon\"}",
                "unknown code page: klingon"),
            new Case(
                "{\"name\":\"X\",\"host\":\"h\",\"port\":23,\"verifyCertificate\":\"yes\"}",
                "verifyCertificate must be true or false"),
            new Case("42", "Profile 1 in profiles.json is invalid: it is not a JSON object"))) {
      write(json(c.profile()));
      ProfileStore.Loaded loaded = store().load();
      assertThat(loaded.profiles()).as(c.profile()).isEmpty();
      assertThat(loaded.problem()).as(c.profile()).contains(c.message());
    }
  }

  @Test
  void severalProblemsAreCountedAndADuplicateNameIsOne() throws IOException {
    write(
        json(
            "{\"name\":\"A\",\"host\":\"h\",\"port\":23},"
                + "{\"name\":\"A\",\"host\":\"other\",\"port\":23},"
                + "{\"name\":\"B\",\"host\":\"h\",\"port\":-1}"));
    ProfileStore.Loaded loaded = store().load();
    assertThat(loaded.profiles()).containsExactly(SavedProfile.of("A", "h", 23));
    assertThat(loaded.problem())
        .startsWith(
            "Profile 2 (\"A\") in profiles.json is invalid: the name is used by an earlier"
                + " profile (and 1 more problem);");
  }

  @Test
  void saveRejectsDuplicateNamesAndWritesNothing() throws IOException {
    store().save(List.of(SavedProfile.of("A", "h", 23)));
    String before = Files.readString(file());
    assertThatThrownBy(
            () -> store().save(List.of(SavedProfile.of("B", "h", 1), SavedProfile.of("B", "g", 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two profiles are named \"B\"");
    assertThat(Files.readString(file())).isEqualTo(before);
  }

  @Test
  void saveCreatesTheDirectoryAndFileOwnerOnlyAndLeavesNoTemporaryFile() throws IOException {
    store().save(List.of(SavedProfile.of("A", "h", 23)));
    store().save(List.of(SavedProfile.of("B", "h", 23)));
    assertThat(store().load().profiles()).containsExactly(SavedProfile.of("B", "h", 23));
    try (Stream<Path> files = Files.list(file().getParent())) {
      assertThat(files).containsExactly(file());
    }
    assumeTrue(posix(tmp));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void aFailedSaveKeepsTheOldFile() throws IOException {
    store().save(List.of(SavedProfile.of("A", "h", 23)));
    String before = Files.readString(file());
    // a read-only directory: the temporary file cannot be created
    assumeTrue(posix(tmp));
    Path dir = file().getParent();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
    try {
      assumeFalse(Files.isWritable(dir), "running as root: permissions are not enforced");
      assertThatThrownBy(() -> store().save(List.of(SavedProfile.of("B", "h", 23))))
          .isInstanceOf(IOException.class);
      assertThat(Files.readString(file())).isEqualTo(before);
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void anUnreadableFileIsLeftInPlaceAndNotOverwritten() throws IOException {
    assumeTrue(posix(tmp));
    String text = json("{\"name\":\"A\",\"host\":\"h\",\"port\":23}");
    write(text);
    Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("---------"));
    try {
      assumeFalse(Files.isReadable(file()), "running as root: the file stays readable");
      ProfileStore store = store();
      ProfileStore.Loaded loaded = store.load();
      assertThat(loaded.profiles()).isEmpty();
      assertThat(loaded.problem())
          .startsWith("The saved profiles could not be read from " + file())
          .contains("AccessDeniedException")
          .endsWith("was left as it is and will not be overwritten.");
      assertThatThrownBy(() -> store.save(List.of(SavedProfile.of("B", "h", 1))))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("not saved");
      Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.readString(file())).isEqualTo(text);
      // once it can be read again, all is well
      assertThat(store.load().profiles()).containsExactly(SavedProfile.of("A", "h", 23));
      store.save(List.of(SavedProfile.of("B", "h", 1)));
    } finally {
      Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Test
  void aFileThatCannotBeReadBecauseItIsADirectoryIsLeftAndSavingRefused() throws IOException {
    // the same path as an unreadable file, and it works when running as root too
    Path dir = Files.createDirectories(file());
    Files.writeString(dir.resolve("inside"), "keep");
    ProfileStore store = store();
    ProfileStore.Loaded loaded = store.load();
    assertThat(loaded.profiles()).isEmpty();
    assertThat(loaded.problem())
        .startsWith("The saved profiles could not be read from " + file())
        .endsWith("will not be overwritten.");
    assertThatThrownBy(() -> store.save(List.of(SavedProfile.of("B", "h", 1))))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("profiles are not saved because " + file() + " could not be read");
    assertThat(Files.readString(dir.resolve("inside"))).isEqualTo("keep");
  }

  @Test
  void aBadFileThatCannotBeMovedAsideStaysAndSavingIsRefused() throws IOException {
    assumeTrue(posix(tmp));
    write("not json");
    Path dir = file().getParent();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
    try {
      assumeFalse(Files.isWritable(dir), "running as root: permissions are not enforced");
      ProfileStore store = store();
      ProfileStore.Loaded loaded = store.load();
      assertThat(loaded.problem())
          .contains("not valid JSON")
          .contains("could not be moved aside")
          .contains("will not be overwritten");
      assertThat(Files.readString(file())).isEqualTo("not json");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      assertThatThrownBy(() -> store.save(List.of()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("could not be moved aside");
      assertThat(Files.readString(file())).isEqualTo("not json");
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
