package dev.console3270.session.pool;

import static dev.console3270.session.pool.PoolTesting.profile;
import static dev.console3270.session.pool.PoolTesting.runOk;
import static dev.console3270.session.pool.PoolTesting.screen;
import static dev.console3270.session.pool.PoolTesting.signOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.console3270.host.DemoHost;
import dev.console3270.session.Session;
import dev.console3270.session.SessionEngine;
import dev.console3270.session.SessionListener;
import dev.console3270.session.SessionProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class MigrationTest {
  private static final String LOGON =
      String.join(
          "\n",
          "# sign on to the new host",
          "Wait(10,InputField)",
          "String(\"DEMO\") Tab()",
          "String(\"${secret:demo-pw}\")",
          "Enter()",
          "Wait(10,Unlock)");

  @TempDir Path dir;
  private DemoHost alpha;
  private DemoHost bravo;
  private SessionEngine engine;
  private SessionPool pool;
  private final PoolTesting.Recorder hooks = new PoolTesting.Recorder();

  @BeforeEach
  void start() throws Exception {
    alpha = DemoHost.start(0, "ALPHA");
    bravo = DemoHost.start(0, "BRAVO");
    engine = new SessionEngine(2, "migtest");
    pool = new SessionPool(engine, PoolConfig.defaults());
    pool.addHook(hooks);
    SecretStore secrets = SecretStore.open(dir.resolve(SecretStore.FILE_NAME), "pp".toCharArray());
    secrets.put("demo-pw", "DEMO3270".toCharArray());
    pool.useSecrets(secrets);
  }

  @AfterEach
  void stop() {
    pool.close();
    engine.close();
    alpha.close();
    bravo.close();
  }

  private PooledSession signedOnToAlpha() throws Exception {
    PooledSession s = pool.create("tab", "alpha", profile(alpha)).ready().get(20, TimeUnit.SECONDS);
    signOn(s);
    await().atMost(Duration.ofSeconds(10)).until(() -> screen(s).contains("MAIN MENU"));
    assertThat(screen(s)).contains("ALPHA");
    return s;
  }

  private static LogonMacro logonChecking(String text) {
    return new LogonMacro("bravo logon", LOGON + "\nWait(10,StringAt,1,1,\"" + text + "\")");
  }

  @Test
  void movesASignedOnSessionToBravoKeepingIdAndListeners() throws Exception {
    PooledSession s = signedOnToAlpha();
    Session old = s.session();
    List<Long> screens = new CopyOnWriteArrayList<>();
    s.addListener(
        new SessionListener() {
          @Override
          public void screenChanged(long version) {
            screens.add(version);
          }
        });
    // The demo host's menu names the host in the first row's title
    String firstRow = screen(s).lines().findFirst().orElseThrow();
    String check = firstRow.replace("ALPHA", "BRAVO").stripTrailing();
    assertThat(check).contains("BRAVO");

    PooledSession moved =
        pool.migrate(s.id(), "bravo", profile(bravo), logonChecking(check))
            .get(60, TimeUnit.SECONDS);

    assertThat(moved).isSameAs(s);
    assertThat(pool.get(s.id())).contains(s);
    assertThat(s.state()).isEqualTo(PoolState.CONNECTED);
    assertThat(s.endpointName()).isEqualTo("bravo");
    assertThat(s.session()).isNotSameAs(old);
    assertThat(screen(s)).contains("MAIN MENU").contains("BRAVO").doesNotContain("ALPHA");
    await().atMost(Duration.ofSeconds(5)).until(() -> old.state().isConnected() == false);
    assertThat(pool.activeSessions("alpha")).isZero();
    assertThat(pool.activeSessions("bravo")).isEqualTo(1);
    // listeners registered before the swap hear the new session
    await().atMost(Duration.ofSeconds(5)).until(() -> !screens.isEmpty());
    screens.clear();
    runOk(s, "PF(3)");
    await().atMost(Duration.ofSeconds(5)).until(() -> !screens.isEmpty());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> hooks.snapshot().contains("MIGRATED " + s.id() + " RECONNECTING->CONNECTED"));
  }

  @Test
  void aFailingCheckLeavesTheSessionOnAlpha() throws Exception {
    PooledSession s = signedOnToAlpha();
    Session old = s.session();
    LogonMacro wrong =
        new LogonMacro("bad", LOGON + "\nWait(1,StringAt,1,1,\"THIS TEXT IS NOT ON THE SCREEN\")");
    assertThatThrownBy(
            () -> pool.migrate(s.id(), "bravo", profile(bravo), wrong).get(60, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("logon macro bad failed")
        .hasMessageContaining("Timed out")
        .hasMessageNotContaining("DEMO3270");
    assertThat(s.session()).isSameAs(old);
    assertThat(s.state()).isEqualTo(PoolState.CONNECTED);
    assertThat(s.endpointName()).isEqualTo("alpha");
    assertThat(screen(s)).contains("MAIN MENU").contains("ALPHA");
    // the failed sign-on is an event (the audit's SIGN_ON FAILURE), without the secret
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> hooks.snapshot().contains("ERROR " + s.id() + " RECONNECTING->RECONNECTING"));
    await().atMost(Duration.ofSeconds(5)).until(() -> bravo.clients() == 0);
    runOk(s, "PF(3)"); // still usable
  }

  @Test
  void aDeadTargetLeavesTheSessionOnAlpha() throws Exception {
    PooledSession s = signedOnToAlpha();
    int deadPort = bravo.port();
    bravo.close();
    assertThatThrownBy(
            () ->
                pool.migrate(
                        s.id(),
                        "bravo",
                        SessionProfile.of("127.0.0.1", deadPort),
                        logonChecking("X"))
                    .get(60, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("connecting to 127.0.0.1:" + deadPort)
        .hasMessageContaining("refused");
    assertThat(s.state()).isEqualTo(PoolState.CONNECTED);
    assertThat(s.endpointName()).isEqualTo("alpha");
    assertThat(screen(s)).contains("ALPHA");
  }

  @Test
  void aDeadOldConnectionAndAFailedMigrationMeanFailed() throws Exception {
    PooledSession s = signedOnToAlpha();
    alpha.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> s.state() == PoolState.FAILED);
    LogonMacro wrong = new LogonMacro("bad", LOGON + "\nWait(1,StringAt,1,1,\"NOPE\")");
    assertThatThrownBy(
            () -> pool.migrate(s.id(), "bravo", profile(bravo), wrong).get(60, TimeUnit.SECONDS))
        .hasCauseInstanceOf(MigrationException.class);
    assertThat(s.state()).isEqualTo(PoolState.FAILED);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> hooks.snapshot().contains("ERROR " + s.id() + " RECONNECTING->FAILED"));
  }

  @Test
  void aMissingSecretFailsBeforeConnecting() throws Exception {
    PooledSession s = signedOnToAlpha();
    LogonMacro macro = new LogonMacro("m", "String(\"${secret:nope}\")");
    assertThatThrownBy(
            () -> pool.migrate(s.id(), "bravo", profile(bravo), macro).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(MigrationException.class)
        .hasMessageContaining("secret nope is not in the store");
    assertThat(bravo.clients()).isZero();
    assertThat(s.state()).isEqualTo(PoolState.CONNECTED);
  }

  @Test
  void aMacroThatDoesNotParseFailsClearly() throws Exception {
    PooledSession s = signedOnToAlpha();
    LogonMacro macro = new LogonMacro("m", "Wait(10,InputField)\nString(\"unterminated");
    assertThatThrownBy(
            () -> pool.migrate(s.id(), "bravo", profile(bravo), macro).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(MigrationException.class)
        .hasMessageContaining("line 2");
    assertThat(s.state()).isEqualTo(PoolState.CONNECTED);
  }
}
