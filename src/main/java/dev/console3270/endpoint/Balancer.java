package dev.console3270.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Picks the endpoint for a new session. Skips endpoints that are DOWN, DRAINING, DISABLED or full
 * (active sessions at {@code maxSessions}); when none of the group is left, tries the group's
 * fallback chain ({@link EndpointRegistry#setFallback}). Thread-safe; the strategy can be switched
 * at any time. Eligible sets are precomputed by the registry on every change, and session counts,
 * group totals and the least-loaded and least-latency orders are kept up to date as sessions open
 * and close ({@link EndpointRegistry#sessionOpened}), so no pick scans the group: round robin and
 * power of two are O(1), the others O(log n), and none allocates. The pool must count the session
 * it opens on the picked endpoint with {@link EndpointRegistry#sessionOpened}.
 */
public final class Balancer {
  private final EndpointRegistry registry;
  private final long seed;
  private volatile Strategy strategy;
  private volatile Policy policy;
  private final List<Consumer<Strategy>> strategyListeners = new CopyOnWriteArrayList<>();

  /** Round robin over the registry's endpoints. */
  public Balancer(EndpointRegistry registry) {
    this(registry, Strategy.ROUND_ROBIN, System.nanoTime());
  }

  /**
   * A balancer with a strategy; {@code seed} seeds the random choices of {@link
   * Strategy#POWER_OF_TWO} (fixed in tests for repeatable picks).
   */
  public Balancer(EndpointRegistry registry, Strategy strategy, long seed) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.seed = seed;
    setStrategy(strategy);
  }

  /** Switches the strategy; picks already running finish with the old one. */
  public void setStrategy(Strategy newStrategy) {
    Objects.requireNonNull(newStrategy, "strategy");
    Strategy old = this.strategy;
    this.policy = Policy.of(newStrategy, seed);
    this.strategy = newStrategy;
    if (old != null && old != newStrategy) {
      for (Consumer<Strategy> l : strategyListeners) {
        l.accept(newStrategy);
      }
    }
  }

  /**
   * Calls {@code listener} with the new strategy after each switch to another one, on the thread
   * that switched.
   */
  public void addStrategyListener(Consumer<Strategy> listener) {
    strategyListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The current strategy. */
  public Strategy strategy() {
    return strategy;
  }

  /**
   * The endpoint for a new session.
   *
   * @throws NoEndpointAvailableException when no endpoint of the group or its fallback chain is
   *     eligible, with the reason for each endpoint
   */
  public Endpoint pick(PickRequest request) {
    Objects.requireNonNull(request, "request");
    EndpointRegistry.Snapshot snap = registry.snapshot();
    Policy p = policy;
    String group = request.group();
    int hops = 0;
    int limit = snap.fallbacks().size() + 1;
    while (group != null && hops <= limit) {
      GroupView g = snap.groups().get(group);
      if (g != null && g.eligible.length > 0) {
        Entry e = p.pick(g, request.stickyKey(), registry);
        if (e != null) {
          if (hops > 0) {
            e.fallbackPicks.incrementAndGet();
          }
          return e.endpoint;
        }
      }
      group = snap.fallbacks().get(group);
      hops++;
    }
    throw new NoEndpointAvailableException(explain(snap, request.group()));
  }

  private static String explain(EndpointRegistry.Snapshot snap, String first) {
    StringBuilder sb = new StringBuilder("no endpoint available for group '" + first + "'");
    List<String> seen = new ArrayList<>();
    String group = first;
    while (group != null && !seen.contains(group)) {
      seen.add(group);
      if (!group.equals(first)) {
        sb.append("; fallback group '").append(group).append("'");
      }
      GroupView g = snap.groups().get(group);
      if (g == null) {
        sb.append(": no endpoints");
      } else {
        sb.append(": ")
            .append(g.members.length)
            .append(g.members.length == 1 ? " endpoint" : " endpoints");
        String sep = " (";
        for (Entry e : g.members) {
          sb.append(sep).append(e.name).append(' ').append(reason(e));
          sep = ", ";
        }
        sb.append(')');
      }
      group = snap.fallbacks().get(group);
    }
    if (seen.size() == 1) {
      sb.append("; no fallback group");
    }
    return sb.toString();
  }

  private static String reason(Entry e) {
    if (e.admin == AdminState.DISABLED) {
      return "disabled";
    }
    if (e.admin == AdminState.DRAINING) {
      return "draining";
    }
    if (!e.up()) {
      if (e.ejected) {
        return "down (ejected)";
      }
      return e.lastResult == null ? "down" : "down (" + e.lastResult + ")";
    }
    int max = e.endpoint.maxSessions();
    if (max > 0) {
      int sessions = e.sessions;
      if (sessions >= max) {
        return "full (" + sessions + "/" + max + " sessions)";
      }
    }
    return "up (became eligible during the pick)";
  }
}
