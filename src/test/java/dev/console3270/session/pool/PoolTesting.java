package dev.console3270.session.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.host.DemoHost;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.session.ActionInterpreter;
import dev.console3270.session.ActionResult;
import dev.console3270.session.ScriptableSession;
import dev.console3270.session.SessionProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Shared helpers: profiles for demo hosts, sign-on, screen text, a recording hook. */
final class PoolTesting {
  private PoolTesting() {}

  static SessionProfile profile(DemoHost host) {
    return SessionProfile.of("127.0.0.1", host.port()).withConnectTimeout(Duration.ofSeconds(10));
  }

  static String screen(PooledSession s) {
    return ScreenText.asciiText(s.snapshot(), s.codePage());
  }

  static ActionResult run(ScriptableSession s, String line) {
    ActionInterpreter in = new ActionInterpreter(s);
    try {
      in.setAidTimeout(Duration.ofSeconds(10));
      return in.execute(line);
    } finally {
      in.close();
    }
  }

  static void runOk(ScriptableSession s, String line) {
    ActionResult r = run(s, line);
    assertThat(r.success()).as("%s -> %s", line, r.data()).isTrue();
  }

  static void signOn(ScriptableSession s) {
    runOk(s, "Wait(10,InputField)");
    runOk(s, "String(DEMO) Tab() String(DEMO3270) Enter()");
  }

  /** A hook that records "EVENT id from->to". */
  static final class Recorder implements PoolHook {
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void on(PoolEvent event, PooledSession session, Transition t) {
      threads.add(Thread.currentThread().getName());
      seen.add(event + " " + session.id() + " " + t.from() + "->" + t.to());
    }

    List<String> snapshot() {
      synchronized (seen) {
        return List.copyOf(seen);
      }
    }
  }
}
