package dev.console3270.bench;

import dev.console3270.session.ActionInterpreter;
import dev.console3270.session.ActionResult;
import dev.console3270.session.Session;
import dev.console3270.session.SessionEngine;
import dev.console3270.session.SessionProfile;
import dev.console3270.testing.S3270;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Connect + negotiate + first screen, ours against s3270, with the same four actions on both sides:
 * {@code Connect(127.0.0.1:PORT)}, {@code Wait(10,InputField)} (timed together), then {@code
 * Ascii()} (checked for the sign-on text, not timed) and {@code Disconnect()}.
 *
 * <p>Ours: one {@link Session} on a two-thread {@link SessionEngine}, driven by an {@link
 * ActionInterpreter} in this JVM. s3270: one warm process (started once, before timing; process
 * start is excluded) driven through its stdin/stdout protocol, so its time includes two pipe round
 * trips. Cycles alternate between the two so that a busy moment of the machine hits both.
 */
final class ConnectTiming {
  private static final String SIGN_ON = "DEMO HOST SIGN-ON";

  private ConnectTiming() {}

  /**
   * Nanoseconds per cycle, sorted.
   *
   * @param ours our cycles
   * @param s3270 s3270's cycles, empty when s3270 is not installed
   */
  record Result(long[] ours, long[] s3270) {}

  /**
   * Runs {@code warmup} untimed and then {@code runs} timed cycles on each side.
   *
   * @param port the demo host's port on 127.0.0.1
   * @param withS3270 false to measure ours alone
   */
  static Result measure(int port, int warmup, int runs, boolean withS3270) throws Exception {
    String connect = "Connect(127.0.0.1:" + port + ")";
    long[] ours = new long[runs];
    long[] theirs = new long[withS3270 ? runs : 0];
    try (SessionEngine engine = new SessionEngine(2, "connect-bench");
        Session session = engine.newSession(SessionProfile.of("127.0.0.1", port));
        S3270 s3270 = withS3270 ? S3270.start("3279-4-E", null) : null) {
      ActionInterpreter ai = new ActionInterpreter(session);
      for (int i = 0; i < warmup + runs; i++) {
        long t = ourCycle(ai, connect);
        if (i >= warmup) {
          ours[i - warmup] = t;
        }
        if (s3270 != null) {
          long u = theirCycle(s3270, connect);
          if (i >= warmup) {
            theirs[i - warmup] = u;
          }
        }
      }
      ai.close();
    }
    Arrays.sort(ours);
    Arrays.sort(theirs);
    return new Result(ours, theirs);
  }

  private static long ourCycle(ActionInterpreter ai, String connect) throws IOException {
    long start = System.nanoTime();
    ok(ai.execute(connect), connect);
    ok(ai.execute("Wait(10,InputField)"), "Wait(10,InputField)");
    long elapsed = System.nanoTime() - start;
    ActionResult ascii = ok(ai.execute("Ascii()"), "Ascii()");
    if (!String.join("\n", ascii.data()).contains(SIGN_ON)) {
      throw new IOException("our first screen is not the sign-on: " + ascii.data());
    }
    ok(ai.execute("Disconnect()"), "Disconnect()");
    return elapsed;
  }

  private static long theirCycle(S3270 s3270, String connect) throws IOException {
    long start = System.nanoTime();
    s3270.runOk(connect);
    s3270.runOk("Wait(10,InputField)");
    long elapsed = System.nanoTime() - start;
    List<String> screen = s3270.runOk("Ascii()").data();
    if (!String.join("\n", screen).contains(SIGN_ON)) {
      throw new IOException("s3270's first screen is not the sign-on: " + screen);
    }
    s3270.runOk("Disconnect()");
    return elapsed;
  }

  private static ActionResult ok(ActionResult r, String action) throws IOException {
    if (!r.success()) {
      throw new IOException("our " + action + " failed: " + r.data());
    }
    return r;
  }
}
