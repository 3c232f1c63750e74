package dev.console3270.session.pool;

/**
 * Observes a pool's sessions. Hooks run on the pool's single event thread, in order per session,
 * never on a session's I/O thread; a hook that throws is logged and the others still run.
 */
@FunctionalInterface
public interface PoolHook {
  /** One event for one session. */
  void on(PoolEvent event, PooledSession session, Transition transition);
}
