package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.protocol.trace.TraceFile;
import dev.console3270.testing.Conformance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many sessions on a two-thread engine, to one local host. */
class SessionManyTest {
  private static final int SESSIONS = 200;

  private static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  @Test
  @Timeout(120)
  void twoHundredSessionsOnTwoThreads() throws Exception {
    TraceFile login = Conformance.trace("s3270__login.trc");
    List<String> expected =
        Files.readAllLines(Conformance.file("s3270__login.txt"), StandardCharsets.UTF_8).stream()
            .map(String::stripTrailing)
            .toList();
    SessionEngine engine = new SessionEngine(2, "many");
    try (SessionTestHost host =
        new SessionTestHost(
            login, SessionTestHost.Security.PLAIN, null, SessionTestHost.Ending.STAY, false)) {
      SessionProfile profile =
          SessionProfile.of("127.0.0.1", host.port())
              .withModel(TerminalModel.parse(login.model()))
              .withConnectTimeout(Duration.ofSeconds(60));
      long before = usedHeap();
      List<Session> sessions = new ArrayList<>();
      List<CompletableFuture<Void>> connects = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        Session s = engine.newSession(profile.withName("s" + i));
        sessions.add(s);
        connects.add(s.connect());
      }
      CompletableFuture.allOf(connects.toArray(new CompletableFuture<?>[0]))
          .get(90, TimeUnit.SECONDS);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  sessions.stream()
                      .allMatch(
                          s ->
                              ScreenText.ascii(s.snapshot(), s.codePage()).stream()
                                  .map(String::stripTrailing)
                                  .toList()
                                  .equals(expected)));
      long after = usedHeap();
      System.out.printf(
          "SessionManyTest: %d sessions connected; heap %d kB more (%.1f kB per session,"
              + " test host threads and buffers included)%n",
          SESSIONS, (after - before) / 1024, (after - before) / 1024.0 / SESSIONS);
      assertThat(sessions).allMatch(s -> s.state() == ConnectionState.CONNECTED_3270);
      assertThat(host.connections()).isEqualTo(SESSIONS);
      assertThat(engine.sessionCount()).isEqualTo(SESSIONS);
      long loopThreads =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().startsWith("many-loop-"))
              .count();
      assertThat(loopThreads).isEqualTo(2);
      // A key on each: all answered from their own loop.
      List<CompletableFuture<String>> names = new ArrayList<>();
      for (Session s : sessions) {
        names.add(s.submit(t -> Thread.currentThread().getName()));
      }
      for (CompletableFuture<String> n : names) {
        assertThat(n.get(10, TimeUnit.SECONDS)).startsWith("many-loop-");
      }
      engine.close();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> sessions.stream().allMatch(s -> s.state() == ConnectionState.NOT_CONNECTED));
    } finally {
      engine.close();
    }
  }
}
