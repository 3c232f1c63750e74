package dev.console3270.endpoint;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A round-robin counter per group, kept across registry versions. */
final class Rotor {
  private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

  AtomicLong of(String group) {
    AtomicLong c = counters.get(group);
    return c != null ? c : counters.computeIfAbsent(group, k -> new AtomicLong());
  }

  /** Next start index in 0..n-1. */
  int next(String group, int n) {
    return (int) Math.floorMod(of(group).getAndIncrement(), (long) n);
  }
}
