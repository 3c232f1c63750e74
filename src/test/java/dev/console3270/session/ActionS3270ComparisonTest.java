package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.trace.TraceFile;
import dev.console3270.testing.Conformance;
import dev.console3270.testing.S3270;
import dev.console3270.testing.TraceReplayServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same script run by the real s3270 4.1 and by the interpreter, each against its own replay of
 * the same x3270 trace, must print the same data lines, the same success or failure, and the same
 * status lines (all fields but the command time).
 */
class ActionS3270ComparisonTest {

  /** Marks a line whose status line is not compared (it depends on timing). */
  private static final String NO_STATUS = "#nostatus ";

  private record Outcome(List<String> data, String status, boolean ok) {}

  private static List<Outcome> runS3270(TraceFile trace, List<String> script) throws IOException {
    S3270.assumeAvailable();
    List<Outcome> out = new ArrayList<>();
    try (TraceReplayServer server = new TraceReplayServer(trace, Duration.ofSeconds(10));
        S3270 s3270 = S3270.start(trace.model(), null)) {
      for (String line : script) {
        String action = line.replace(NO_STATUS, "").replace("PORT", "" + server.port());
        S3270.Reply r = s3270.run(action, Duration.ofSeconds(20));
        out.add(new Outcome(normalize(r.data(), server.port()), r.status(), r.ok()));
      }
    }
    return out;
  }

  private static List<Outcome> runOurs(
      TraceFile trace,
      List<String> script,
      java.util.function.Function<SessionProfile, ScriptableSession> sessions)
      throws Exception {
    List<Outcome> out = new ArrayList<>();
    try (TraceReplayServer server = new TraceReplayServer(trace, Duration.ofSeconds(5))) {
      SessionProfile p =
          SessionProfile.of("127.0.0.1", server.port())
              .withModel(TerminalModel.parse(trace.model()));
      ScriptableSession session = sessions.apply(p);
      try {
        ActionInterpreter interpreter = new ActionInterpreter(session);
        interpreter.setAidTimeout(Duration.ofSeconds(10));
        for (String line : script) {
          String action = line.replace(NO_STATUS, "").replace("PORT", "" + server.port());
          ActionResult r = interpreter.execute(action);
          out.add(new Outcome(normalize(r.data(), server.port()), r.status(), r.success()));
        }
      } finally {
        if (session instanceof AutoCloseable closeable) {
          closeable.close();
        }
      }
    }
    return out;
  }

  private static List<String> normalize(List<String> data, int port) {
    return data.stream().map(d -> d.replace(" " + port, " PORT")).toList();
  }

  private static String withoutTime(String status) {
    return status.substring(0, status.lastIndexOf(' '));
  }

  private static void compare(String traceName, List<String> script) throws Exception {
    S3270.assumeAvailable();
    TraceFile trace = Conformance.trace(traceName);
    List<Outcome> theirs = runS3270(trace, script);
    // The interpreter over the test's loopback session, and over the product's real Session.
    compare(script, theirs, runOurs(trace, script, LoopbackSession::new), "loopback");
    compare(script, theirs, runOurs(trace, script, Session::new), "Session");
  }

  private static void compare(
      List<String> script, List<Outcome> theirs, List<Outcome> ours, String which) {
    for (int i = 0; i < script.size(); i++) {
      String line = script.get(i);
      Outcome t = theirs.get(i);
      Outcome o = ours.get(i);
      assertThat(o.data()).as(which + ": data of " + line).isEqualTo(t.data());
      assertThat(o.ok()).as(which + ": ok/error of " + line + " " + t.data()).isEqualTo(t.ok());
      if (!line.startsWith(NO_STATUS)) {
        assertThat(withoutTime(o.status()))
            .as(which + ": status after " + line)
            .isEqualTo(withoutTime(t.status()));
      }
    }
  }

  @Test
  void loginScreenScript() throws Exception {
    compare(
        "s3270__login.trc",
        List.of(
            NO_STATUS + "Connect(127.0.0.1:PORT)",
            "Wait(5,InputField)",
            "Ascii()",
            "Ascii(5,0,80)",
            "Ascii1(1,30,22)",
            "Ascii(0,29,2,6)",
            "Ascii(3)",
            "Ebcdic(0,29,5)",
            "Ebcdic()",
            "Ebcdic1(3,1,2,4)",
            "ReadBuffer(Ascii)",
            "ReadBuffer(Ebcdic)",
            "AsciiField()",
            "MoveCursor(0,30)",
            "AsciiField()",
            "EbcdicField()",
            "Query(Cursor)",
            "Query(Cursor1)",
            "Query(Formatted)",
            "Query(ConnectionState)",
            "Query(Host)",
            "Query(Model)",
            "Query(TerminalName)",
            "Query(ScreenCurSize)",
            "Query(ScreenMaxSize)",
            "Query(CodePage)",
            "Query(Tls)",
            "Query(LuName)",
            "Query(Tn3270eOptions)",
            "Query(Nonsense)",
            "MoveCursor(5,33)",
            "String(\"ab\\tcd\")",
            "Ascii(5,0,80)",
            "Ebcdic(6,32,2)",
            "Query(Cursor)",
            "BackTab()",
            "Query(Cursor)",
            "Home()",
            "EraseEOF()",
            "Ascii(5,30,10)",
            "String(xyz) Left() Left() Delete()",
            "Ascii(5,30,10)",
            "Insert() String(Q) Reset()",
            "Ascii(5,30,10)",
            "MoveCursor(5,33) EraseEOF() String(\"x\\\\y\\\"z\") Ascii(5,33,6)",
            // not \\b: s3270 4.1 ignores a trailing one and leaves the cursor oddly after two
            "MoveCursor(5,33) String(\"\\u0043\\x44\\e45\\q\") Ascii(5,33,8)",
            "Key(U+0041) Key(space) Key(0x42) Key(comma) Ascii(5,33,12)",
            "MoveCursor(5,40) Dup() Query(Cursor) Ebcdic(5,40,1)",
            "MoveCursor(5,41) FieldMark() Ebcdic(5,41,1)",
            "EraseInput() Query(Cursor) Ascii(5,33,12)",
            "String(\"ab\\rcd\\Tef\") Query(Cursor) Ascii(5,33,4) Ebcdic(6,32,2)",
            "Newline() Query(Cursor)",
            "Tab() Down() Right() Up() Left() Query(Cursor1)",
            "MoveCursor1(7,34) Query(Cursor)",
            "MoveCursor(100,0) Query(Cursor)",
            "MoveCursor(0,0)",
            "String(z)",
            "Reset()",
            "PF(25)",
            "PA(4)",
            "Key(Foo)",
            "Foo()",
            "Tab Tab Tab",
            "MoveCursor(1,2,3)",
            "Ascii(1,2)",
            "Ascii1(0,0,1)",
            "Ascii(0,0,9999)",
            "Ascii(1))",
            "String(a b)",
            "Wait(Seconds,1)",
            NO_STATUS + "Wait(2,Output)",
            "Wait(0.3,Output)",
            "",
            "Disconnect()",
            "Query(ConnectionState)",
            "Ascii(0,0,10)"));
  }

  @Test
  void ibmLinkTn3270eScript() throws Exception {
    compare(
        "s3270__ibmlink.trc",
        List.of(
            NO_STATUS + "Connect(127.0.0.1:PORT)",
            "Wait(5,InputField)",
            "Query(ConnectionState)",
            "Query(LuName)",
            "Query(Tn3270eOptions)",
            "Query(TerminalName)",
            "Query(Cursor)",
            "Ascii()",
            "ReadBuffer(Ascii)",
            "AsciiField()",
            "Tab() Query(Cursor1)",
            "MoveCursor(21,13) String(abc) EraseEOF() Ascii(21,0,80)",
            // the replay goes on (UNBIND) after a timeout: what Disconnect finds depends on timing
            NO_STATUS + "Disconnect()",
            NO_STATUS + "Query(ConnectionState)"));
  }
}
