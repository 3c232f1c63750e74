package dev.console3270.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.console3270.session.ActionInterpreter;
import dev.console3270.session.ActionParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keymaps without the FX toolkit: the KeyCode enum is all they use. */
class KeymapTest {

  @TempDir Path config;

  private Path write(String name, String json) throws IOException {
    Path dir = Files.createDirectories(config.resolve("keymaps"));
    Path file = dir.resolve(name + ".json");
    Files.writeString(file, json.replace('\'', '"'), StandardCharsets.UTF_8);
    return file;
  }

  // ---------------------------------------------------------------- the built-in map

  @Test
  void builtInHasEveryBindingOfTheIssue() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("ENTER", "Enter()");
    expected.put("RIGHT_CTRL", "Enter()");
    expected.put("Shift+ENTER", "Newline()");
    for (int i = 1; i <= 12; i++) {
      expected.put("F" + i, "PF(" + i + ")");
      expected.put("Shift+F" + i, "PF(" + (i + 12) + ")");
    }
    expected.put("Alt+DIGIT1", "PA(1)");
    expected.put("Alt+DIGIT2", "PA(2)");
    expected.put("Alt+DIGIT3", "PA(3)");
    expected.put("PAGE_UP", "PA(1)");
    expected.put("PAGE_DOWN", "PA(2)");
    expected.put("ESCAPE", "Clear()");
    expected.put("Ctrl+R", "Reset()");
    expected.put("TAB", "Tab()");
    expected.put("Shift+TAB", "BackTab()");
    expected.put("HOME", "Home()");
    expected.put("END", "EraseEOF()");
    expected.put("Ctrl+DELETE", "EraseEOF()");
    expected.put("Alt+DELETE", "EraseInput()");
    expected.put("INSERT", "ToggleInsert()");
    expected.put("DELETE", "Delete()");
    expected.put("BACK_SPACE", "BackSpace()");
    expected.put("UP", "Up()");
    expected.put("DOWN", "Down()");
    expected.put("LEFT", "Left()");
    expected.put("RIGHT", "Right()");
    expected.put("Ctrl+C", "Copy()");
    expected.put("Ctrl+V", "Paste()");
    expected.put("Shift+INSERT", "Paste()");
    expected.put("Ctrl+A", "SelectAll()");
    expected.put("Ctrl+K", "Keypad()");

    Keymap k = Keymap.builtIn();

    assertThat(k.name()).isEqualTo("default");
    assertThat(k.bindings()).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(List.copyOf(k.bindings().keySet())).isSorted();
    assertThat(k.bindings().keySet()).noneMatch(key -> key.startsWith("Ctrl+Shift+"));
    assertThat(k.actionFor(Keymap.keyName(false, false, true, false, KeyCode.F1.name())))
        .contains("PF(13)");
    assertThat(k.actionFor("Ctrl+Q")).isEmpty();
  }

  @Test
  void builtInDocumentsRightCtrl() throws IOException {
    try (var in = Keymap.class.getResourceAsStream("/keymaps/default.json")) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(json).contains("\"name\": \"default\"").contains("\"comment\"");
      assertThat(json).contains("RightCtrl").contains("pressed and released");
    }
  }

  @Test
  void bindingsAreImmutable() {
    Keymap k = Keymap.builtIn();
    assertThatThrownBy(() -> k.bindings().put("F13", "PF(13)"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void uiActionsAreTheConsolesOwn() {
    assertThat(Keymap.UI_ACTIONS)
        .containsExactly(
            "Copy",
            "Paste",
            "SelectAll",
            "Macro",
            "Keypad",
            "ExportText",
            "ExportHtml",
            "ExportPng",
            "NewSession",
            "CloseSession");
  }

  @Test
  void interpreterActionsAreKnownCaseInsensitively() {
    assertThat(ActionInterpreter.isKnownAction("PF")).isTrue();
    assertThat(ActionInterpreter.isKnownAction("eraseeof")).isTrue();
    assertThat(ActionInterpreter.isKnownAction("Copy")).isFalse();
    assertThat(ActionInterpreter.isKnownAction("")).isFalse();
    assertThat(ActionInterpreter.isKnownAction(null)).isFalse();
  }

  // ---------------------------------------------------------------- key names

  @Test
  void canonicalNamesAliasesAndModifierOrder() {
    assertThat(Keymap.canonical("Enter")).isEqualTo("ENTER");
    assertThat(Keymap.canonical("shift+alt+ctrl+meta+f1")).isEqualTo("Ctrl+Alt+Shift+Meta+F1");
    assertThat(Keymap.canonical("SHIFT + Tab")).isEqualTo("Shift+TAB");
    assertThat(Keymap.canonical("Control+q")).isEqualTo("Ctrl+Q");
    assertThat(Keymap.canonical("Esc")).isEqualTo("ESCAPE");
    assertThat(Keymap.canonical("escape")).isEqualTo("ESCAPE");
    assertThat(Keymap.canonical("Del")).isEqualTo("DELETE");
    assertThat(Keymap.canonical("Ins")).isEqualTo("INSERT");
    assertThat(Keymap.canonical("Shift+Insert")).isEqualTo("Shift+INSERT");
    assertThat(Keymap.canonical("BackSpace")).isEqualTo("BACK_SPACE");
    assertThat(Keymap.canonical("back_space")).isEqualTo("BACK_SPACE");
    assertThat(Keymap.canonical("Home")).isEqualTo("HOME");
    assertThat(Keymap.canonical("End")).isEqualTo("END");
    assertThat(Keymap.canonical("PgUp")).isEqualTo("PAGE_UP");
    assertThat(Keymap.canonical("PageUp")).isEqualTo("PAGE_UP");
    assertThat(Keymap.canonical("PgDn")).isEqualTo("PAGE_DOWN");
    assertThat(Keymap.canonical("PageDown")).isEqualTo("PAGE_DOWN");
    assertThat(Keymap.canonical("up")).isEqualTo("UP");
    assertThat(Keymap.canonical("Alt+Left")).isEqualTo("Alt+LEFT");
    assertThat(Keymap.canonical("Space")).isEqualTo("SPACE");
    assertThat(Keymap.canonical("RightCtrl")).isEqualTo("RIGHT_CTRL");
    assertThat(Keymap.canonical("a")).isEqualTo("A");
    assertThat(Keymap.canonical("Alt+1")).isEqualTo("Alt+DIGIT1");
    assertThat(Keymap.canonical("numpad5")).isEqualTo("NUMPAD5");
    assertThat(Keymap.canonical("Ctrl+Alt+Shift+Meta+PAGE_UP"))
        .isEqualTo("Ctrl+Alt+Shift+Meta+PAGE_UP");
  }

  @Test
  void keyNameBuildsTheCanonicalNameOfAKeyEvent() {
    assertThat(Keymap.keyName(false, false, false, false, "ENTER")).isEqualTo("ENTER");
    assertThat(Keymap.keyName(true, true, true, true, "F1")).isEqualTo("Ctrl+Alt+Shift+Meta+F1");
    assertThat(Keymap.keyName(false, true, false, false, KeyCode.DIGIT1.name()))
        .isEqualTo(Keymap.canonical("Alt+1"));
    assertThat(Keymap.keyName(true, false, true, false, "TAB"))
        .isEqualTo(Keymap.canonical("shift+ctrl+tab"));
  }

  @Test
  void badKeyNamesAreExplained() {
    assertThatThrownBy(() -> Keymap.canonical("Ctrl+Fred"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown key \"Fred\"");
    assertThatThrownBy(() -> Keymap.canonical("Hyper+A"))
        .hasMessageContaining("unknown modifier \"Hyper\"");
    assertThatThrownBy(() -> Keymap.canonical("Ctrl+")).hasMessageContaining("no key");
    assertThatThrownBy(() -> Keymap.canonical("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> Keymap.canonical("Ctrl+ctrl+A")).hasMessageContaining("repeats");
    assertThatThrownBy(() -> Keymap.canonical("Shift+RightCtrl"))
        .hasMessageContaining("no modifiers");
    assertThatThrownBy(() -> Keymap.canonical("Control")).hasMessageContaining("modifier alone");
  }

  @Test
  void ofValidatesActions() {
    Keymap k = Keymap.of("t", Map.of("shift+f1", "PF(13)", "Ctrl+M", "Macro(logon)"));
    assertThat(k.bindings())
        .containsExactly(entry("Ctrl+M", "Macro(logon)"), entry("Shift+F1", "PF(13)"));
    assertThatThrownBy(() -> Keymap.of("t", Map.of("F1", "Frobnicate()")))
        .hasMessageContaining("key \"F1\"")
        .hasMessageContaining("unknown action \"Frobnicate\"");
  }

  // ---------------------------------------------------------------- loading

  @Test
  void defaultWithoutAUserFileIsTheBuiltInMap() {
    Keymap.Loaded l = Keymap.load("default", config);
    assertThat(l.ok()).isTrue();
    assertThat(l.problem()).isNull();
    assertThat(l.keymap().bindings()).isEqualTo(Keymap.builtIn().bindings());
  }

  @Test
  void aUserMapOverridesAddsAndRemoves() throws IOException {
    Path file =
        write(
            "mine",
            "{'name':'mine','extends':'default','comment':'x',"
                + "'bindings':{'Shift+F1':'PF(13) Home()','ctrl+q':'Macro(\\'logoff\\')',"
                + "'Ctrl+C':null,'Alt+Shift+Meta+x':'Reset() String(\\'ab c\\')'}}");
    String before = Files.readString(file);

    Keymap.Loaded l = Keymap.load("mine", config);

    assertThat(l.problem()).isNull();
    Keymap k = l.keymap();
    assertThat(k.name()).isEqualTo("mine");
    assertThat(k.actionFor("Shift+F1")).contains("PF(13) Home()");
    assertThat(k.actionFor("Ctrl+Q")).contains("Macro(\"logoff\")");
    assertThat(k.actionFor("Alt+Shift+Meta+X")).contains("Reset() String(\"ab c\")");
    assertThat(k.actionFor("Ctrl+C")).isEmpty();
    assertThat(k.actionFor("F3")).contains("PF(3)");
    assertThat(k.bindings()).hasSize(Keymap.builtIn().bindings().size() + 1);
    assertThat(Files.readString(file)).isEqualTo(before);
    // every value is action text the parser accepts
    assertThat(k.bindings().values()).allMatch(v -> ActionParser.parse(v).ok());
  }

  @Test
  void aUserDefaultChangesSingleBindingsOfTheBuiltInMap() throws IOException {
    write("default", "{'bindings':{'End':'EraseInput()','RightCtrl':null}}");

    Keymap.Loaded l = Keymap.load("default", config);

    assertThat(l.problem()).isNull();
    assertThat(l.keymap().actionFor("END")).contains("EraseInput()");
    assertThat(l.keymap().actionFor("RIGHT_CTRL")).isEmpty();
    assertThat(l.keymap().actionFor("ENTER")).contains("Enter()");
  }

  @Test
  void extendsChainsThroughUserMapsAndTheUserDefault() throws IOException {
    write("default", "{'bindings':{'F24':'PF(24)'}}");
    write("base", "{'extends':'default','bindings':{'F1':'PF(13)','F2':'Clear()'}}");
    write("top", "{'extends':'base','bindings':{'F2':null,'F3':'PA(3)'}}");
    write("noextends", "{'bindings':{'F4':'Attn()'}}");

    Keymap top = Keymap.load("top", config).keymap();
    assertThat(top.name()).isEqualTo("top");
    assertThat(top.actionFor("F1")).contains("PF(13)");
    assertThat(top.actionFor("F2")).isEmpty();
    assertThat(top.actionFor("F3")).contains("PA(3)");
    assertThat(top.actionFor("F24")).contains("PF(24)");
    assertThat(top.actionFor("ENTER")).contains("Enter()");

    Keymap.Loaded plain = Keymap.load("noextends", config);
    assertThat(plain.problem()).isNull();
    assertThat(plain.keymap().actionFor("F4")).contains("Attn()");
    assertThat(plain.keymap().actionFor("F24")).contains("PF(24)");
  }

  // ---------------------------------------------------------------- errors

  private void assertProblem(Keymap.Loaded l, String... parts) {
    assertThat(l.ok()).isFalse();
    assertThat(l.keymap().bindings()).isEqualTo(Keymap.builtIn().bindings());
    assertThat(l.keymap().name()).isEqualTo("default");
    assertThat(l.problem()).contains(parts).endsWith("; using the built-in keymap.");
  }

  @Test
  void aCycleIsAProblem() throws IOException {
    Path a = write("a", "{'extends':'b'}");
    write("b", "{'extends':'c'}");
    write("c", "{'extends':'a'}");
    write("self", "{'extends':'self'}");

    assertProblem(Keymap.load("a", config), "c.json", "a -> b -> c -> a", "cycle");
    assertProblem(Keymap.load("self", config), "self.json", "self -> self");
    assertThat(Files.exists(a)).isTrue();
  }

  @Test
  void aUserDefaultCanOnlyExtendTheBuiltInMap() throws IOException {
    write("default", "{'extends':'other'}");
    write("other", "{}");
    assertProblem(Keymap.load("default", config), "default.json", "can only change the built-in");
  }

  @Test
  void aMissingFileIsAProblem() {
    Path expected = config.resolve("keymaps").resolve("nosuch.json");
    assertProblem(Keymap.load("nosuch", config), expected.toString(), "does not exist");
  }

  @Test
  void aMissingParentIsAProblemNamingIt() throws IOException {
    write("child", "{'extends':'gone'}");
    assertProblem(
        Keymap.load("child", config),
        "child.json",
        "extends \"gone\"",
        "gone.json",
        "does not exist");
  }

  @Test
  void badJsonIsAProblemWithItsPosition() throws IOException {
    write("bad", "{'bindings':{'F1':'PF(1)',}}");
    assertProblem(Keymap.load("bad", config), "bad.json", "not valid JSON", "line 1");
    write("dup", "{'bindings':{'F1':'PF(1)','F1':'PF(2)'}}");
    assertProblem(Keymap.load("dup", config), "dup.json", "not valid JSON", "F1");
    write("array", "[]");
    assertProblem(Keymap.load("array", config), "array.json", "JSON object");
    write("empty", "");
    assertProblem(Keymap.load("empty", config), "empty.json", "empty");
  }

  @Test
  void anUnknownKeyIsAProblemNamingTheFileAndKey() throws IOException {
    write("k", "{'bindings':{'F1':'PF(1)','Ctrl+Fred':'Enter()'}}");
    assertProblem(Keymap.load("k", config), "k.json", "key \"Ctrl+Fred\"", "unknown key \"Fred\"");
  }

  @Test
  void anActionThatDoesNotParseIsAProblem() throws IOException {
    write("p", "{'bindings':{'Shift+F1':'PF(13'}}");
    assertProblem(Keymap.load("p", config), "p.json", "key \"Shift+F1\"", "does not parse");
  }

  @Test
  void anUnknownActionIsAProblem() throws IOException {
    write("u", "{'bindings':{'F5':'Reset() Frobnicate()'}}");
    assertProblem(
        Keymap.load("u", config), "u.json", "key \"F5\"", "unknown action \"Frobnicate\"");
  }

  @Test
  void uiActionArgumentsAreChecked() throws IOException {
    write("m", "{'bindings':{'F5':'Macro()'}}");
    assertProblem(Keymap.load("m", config), "m.json", "key \"F5\"", "Macro() takes one argument");
    write("c", "{'bindings':{'F5':'Copy(x)'}}");
    assertProblem(Keymap.load("c", config), "c.json", "key \"F5\"", "Copy() takes no arguments");
  }

  @Test
  void emptyAndNonTextValuesAreProblems() throws IOException {
    write("e", "{'bindings':{'F5':''}}");
    assertProblem(Keymap.load("e", config), "e.json", "key \"F5\"", "empty", "null");
    write("n", "{'bindings':{'F5':5}}");
    assertProblem(Keymap.load("n", config), "n.json", "key \"F5\"", "in quotes");
  }

  @Test
  void twoNamesForOneKeyIsAProblem() throws IOException {
    write("twice", "{'bindings':{'Esc':'Clear()','escape':'Reset()'}}");
    assertProblem(Keymap.load("twice", config), "twice.json", "key \"escape\"", "more than once");
  }

  @Test
  void unknownFieldsAndBadShapesAreProblems() throws IOException {
    write("typo", "{'bindigs':{}}");
    assertProblem(Keymap.load("typo", config), "typo.json", "unknown field \"bindigs\"");
    write("shape", "{'bindings':[]}");
    assertProblem(Keymap.load("shape", config), "shape.json", "\"bindings\" must be");
    write("ext", "{'extends':3}");
    assertProblem(Keymap.load("ext", config), "ext.json", "\"extends\" must be");
  }

  @Test
  void aNameThatIsNotAPlainFileNameIsAProblem() {
    assertProblem(Keymap.load("../etc/passwd", config), "not valid");
    assertProblem(Keymap.load("", config), "not valid");
  }
}
