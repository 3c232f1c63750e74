package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.keyboard.KeyResult;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.FieldView;
import dev.console3270.protocol.screen.ScreenFields;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.protocol.trace.TraceFile;
import dev.console3270.testing.Conformance;
import dev.console3270.testing.TraceReplayServer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A session against local hosts on loopback: connect, screen, keys, failures, keepalive. */
@Timeout(60)
class SessionTest {
  private static final String LOGIN = "s3270__login.trc";

  private SessionEngine engine;
  private TraceFile login;

  @BeforeEach
  void setUp() throws Exception {
    login = Conformance.trace(LOGIN);
    engine = new SessionEngine(2, "test");
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private SessionProfile profile(int port) {
    return SessionProfile.of("127.0.0.1", port)
        .withModel(TerminalModel.parse(login.model()))
        .withConnectTimeout(Duration.ofSeconds(10));
  }

  private static List<String> expectedLoginScreen() throws Exception {
    return Files.readAllLines(Conformance.file("s3270__login.txt"), StandardCharsets.UTF_8).stream()
        .map(String::stripTrailing)
        .toList();
  }

  private static List<String> screen(Session s) {
    return ScreenText.ascii(s.snapshot(), s.codePage()).stream()
        .map(String::stripTrailing)
        .toList();
  }

  private static int count(byte[] haystack, byte[] needle) {
    int n = 0;
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      boolean match = true;
      for (int j = 0; j < needle.length && match; j++) {
        match = haystack[i + j] == needle[j];
      }
      if (match) {
        n++;
      }
    }
    return n;
  }

  @Test
  void connectsToATraceReplayAndShowsTheScreenS3270Shows() throws Exception {
    try (TraceReplayServer host = new TraceReplayServer(login)) {
      Session session = engine.newSession(profile(host.port()));
      SessionEvents events = new SessionEvents();
      session.addListener(events);
      session.connect().get(10, TimeUnit.SECONDS);
      assertThat(host.awaitAllSent(Duration.ofSeconds(20))).isTrue();
      List<String> expected = expectedLoginScreen();
      await().atMost(Duration.ofSeconds(10)).until(() -> screen(session).equals(expected));

      SessionStatus status = session.status();
      assertThat(status.state()).isEqualTo(ConnectionState.CONNECTED_3270);
      assertThat(status.host()).isEqualTo("127.0.0.1");
      assertThat(status.port()).isEqualTo(host.port());
      assertThat(status.tls()).isFalse();
      assertThat(status.oia().locked()).isFalse();
      assertThat(status.screenVersion()).isEqualTo(session.snapshot().version());
      // The negotiation answers are x3270's, byte for byte, up to the first Query Reply.
      assertThat(host.exchanges().get(0).matches()).as(host.exchanges().get(0).toString()).isTrue();
      assertThat(events.connected.get()).isEqualTo(1);
      assertThat(events.states)
          .startsWith(ConnectionState.RESOLVING, ConnectionState.TCP_PENDING)
          .contains(ConnectionState.TELNET_PENDING, ConnectionState.CONNECTED_3270);
      assertThat(events.errors).isEmpty();
      assertThat(events.locks).endsWith(false);
      assertThat(events.threads).allMatch(t -> t.startsWith("test-loop-"));
      assertThat(events.threads).hasSize(1);
      session.close();
      assertThat(session.state()).isEqualTo(ConnectionState.NOT_CONNECTED);
      assertThat(events.disconnectReasons).containsExactly((String) null);
    }
  }

  @Test
  void keysRunOnTheSessionThreadAndTheirBytesReachTheHost() throws Exception {
    try (SessionTestHost host =
        new SessionTestHost(
            login, SessionTestHost.Security.PLAIN, null, SessionTestHost.Ending.STAY)) {
      Session session = engine.newSession(profile(host.port()));
      session.connect().get(10, TimeUnit.SECONDS);
      List<String> expected = expectedLoginScreen();
      await().atMost(Duration.ofSeconds(10)).until(() -> screen(session).equals(expected));
      int before = host.received().length;

      assertThat(session.key(k -> k.type("QSECOFR")).get(5, TimeUnit.SECONDS).success()).isTrue();
      assertThat(screen(session).get(5)).contains("QSECOFR");
      KeyResult enter = session.key(k -> k.enter()).get(5, TimeUnit.SECONDS);
      assertThat(enter).isInstanceOf(KeyResult.SendAid.class);
      assertThat(session.status().oia().locked()).isTrue();

      byte[] user = "QSECOFR".getBytes("IBM037");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> {
                byte[] all = host.received();
                byte[] after = java.util.Arrays.copyOfRange(all, before, all.length);
                return after.length > 0
                    && after[0] == (byte) 0x7d
                    && count(after, user) == 1
                    && count(after, new byte[] {(byte) 0xff, (byte) 0xef}) == 1;
              });
      String thread =
          session.submit(t -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
      assertThat(thread).startsWith("test-loop-");
      session.close();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = SessionTestHost.Ending.class,
      names = {"CLOSE", "RESET"})
  void aVanishingHostIsReportedOnceAndEndsTheSessionCleanly(SessionTestHost.Ending ending)
      throws Exception {
    try (SessionTestHost host =
        new SessionTestHost(login, SessionTestHost.Security.PLAIN, null, ending)) {
      Session session = engine.newSession(profile(host.port()));
      SessionEvents events = new SessionEvents();
      session.addListener(events);
      session.connect().get(10, TimeUnit.SECONDS);
      assertThat(events.awaitDisconnected(10)).isTrue();
      Thread.sleep(200);
      assertThat(events.disconnected.get()).isEqualTo(1);
      assertThat(events.disconnectReasons.get(0))
          .contains("127.0.0.1:" + host.port())
          .containsAnyOf("closed the connection", "was lost");
      assertThat(session.state()).isEqualTo(ConnectionState.NOT_CONNECTED);
      assertThat(events.lastState()).isEqualTo(ConnectionState.NOT_CONNECTED);
      assertThat(session.status().oia().locked()).isTrue();
      // Still usable: a key is refused (not connected), nothing is thrown.
      assertThat(session.key(k -> k.enter()).get(5, TimeUnit.SECONDS).success()).isFalse();
      session.close();
      assertThat(events.disconnected.get()).isEqualTo(1);
    }
  }

  @Test
  void malformedHostDataIsReportedAndTheSessionGoesOnAsInX3270() throws Exception {
    TraceFile trace = Conformance.trace("b3270__invalid_command.trc");
    try (TraceReplayServer host = new TraceReplayServer(trace, Duration.ofSeconds(1))) {
      Session session =
          engine.newSession(
              SessionProfile.of("127.0.0.1", host.port())
                  .withModel(TerminalModel.parse(trace.model())));
      SessionEvents events = new SessionEvents();
      session.addListener(events);
      session.connect().get(10, TimeUnit.SECONDS);
      assertThat(host.awaitAllSent(Duration.ofSeconds(20))).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> !events.errors.isEmpty());
      assertThat(events.errors.get(0).getMessage()).isNotBlank();
      // x3270 stays connected after a bad command (the trace has no disconnect): so do we.
      assertThat(session.state()).isEqualTo(ConnectionState.CONNECTED_TN3270E);
      assertThat(events.disconnected.get()).isZero();
      assertThat(session.submit(t -> t.protocolErrors()).get(5, TimeUnit.SECONDS))
          .isEqualTo(events.errors.size());
    }
  }

  @Test
  void aNameWithSeveralAddressesTriesEachUntilOneAnswers() throws Exception {
    // The host listens on 127.0.0.1 only; "localhost" may resolve to ::1 first.
    try (TraceReplayServer host = new TraceReplayServer(login)) {
      Session session =
          engine.newSession(
              SessionProfile.of("localhost", host.port())
                  .withModel(TerminalModel.parse(login.model())));
      session.connect().get(10, TimeUnit.SECONDS);
      assertThat(session.status().host()).isEqualTo("localhost");
      assertThat(session.state().isConnected()).isTrue();
    }
  }

  @Test
  void aRefusedConnectionFailsWithAClearMessage() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Session session = engine.newSession(profile(port));
    SessionEvents events = new SessionEvents();
    session.addListener(events);
    assertThatThrownBy(() -> session.connect().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(SessionException.class)
        .hasMessageContaining("connection to 127.0.0.1:" + port + " refused")
        .satisfies(
            e ->
                assertThat(((SessionException) e).kind()).isEqualTo(SessionException.Kind.REFUSED));
    assertThat(session.state()).isEqualTo(ConnectionState.NOT_CONNECTED);
    assertThat(events.disconnected.get()).isEqualTo(1);
    assertThat(events.connected.get()).isZero();
  }

  @Test
  void aSilentHostTimesOutInTelnetPending() throws Exception {
    // The kernel completes the TCP handshake from the backlog; nobody ever answers.
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Session session =
          engine.newSession(
              profile(silent.getLocalPort()).withConnectTimeout(Duration.ofMillis(500)));
      long start = System.nanoTime();
      assertThatThrownBy(() -> session.connect().get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(SessionException.class)
          .hasMessageContaining("timed out after 500 ms in state telnet-pending")
          .satisfies(
              e ->
                  assertThat(((SessionException) e).kind())
                      .isEqualTo(SessionException.Kind.TIMEOUT));
      assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
      assertThat(session.state()).isEqualTo(ConnectionState.NOT_CONNECTED);
    }
  }

  @Test
  void anUnknownHostFailsWithAClearMessage() throws Exception {
    Session session = engine.newSession(SessionProfile.of("no-such-host.invalid", 23));
    assertThatThrownBy(() -> session.connect().get(30, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(SessionException.class)
        .hasMessageContaining("unknown host no-such-host.invalid");
  }

  @Test
  void connectingTwiceIsRefusedWithoutDisturbingTheSession() throws Exception {
    try (SessionTestHost host =
        new SessionTestHost(
            login, SessionTestHost.Security.PLAIN, null, SessionTestHost.Ending.STAY)) {
      Session session = engine.newSession(profile(host.port()));
      session.connect().get(10, TimeUnit.SECONDS);
      assertThatThrownBy(() -> session.connect().get(5, TimeUnit.SECONDS))
          .cause()
          .hasMessageContaining("already connected to 127.0.0.1:" + host.port());
      assertThat(session.state().isConnected()).isTrue();
    }
  }

  @Test
  void keepaliveSendsNopAtTheInterval() throws Exception {
    byte[] nop = {(byte) 0xff, (byte) 0xf1};
    try (SessionTestHost host =
            new SessionTestHost(
                login, SessionTestHost.Security.PLAIN, null, SessionTestHost.Ending.STAY);
        SessionTestHost quiet =
            new SessionTestHost(
                login, SessionTestHost.Security.PLAIN, null, SessionTestHost.Ending.STAY)) {
      Session session =
          engine.newSession(profile(host.port()).withKeepalive(Duration.ofMillis(150)));
      Session without = engine.newSession(profile(quiet.port()));
      session.connect().get(10, TimeUnit.SECONDS);
      without.connect().get(10, TimeUnit.SECONDS);
      long start = System.nanoTime();
      await().atMost(Duration.ofSeconds(5)).until(() -> count(host.received(), nop) >= 4);
      long elapsed = System.nanoTime() - start;
      // Four NOPs at 150 ms need at least ~450 ms after the first.
      assertThat(elapsed).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(300));
      assertThat(count(quiet.received(), nop)).isZero();
      assertThat(session.state().isConnected()).isTrue();
    }
  }

  @Test
  void reconnectsAfterADisconnectAndAfterTheHostLeft() throws Exception {
    List<String> expected = expectedLoginScreen();
    try (SessionTestHost host =
        new SessionTestHost(
            login, SessionTestHost.Security.PLAIN, null, SessionTestHost.Ending.CLOSE)) {
      Session session = engine.newSession(profile(host.port()));
      SessionEvents events = new SessionEvents();
      session.addListener(events);
      session.connect().get(10, TimeUnit.SECONDS);
      assertThat(events.awaitDisconnected(10)).isTrue();
      // The last screen stays visible after the host left.
      assertThat(screen(session)).isEqualTo(expected);

      session.reconnect().get(10, TimeUnit.SECONDS);
      assertThat(host.connections()).isEqualTo(2);
      await().atMost(Duration.ofSeconds(10)).until(() -> events.disconnected.get() == 2);
      assertThat(events.connected.get()).isEqualTo(2);
      assertThat(screen(session)).isEqualTo(expected);
    }
    try (SessionTestHost host =
        new SessionTestHost(
            login, SessionTestHost.Security.PLAIN, null, SessionTestHost.Ending.STAY)) {
      Session session = engine.newSession(profile(host.port()));
      SessionEvents events = new SessionEvents();
      session.addListener(events);
      session.connect().get(10, TimeUnit.SECONDS);
      session.disconnect().get(5, TimeUnit.SECONDS);
      assertThat(session.state()).isEqualTo(ConnectionState.NOT_CONNECTED);
      assertThat(events.disconnectReasons).containsExactly((String) null);
      session.reconnect().get(10, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> screen(session).equals(expected));
      assertThat(session.state()).isEqualTo(ConnectionState.CONNECTED_3270);
      assertThat(host.connections()).isEqualTo(2);
      assertThat(events.connected.get()).isEqualTo(2);
    }
  }

  @Test
  void aThrowingListenerIsIsolated() throws Exception {
    try (SessionTestHost host =
        new SessionTestHost(
            login, SessionTestHost.Security.PLAIN, null, SessionTestHost.Ending.STAY)) {
      Session session = engine.newSession(profile(host.port()));
      session.addListener(
          new SessionListener() {
            @Override
            public void stateChanged(ConnectionState state) {
              throw new IllegalStateException("listener bug (expected in this test)");
            }

            @Override
            public void screenChanged(long version) {
              throw new IllegalStateException("listener bug (expected in this test)");
            }

            @Override
            public void connected() {
              throw new IllegalStateException("listener bug (expected in this test)");
            }
          });
      SessionEvents events = new SessionEvents();
      session.addListener(events);
      session.connect().get(10, TimeUnit.SECONDS);
      List<String> expected = expectedLoginScreen();
      await().atMost(Duration.ofSeconds(10)).until(() -> screen(session).equals(expected));
      assertThat(events.connected.get()).isEqualTo(1);
      assertThat(events.screenChanges.get()).isPositive();
    }
  }

  @Test
  void screenChangesAreCoalescedPerBatchOfBytes() throws Exception {
    List<TraceFile.Burst> bursts = login.bursts();
    // The trace's one 3270 record (EraseWriteAlternate) starts after IAC DO NEW-ENVIRON.
    byte[] all = login.hostBytes();
    int start = 0;
    for (int i = 0; i + 2 < all.length; i++) {
      if (all[i] == (byte) 0xff && all[i + 1] == (byte) 0xfd && all[i + 2] == 0x27) {
        start = i + 3;
        break;
      }
    }
    assertThat(all[start]).isEqualTo((byte) 0x0d);
    byte[] record = java.util.Arrays.copyOfRange(all, start, all.length);
    ByteArrayOutputStream many = new ByteArrayOutputStream();
    for (int i = 0; i < 100; i++) {
      many.write(record);
    }
    List<TraceFile.Burst> withMany = new ArrayList<>(bursts);
    withMany.add(new TraceFile.Burst(true, many.toByteArray(), 0));
    TraceFile trace =
        new TraceFile(withMany, login.model(), login.rows(), login.cols(), login.codePage());
    try (SessionTestHost host =
        new SessionTestHost(
            trace, SessionTestHost.Security.PLAIN, null, SessionTestHost.Ending.STAY)) {
      Session session = engine.newSession(profile(host.port()));
      SessionEvents events = new SessionEvents();
      session.addListener(events);
      session.connect().get(10, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> host.served() == 1);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> session.submit(t -> t.recordsApplied()).get() >= 101);
      // 100 records of 3.9 kB in one write: a handful of notifications at most.
      assertThat(events.screenChanges.get()).isPositive().isLessThan(20);
      assertThat(events.errors).isEmpty();
      assertThat(screen(session)).isEqualTo(expectedLoginScreen());
    }
  }

  @Test
  void everyByteEachWayGoesThroughTheTraceSeam() throws Exception {
    List<byte[]> fromHost = Collections.synchronizedList(new ArrayList<>());
    List<byte[]> toHost = Collections.synchronizedList(new ArrayList<>());
    List<String> notes = Collections.synchronizedList(new ArrayList<>());
    List<ScreenSnapshot> screens = Collections.synchronizedList(new ArrayList<>());
    try (SessionTestHost host =
        new SessionTestHost(
            login, SessionTestHost.Security.PLAIN, null, SessionTestHost.Ending.STAY)) {
      Session session = engine.newSession(profile(host.port()));
      Path file = Path.of("target", "never-written.trc");
      session.traceFactory(
          (f, redact, p) ->
              new TraceSink() {
                @Override
                public void hostBytes(byte[] data, int off, int len) {
                  fromHost.add(java.util.Arrays.copyOfRange(data, off, off + len));
                }

                @Override
                public void clientBytes(byte[] data, ScreenSnapshot screenBeforeSend) {
                  toHost.add(data.clone());
                  screens.add(screenBeforeSend);
                }

                @Override
                public void note(String line) {
                  notes.add(line);
                }

                @Override
                public void close() {
                  notes.add("closed");
                }
              });
      session.startTrace(file, true);
      assertThat(session.traceFile()).isEqualTo(file);
      session.connect().get(10, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> host.served() == 1);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> concat(fromHost).length == login.hostBytes().length);
      assertThat(concat(fromHost)).isEqualTo(login.hostBytes());
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> concat(toHost).length == host.received().length);
      assertThat(concat(toHost)).isEqualTo(host.received());
      assertThat(screens).doesNotContainNull();
      session.stopTrace();
      assertThat(session.traceFile()).isNull();
      await().atMost(Duration.ofSeconds(5)).until(() -> notes.contains("closed"));
      assertThat(notes).anyMatch(n -> n.startsWith("Connected to 127.0.0.1"));
    }
  }

  @Test
  void traceRecordsTheSessionAndRedactsThePassword(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("session.trc");
    try (TraceReplayServer host = new TraceReplayServer(login)) {
      Session session = engine.newSession(profile(host.port()));
      session.startTrace(file, true);
      assertThat(session.traceFile()).isEqualTo(file);
      session.connect().get(10, TimeUnit.SECONDS);
      host.awaitAllSent(Duration.ofSeconds(10));
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> screen(session).equals(expectedLoginScreen()));
      FieldView password =
          ScreenFields.of(session.snapshot(), session.codePage()).stream()
              .filter(f -> f.nonDisplay() && !f.isProtected())
              .findFirst()
              .orElseThrow();
      session.key(k -> k.moveCursor(password.address())).get(5, TimeUnit.SECONDS);
      assertThat(session.key(k -> k.type("SECRET7")).get(5, TimeUnit.SECONDS).success()).isTrue();
      session.key(Keyboard::enter).get(5, TimeUnit.SECONDS);
      session.submit(t -> null).get(5, TimeUnit.SECONDS);
      session.stopTrace();
      assertThat(session.traceFile()).isNull();
      session.close();
    }
    TraceFile written = TraceFile.parse(Files.readString(file, StandardCharsets.ISO_8859_1));
    assertThat(written.model()).isEqualTo(login.model());
    byte[] host = written.hostBytes();
    assertThat(count(host, login.bursts().get(0).data())).isPositive();
    byte[] client =
        concat(
            written.bursts().stream()
                .filter(b -> !b.fromHost())
                .map(TraceFile.Burst::data)
                .toList());
    byte[] secret = session7();
    assertThat(count(client, secret)).as("password in the trace").isZero();
    assertThat(count(client, new byte[] {0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c}))
        .as("a marker of the same length")
        .isPositive();
  }

  /** "SECRET7" in EBCDIC. */
  private static byte[] session7() {
    return new byte[] {
      (byte) 0xe2, (byte) 0xc5, (byte) 0xc3, (byte) 0xd9, (byte) 0xc5, (byte) 0xe3, (byte) 0xf7
    };
  }

  @Test
  void aClosedSessionRefusesWorkWithoutThrowing() throws Exception {
    Session session = engine.newSession(SessionProfile.of("127.0.0.1", 23));
    session.close();
    assertThatThrownBy(() -> session.connect().get(5, TimeUnit.SECONDS))
        .cause()
        .hasMessageContaining("is closed");
    assertThat(session.disconnect().get(5, TimeUnit.SECONDS)).isNull();
    assertThat(engine.sessionCount()).isZero();
  }

  @Test
  void aSessionWithItsOwnEngineClosesItsThread() throws Exception {
    try (TraceReplayServer host = new TraceReplayServer(login)) {
      Session session = new Session(profile(host.port()).withName("solo"));
      session.connect().get(10, TimeUnit.SECONDS);
      assertThat(Thread.getAllStackTraces().keySet())
          .anyMatch(t -> t.getName().equals("console3270-solo-loop-0") && t.isDaemon());
      session.close();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  Thread.getAllStackTraces().keySet().stream()
                      .noneMatch(t -> t.getName().equals("console3270-solo-loop-0")));
    }
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    synchronized (parts) {
      for (byte[] p : parts) {
        out.write(p, 0, p.length);
      }
    }
    return out.toByteArray();
  }
}
