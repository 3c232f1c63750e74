package dev.console3270.endpoint;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the active health checks of every endpoint of a registry: one probe per endpoint at a time,
 * the next one {@code interval} after the previous ended (per-endpoint config), first checks spread
 * over the interval. Disabled endpoints are not probed. Follows the registry: added endpoints get
 * checked, removed ones stop. Probes block, on a small pool of daemon threads.
 */
public final class HealthChecker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

  private final EndpointRegistry registry;
  private final Probe probe;
  private final ScheduledThreadPoolExecutor executor;
  private final Map<String, Chain> tasks = new ConcurrentHashMap<>();
  private final EndpointListener follower =
      new EndpointListener() {
        @Override
        public void endpointAdded(EndpointView view) {
          begin(view.name());
        }

        @Override
        public void endpointRemoved(Endpoint endpoint) {
          Chain c = tasks.remove(endpoint.name());
          if (c != null && c.future != null) {
            c.future.cancel(false);
          }
        }
      };
  private volatile boolean started;
  private volatile boolean closed;

  /** Checks with {@link Tn3270Probe} on 4 threads. */
  public HealthChecker(EndpointRegistry registry) {
    this(registry, new Tn3270Probe(), 4);
  }

  /** Checks with the given probe on {@code threads} daemon threads. */
  public HealthChecker(EndpointRegistry registry, Probe probe, int threads) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.probe = Objects.requireNonNull(probe, "probe");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ScheduledThreadPoolExecutor(
            threads,
            r -> {
              Thread t = new Thread(r, "health-check-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Starts checking the registry's endpoints (and those added later). */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("health checker is closed");
    }
    if (started) {
      return;
    }
    started = true;
    registry.addListener(follower);
    for (EndpointView v : registry.list()) {
      begin(v.name());
    }
  }

  /**
   * Probes one endpoint now, on the calling thread, and feeds the result to the registry (unless
   * the endpoint is disabled: then the probe runs and its outcome is returned, not recorded).
   */
  public ProbeOutcome checkNow(String name) {
    EndpointView v =
        registry
            .get(name)
            .orElseThrow(() -> new IllegalArgumentException("no endpoint named '" + name + "'"));
    ProbeOutcome outcome = probe.probe(v.endpoint(), registry.healthCheck(name));
    registry.recordCheck(name, outcome);
    return outcome;
  }

  /** One endpoint's chain of checks; a new chain (re-added endpoint) makes the old one stop. */
  private static final class Chain {
    volatile ScheduledFuture<?> future;
  }

  private void begin(String name) {
    Chain chain = new Chain();
    Chain old = tasks.put(name, chain);
    if (old != null && old.future != null) {
      old.future.cancel(false);
    }
    schedule(name, chain, true);
  }

  private void schedule(String name, Chain chain, boolean first) {
    if (closed || tasks.get(name) != chain) {
      return;
    }
    HealthCheckConfig config;
    try {
      config = registry.healthCheck(name);
    } catch (IllegalArgumentException removed) {
      return;
    }
    long interval = config.interval().toNanos();
    long delay = first ? Math.floorMod((long) name.hashCode() * 7919L, interval) : interval;
    try {
      chain.future = executor.schedule(() -> run(name, chain), delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  private void run(String name, Chain chain) {
    if (closed || tasks.get(name) != chain) {
      return;
    }
    var view = registry.get(name);
    if (view.isEmpty()) {
      tasks.remove(name, chain);
      return;
    }
    try {
      if (view.get().adminState() != AdminState.DISABLED) {
        ProbeOutcome outcome = probe.probe(view.get().endpoint(), registry.healthCheck(name));
        registry.recordCheck(name, outcome);
      }
    } catch (RuntimeException e) {
      LOG.error("health check of endpoint '{}' failed", name, e);
    }
    schedule(name, chain, false);
  }

  /** Stops all checks. */
  @Override
  public synchronized void close() {
    closed = true;
    registry.removeListener(follower);
    executor.shutdownNow();
    tasks.clear();
  }
}
