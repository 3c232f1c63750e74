package dev.console3270.endpoint;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Each eligible endpoint in turn; a full one is passed over (and its turn counted). O(1) unless
 * endpoints are full (then O(full ones passed over)).
 */
final class RoundRobinPolicy implements Policy {
  private final Rotor rotor = new Rotor();

  @Override
  public Entry pick(GroupView g, String key, EndpointRegistry registry) {
    int n = g.eligible.length;
    if (g.anyLimit && g.load.nonFull() == 0) {
      return null;
    }
    AtomicLong counter = rotor.of(g.name);
    for (int tries = 0; tries < n; tries++) {
      int i = (int) Math.floorMod(counter.getAndIncrement(), (long) n);
      if (!g.anyLimit || !Policy.full(g, i)) {
        return g.eligible[i];
      }
    }
    return null;
  }
}
