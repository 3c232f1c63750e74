package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.trace.TraceFile;
import dev.console3270.testing.Conformance;
import dev.console3270.testing.TraceReplayServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interpreter against a real {@code Terminal} fed by x3270 traces over loopback. Expected texts
 * are what s3270 4.1 printed for the same actions on the same traces.
 */
class ActionInterpreterTest {

  private TraceReplayServer server;
  private LoopbackSession session;
  private ActionInterpreter interpreter;

  @AfterEach
  void tearDown() throws IOException {
    if (session != null) {
      session.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Connects to a replay of {@code trace} with the trace's own model. */
  private ActionResult start(String trace) throws IOException {
    return start(trace, null);
  }

  /** Connects to a replay of {@code trace} as another model (negotiation then differs). */
  private ActionResult start(String trace, String model) throws IOException {
    TraceFile t = Conformance.trace(trace);
    server = new TraceReplayServer(t, Duration.ofMillis(500));
    SessionProfile p =
        SessionProfile.of("127.0.0.1", server.port())
            .withModel(TerminalModel.parse(model == null ? t.model() : model));
    session = new LoopbackSession(p);
    interpreter = new ActionInterpreter(session);
    interpreter.setAidTimeout(Duration.ofSeconds(5));
    ActionResult connect = ok("Connect(127.0.0.1:" + server.port() + ")");
    assertThat(connect.status()).contains(" C(127.0.0.1) I ");
    return ok("Wait(5,InputField)");
  }

  private ActionResult run(String line) {
    return interpreter.execute(line);
  }

  private ActionResult ok(String line) {
    ActionResult r = run(line);
    assertThat(r.success()).as(line + " -> " + r.data()).isTrue();
    return r;
  }

  private ActionResult error(String line) {
    ActionResult r = run(line);
    assertThat(r.success()).as(line + " -> " + r.data()).isFalse();
    return r;
  }

  /** The status line without the command time. */
  private static String status(ActionResult r) {
    return r.status().substring(0, r.status().lastIndexOf(' '));
  }

  @Test
  void theStatusLineIsS3270s() throws IOException {
    ActionResult r = start("s3270__login.trc");
    assertThat(r.data()).isEmpty();
    assertThat(status(r)).isEqualTo("U F U C(127.0.0.1) I 4 43 80 5 32 0x0");
    assertThat(r.status()).matches(".* \\d+\\.\\d{3}");
    assertThat(r.lines()).endsWith("ok");
  }

  @Test
  void beforeConnectTheStatusIsNotConnected() {
    session = new LoopbackSession(SessionProfile.of("127.0.0.1", 1));
    interpreter = new ActionInterpreter(session);
    ActionResult r = ok("Query(ConnectionState)");
    assertThat(r.data()).containsExactly("not-connected");
    assertThat(status(r)).isEqualTo("L U U N N 4 24 80 0 0 0x0");
    assertThat(ok("Query(Host)").data()).containsExactly("");
    assertThat(ok("Query(Tls)").data()).containsExactly("");
    assertThat(ok("Wait(1,Output)").data()).isEmpty();
    assertThat(error("String(abc)").data()).containsExactly("Canceled");
  }

  @Test
  void queriesUseS3270Formats() throws IOException {
    start("s3270__login.trc");
    assertThat(ok("Query(Cursor)").data()).containsExactly("5 32");
    assertThat(ok("query(cursor1)").data()).containsExactly("row 6 column 33 offset 432");
    assertThat(ok("Query(ConnectionState)").data()).containsExactly("connected-3270");
    assertThat(ok("Query(Host)").data()).containsExactly("host 127.0.0.1 " + server.port());
    assertThat(ok("Query(Formatted)").data()).containsExactly("formatted");
    assertThat(ok("Query(Tn3270eOptions)").data()).containsExactly("");
    assertThat(ok("Query(LuName)").data()).containsExactly("");
    assertThat(ok("Query(Tls)").data()).containsExactly("not secure");
    assertThat(ok("Query(Model)").data()).containsExactly("IBM-3278-4-E");
    assertThat(ok("Query(TerminalName)").data()).containsExactly("IBM-3278-4-E");
    assertThat(ok("Query(ScreenCurSize)").data()).containsExactly("43 80");
    assertThat(ok("Query(ScreenMaxSize)").data()).containsExactly("43 80");
    assertThat(ok("Query(CodePage)").data()).containsExactly("bracket sbcs gcsgid 697 cpgid 37");
    assertThat(error("Query(Foo)").data()).containsExactly("Query: Unknown parameter");
    assertThat(ok("Query()").data())
        .contains("Cursor1: row 6 column 33 offset 432", "ScreenSizeCurrent: rows 43 columns 80");
  }

  @Test
  void stringTypesWithEscapesAndTheScreenShowsIt() throws IOException {
    start("s3270__login.trc");
    ActionResult r = ok("String(\"ab\\tcd\")");
    assertThat(status(r)).isEqualTo("U F U C(127.0.0.1) I 4 43 80 6 34 0x0");
    assertThat(ok("Ascii(5,0,80)").data())
        .containsExactly(String.format("%-80s", "    Uzivatel (User) . . . . . . ab"));
    // the password field is non-display: Ascii shows blanks, Ebcdic the codes
    assertThat(ok("Ascii(6,32,2)").data()).containsExactly("  ");
    assertThat(ok("Ebcdic(6,32,2)").data()).containsExactly("83 84");
    ok("MoveCursor(5,33)");
    ok("String \"x y\"");
    assertThat(ok("Ascii(5,30,10)").data()).containsExactly(". ax y    ");
    assertThat(ok("Query(Cursor)").data()).containsExactly("5 36");
    // \b is Left, \e types EBCDIC, \x and \\u Unicode, \\ a backslash
    ok("MoveCursor(5,33)");
    ok("EraseEOF");
    ok("String(\"q\\bZ\\ec1\\x42\\u0043\\\\\\q\")");
    // ... and an unknown escape is the character itself, as in s3270 4.1
    assertThat(ok("Ascii(5,33,6)").data()).containsExactly("ZAB" + "C\\q");
  }

  @Test
  void typingOnAProtectedFieldIsAnOperatorError() throws IOException {
    start("s3270__login.trc");
    ok("MoveCursor(0,0)");
    ActionResult r = error("String(z)");
    assertThat(r.data()).containsExactly("Keyboard locked", "Operator error");
    assertThat(status(r)).isEqualTo("L F P C(127.0.0.1) I 4 43 80 0 0 0x0");
    assertThat(error("Key(a)").data()).containsExactly("Keyboard locked");
    ActionResult reset = ok("Reset()");
    assertThat(status(reset)).startsWith("U F P");
  }

  @Test
  void cursorMovementAndTabs() throws IOException {
    start("s3270__login.trc");
    ok("Home()");
    assertThat(ok("Query(Cursor)").data()).containsExactly("5 32");
    ok("Tab");
    assertThat(ok("Query(Cursor)").data()).containsExactly("6 32");
    ok("BackTab()");
    assertThat(ok("Query(Cursor)").data()).containsExactly("5 32");
    ok("Tab() Tab() Query(Cursor)");
    ok("MoveCursor(100,0)");
    assertThat(ok("Query(Cursor)").data()).containsExactly("42 0");
    ok("MoveCursor(1)");
    assertThat(ok("Query(Cursor)").data()).containsExactly("0 1");
    ok("MoveCursor1(1,1)");
    assertThat(ok("Query(Cursor)").data()).containsExactly("0 0");
    ok("MoveCursor(5,33) Right() Right() Down() Left() Up()");
    assertThat(ok("Query(Cursor)").data()).containsExactly("5 34");
    ok("Newline");
    assertThat(ok("Query(Cursor)").data()).containsExactly("6 32");
    assertThat(error("MoveCursor(1,2,3)").data())
        .containsExactly("MoveCursor() requires 1 or 2 arguments");
    assertThat(error("Tab Tab Tab").data()).containsExactly("Tab() requires 0 arguments");
    assertThat(error("MoveCursor(99999)").data()).containsExactly("MoveCursor(): Invalid argument");
  }

  @Test
  void editingActions() throws IOException {
    start("s3270__login.trc");
    ok("MoveCursor(5,33) String(abcdef) MoveCursor(5,34)");
    ok("Delete");
    assertThat(ok("Ascii(5,33,6)").data()).containsExactly("acdef ");
    ok("Insert() String(X)");
    assertThat(ok("Ascii(5,33,6)").data()).containsExactly("aXcdef");
    ok("ToggleInsert");
    ok("MoveCursor(5,36) EraseEOF");
    assertThat(ok("Ascii(5,33,6)").data()).containsExactly("aXc   ");
    ok("BackSpace() String(Q)");
    assertThat(ok("Ascii(5,33,6)").data()).containsExactly("aXQ   ");
    ok("EraseInput");
    assertThat(ok("Ascii(5,33,6)").data()).containsExactly("      ");
    assertThat(ok("Query(Cursor)").data()).containsExactly("5 32");
    ok("Key(a) Key(U+0042) Key(0x43) Key(space) Key(comma)");
    assertThat(ok("Ascii(5,32,6)").data()).containsExactly("aBC , ");
    assertThat(error("Key(Foo)").data()).containsExactly("Key(): Nonexistent or invalid name: Foo");
    ok("EraseInput() HexString(c1c2) HexString(0xc3)");
    assertThat(ok("Ascii(5,32,4)").data()).containsExactly("ABC ");
    ok("Dup");
    assertThat(ok("Ebcdic(5,32,4)").data()).containsExactly("c1 c2 c3 1c");
    assertThat(error("HexString(xyz)").data())
        .containsExactly("HexString: Odd number of characters in specification");
    assertThat(error("HexString(xy)").data())
        .containsExactly("HexString: Illegal character in specification");
    assertThat(error("HexString(\\e)").data()).containsExactly("HexString: Nothing follows \\E");
    ok("MoveCursor(5,32) HexString(\"c1\\Eadc2\")");
    // \E types the next code in the APL character set: X'AD' is the APL left bracket
    assertThat(ok("Ebcdic(5,32,3)").data()).containsExactly("c1 ad c2");
    assertThat(ok("Ascii(5,32,3)").data().get(0)).startsWith("A").endsWith("B");
  }

  @Test
  void asciiAndEbcdicForms() throws IOException {
    start("s3270__login.trc");
    assertThat(ok("Ascii()").data()).hasSize(43);
    assertThat(ok("Ascii(0,29,22)").data()).containsExactly("Global Payments Europe");
    assertThat(ok("Ascii1(1,30,22)").data()).containsExactly("Global Payments Europe");
    assertThat(ok("Ascii(0,29,2,6)").data()).containsExactly("Global", "      ");
    assertThat(ok("Ascii1(1,30,2,6)").data()).containsExactly("Global", "      ");
    assertThat(ok("Ascii(2)").data()).containsExactly("  ");
    assertThat(ok("Ebcdic(0,29,3)").data()).containsExactly("c7 93 96");
    assertThat(ok("Ebcdic1(1,30,3)").data()).containsExactly("c7 93 96");
    assertThat(ok("Ascii(a)").data()).containsExactly("");
    assertThat(error("Ascii1(0,0,1)").data()).containsExactly("Ascii1: Invalid argument");
    assertThat(error("Ascii(-1,0,1)").data()).containsExactly("Ascii: Invalid argument");
    assertThat(error("Ascii(0,0,9999)").data()).containsExactly("Ascii: Invalid argument");
    assertThat(error("Ascii(1,2)").data()).containsExactly("Ascii requires 0, 1, 3 or 4 arguments");
    assertThat(error("Ebcdic(1,2,3,4,5)").data())
        .containsExactly("Ebcdic requires 0, 1, 3 or 4 arguments");
    ok("MoveCursor(0,0)");
    assertThat(ok("AsciiField()").data()).hasSize(20);
    ok("MoveCursor(0,30)");
    assertThat(ok("AsciiField()").data()).containsExactly("Global Payments Europe");
    assertThat(ok("EbcdicField()").data().get(0)).startsWith("c7 93 96 82 81 93");
  }

  @Test
  void readBufferMatchesS3270() throws IOException {
    start("s3270__login.trc");
    List<String> ascii = ok("ReadBuffer(Ascii)").data();
    assertThat(ascii).hasSize(43);
    assertThat(ascii.get(0))
        .isEqualTo(
            "00 ".repeat(28)
                + "SF(c0=e8) 47 6c 6f 62 61 6c 20 50 61 79 6d 65 6e 74 73 20 45 75 72 6f 70 65"
                + " SF(c0=e0)"
                + " 00".repeat(28));
    assertThat(ascii.get(2))
        .startsWith(
            "00 00 00 SF(c0=e8,41=f2) 54 65 73 74 20 73 79 73 74 65 6d 20 43 4d 53 2f 4d 4d 53"
                + " SF(c0=e0) 00");
    assertThat(ok("ReadBuffer(Ebcdic)").data().get(0)).contains("SF(c0=e8) c7 93 96 82");
    assertThat(error("ReadBuffer(Foo)").success()).isFalse();
  }

  @Test
  void printTextWritesTheScreenAsS3270(@TempDir Path dir) throws IOException {
    // As 3279 (colour) the screen keeps the host's colours, as the c3270 that wrote the HTML did.
    start("s3270__login.trc", "3279-4-E");
    Path text = dir.resolve("screen.txt");
    ok("PrintText(file," + text + ")");
    assertThat(Files.readString(text, StandardCharsets.UTF_8))
        .isEqualTo(Conformance.text("s3270__login.txt"));
    Path html = dir.resolve("screen.html");
    ok("PrintText(html,file,\"" + html + "\")");
    String h = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(h).startsWith("<html>").endsWith("</html>\n");
    String expected = Conformance.text("s3270__login.txt");
    assertThat(h.replaceAll("(?s)^.*<pre>|</pre>.*$", "").replaceAll("<[^>]*>", ""))
        .isEqualTo(expected.substring(0, expected.length() - 1));
    assertThat(h).isEqualTo(Conformance.text("s3270__login.html"));
    assertThat(ok("PrintText(string)").data()).hasSize(43);
    assertThat(error("PrintText()").success()).isFalse();
  }

  @Test
  void waitConditions() throws IOException {
    start("s3270__login.trc");
    ok("Wait(InputField)");
    ok("Wait(2,Unlock)");
    ok("Wait(2,3270Mode)");
    ok("Wait(2,CursorAt,6,33)");
    ok("Wait(2,StringAt,1,30,\"Global Payments\")");
    ok("Wait(2,InputFieldAt,6,33)");
    // The completed Wait(InputField) has seen the first screen: no new output comes (as s3270).
    long t0 = System.nanoTime();
    ActionResult timedOut = error("Wait(0.3,Output)");
    assertThat(timedOut.data()).containsExactly("Wait(): Timed out");
    assertThat(System.nanoTime() - t0).isGreaterThan(250_000_000L);
    assertThat(Double.parseDouble(timedOut.statusFields()[11])).isGreaterThanOrEqualTo(0.29);
    assertThat(error("Wait(0.2,CursorAt,1,1)").data()).containsExactly("Wait(): Timed out");
    assertThat(error("Wait(0.2,StringAt,1,30,\"Global Payment!\")").data())
        .containsExactly("Wait(): Timed out");
    assertThat(error("Wait(0.2,NVTMode)").data()).containsExactly("Wait(): Timed out");
    t0 = System.nanoTime();
    ok("Wait(0.3,Seconds)");
    assertThat(System.nanoTime() - t0).isGreaterThan(250_000_000L);
    assertThat(error("Wait(Seconds,1)").data())
        .containsExactly("Too many arguments to Wait ()or invalid timeout value");
    assertThat(error("Wait(1,Foo)").data().get(0)).startsWith("Wait(): Parameter must be");
    ok("Disconnect");
    assertThat(ok("Wait(1,Disconnect)").data()).isEmpty();
    assertThat(status(ok("Query(ConnectionState)"))).startsWith("L F U N N 4 43 80");
  }

  @Test
  void aidWaitsForTheHostAndWaitOutputSeesItsAnswer() throws IOException {
    start("s3270__sruvm.trc");
    assertThat(ok("Query(Cursor)").data()).containsExactly("38 16");
    ok("Tab() Tab()");
    assertThat(ok("Query(Cursor)").data()).containsExactly("41 16");
    ok("String(logoff)");
    ActionResult enter = ok("Enter");
    // s3270 4.1 answers Enter only once the host has answered: "U F U ... 41 0"
    assertThat(status(enter)).isEqualTo("U F U C(127.0.0.1) I 4 43 80 41 0 0x0");
    assertThat(ok("Ascii(0,0,6)").data()).containsExactly("LOGOFF");
    // The host's answer to the Enter arrived while Enter waited: Wait(Output) sees it.
    ok("Wait(2,Output)");
    error("Wait(0.3,Output)");
    // What Enter sent is what c3270 sent at that point of the trace (Read Modified, "logoff"). Our
    // Query Reply is longer than c3270's, so compare everything the client sent.
    java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
    server.exchanges().forEach(x -> sent.writeBytes(x.actual()));
    sent.writeBytes(server.extraBytes());
    assertThat(java.util.HexFormat.of().formatHex(sent.toByteArray()))
        .contains("7df3e611f360939687968686ffef");
    assertThat(error("PF(25)").data()).containsExactly("PF(): Invalid argument '25'");
    assertThat(error("PA(4)").data()).containsExactly("PA(): Invalid argument '4'");
  }

  @Test
  void clearErasesTheScreenSendsTheAidAndWaitsForTheHost() throws IOException {
    start("s3270__login.trc");
    interpreter.setAidTimeout(Duration.ofMillis(300));
    long t0 = System.nanoTime();
    ActionResult r = ok("Clear");
    // The replay has nothing more to say: Clear waited (bounded here) for an unlock that never
    // came.
    assertThat(System.nanoTime() - t0).isGreaterThan(250_000_000L);
    assertThat(status(r)).isEqualTo("L U U C(127.0.0.1) I 4 24 80 0 0 0x0");
    assertThat(ok("Ascii(0,0,80)").data()).containsExactly(" ".repeat(80));
    assertThat(error("String(x)").data()).containsExactly("Keyboard locked");
  }

  @Test
  void attnSendsTelnetBreakInTn3270() throws Exception {
    start("s3270__login.trc");
    assertThat(server.awaitAllSent(Duration.ofSeconds(5))).isTrue();
    ok("Attn");
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (server.extraBytes().length < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(java.util.HexFormat.of().formatHex(server.extraBytes())).contains("fff3");
  }

  @Test
  void unknownActionsAndSyntaxErrorsAfterEarlierActions() throws IOException {
    start("s3270__login.trc");
    assertThat(error("Foo()").data()).containsExactly("Unknown action: Foo");
    ActionResult r = error("Ascii(0,29,6))");
    assertThat(r.data())
        .containsExactly(
            "Global", "Action name must begin with an alphanumeric character at column 1");
    assertThat(ok("").data()).isEmpty();
  }

  @Test
  void quitStopsTheLine() throws IOException {
    start("s3270__login.trc");
    ActionResult r = ok("Quit() Foo()");
    assertThat(r.data()).isEmpty();
    assertThat(interpreter.quitRequested()).isTrue();
  }

  @Test
  void traceOnAndOff(@TempDir Path dir) throws IOException {
    start("s3270__login.trc");
    Path f = dir.resolve("t.trc");
    assertThat(ok("Trace(On," + f + ")").data()).containsExactly("Trace file is " + f);
    assertThat(session.traceFile()).isEqualTo(f);
    ok("Trace(Off)");
    assertThat(session.traceFile()).isNull();
    assertThat(error("Trace(Maybe)").success()).isFalse();
  }

  @Test
  void connectTargets() {
    assertThat(ActionInterpreter.parseTarget(List.of("host:992")))
        .isEqualTo(new ActionInterpreter.Target("host", 992, false, null));
    assertThat(ActionInterpreter.parseTarget(List.of("L:host:992")))
        .isEqualTo(new ActionInterpreter.Target("host", 992, true, null));
    assertThat(ActionInterpreter.parseTarget(List.of("host", "2323")))
        .isEqualTo(new ActionInterpreter.Target("host", 2323, false, null));
    assertThat(ActionInterpreter.parseTarget(List.of("lu1@[::1]:23")))
        .isEqualTo(new ActionInterpreter.Target("::1", 23, false, "lu1"));
    assertThat(ActionInterpreter.parseTarget(List.of("host")).port()).isEqualTo(23);
  }

  @Test
  void connectFailureIsAnError() throws IOException {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    session = new LoopbackSession(SessionProfile.of("127.0.0.1", port));
    interpreter = new ActionInterpreter(session);
    ActionResult r = error("Connect(127.0.0.1:" + port + ")");
    assertThat(r.data().get(0)).contains("Connection");
    assertThat(status(r)).isEqualTo("L U U N N 4 24 80 0 0 0x0");
  }
}
