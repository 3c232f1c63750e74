package dev.console3270.endpoint;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Smooth weighted round robin as an earliest-deadline-first schedule (as Envoy's): the k-th pick (k
 * from 0) of an endpoint of weight w is due at {@code (k + 1/2) / w}, and each pick takes the
 * endpoint due first (ties to the one listed first), kept in a heap, so O(log n) per pick. Over
 * every cycle of total-weight picks each endpoint is picked exactly its weight times, spread evenly
 * (the k-th pick of every endpoint falls in its k-th slice of the cycle). Deadlines are compared as
 * exact fractions.
 *
 * <p>A full endpoint leaves the schedule when it comes due; once it is below its limit again it
 * rejoins due at the current deadline, so the turns it missed are lost, not made up.
 *
 * <p>Slow start: effective weights are read when the schedule is built. While an endpoint of the
 * group ramps, the schedule is rebuilt with the current weights every {@value #REFRESHES}th of the
 * slow-start window (and once when the ramp ends), and each rebuild starts a new cycle; so during a
 * ramp the shares follow the ramped weights to within one pick per endpoint per rebuild.
 */
final class WeightedRoundRobinPolicy implements Policy {
  /** Schedule rebuilds per slow-start window while a group ramps. */
  static final int REFRESHES = 30;

  private static final class State {
    final GroupView group;
    final int n;

    /** Effective weight of each eligible entry in tenths. */
    final long[] weights;

    /** Picks so far of each entry in this cycle; its next deadline is (2 picks + 1) / (2 w). */
    final long[] picks;

    final int[] heap;
    int size;

    /** Entries taken out because they were full. */
    final int[] parked;

    int parkedCount;

    /** {@link GroupLoad#freed} when the parked entries were last looked at. */
    long freedSeen;

    /** Ticker time of the next rebuild, meaningful when {@link #refresh}. */
    long refreshAt;

    boolean refresh;
    boolean built;

    State(GroupView group) {
      this.group = group;
      this.n = group.eligible.length;
      this.weights = new long[n];
      this.picks = new long[n];
      this.heap = new int[n];
      this.parked = new int[n];
    }

    void build(EndpointRegistry registry) {
      long now = registry.ticker().nanos();
      boolean ramping = group.load.mayRamp() && group.load.ramping(now);
      for (int i = 0; i < n; i++) {
        weights[i] = ramping ? registry.effectiveWeight(group.eligible[i]) : group.weights[i];
        picks[i] = 0;
        heap[i] = i;
      }
      size = n;
      parkedCount = 0;
      freedSeen = group.load.freed();
      for (int i = n / 2 - 1; i >= 0; i--) {
        siftDown(i);
      }
      built = true;
      refresh = ramping;
      if (ramping) {
        long step = Math.max(1, registry.slowStartNanos() / REFRESHES);
        long end = group.load.rampUntil();
        refreshAt = end - (now + step) < 0 ? end : now + step;
      }
    }

    /** Puts back the parked entries that are no longer full, due at the current deadline. */
    void unpark() {
      int kept = 0;
      for (int k = 0; k < parkedCount; k++) {
        int i = parked[k];
        if (Policy.full(group, i)) {
          parked[kept++] = i;
          continue;
        }
        if (size > 0) {
          // smallest picks with (2 picks + 1) / (2 w_i) >= (2 p + 1) / (2 w_t) of the top t
          int t = heap[0];
          long num = (2 * picks[t] + 1) * weights[i] - weights[t];
          long due = num <= 0 ? 0 : (num + 2 * weights[t] - 1) / (2 * weights[t]);
          picks[i] = Math.max(picks[i], due);
        }
        heap[size] = i;
        siftUp(size++);
      }
      parkedCount = kept;
    }

    /** True when entry a is due before entry b. */
    boolean before(int a, int b) {
      long da = (2 * picks[a] + 1) * weights[b];
      long db = (2 * picks[b] + 1) * weights[a];
      return da < db || (da == db && a < b);
    }

    void siftUp(int at) {
      int slot = heap[at];
      while (at > 0) {
        int parent = (at - 1) >>> 1;
        if (!before(slot, heap[parent])) {
          break;
        }
        heap[at] = heap[parent];
        at = parent;
      }
      heap[at] = slot;
    }

    void siftDown(int at) {
      int slot = heap[at];
      while (true) {
        int child = 2 * at + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && before(heap[child + 1], heap[child])) {
          child++;
        }
        if (!before(heap[child], slot)) {
          break;
        }
        heap[at] = heap[child];
        at = child;
      }
      heap[at] = slot;
    }
  }

  private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

  @Override
  public Entry pick(GroupView g, String key, EndpointRegistry registry) {
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
    if (g.anyLimit && g.load.nonFull() == 0) {
      return null;
    }
    synchronized (s) {
      if (!s.built || (s.refresh && registry.ticker().nanos() - s.refreshAt >= 0)) {
        s.build(registry);
      }
      if (s.parkedCount > 0) {
        long freed = g.load.freed();
        if (freed != s.freedSeen) {
          s.freedSeen = freed;
          s.unpark();
        }
      }
      while (s.size > 0) {
        int top = s.heap[0];
        if (g.anyLimit && Policy.full(g, top)) {
          s.heap[0] = s.heap[--s.size];
          s.siftDown(0);
          s.parked[s.parkedCount++] = top;
          continue;
        }
        s.picks[top]++;
        s.siftDown(0);
        return g.eligible[top];
      }
      return null;
    }
  }
}
