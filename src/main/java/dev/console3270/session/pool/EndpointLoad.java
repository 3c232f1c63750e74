package dev.console3270.session.pool;

import dev.console3270.endpoint.EndpointRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the registry's per-endpoint session counters in step with the pool: a session counts for
 * its endpoint from its creation until it is FAILED or CLOSED (as {@link
 * SessionPool#activeSessions}), and moves with it when it migrates or fails over. A hook, so it
 * sees every change in order; it remembers where each session is counted, so a missed or repeated
 * event cannot skew the counts.
 */
public final class EndpointLoad implements PoolHook {

  private final EndpointRegistry registry;
  private final Map<String, String> countedOn = new ConcurrentHashMap<>();

  /** Counts into a registry; add it to the pool with {@link SessionPool#addHook}. */
  public EndpointLoad(EndpointRegistry registry) {
    this.registry = registry;
  }

  /** Adds a tracker to a pool and returns it. */
  public static EndpointLoad attach(SessionPool pool, EndpointRegistry registry) {
    EndpointLoad load = new EndpointLoad(registry);
    pool.addHook(load);
    return load;
  }

  @Override
  public void on(PoolEvent event, PooledSession session, Transition transition) {
    PoolState to = transition.to();
    String want = to == PoolState.FAILED || to == PoolState.CLOSED ? null : session.endpointName();
    String id = session.id();
    synchronized (this) {
      String had = countedOn.get(id);
      if (java.util.Objects.equals(had, want)) {
        return;
      }
      if (had != null) {
        registry.sessionClosed(had);
        countedOn.remove(id);
      }
      if (want != null) {
        registry.sessionOpened(want);
        countedOn.put(id, want);
      }
    }
  }

  /** Where a session is counted now, or null. */
  public String countedOn(String id) {
    return countedOn.get(id);
  }
}
