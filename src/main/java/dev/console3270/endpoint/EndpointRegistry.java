package dev.console3270.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints, their admin state and health. Thread-safe and editable while sessions run.
 *
 * <h2>Health (HAProxy semantics)</h2>
 *
 * Each endpoint has a health counter from 0 to {@code rise+fall-1}; it is UP while the counter is
 * at least {@code rise}. A successful check ({@link CheckResult#L7OK}) increments the counter and,
 * once it reaches {@code rise}, sets it to the maximum {@code rise+fall-1}. A failed check
 * decrements it and, once it falls below {@code rise}, sets it to 0. So an UP endpoint goes DOWN
 * after {@code fall} consecutive failures, and a DOWN one comes back after {@code rise} consecutive
 * successes. A new endpoint starts as its config's {@link InitialHealth} says; the default is
 * HAProxy's: UP "going down" (counter = {@code rise}), so it takes sessions at once and the first
 * failed check takes it DOWN.
 *
 * <h2>Passive health (Envoy consecutive failures)</h2>
 *
 * {@link #reportConnectFailure} and {@link #reportUnexpectedDrop} count consecutive failures;
 * {@link #reportSuccess} resets the count. At {@code ejectAfter} (default 3) the endpoint is
 * ejected: DOWN with counter 0, so active checks must see {@code rise} successes to bring it back.
 *
 * <h2>Slow start</h2>
 *
 * An endpoint that goes from DOWN to UP has its weight ramped linearly from 10% to 100% over the
 * slow-start window (default 30 s, {@link #setSlowStart}); the weighted strategies use it.
 *
 * <h2>Active sessions</h2>
 *
 * The session pool tells the registry when a session to an endpoint opens ({@link #sessionOpened})
 * and closes ({@link #sessionClosed}), or sets the count outright ({@link #setActiveSessions}). The
 * registry keeps per-group totals and heaps on these counters, so the balancer never scans the
 * group: a pick costs O(1) or O(log n) with n endpoints. Counters are updated under a per-group
 * lock, never the registry's.
 */
public final class EndpointRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointRegistry.class);

  /** One group and its eligible members at one version; plus the fallback map. */
  record Snapshot(long version, Map<String, GroupView> groups, Map<String, String> fallbacks) {}

  private final Object lock = new Object();
  private final Ticker ticker;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<String, Entry> byName = new ConcurrentHashMap<>();
  private final Map<String, GroupLoad> loads = new HashMap<>();
  private final Map<String, String> fallbacks = new HashMap<>();
  private final List<EndpointListener> listeners = new CopyOnWriteArrayList<>();
  private volatile HealthCheckConfig defaultConfig = HealthCheckConfig.DEFAULT;
  private volatile long slowStartNanos = Duration.ofSeconds(30).toNanos();
  private volatile Snapshot snapshot = new Snapshot(0, Map.of(), Map.of());
  private long version;

  /** A registry on the system clock. */
  public EndpointRegistry() {
    this(Ticker.system());
  }

  /** A registry on the given clock (slow start reads it). */
  public EndpointRegistry(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  // ---------------------------------------------------------------- configuration

  /** The config given to endpoints added without one. */
  public void setDefaultHealthCheck(HealthCheckConfig config) {
    this.defaultConfig = Objects.requireNonNull(config, "config");
  }

  /** The config given to endpoints added without one. */
  public HealthCheckConfig defaultHealthCheck() {
    return defaultConfig;
  }

  /** The slow-start window; zero turns slow start off. */
  public void setSlowStart(Duration window) {
    Objects.requireNonNull(window, "window");
    if (window.isNegative()) {
      throw new IllegalArgumentException("slow start window must be >= 0, got " + window);
    }
    synchronized (lock) {
      this.slowStartNanos = window.toNanos();
      rebuild();
    }
  }

  /** The slow-start window in nanoseconds (0 = off). */
  long slowStartNanos() {
    return slowStartNanos;
  }

  /** The clock of this registry. */
  public Ticker ticker() {
    return ticker;
  }

  /** Adds a listener. */
  public void addListener(EndpointListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener. */
  public void removeListener(EndpointListener listener) {
    listeners.remove(listener);
  }

  /**
   * Names the group tried when no endpoint of {@code group} is eligible; null removes it. A chain
   * that would loop back is refused.
   */
  public void setFallback(String group, String fallbackGroup) {
    requireName(group, "group");
    synchronized (lock) {
      if (fallbackGroup == null) {
        fallbacks.remove(group);
      } else {
        requireName(fallbackGroup, "fallback group");
        String g = fallbackGroup;
        List<String> chain = new ArrayList<>(List.of(group));
        while (g != null) {
          chain.add(g);
          if (g.equals(group)) {
            throw new IllegalArgumentException(
                "fallback " + group + " -> " + fallbackGroup + " would loop: " + chain);
          }
          g = fallbacks.get(g);
        }
        fallbacks.put(group, fallbackGroup);
      }
      rebuild();
    }
  }

  /** The fallback group of {@code group}, if any. */
  public Optional<String> fallback(String group) {
    synchronized (lock) {
      return Optional.ofNullable(fallbacks.get(group));
    }
  }

  // ---------------------------------------------------------------- editing

  /** Adds an endpoint with the default health check config. */
  public void add(Endpoint endpoint) {
    add(endpoint, defaultConfig);
  }

  /** Adds an endpoint; its name must be new. */
  public void add(Endpoint endpoint, HealthCheckConfig config) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(config, "config");
    Entry e;
    synchronized (lock) {
      if (entries.containsKey(endpoint.name())) {
        throw new IllegalArgumentException(
            "endpoint '" + endpoint.name() + "' already exists (use update to replace it)");
      }
      e = new Entry(endpoint, config);
      entries.put(endpoint.name(), e);
      rebuild();
      byName.put(endpoint.name(), e);
    }
    EndpointView v = view(e);
    fire(l -> l.endpointAdded(v));
  }

  /**
   * Replaces the endpoint of the same name, keeping its admin state, health and counters. When its
   * host, port or TLS mode changes, health starts again from the config's initial health and the
   * latency window is cleared (the checks so far were about another address).
   */
  public void update(Endpoint endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    Entry e;
    Endpoint previous;
    Health before;
    Health after;
    synchronized (lock) {
      e = require(endpoint.name());
      previous = e.endpoint;
      before = e.health();
      e.endpoint = endpoint;
      if (!previous.host().equals(endpoint.host())
          || previous.port() != endpoint.port()
          || previous.tlsMode() != endpoint.tlsMode()) {
        resetHealth(e);
        e.clearLatency();
      }
      after = e.health();
      rebuild();
    }
    EndpointView v = view(e);
    fire(l -> l.endpointUpdated(v, previous));
    if (before != after) {
      fire(l -> l.healthChanged(v, before));
    }
  }

  /** Changes the health check config of an endpoint (the counter is clamped to the new range). */
  public void setHealthCheck(String name, HealthCheckConfig config) {
    Objects.requireNonNull(config, "config");
    Entry e;
    Health before;
    Health after;
    synchronized (lock) {
      e = require(name);
      before = e.health();
      e.config = config;
      // same health as before, counter within the new range
      e.counter =
          before == Health.UP
              ? Math.max(config.rise(), Math.min(e.counter, config.maxCounter()))
              : Math.min(e.counter, config.rise() - 1);
      after = e.health();
      rebuild();
    }
    if (before != after) {
      EndpointView v = view(e);
      fire(l -> l.healthChanged(v, before));
    }
  }

  /** The health check config of an endpoint. */
  public HealthCheckConfig healthCheck(String name) {
    synchronized (lock) {
      return require(name).config;
    }
  }

  /** Removes an endpoint; its open sessions are the pool's business. */
  public void remove(String name) {
    Entry e;
    synchronized (lock) {
      e = require(name);
      byName.remove(name);
      entries.remove(name);
      rebuild();
    }
    Endpoint gone = e.endpoint;
    fire(l -> l.endpointRemoved(gone));
  }

  /** No new sessions; existing sessions stay; health checks go on. */
  public void drain(String name) {
    setAdmin(name, AdminState.DRAINING);
  }

  /** No new sessions and health checks paused. */
  public void disable(String name) {
    setAdmin(name, AdminState.DISABLED);
  }

  /**
   * Takes new sessions again when healthy. Leaving {@link AdminState#DISABLED} restarts health from
   * the config's initial health (the paused checks tell nothing), as HAProxy does after MAINT.
   */
  public void enable(String name) {
    setAdmin(name, AdminState.ENABLED);
  }

  private void setAdmin(String name, AdminState state) {
    Entry e;
    AdminState previous;
    Health before;
    Health after;
    synchronized (lock) {
      e = require(name);
      previous = e.admin;
      if (previous == state) {
        return;
      }
      before = e.health();
      e.admin = state;
      if (previous == AdminState.DISABLED) {
        resetHealth(e);
      }
      after = e.health();
      rebuild();
    }
    EndpointView v = view(e);
    fire(l -> l.adminStateChanged(v, previous));
    if (before != after) {
      fire(l -> l.healthChanged(v, before));
    }
  }

  private void resetHealth(Entry e) {
    e.counter = e.config.initialCounter();
    e.ejected = false;
    e.passiveFailures = 0;
    e.upSince = Long.MIN_VALUE;
  }

  // ---------------------------------------------------------------- health input

  /**
   * Applies one active check result with HAProxy's rise/fall rule (see the class comment). Ignored
   * for an unknown (removed) or disabled endpoint. Called by {@link HealthChecker}; public so that
   * other probes and tests can feed results.
   */
  public void recordCheck(String name, ProbeOutcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    Entry e;
    Health before;
    Health after;
    synchronized (lock) {
      e = entries.get(name);
      if (e == null || e.admin == AdminState.DISABLED) {
        return;
      }
      before = e.health();
      int rise = e.config.rise();
      int max = e.config.maxCounter();
      if (outcome.result().isSuccess()) {
        e.addLatency(outcome.latencyNanos() / 1_000);
        e.load.latencyChanged(e);
        if (e.counter < max) {
          e.counter++;
          if (e.counter >= rise) {
            e.counter = max;
          }
        }
      } else if (e.counter > 0) {
        e.counter--;
        if (e.counter < rise) {
          e.counter = 0;
        }
      }
      e.lastResult = outcome.result();
      e.lastDetail = outcome.detail();
      after = e.health();
      if (after == Health.UP) {
        e.ejected = false;
      }
      if (before == Health.DOWN && after == Health.UP) {
        e.upSince = ticker.nanos();
        e.passiveFailures = 0;
      } else if (after == Health.DOWN) {
        e.upSince = Long.MIN_VALUE;
      }
      if (before != after) {
        rebuild();
      }
    }
    if (before != after) {
      EndpointView v = view(e);
      fire(l -> l.healthChanged(v, before));
    }
  }

  /** A session could not connect to the endpoint (passive failure). */
  public void reportConnectFailure(String name) {
    passiveFailure(name, "connect failure");
  }

  /** A session to the endpoint ended without being asked to (passive failure). */
  public void reportUnexpectedDrop(String name) {
    passiveFailure(name, "unexpected drop");
  }

  /** A session connected to the endpoint: resets the consecutive passive failures. */
  public void reportSuccess(String name) {
    synchronized (lock) {
      Entry e = entries.get(name);
      if (e != null) {
        e.passiveFailures = 0;
      }
    }
  }

  private void passiveFailure(String name, String what) {
    Entry e;
    Health before;
    synchronized (lock) {
      e = entries.get(name);
      if (e == null) {
        return;
      }
      e.passiveFailures++;
      before = e.health();
      if (e.passiveFailures < e.config.ejectAfter() || e.ejected) {
        return;
      }
      e.ejected = true;
      e.counter = 0;
      e.upSince = Long.MIN_VALUE;
      e.lastDetail =
          "ejected after " + e.passiveFailures + " consecutive failures (last: " + what + ")";
      LOG.warn("endpoint '{}' {}", name, e.lastDetail);
      if (before == Health.DOWN) {
        return;
      }
      rebuild();
    }
    EndpointView v = view(e);
    fire(l -> l.healthChanged(v, Health.UP));
  }

  // ---------------------------------------------------------------- session counters

  /**
   * One more session is open (or opening) to the endpoint. Call it when the balancer's pick is
   * taken, before connecting, so that concurrent picks see it.
   *
   * @return false (and nothing counted) when no endpoint has that name, e.g. it was just removed
   */
  public boolean sessionOpened(String name) {
    return adjust(name, 1, false);
  }

  /**
   * A session to the endpoint ended (or failed to open). A count already at 0 stays 0 (logged).
   *
   * @return false when no endpoint has that name (e.g. removed while the session ran)
   */
  public boolean sessionClosed(String name) {
    return adjust(name, -1, false);
  }

  /**
   * Sets the endpoint's count of open sessions outright (e.g. when the pool resynchronises).
   *
   * @return false when no endpoint has that name
   * @throws IllegalArgumentException when {@code count} is negative
   */
  public boolean setActiveSessions(String name, int count) {
    if (count < 0) {
      throw new IllegalArgumentException(
          "active sessions of '" + name + "' must be >= 0, got " + count);
    }
    return adjust(name, count, true);
  }

  /** Sessions open to the endpoint as counted here; 0 for an unknown name. */
  public int activeSessions(String name) {
    Entry e = byName.get(Objects.requireNonNull(name, "name"));
    return e == null ? 0 : e.sessions;
  }

  private boolean adjust(String name, int value, boolean absolute) {
    Entry e = byName.get(Objects.requireNonNull(name, "name"));
    if (e == null) {
      return false;
    }
    while (true) {
      GroupLoad gl = e.load;
      synchronized (gl) {
        if (e.load != gl) {
          continue; // moved to another group meanwhile
        }
        int count = absolute ? value : e.sessions + value;
        if (count < 0) {
          LOG.warn("endpoint '{}': session closed while none was counted open", name);
          count = 0;
        }
        gl.setSessions(e, count);
        return true;
      }
    }
  }

  // ---------------------------------------------------------------- reading

  /** Snapshots of all endpoints, in the order they were added. */
  public List<EndpointView> list() {
    List<Entry> copy;
    synchronized (lock) {
      copy = new ArrayList<>(entries.values());
    }
    List<EndpointView> out = new ArrayList<>(copy.size());
    for (Entry e : copy) {
      out.add(view(e));
    }
    return List.copyOf(out);
  }

  /** Snapshot of one endpoint. */
  public Optional<EndpointView> get(String name) {
    Entry e;
    synchronized (lock) {
      e = entries.get(name);
    }
    return e == null ? Optional.empty() : Optional.of(view(e));
  }

  /** Names of the groups that have at least one endpoint. */
  public Set<String> groups() {
    synchronized (lock) {
      Set<String> out = new HashSet<>();
      for (Entry e : entries.values()) {
        out.add(e.endpoint.group());
      }
      return Set.copyOf(out);
    }
  }

  /** The current version; it goes up whenever the eligible set of any group may have changed. */
  public long version() {
    return snapshot.version();
  }

  Snapshot snapshot() {
    return snapshot;
  }

  /** Weight factor for slow start: 1 when not ramping, else 0.1..1 linear over the window. */
  double weightFactor(Entry e) {
    long since = e.upSince;
    long window = slowStartNanos;
    if (since == Long.MIN_VALUE || window <= 0) {
      return 1.0;
    }
    long elapsed = ticker.nanos() - since;
    if (elapsed >= window) {
      return 1.0;
    }
    return Math.max(0.1, Math.max(0, elapsed) / (double) window);
  }

  /** Effective weight in tenths (weight * 10 * slow-start factor, at least 1). */
  int effectiveWeight(Entry e) {
    int base = e.endpoint.weight() * 10;
    double f = weightFactor(e);
    return f >= 1.0 ? base : Math.max(1, (int) Math.round(base * f));
  }

  /** True when some eligible entry of the group may still be ramping. O(1). */
  boolean rampingAny(GroupView g) {
    return g.load.mayRamp() && g.load.ramping(ticker.nanos());
  }

  EndpointView view(Entry e) {
    HealthCheckConfig c = e.config;
    int counter = e.counter;
    return new EndpointView(
        e.endpoint,
        e.admin,
        counter >= c.rise() ? Health.UP : Health.DOWN,
        counter,
        c.rise(),
        c.fall(),
        e.lastResult,
        e.lastDetail,
        e.ejected,
        e.passiveFailures,
        e.latency(),
        e.sessions,
        e.fallbackPicks.get(),
        weightFactor(e));
  }

  // ---------------------------------------------------------------- internals

  private Entry require(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new IllegalArgumentException(
          "no endpoint named '" + name + "' (known: " + entries.keySet() + ")");
    }
    return e;
  }

  private static void requireName(String s, String what) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }

  /** Called under the lock. */
  private void rebuild() {
    version++;
    Map<String, List<Entry>> members = new HashMap<>();
    Map<String, List<Entry>> eligible = new HashMap<>();
    for (Entry e : entries.values()) {
      String g = e.endpoint.group();
      members.computeIfAbsent(g, k -> new ArrayList<>()).add(e);
      List<Entry> el = eligible.computeIfAbsent(g, k -> new ArrayList<>());
      if (e.admin == AdminState.ENABLED && e.up()) {
        el.add(e);
      }
    }
    Map<String, GroupView> groups = new HashMap<>();
    long now = ticker.nanos();
    long window = slowStartNanos;
    for (var m : members.entrySet()) {
      GroupLoad gl = loads.computeIfAbsent(m.getKey(), GroupLoad::new);
      for (Entry e : m.getValue()) {
        GroupLoad old = e.load;
        if (old != gl) {
          if (old != null) {
            synchronized (old) {
              old.detach(e);
              e.load = gl;
            }
          } else {
            e.load = gl;
          }
        }
      }
    }
    for (var it = loads.entrySet().iterator(); it.hasNext(); ) {
      var l = it.next();
      List<Entry> el = eligible.get(l.getKey());
      if (el == null) {
        l.getValue().reset(new Entry[0], false, 0);
        it.remove();
        continue;
      }
      boolean ramping = false;
      long rampEnd = now;
      if (window > 0) {
        for (Entry e : el) {
          long since = e.upSince;
          if (since != Long.MIN_VALUE && now - (since + window) < 0) {
            if (!ramping || (since + window) - rampEnd > 0) {
              rampEnd = since + window;
            }
            ramping = true;
          }
        }
      }
      Entry[] arr = el.toArray(new Entry[0]);
      l.getValue().reset(arr, ramping, rampEnd);
      groups.put(
          l.getKey(),
          new GroupView(
              l.getKey(),
              version,
              members.get(l.getKey()).toArray(new Entry[0]),
              arr,
              l.getValue()));
    }
    snapshot = new Snapshot(version, Map.copyOf(groups), Map.copyOf(fallbacks));
  }

  private void fire(Consumer<EndpointListener> call) {
    for (EndpointListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException ex) {
        LOG.error("endpoint listener {} failed", l, ex);
      }
    }
  }
}
