package dev.console3270.endpoint;

/**
 * Fewest active sessions; among equals the higher (slow-start) weight; among those, round robin
 * (the scan starts one further each pick and keeps the first best it meets).
 */
final class LeastSessionsPolicy implements Policy {
  private final Rotor rotor = new Rotor();

  @Override
  public Entry pick(GroupView g, String key, EndpointRegistry registry, LoadSource load) {
    int n = g.eligible.length;
    int start = rotor.next(g.name, n);
    boolean ramping = registry.rampingAny(g);
    int best = -1;
    int bestLoad = Integer.MAX_VALUE;
    int bestWeight = 0;
    for (int k = 0; k < n; k++) {
      int i = start + k;
      if (i >= n) {
        i -= n;
      }
      Entry e = g.eligible[i];
      int sessions = load.activeSessions(e.name);
      int limit = g.limits[i];
      if (limit > 0 && sessions >= limit) {
        continue;
      }
      int w = ramping ? registry.effectiveWeight(e) : g.weights[i];
      if (sessions < bestLoad || (sessions == bestLoad && w > bestWeight)) {
        best = i;
        bestLoad = sessions;
        bestWeight = w;
      }
    }
    return best < 0 ? null : g.eligible[best];
  }
}
