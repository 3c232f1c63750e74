package dev.console3270.endpoint;

/**
 * Live load of one group, kept by the registry so that a pick needs no scan: the group's total of
 * open sessions, how many eligible endpoints are below their session limit, and two heaps over the
 * eligible endpoints that are not full: by (sessions, -weight, last pick) and by (mean latency,
 * last pick). Updated when a session opens or closes, a latency sample arrives or the group's
 * eligible set changes. One per group name, kept across registry versions; its monitor guards the
 * heaps and {@link Entry#slot} of the entries whose {@link Entry#load} it is.
 */
final class GroupLoad {
  final String name;
  private Entry[] eligible = new Entry[0];
  private int[] limits = new int[0];
  private final IndexedHeap bySessions = new IndexedHeap();
  private final IndexedHeap byLatency = new IndexedHeap();
  private long seq;

  /** Open sessions of the eligible entries. */
  private volatile long totalSessions;

  /** Eligible entries below their session limit. */
  private volatile int nonFull;

  /** Ticker time the last slow start of an eligible entry ends; meaningful when {@link #ramps}. */
  private volatile long rampUntil;

  private volatile boolean ramps;

  /** Counts the times an eligible entry went from full to not full. */
  private volatile long freed;

  GroupLoad(String name) {
    this.name = name;
  }

  /** Replaces the eligible set (called by the registry under its lock). */
  synchronized void reset(Entry[] newEligible, boolean ramping, long rampEnd) {
    for (Entry e : eligible) {
      if (e.load == this) {
        e.slot = -1;
      }
    }
    int n = newEligible.length;
    eligible = newEligible;
    limits = new int[n];
    bySessions.reset(n);
    byLatency.reset(n);
    long total = 0;
    int free = 0;
    for (int i = 0; i < n; i++) {
      Entry e = newEligible[i];
      e.slot = i;
      int s = e.sessions;
      limits[i] = e.endpoint.maxSessions();
      total += s;
      bySessions.k1[i] = s;
      bySessions.k2[i] = -e.endpoint.weight();
      byLatency.k1[i] = Double.doubleToLongBits(e.meanLatency);
      if (!full(i, s)) {
        free++;
        bySessions.insert(i);
        byLatency.insert(i);
      }
    }
    totalSessions = total;
    nonFull = free;
    rampUntil = rampEnd;
    ramps = ramping;
  }

  /** Takes an entry out before it moves to another group's load. */
  synchronized void detach(Entry e) {
    int slot = e.slot;
    if (slot >= 0) {
      if (bySessions.contains(slot)) {
        nonFull--;
      }
      bySessions.remove(slot);
      byLatency.remove(slot);
      totalSessions -= e.sessions;
      e.slot = -1;
    }
  }

  /** Sets the session count of an entry of this load; the caller holds this monitor. */
  void setSessions(Entry e, int count) {
    int old = e.sessions;
    e.sessions = count;
    int slot = e.slot;
    if (slot < 0 || old == count) {
      return;
    }
    totalSessions += count - old;
    bySessions.k1[slot] = count;
    boolean wasIn = bySessions.contains(slot);
    boolean in = !full(slot, count);
    if (in && !wasIn) {
      freed++;
      bySessions.insert(slot);
      byLatency.insert(slot);
      nonFull++;
    } else if (!in && wasIn) {
      bySessions.remove(slot);
      byLatency.remove(slot);
      nonFull--;
    } else if (in) {
      bySessions.changed(slot);
    }
  }

  /** The mean latency of an entry of this load changed. */
  synchronized void latencyChanged(Entry e) {
    if (e.load != this || e.slot < 0) {
      return;
    }
    byLatency.k1[e.slot] = Double.doubleToLongBits(e.meanLatency);
    byLatency.changed(e.slot);
  }

  /**
   * Fewest sessions, then highest configured weight, then least recently picked this way (so ties
   * go round robin); null when every eligible entry is full.
   */
  synchronized Entry pickLeastSessions() {
    int top = bySessions.peek();
    if (top < 0) {
      return null;
    }
    bySessions.k3[top] = ++seq;
    bySessions.changed(top);
    return eligible[top];
  }

  /** Lowest mean latency, then least recently picked this way; null when all are full. */
  synchronized Entry pickLeastLatency() {
    int top = byLatency.peek();
    if (top < 0) {
      return null;
    }
    byLatency.k3[top] = ++seq;
    byLatency.changed(top);
    return eligible[top];
  }

  /** An entry with the fewest sessions, not counted as a pick; null when all are full. */
  synchronized Entry leastLoaded() {
    int top = bySessions.peek();
    return top < 0 ? null : eligible[top];
  }

  long totalSessions() {
    return totalSessions;
  }

  long freed() {
    return freed;
  }

  int nonFull() {
    return nonFull;
  }

  /** True when some eligible entry may be in slow start at ticker time {@code now}. */
  boolean ramping(long now) {
    return ramps && now - rampUntil < 0;
  }

  boolean mayRamp() {
    return ramps;
  }

  long rampUntil() {
    return rampUntil;
  }

  private boolean full(int slot, int sessions) {
    int limit = limits[slot];
    return limit > 0 && sessions >= limit;
  }
}
