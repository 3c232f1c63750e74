package dev.console3270.endpoint;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam; as Google's and
 * Vimeo's balancers use it). Each eligible endpoint owns {@value #VNODES} virtual nodes on a ring
 * per unit of weight; a node's place depends only on the endpoint's name and the node's number, so
 * the ring of the other endpoints does not change when one leaves. A key goes to the first node
 * clockwise of its hash whose endpoint is below its bound: {@code ceil(c * (total + 1) * weight /
 * totalWeight)} sessions, with {@code c = }{@value #C} and total the group's open sessions. So a
 * key moves only when its endpoint leaves or is at its bound. When session limits leave no endpoint
 * below its bound, the first endpoint clockwise that is not full takes the key. A null key is
 * balanced round robin. A pick is a binary search of the ring and usually a step or two clockwise;
 * the group's total comes from the registry's counter ({@link GroupLoad}), not a sum.
 */
final class StickyPolicy implements Policy {
  /** Load bound factor. */
  static final double C = 1.25;

  /**
   * Virtual nodes per unit of weight: a fixed number, so an endpoint's nodes never depend on the
   * others (8 bytes each: 1,000 endpoints of weight 1 take 128 kB, of weight 256 take 33 MB).
   */
  static final int VNODES = 16;

  /** Ring points: 44 bits of hash, 20 bits of owner index (so at most 2^20 endpoints). */
  private static final int OWNER_BITS = 20;

  private static final class Ring {
    final GroupView group;
    final long[] points;
    final long totalWeight;

    Ring(GroupView g) {
      this.group = g;
      int n = g.eligible.length;
      if (n >= 1 << OWNER_BITS) {
        throw new IllegalStateException("too many endpoints in group " + g.name + ": " + n);
      }
      long total = 0;
      for (int w : g.weights) {
        total += w;
      }
      this.totalWeight = total;
      int[] vnodes = new int[n];
      int count = 0;
      for (int i = 0; i < n; i++) {
        vnodes[i] = VNODES * g.weights[i] / 10; // weights are in tenths
        count += vnodes[i];
      }
      long[] p = new long[count];
      int k = 0;
      for (int i = 0; i < n; i++) {
        String name = g.eligible[i].name;
        for (int v = 0; v < vnodes[i]; v++) {
          p[k++] = (hash(name + "#" + v) >>> OWNER_BITS) << OWNER_BITS | i;
        }
      }
      Arrays.sort(p); // signed order is a fine ring order
      this.points = p;
    }
  }

  private final ConcurrentHashMap<String, Ring> rings = new ConcurrentHashMap<>();
  private final RoundRobinPolicy unkeyed = new RoundRobinPolicy();

  @Override
  public Entry pick(GroupView g, String key, EndpointRegistry registry) {
    if (key == null) {
      return unkeyed.pick(g, null, registry);
    }
    Ring ring = ring(g);
    long[] points = ring.points;
    long h = (hash(key) >>> OWNER_BITS) << OWNER_BITS;
    int at = Arrays.binarySearch(points, h);
    if (at < 0) {
      at = -at - 1;
    }
    int len = points.length;
    long totalLoad = g.load.totalSessions();
    int firstFree = -1;
    int mask = (1 << OWNER_BITS) - 1;
    for (int step = 0; step < len; step++) {
      int idx = at + step;
      if (idx >= len) {
        idx -= len;
      }
      int owner = (int) (points[idx] & mask);
      Entry e = g.eligible[owner];
      int sessions = e.sessions;
      int limit = g.limits[owner];
      if (limit > 0 && sessions >= limit) {
        continue;
      }
      if (sessions == 0) {
        return e; // below any bound: the bound is at least 1
      }
      if (sessions + 1 <= bound(totalLoad, g.weights[owner], ring.totalWeight)) {
        return e;
      }
      if (firstFree < 0) {
        firstFree = owner;
      }
    }
    // every endpoint below its bound is full (session limits): the first one that is not full
    return firstFree < 0 ? null : g.eligible[firstFree];
  }

  /** Most sessions an endpoint of weight {@code w} may have after one more is placed. */
  static long bound(long totalLoad, long w, long totalWeight) {
    return (long) Math.ceil(C * (totalLoad + 1) * w / totalWeight);
  }

  private Ring ring(GroupView g) {
    Ring r = rings.get(g.name);
    if (r != null && r.group == g) {
      return r;
    }
    Ring fresh = new Ring(g);
    Ring stored =
        rings.merge(g.name, fresh, (old, nw) -> old.group.version >= nw.group.version ? old : nw);
    return stored.group == g ? stored : fresh;
  }

  /** 64-bit FNV-1a over the UTF-16 chars, finished with MurmurHash3's fmix64. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h ^= c & 0xff;
      h *= 0x100000001b3L;
      h ^= c >>> 8;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
