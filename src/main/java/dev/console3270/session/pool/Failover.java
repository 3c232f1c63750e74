package dev.console3270.session.pool;

import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.EndpointListener;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.endpoint.EndpointView;
import dev.console3270.endpoint.Health;
import dev.console3270.endpoint.NoEndpointAvailableException;
import dev.console3270.endpoint.PickRequest;
import dev.console3270.session.SessionProfile;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failover: when a pooled session's connection drops unexpectedly, or its endpoint goes DOWN, the
 * session reconnects through the balancer to a healthy endpoint, runs its logon macro there and
 * fires {@link PoolEvent#FAILED_OVER}; the id, the listeners and the tab stay the same.
 *
 * <p>Attempts follow exponential backoff with jitter: the first at once, then after {@code
 * initial}, {@code 2 x initial}, ... capped at {@code max}, each delay drawn uniformly from its
 * upper half ("equal jitter") so that many sessions failing together do not return together. An
 * attempt that finds no endpoint available, or whose connection or logon check fails, schedules the
 * next one. After {@code maxAttempts} the session stays {@link PoolState#FAILED} and an {@link
 * PoolEvent#ERROR} says that failover gave up and why: no session is silently lost.
 *
 * <p>A drop is also reported to the registry as passive health ({@link
 * EndpointRegistry#reportUnexpectedDrop}), and a successful failover as success for the new
 * endpoint. The balancer does the rest: DOWN, drained and full endpoints are skipped, a group's
 * fallback chain is followed, and a recovered endpoint gets slow start. A session with a sticky key
 * ({@link Plan#stickyKey()}) re-picks with it, so it lands where the sessions sharing its key are
 * while that endpoint is eligible (under {@link dev.console3270.endpoint.Strategy#STICKY}).
 */
public final class Failover implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Failover.class);

  /**
   * How failover retries.
   *
   * @param initial the delay before the second attempt
   * @param max the longest delay
   * @param maxAttempts attempts before giving up (at least 1)
   */
  public record Backoff(Duration initial, Duration max, int maxAttempts) {
    /** Checks the values. */
    public Backoff {
      if (initial.isNegative() || max.compareTo(initial) < 0 || maxAttempts < 1) {
        throw new IllegalArgumentException(
            "bad backoff: " + initial + ", " + max + ", " + maxAttempts);
      }
    }

    /** 250 ms doubling to 10 s, 8 attempts. */
    public static Backoff defaults() {
      return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10), 8);
    }

    /** The delay before attempt {@code n} (0-origin): 0 for the first, then equal jitter. */
    long delayMillis(int n, Random random) {
      if (n == 0) {
        return 0;
      }
      long base = initial.toMillis() << Math.min(20, n - 1);
      long cap = Math.min(base, max.toMillis());
      long half = cap / 2;
      return half + (half > 0 ? (long) (random.nextDouble() * (cap - half + 1)) : 0);
    }
  }

  /**
   * What failover needs to know of a session.
   *
   * @param group the endpoint group to pick from
   * @param stickyKey the key to pick with (usually {@link PooledSession#stickyKey()}), or null
   * @param logon the macro that signs on at the new endpoint
   */
  public record Plan(String group, String stickyKey, LogonMacro logon) {}

  private final SessionPool pool;
  private final EndpointRegistry registry;
  private final Balancer balancer;
  private final Backoff backoff;
  private volatile Function<PooledSession, Plan> plans;
  private final ScheduledExecutorService timer;
  private final Random random = new Random();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
  private final PoolHook hook = this::onPoolEvent;
  private final EndpointListener listener =
      new EndpointListener() {
        @Override
        public void healthChanged(EndpointView view, Health previous) {
          if (view.health() == Health.DOWN) {
            endpointDown(view.name());
          }
        }
      };
  private volatile boolean closed;

  /**
   * Watches a pool and a registry.
   *
   * @param plans gives each session's group, sticky key and logon macro
   */
  public Failover(
      SessionPool pool,
      EndpointRegistry registry,
      Balancer balancer,
      Backoff backoff,
      Function<PooledSession, Plan> plans) {
    this.pool = pool;
    this.registry = registry;
    this.balancer = balancer;
    this.backoff = backoff;
    this.plans = plans;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "failover");
              t.setDaemon(true);
              return t;
            });
    pool.addHook(hook);
    registry.addListener(listener);
  }

  /**
   * Replaces how sessions' plans are found (the window, which knows each tab's profile, takes over
   * from the headless default); attempts already running keep the plan they read.
   */
  public void setPlans(Function<PooledSession, Plan> value) {
    this.plans = java.util.Objects.requireNonNull(value, "plans");
  }

  /** True while a session is failing over. */
  public boolean inProgress(String id) {
    return running.contains(id);
  }

  private void onPoolEvent(PoolEvent event, PooledSession session, Transition transition) {
    // a drop of a live connection (not a failed first connect, not our own give-up event)
    if (event == PoolEvent.ERROR
        && transition.to() == PoolState.FAILED
        && transition.from() != PoolState.FAILED
        && transition.from() != PoolState.CONNECTING
        && transition.from() != PoolState.NEW
        && !running.contains(session.id())) {
      if (registry.get(session.endpointName()).isPresent()) {
        registry.reportUnexpectedDrop(session.endpointName());
      }
      start(
          session.id(),
          "connection to " + session.endpointName() + " lost: " + transition.detail());
    }
  }

  /** Moves every live session off an endpoint that went DOWN. */
  private void endpointDown(String endpoint) {
    for (PooledSession s : pool.list()) {
      PoolState st = s.state();
      if (s.endpointName().equals(endpoint)
          && (st == PoolState.CONNECTED || st == PoolState.IDLE || st == PoolState.FAILED)) {
        start(s.id(), "endpoint " + endpoint + " is DOWN");
      }
    }
  }

  /** Starts failing a session over (no-op when it already is). */
  public void start(String id, String reason) {
    if (closed || !running.add(id)) {
      return;
    }
    LOG.info("failover of session {}: {}", id, reason);
    attempts.put(id, 0);
    schedule(id, 0, reason);
  }

  private void schedule(String id, int attempt, String lastReason) {
    if (closed) {
      running.remove(id);
      return;
    }
    long delay = backoff.delayMillis(attempt, random);
    try {
      timer.schedule(() -> attempt(id, attempt, lastReason), delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      running.remove(id);
    }
  }

  private void attempt(String id, int attempt, String lastReason) {
    PooledSession s = pool.get(id).orElse(null);
    if (s == null || s.state() == PoolState.CLOSED) {
      running.remove(id);
      return;
    }
    if (attempt >= backoff.maxAttempts()) {
      running.remove(id);
      s.event(
          PoolEvent.ERROR, "failover gave up after " + attempt + " attempts; last: " + lastReason);
      return;
    }
    Plan plan = plans.apply(s);
    Endpoint target;
    try {
      target = pick(plan, s.endpointName());
    } catch (NoEndpointAvailableException e) {
      schedule(id, attempt + 1, e.getMessage());
      return;
    }
    SessionProfile profile =
        s.profile().withAddress(target.host(), target.port()).withTlsMode(target.tlsMode());
    pool.migrate(id, target.name(), profile, plan.logon(), PoolEvent.FAILED_OVER)
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                running.remove(id);
                attempts.remove(id);
                registry.reportSuccess(target.name());
                LOG.info(
                    "session {} failed over to {} (attempt {})", id, target.name(), attempt + 1);
              } else {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                registry.reportConnectFailure(target.name());
                schedule(id, attempt + 1, cause == null ? error.toString() : cause.getMessage());
              }
            });
  }

  /**
   * A healthy endpoint. With a sticky key, the one the balancer picks for the key, so the session
   * joins the sessions sharing its key (even the endpoint it just left, while the balancer still
   * finds that one eligible). Without one, avoiding the endpoint the session just left when another
   * is eligible.
   */
  private Endpoint pick(Plan plan, String leaving) {
    PickRequest request = new PickRequest(plan.group(), plan.stickyKey());
    Endpoint first = balancer.pick(request);
    if (plan.stickyKey() != null || !first.name().equals(leaving)) {
      return first;
    }
    for (int i = 0; i < 4; i++) {
      Endpoint next = balancer.pick(new PickRequest(plan.group(), null));
      if (!next.name().equals(leaving)) {
        return next;
      }
    }
    return first;
  }

  @Override
  public void close() {
    closed = true;
    pool.removeHook(hook);
    registry.removeListener(listener);
    timer.shutdownNow();
  }
}
