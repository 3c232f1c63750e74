package dev.console3270.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.testing.S3270;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real s3270 clients log on to the demo host and navigate it. */
class DemoHostLiveTest {

  private DemoHost host;

  @BeforeEach
  void startHost() throws IOException {
    S3270.assumeAvailable();
    host = DemoHost.start(0, "ALPHA");
  }

  @AfterEach
  void stopHost() {
    if (host != null) {
      host.close();
    }
  }

  private static String screen(S3270 s) throws IOException {
    return String.join("\n", s.ascii());
  }

  private static void key(S3270 s, String action) throws IOException {
    s.runOk(action);
    s.runOk("Wait(10,Unlock)");
  }

  private void connect(S3270 s, String prefix) throws IOException {
    s.runOk("Connect(" + prefix + "127.0.0.1:" + host.port() + ")");
    s.runOk("Wait(10,InputField)");
  }

  private static void signOn(S3270 s, String user, String password) throws IOException {
    s.runOk("String(" + user + ")");
    s.runOk("Tab");
    s.runOk("String(" + password + ")");
    key(s, "Enter");
  }

  @Test
  void logsOnAndNavigatesWithTn3270e() throws IOException {
    try (S3270 s = S3270.start("3279-2-E", null)) {
      connect(s, "");
      String signon = screen(s);
      assertThat(signon).contains("ALPHA").contains("DEMO HOST SIGN-ON").contains("User ID");

      signOn(s, "DEMO", "WRONG");
      assertThat(screen(s))
          .contains("Sign-on failed: user id or password not valid")
          .doesNotContain("WRONG");

      s.runOk("Home");
      s.runOk("EraseEOF");
      signOn(s, "DEMO", "DEMO3270");
      String menu = screen(s);
      assertThat(menu).contains("MAIN MENU").contains("Page 1 of 2").contains("Signed on as DEMO");

      key(s, "PF(8)");
      assertThat(screen(s)).contains("Page 2 of 2").contains("About this host");
      key(s, "PF(7)");
      assertThat(screen(s)).contains("Page 1 of 2");

      s.runOk("String(1)");
      key(s, "Enter");
      String customers = screen(s);
      assertThat(customers)
          .contains("CUSTOMER INQUIRY")
          .contains("Page 1 of 3")
          .contains("4111 1111 1111 1111");
      key(s, "PF(8)");
      assertThat(screen(s)).contains("Page 2 of 3").contains("Kowalski, Ewa");
      key(s, "PF(3)");
      assertThat(screen(s)).contains("MAIN MENU");

      s.runOk("String(2)");
      key(s, "Enter");
      assertThat(screen(s)).contains("DATA ENTRY: PAYMENT");
      s.runOk("String(99)");
      key(s, "Enter");
      String bad = screen(s);
      assertThat(bad).contains("Customer number must be 1 to 25");
      s.runOk("Home");
      s.runOk("EraseEOF");
      s.runOk("String(1)");
      s.runOk("Tab");
      s.runOk("String(125.00)");
      s.runOk("Tab");
      s.runOk("String(INV-4711)");
      key(s, "Enter");
      String ok = screen(s);
      assertThat(ok).contains("Payment 0001 recorded").contains("Alvarez, Maria");

      key(s, "PF(3)");
      key(s, "PF(3)");
      assertThat(screen(s)).contains("DEMO HOST SIGN-ON").contains("You have logged off");
    }
  }

  @Test
  void model5ShowsTheWideScreen() throws IOException {
    try (S3270 s = S3270.start("3279-5-E", null)) {
      connect(s, "");
      signOn(s, "ADMIN", "ADMIN3270");
      s.runOk("String(4)");
      key(s, "Enter");
      List<String> rows = s.ascii();
      assertThat(rows).hasSize(27);
      assertThat(rows.get(0)).hasSize(132).contains("WIDE SCREEN");
      key(s, "PF(3)");
      assertThat(s.ascii()).hasSize(24);
    }
  }

  @Test
  void tn3270ClientWithoutExtensions() throws IOException {
    // "N:" makes s3270 refuse TN3270E; s3270 4.1 still announces IBM-3278-2-E (the raw-client
    // test covers a client without the extended data stream)
    try (S3270 s = S3270.start("3278-2", null)) {
      connect(s, "N:");
      signOn(s, "DEMO", "DEMO3270");
      s.runOk("String(4)");
      key(s, "Enter");
      assertThat(screen(s)).contains("needs 27x132");
      s.runOk("Home");
      s.runOk("EraseEOF");
      key(s, "PF(8)");
      s.runOk("String(5)");
      key(s, "Enter");
      String about = screen(s);
      assertThat(about).contains("IBM-3278-2").contains("TN3270 ").doesNotContain("TN3270E");
    }
  }

  @Test
  void colourShowcaseReachesTheEmulator() throws IOException {
    try (S3270 s = S3270.start("3279-2-E", null)) {
      connect(s, "");
      signOn(s, "DEMO", "DEMO3270");
      s.runOk("String(3)");
      key(s, "Enter");
      assertThat(screen(s)).contains("COLOUR AND HIGHLIGHTING").contains("Turquoise");
      String buffer = String.join("\n", s.runOk("ReadBuffer(Ascii)").data());
      // field colours (SFE) for all seven colours, highlighting, and character attributes (SA)
      for (String colour : List.of("f1", "f2", "f3", "f4", "f5", "f6", "f7")) {
        assertThat(buffer).contains("42=" + colour);
      }
      for (String hl : List.of("f1", "f2", "f4", "f8")) {
        assertThat(buffer).contains("41=" + hl);
      }
      assertThat(buffer).contains("SA(42=f2)").contains("SA(41=f2)");
    }
  }

  @Test
  void garbageFromAnotherClientDoesNotDisturbASession() throws IOException {
    try (S3270 s = S3270.start("3279-2-E", null)) {
      connect(s, "");
      signOn(s, "DEMO", "DEMO3270");
      assertThat(screen(s)).contains("MAIN MENU");
      byte[] garbage = new byte[2048];
      new java.util.Random(7).nextBytes(garbage);
      try (RawClient bad = new RawClient(host.port())) {
        bad.expectHex("fffd28");
        bad.sendGarbage(garbage);
        assertThat(bad.closedByServer()).isTrue();
      }
      key(s, "PF(8)");
      assertThat(screen(s)).contains("Page 2 of 2");
    }
  }

  @Test
  void oversizeClientGetsItsSizeFromTheQueryReply() throws IOException {
    try (S3270 s = S3270.start("3279-2-E", null, "-oversize", "140x30")) {
      connect(s, "");
      signOn(s, "DEMO", "DEMO3270");
      s.runOk("String(4)");
      key(s, "Enter");
      List<String> rows = s.ascii();
      assertThat(rows).hasSize(30);
      assertThat(rows.get(0)).hasSize(140).contains("WIDE SCREEN");
      assertThat(String.join("\n", rows)).contains("30 x 140").contains("Tanaka, Ren");
    }
  }
}
