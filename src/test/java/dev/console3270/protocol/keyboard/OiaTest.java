package dev.console3270.protocol.keyboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.LockReason;
import org.junit.jupiter.api.Test;

class OiaTest {

  @Test
  void theOiaReflectsTheState() {
    Fixture f = new Fixture().cursor(2 * 80 + 7);
    f.kb.setPhase(ConnectionPhase.TN3270E);
    f.state.lock(LockReason.SYSTEM);
    f.kb.insert();

    Oia oia = f.kb.oia("LU00042", true);

    assertThat(oia.phase()).isEqualTo(ConnectionPhase.TN3270E);
    assertThat(oia.luName()).isEqualTo("LU00042");
    assertThat(oia.lockReason()).isEqualTo(LockReason.SYSTEM);
    assertThat(oia.lockIndicator()).isEqualTo("X SYSTEM");
    assertThat(oia.locked()).isTrue();
    assertThat(oia.insertMode()).isTrue();
    assertThat(oia.tls()).isTrue();
    assertThat(oia.cursorAddress()).isEqualTo(167);
    assertThat(oia.cursorRow()).isEqualTo(2);
    assertThat(oia.cursorColumn()).isEqualTo(7);
    assertThat(oia.displayRow()).isEqualTo(3);
    assertThat(oia.displayColumn()).isEqualTo(8);
  }

  @Test
  void anOperatorErrorIsShownBeforeTheSystemLock() {
    Fixture f = new Fixture();
    f.state.lock(LockReason.SYSTEM);
    f.state.lock(LockReason.NUMERIC);

    assertThat(f.kb.oia(null, false).lockIndicator()).isEqualTo("X NUM");
    assertThat(f.kb.oia(null, false).luName()).isEmpty();
  }

  @Test
  void anUnlockedKeyboardShowsNoIndicator() {
    Oia oia = new Fixture().kb.oia("", false);
    assertThat(oia.lockIndicator()).isEmpty();
    assertThat(oia.locked()).isFalse();
  }

  @Test
  void theStatusLineLooksLikeC3270s() {
    Fixture f = new Fixture().cursor(23 * 80 + 79);
    f.kb.setPhase(ConnectionPhase.TN3270E);
    f.state.lock(LockReason.PROTECTED);
    f.kb.insert();

    String line = f.kb.oia("IBMLU01", true).statusLine(80);

    assertThat(line).hasSize(80);
    assertThat(line).startsWith("4B      X PROT ");
    assertThat(line.charAt(50)).isEqualTo('I');
    assertThat(line.charAt(52)).isEqualTo('S');
    assertThat(line.substring(55, 62)).isEqualTo("IBMLU01");
    assertThat(line).endsWith("024/080");
  }

  @Test
  void theStatusLineShowsTheSessionMode() {
    Fixture f = new Fixture();
    assertThat(f.kb.oia("", false).statusLine(80)).startsWith("4A ");
    f.kb.setPhase(ConnectionPhase.SSCP_LU);
    assertThat(f.kb.oia("", false).statusLine(80)).startsWith("4BS");
    f.kb.setPhase(ConnectionPhase.NVT);
    assertThat(f.kb.oia("", false).statusLine(80)).startsWith("4 N");
    f.kb.setPhase(ConnectionPhase.NOT_CONNECTED);
    f.state.lock(LockReason.NOT_CONNECTED);
    String line = f.kb.oia("", false).statusLine(132);
    assertThat(line).hasSize(132).startsWith("4 ?     X Not Connected").endsWith("001/001");
    assertThat(line.trim()).doesNotContain(" I ");
  }
}
