package dev.console3270.endpoint;

import java.util.Random;

/**
 * Power of two choices: two distinct random eligible endpoints, the one with fewer sessions wins
 * (the first drawn on a tie). When both are full, the least loaded endpoint that is not full.
 */
final class PowerOfTwoPolicy implements Policy {
  private final Random random;

  PowerOfTwoPolicy(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public Entry pick(GroupView g, String key, EndpointRegistry registry) {
    int n = g.eligible.length;
    if (n == 1) {
      return g.anyLimit && Policy.full(g, 0) ? null : g.eligible[0];
    }
    int a = random.nextInt(n);
    int b = random.nextInt(n - 1);
    if (b >= a) {
      b++;
    }
    int la = g.eligible[a].sessions;
    int lb = g.eligible[b].sessions;
    boolean fullA = g.limits[a] > 0 && la >= g.limits[a];
    boolean fullB = g.limits[b] > 0 && lb >= g.limits[b];
    if (!fullA && (fullB || la <= lb)) {
      return g.eligible[a];
    }
    if (!fullB) {
      return g.eligible[b];
    }
    return g.load.leastLoaded();
  }
}
