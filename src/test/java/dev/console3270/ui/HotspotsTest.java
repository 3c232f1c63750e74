package dev.console3270.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.ui.Hotspots.Hotspot;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotspotsTest {

  private static List<Hotspot> find(String... rows) {
    return Hotspots.find(List.of(rows));
  }

  private static List<String> actions(String row) {
    return find(row).stream().map(Hotspot::action).toList();
  }

  @Test
  void ispfFunctionKeyLine() {
    String row = " F1=Help    F2=Split   F3=Exit    F5=Rfind   F7=Up      F8=Down    F9=Swap";

    List<Hotspot> h = find("", row);

    assertThat(h)
        .extracting(Hotspot::action)
        .containsExactly("PF(1)", "PF(2)", "PF(3)", "PF(5)", "PF(7)", "PF(8)", "PF(9)");
    assertThat(h.get(0)).isEqualTo(new Hotspot(1, 1, 3, "PF(1)"));
    assertThat(h.get(2)).isEqualTo(new Hotspot(1, 23, 25, "PF(3)"));
    assertThat(row.substring(h.get(2).startCol(), h.get(2).endCol())).isEqualTo("F3");
    assertThat(actions(" F10=Actions  F12=Cancel  F24=Retrieve"))
        .containsExactly("PF(10)", "PF(12)", "PF(24)");
  }

  @Test
  void ispfTextWithoutKeys() {
    assertThat(
            find(
                "  Menu  Utilities  Compilers  Options  Status  Help",
                " ------------------------------------------------------------------------------",
                "                            ISPF Primary Option Menu",
                " 0  Settings      Terminal and user parameters            User ID . : IBMUSER",
                " Option ===> ________________________________________________ Scroll ===> CSR",
                " Enter X to Terminate using log/list defaults; press F3 to exit"))
        .isEmpty();
  }

  @Test
  void cicsKeyLine() {
    String row = " PF3=Exit  PF7=Back  PF12=Cancel  CLEAR=Quit  PA1=Print  ENTER=Process";

    List<Hotspot> h = find(row);

    assertThat(h)
        .extracting(Hotspot::action)
        .containsExactly("PF(3)", "PF(7)", "PF(12)", "Clear()", "PA(1)");
    Hotspot clear = h.get(3);
    assertThat(row.substring(clear.startCol(), clear.endCol())).isEqualTo("CLEAR");
    assertThat(row.substring(h.get(2).startCol(), h.get(2).endCol())).isEqualTo("PF12");
  }

  @Test
  void demoHostLines() {
    // as the demo host's menu1.screen and help.screen show them
    assertThat(actions(" PF1=Help  PF3=Log off  PF8=Forward"))
        .containsExactly("PF(1)", "PF(3)", "PF(8)");
    assertThat(actions("     More options on the next page (PF8).")).containsExactly("PF(8)");
    assertThat(actions("   PF7     Page backward (main menu, customer inquiry)"))
        .containsExactly("PF(7)");
    assertThat(actions("   Clear   Show the current screen again")).isEmpty();
    assertThat(actions(" Enter or PF3=Back")).containsExactly("PF(3)");
  }

  @Test
  void pfWithOneBlankBeforeTheNumber() {
    List<Hotspot> h = find(" PF 1 Help   PF 12 Cancel   PF  3 not this one");

    assertThat(h).containsExactly(new Hotspot(0, 1, 5, "PF(1)"), new Hotspot(0, 13, 18, "PF(12)"));
  }

  @Test
  void lowerCaseCountsButNotForClear() {
    assertThat(actions("pf3=end  f4=return  pa2  Pf15"))
        .containsExactly("PF(3)", "PF(4)", "PA(2)", "PF(15)");
    assertThat(actions("clear the screen, Clear=Refresh")).isEmpty();
  }

  @Test
  void onlyWholeWords() {
    assertThat(
            actions(
                "SPF3 PF3X PF25 PF0 PA4 PA0 F25=x F0=x XF3=x F3 F3-Exit 1PF3 PF3a CLEARED"
                    + " UNCLEAR PF123 F100=x"))
        .isEmpty();
    assertThat(actions("PF3,PF4;(PA1)/CLEAR."))
        .containsExactly("PF(3)", "PF(4)", "PA(1)", "Clear()");
    assertThat(actions("PF24")).containsExactly("PF(24)");
    assertThat(actions("PF03=Exit")).containsExactly("PF(3)");
  }

  @Test
  void atFindsTheHotspotUnderAPosition() {
    List<String> rows = List.of("Title", " F3=Exit  PF12=Cancel");

    assertThat(Hotspots.at(rows, 1, 1)).contains(new Hotspot(1, 1, 3, "PF(3)"));
    assertThat(Hotspots.at(rows, 1, 2)).map(Hotspot::action).contains("PF(3)");
    assertThat(Hotspots.at(rows, 1, 3)).isEmpty(); // the '='
    assertThat(Hotspots.at(rows, 1, 10)).map(Hotspot::action).contains("PF(12)");
    assertThat(Hotspots.at(rows, 1, 13)).map(Hotspot::action).contains("PF(12)");
    assertThat(Hotspots.at(rows, 1, 14)).isEmpty();
    assertThat(Hotspots.at(rows, 0, 1)).isEmpty();
    assertThat(Hotspots.at(rows, 2, 1)).isEmpty();
    assertThat(Hotspots.at(rows, -1, 1)).isEmpty();
  }

  @Test
  void aHotspotMustCoverSomething() {
    assertThatThrownBy(() -> new Hotspot(0, 3, 3, "PF(1)"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
