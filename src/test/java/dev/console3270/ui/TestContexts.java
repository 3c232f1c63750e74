package dev.console3270.ui;

import dev.console3270.audit.AuditConfig;
import dev.console3270.audit.AuditLog;
import dev.console3270.audit.AuditTrail;
import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.endpoint.Strategy;
import dev.console3270.session.SessionEngine;
import dev.console3270.session.pool.PoolConfig;
import dev.console3270.session.pool.SessionPool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Window contexts for the UI tests, wired by hand (the application's own is wired by {@code
 * app.Platform}).
 */
final class TestContexts {
  private TestContexts() {}

  /**
   * A context with a default pool, an empty registry (its load is the pool's sessions), a
   * round-robin balancer that saves nothing, and an audit log in {@code <configDir>/audit} (key
   * {@code audit.key} beside it) that records the pool's events: for tests and the base of the
   * application's context. Close the audit log ({@code audit().log().close()}) when done.
   *
   * @throws java.io.UncheckedIOException when the audit log cannot open
   */
  static ConsoleContext of(
      Path configDir, SessionEngine engine, ConsoleContext.DemoHostStarter demo) {
    return of(configDir, engine, demo, PoolConfig.defaults());
  }

  /**
   * As {@link #of(Path, SessionEngine, ConsoleContext.DemoHostStarter)} with a pool configuration;
   * an endpoint's own session limit, when it has one, is the pool's limit for it.
   */
  static ConsoleContext of(
      Path configDir,
      SessionEngine engine,
      ConsoleContext.DemoHostStarter demo,
      PoolConfig poolConfig) {
    return of(configDir, engine, demo, poolConfig, List.of());
  }

  /** As above, with listeners on the audit log (such as a syslog forwarder). */
  static ConsoleContext of(
      Path configDir,
      SessionEngine engine,
      ConsoleContext.DemoHostStarter demo,
      PoolConfig poolConfig,
      List<AuditLog.Listener> auditListeners) {
    EndpointRegistry registry = new EndpointRegistry();
    java.util.function.ToIntFunction<String> otherwise = poolConfig.maxPerEndpoint();
    SessionPool pool =
        new SessionPool(
            engine,
            poolConfig.withMaxPerEndpoint(
                name ->
                    registry
                        .get(name)
                        .map(v -> v.endpoint().maxSessions())
                        .filter(m -> m > 0)
                        .orElseGet(() -> otherwise.applyAsInt(name))));
    dev.console3270.session.pool.EndpointLoad.attach(pool, registry);
    Path auditDir = configDir.resolve("audit");
    AuditTrail trail;
    try {
      trail =
          AuditTrail.forProcess(
              AuditLog.open(
                  AuditConfig.defaults(auditDir, AuditConfig.defaultKeyFile(auditDir)),
                  auditListeners));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("the audit log " + auditDir + " cannot open", e);
    }
    pool.addHook(new dev.console3270.session.pool.PoolAuditor(trail));
    return new ConsoleContext(
        configDir,
        engine,
        demo,
        pool,
        registry,
        new Balancer(registry, Strategy.ROUND_ROBIN, System.nanoTime()),
        () -> {},
        null,
        trail,
        auditDir,
        Governance.none(),
        null,
        null);
  }
}
