package dev.console3270.endpoint;

import java.util.concurrent.ConcurrentHashMap;

/**
 * nginx's smooth weighted round robin: every pick adds each endpoint's effective weight to its
 * current weight, picks the highest current weight and subtracts the total from it. Over a cycle of
 * total-weight picks each endpoint is picked exactly weight times, spread evenly. Weights are in
 * tenths so that slow start can ramp them finely; a full endpoint sits the pick out.
 */
final class WeightedRoundRobinPolicy implements Policy {
  private static final class State {
    final GroupView group;
    final long[] current;

    State(GroupView group) {
      this.group = group;
      this.current = new long[group.eligible.length];
    }
  }

  private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

  @Override
  public Entry pick(GroupView g, String key, EndpointRegistry registry, LoadSource load) {
    State s = states.get(g.name);
    if (s == null || s.group != g) {
      State fresh = new State(g);
      s =
          states.merge(
              g.name, fresh, (old, nw) -> old.group.version >= nw.group.version ? old : nw);
      if (s.group != g) {
        s = fresh; // an older view than the stored one: use a throw-away state
      }
    }
    boolean ramping = registry.rampingAny(g);
    synchronized (s) {
      long[] current = s.current;
      int[] weights = g.weights;
      long total = 0;
      int best = -1;
      for (int i = 0; i < current.length; i++) {
        if (g.anyLimit && Policy.full(g, i, load)) {
          continue;
        }
        int w = ramping ? registry.effectiveWeight(g.eligible[i]) : weights[i];
        current[i] += w;
        total += w;
        if (best < 0 || current[i] > current[best]) {
          best = i;
        }
      }
      if (best < 0) {
        return null;
      }
      current[best] -= total;
      return g.eligible[best];
    }
  }
}
