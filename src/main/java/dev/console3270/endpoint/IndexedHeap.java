package dev.console3270.endpoint;

import java.util.Arrays;

/**
 * A binary min-heap of slots 0..n-1 ordered by three long keys, then by slot; a slot's keys can
 * change while it is in the heap ({@link #changed}). Not thread-safe: the owner locks.
 */
final class IndexedHeap {
  long[] k1 = new long[0];
  long[] k2 = new long[0];
  long[] k3 = new long[0];
  private int[] heap = new int[0];
  private int[] pos = new int[0];
  private int size;

  /** Empties the heap for slots 0..n-1 (keys zeroed). */
  void reset(int n) {
    k1 = new long[n];
    k2 = new long[n];
    k3 = new long[n];
    heap = new int[n];
    pos = new int[n];
    Arrays.fill(pos, -1);
    size = 0;
  }

  int size() {
    return size;
  }

  boolean contains(int slot) {
    return pos[slot] >= 0;
  }

  /** The least slot, -1 when empty. */
  int peek() {
    return size == 0 ? -1 : heap[0];
  }

  void insert(int slot) {
    if (pos[slot] >= 0) {
      changed(slot);
      return;
    }
    heap[size] = slot;
    pos[slot] = size;
    siftUp(size++);
  }

  void remove(int slot) {
    int at = pos[slot];
    if (at < 0) {
      return;
    }
    pos[slot] = -1;
    int last = heap[--size];
    if (at != size) {
      heap[at] = last;
      pos[last] = at;
      siftDown(at);
      siftUp(pos[last]);
    }
  }

  /** Restores the order after the keys of {@code slot} changed (no-op when it is not in). */
  void changed(int slot) {
    int at = pos[slot];
    if (at >= 0) {
      siftUp(at);
      siftDown(pos[slot]);
    }
  }

  private boolean less(int a, int b) {
    if (k1[a] != k1[b]) {
      return k1[a] < k1[b];
    }
    if (k2[a] != k2[b]) {
      return k2[a] < k2[b];
    }
    if (k3[a] != k3[b]) {
      return k3[a] < k3[b];
    }
    return a < b;
  }

  private void siftUp(int at) {
    int slot = heap[at];
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      int p = heap[parent];
      if (!less(slot, p)) {
        break;
      }
      heap[at] = p;
      pos[p] = at;
      at = parent;
    }
    heap[at] = slot;
    pos[slot] = at;
  }

  private void siftDown(int at) {
    int slot = heap[at];
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      int c = heap[child];
      if (child + 1 < size && less(heap[child + 1], c)) {
        child++;
        c = heap[child];
      }
      if (!less(c, slot)) {
        break;
      }
      heap[at] = c;
      pos[c] = at;
      at = child;
    }
    heap[at] = slot;
    pos[slot] = at;
  }
}
