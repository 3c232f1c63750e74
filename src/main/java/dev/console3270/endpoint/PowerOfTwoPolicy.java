package dev.console3270.endpoint;

import java.util.Random;

/**
 * Power of two choices: two distinct random eligible endpoints, the one with fewer sessions wins
 * (the first drawn on a tie). When both are full, the first non-full endpoint after them.
 */
final class PowerOfTwoPolicy implements Policy {
  private final Random random;

  PowerOfTwoPolicy(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public Entry pick(GroupView g, String key, EndpointRegistry registry, LoadSource load) {
    int n = g.eligible.length;
    if (n == 1) {
      return g.anyLimit && Policy.full(g, 0, load) ? null : g.eligible[0];
    }
    int a = random.nextInt(n);
    int b = random.nextInt(n - 1);
    if (b >= a) {
      b++;
    }
    int la = load.activeSessions(g.eligible[a].name);
    int lb = load.activeSessions(g.eligible[b].name);
    boolean fullA = g.limits[a] > 0 && la >= g.limits[a];
    boolean fullB = g.limits[b] > 0 && lb >= g.limits[b];
    if (!fullA && (fullB || la <= lb)) {
      return g.eligible[a];
    }
    if (!fullB) {
      return g.eligible[b];
    }
    for (int k = 1; k < n; k++) {
      int i = (a + k) % n;
      if (!Policy.full(g, i, load)) {
        return g.eligible[i];
      }
    }
    return null;
  }
}
