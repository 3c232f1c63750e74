package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacroStoreTest {

  @TempDir Path tmp;

  private Path dir() {
    return tmp.resolve("macros");
  }

  private MacroStore store() {
    return new MacroStore(dir());
  }

  @Test
  void aMissingDirectoryHasNoMacros() {
    assertThat(store().names()).isEmpty();
    assertThat(store().exists("x")).isFalse();
    assertThat(dir()).doesNotExist();
  }

  @Test
  void savedMacrosLoadBackAsWritten() throws IOException {
    String script = "# log on\nString(\"Přihlášení ✓\")\n\nEnter()\nPF(3) Tab()\n";
    store().save("Log on", script);
    assertThat(store().load("Log on")).isEqualTo(script);
    assertThat(Files.readString(dir().resolve("Log on.macro"))).isEqualTo(script);
    assertThat(store().exists("Log on")).isTrue();
  }

  @Test
  void namesAreSortedCaseInsensitivelyAndOnlyMacrosAreListed() throws IOException {
    MacroStore store = store();
    for (String n : List.of("beta", "Alpha", "gamma 2", "ALPHA2", "Ärger")) {
      store.save(n, "Enter()\n");
    }
    Files.writeString(dir().resolve("notes.txt"), "x");
    Files.writeString(dir().resolve(".hidden.macro"), "x");
    Files.createDirectory(dir().resolve("folder.macro"));
    assertThat(store.names()).containsExactly("Alpha", "ALPHA2", "beta", "gamma 2", "Ärger");
  }

  @Test
  void saveIsAtomicAndOwnerOnly() throws IOException {
    store().save("a", "Enter()\n");
    store().save("a", "Clear()\n");
    assertThat(store().load("a")).isEqualTo("Clear()\n");
    try (Stream<Path> files = Files.list(dir())) {
      assertThat(files).containsExactly(dir().resolve("a.macro"));
    }
    assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir())))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir().resolve("a.macro"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aScriptThatDoesNotParseIsNotSavedAndTheOldOneIsKept() throws IOException {
    store().save("m", "Enter()\n");
    assertThatThrownBy(() -> store().save("m", "# fine\nEnter()\n\nPF(3\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 4: Syntax error: \")\" expected at column 5");
    assertThat(store().load("m")).isEqualTo("Enter()\n");
    assertThatThrownBy(() -> store().save("new", "String(\"x)"))
        .hasMessage("line 1: Syntax error: unclosed \" at column 11");
    assertThat(store().exists("new")).isFalse();
  }

  @Test
  void aBrokenMacroFileIsStillLoadedAsText() throws IOException {
    Files.createDirectories(dir());
    Files.writeString(dir().resolve("broken.macro"), "Enter()\n(oops\n");
    String text = store().load("broken");
    assertThat(text).isEqualTo("Enter()\n(oops\n");
    assertThatThrownBy(() -> MacroStore.parseScript(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 2: Action name must begin with an alphanumeric character at column 1");
  }

  @Test
  void aFileThatIsNotUtf8IsAClearError() throws IOException {
    Files.createDirectories(dir());
    Files.write(dir().resolve("latin.macro"), new byte[] {'S', (byte) 0xe9, '\n'});
    assertThatThrownBy(() -> store().load("latin"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("macro \"latin\"")
        .hasMessageContaining("is not UTF-8 text");
  }

  @Test
  void loadingOrDeletingAMissingMacroSaysSo() {
    assertThatThrownBy(() -> store().load("nope"))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("there is no macro named \"nope\"");
    assertThatThrownBy(() -> store().delete("nope"))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("there is no macro named \"nope\"");
  }

  @Test
  void deleteRemovesTheMacro() throws IOException {
    store().save("a", "Enter()\n");
    store().save("b", "Enter()\n");
    store().delete("a");
    assertThat(store().names()).containsExactly("b");
  }

  @Test
  void renameMovesTheMacroButNeverOverwritesAnother() throws IOException {
    MacroStore store = store();
    store.save("a", "PF(1)\n");
    store.save("b", "PF(2)\n");
    store.rename("a", "c");
    assertThat(store.names()).containsExactly("b", "c");
    assertThat(store.load("c")).isEqualTo("PF(1)\n");
    assertThatThrownBy(() -> store.rename("c", "b"))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("a macro named \"b\" already exists");
    assertThat(store.load("b")).isEqualTo("PF(2)\n");
    assertThat(store.load("c")).isEqualTo("PF(1)\n");
    assertThatThrownBy(() -> store.rename("zzz", "y"))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("there is no macro named \"zzz\"");
    assertThatThrownBy(() -> store.rename("c", ".x")).isInstanceOf(IllegalArgumentException.class);
    store.rename("c", "c"); // nothing to do
    store.rename("c", "C"); // a change of case
    assertThat(store.names()).containsExactly("b", "C");
    assertThat(store.load("C")).isEqualTo("PF(1)\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "Log on to TSO",
        "v1.2_test-3",
        "Přihlášení",
        "a.",
        "x ",
        "1234567890123456789012345678901234567890123456789012345678901234"
      })
  void validNames(String name) throws IOException {
    assertThat(MacroStore.checkName(name)).isEqualTo(name);
    store().save(name, "Enter()\n");
    assertThat(store().names()).containsExactly(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".hidden",
        " lead",
        "a/b",
        "a\\b",
        "..",
        "a:b",
        "a*",
        "tab\there",
        "line\nbreak",
        "CON",
        "nul.txt",
        "12345678901234567890123456789012345678901234567890123456789012345"
      })
  void invalidNamesAreRefusedEverywhere(String name) throws IOException {
    MacroStore store = store();
    assertThatThrownBy(() -> MacroStore.checkName(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("macro name");
    assertThatThrownBy(() -> store.save(name, "Enter()"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.load(name)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.delete(name)).isInstanceOf(IllegalArgumentException.class);
    store.save("ok", "Enter()");
    assertThatThrownBy(() -> store.rename("ok", name)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.names()).containsExactly("ok");
  }

  @Test
  void nameMessagesSayWhatIsWrong() {
    assertThatThrownBy(() -> MacroStore.checkName(null)).hasMessage("a macro name is required");
    assertThatThrownBy(() -> MacroStore.checkName("a/b"))
        .hasMessage(
            "the macro name \"a/b\" may only hold letters, digits, blanks, _, - and . (not '/')");
    assertThatThrownBy(() -> MacroStore.checkName("a\tb")).hasMessageEndingWith("(not U+0009)");
    assertThatThrownBy(() -> MacroStore.checkName(".x"))
        .hasMessage("the macro name \".x\" must not start with a dot or a blank");
    assertThatThrownBy(() -> MacroStore.checkName("x".repeat(65)))
        .hasMessageEndingWith("is too long (65 characters; at most 64)");
    assertThatThrownBy(() -> MacroStore.checkName("Aux"))
        .hasMessage("the macro name \"Aux\" is reserved for a device on Windows");
  }

  @Test
  void parseScriptSkipsBlanksAndCommentsAndKeepsOrder() {
    String script =
        "\uFEFF# comment\r\n"
            + "   # indented comment\n"
            + "\n"
            + "  \t \n"
            + "String(\"a # not a comment\")\r\n"
            + "MoveCursor1(5,10) Enter()\n"
            + "PF 3\n";
    assertThat(MacroStore.parseScript(script))
        .containsExactly(
            ActionCall.of("String", "a # not a comment"),
            ActionCall.of("MoveCursor1", "5", "10"),
            ActionCall.of("Enter"),
            ActionCall.of("PF", "3"));
    assertThat(MacroStore.parseScript("")).isEmpty();
    assertThat(MacroStore.parseScript("# only\n\n")).isEmpty();
  }

  @Test
  void parseScriptErrorsNameTheLine() {
    assertThatThrownBy(() -> MacroStore.parseScript("Enter()\r\n\r\nTab() PF(1,\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 3: Syntax error: \")\" expected at column 6");
    assertThatThrownBy(() -> MacroStore.parseScript("Enter() # trailing comment"))
        .hasMessageStartingWith("line 1: ");
    assertThatThrownBy(() -> MacroStore.parseScript("Enter()\nPF(3) (y\n"))
        .hasMessageStartingWith("line 2: ");
  }
}
