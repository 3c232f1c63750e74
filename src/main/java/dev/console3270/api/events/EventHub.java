package dev.console3270.api.events;

import dev.console3270.audit.AuditEvent;
import dev.console3270.audit.AuditLog;
import dev.console3270.endpoint.AdminState;
import dev.console3270.endpoint.EndpointListener;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.endpoint.EndpointView;
import dev.console3270.endpoint.Health;
import dev.console3270.session.SessionListener;
import dev.console3270.session.pool.PoolEvent;
import dev.console3270.session.pool.PoolHook;
import dev.console3270.session.pool.PooledSession;
import dev.console3270.session.pool.SessionPool;
import dev.console3270.session.pool.Transition;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's event stream. {@link #publish} numbers an event, keeps it in a bounded ring buffer
 * and offers it to every subscriber's bounded queue; it never blocks on a subscriber (a full one is
 * dropped). A subscriber reconnecting with the last id it saw gets what it missed from the buffer,
 * or a {@link ConsoleEvent#GAP} marker first when some of it is gone.
 *
 * <p>Ids start at {@code clock.millis() * 1000} so that they keep increasing across restarts (a
 * client's id from before a restart is older than the buffer and gets a gap marker).
 */
public final class EventHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

  /** Events kept for replay by default. */
  public static final int DEFAULT_BUFFER = 10_000;

  /** Live events a subscriber may have waiting by default before it is dropped. */
  public static final int DEFAULT_QUEUE = 1_000;

  /** Shortest time between two {@code session.screen} events of one session by default. */
  public static final Duration DEFAULT_SCREEN_INTERVAL = Duration.ofMillis(100);

  /** Detaches an adapter. */
  public interface Attachment extends AutoCloseable {
    /** Stops listening; idempotent. */
    @Override
    void close();
  }

  private final Clock clock;
  private final ConsoleEvent[] ring;
  private final long screenIntervalNanos;
  private final List<EventSubscription> subscribers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer;
  private long nextId;
  private int head; // index of the oldest event
  private int size;
  private boolean closed;

  /** A hub with the default buffer, the system clock and 100 ms screen coalescing. */
  public EventHub() {
    this(DEFAULT_BUFFER, DEFAULT_SCREEN_INTERVAL, Clock.systemUTC());
  }

  /**
   * A hub.
   *
   * @param bufferSize events kept for replay (at least 1)
   * @param screenInterval shortest time between two {@code session.screen} events of one session
   * @param clock stamps events and gives the first id
   */
  public EventHub(int bufferSize, Duration screenInterval, Clock clock) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("buffer size must be at least 1: " + bufferSize);
    }
    this.clock = clock;
    this.ring = new ConsoleEvent[bufferSize];
    this.screenIntervalNanos = screenInterval.toNanos();
    this.nextId = Math.max(1, clock.millis() * 1000);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "event-hub-timer");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Publishes an event: numbers it, buffers it and offers it to the subscribers. Never blocks on a
   * subscriber. After {@link #close()} the event is numbered and returned but not kept.
   *
   * @param data JSON-able facts (copied)
   * @return the event as published
   */
  public ConsoleEvent publish(String type, Map<String, ?> data) {
    Map<String, Object> copy = new LinkedHashMap<>(data);
    ConsoleEvent event;
    synchronized (this) {
      event = new ConsoleEvent(nextId++, clock.instant(), type, copy);
      if (closed) {
        return event;
      }
      int tail = (head + size) % ring.length;
      ring[tail] = event;
      if (size == ring.length) {
        head = (head + 1) % ring.length;
      } else {
        size++;
      }
      for (EventSubscription s : subscribers) {
        if (!s.offer(event)) {
          subscribers.remove(s);
          LOG.info("event subscriber dropped: {}", s.closeReason());
        }
      }
    }
    return event;
  }

  /**
   * Subscribes to live events only.
   *
   * @param filter what the subscriber may see
   * @param queueSize live events it may have waiting before it is dropped
   */
  public EventSubscription subscribe(EventFilter filter, int queueSize) {
    return subscribe(filter, queueSize, -1);
  }

  /**
   * Subscribes, first replaying the buffered events after {@code lastEventId} (those the filter
   * lets through). When events after {@code lastEventId} are no longer buffered (or the id is
   * unknown to this hub: newer than any event), the replay starts with a {@link ConsoleEvent#GAP}
   * marker whose id is just before the oldest buffered event.
   *
   * @param lastEventId the last id the subscriber saw; negative for live events only
   */
  public synchronized EventSubscription subscribe(
      EventFilter filter, int queueSize, long lastEventId) {
    if (queueSize < 1) {
      throw new IllegalArgumentException("queue size must be at least 1: " + queueSize);
    }
    List<ConsoleEvent> replay = new ArrayList<>();
    long lastQueued = nextId - 1;
    if (lastEventId >= 0) {
      long oldest = size == 0 ? nextId : ring[head].id();
      if (lastEventId < oldest - 1 || lastEventId >= nextId) {
        Map<String, Object> gap = new LinkedHashMap<>();
        gap.put("lastEventId", lastEventId);
        gap.put("oldestAvailable", size == 0 ? null : oldest);
        gap.put("reason", "events after " + lastEventId + " are no longer buffered");
        replay.add(new ConsoleEvent(oldest - 1, clock.instant(), ConsoleEvent.GAP, gap));
      }
      for (int i = 0; i < size; i++) {
        ConsoleEvent e = ring[(head + i) % ring.length];
        if (e.id() > lastEventId && filter.allows(e)) {
          replay.add(e);
        }
      }
    }
    EventSubscription s = new EventSubscription(this, filter, queueSize, replay, lastQueued);
    if (closed) {
      s.end("the event hub is closed");
    } else {
      subscribers.add(s);
    }
    return s;
  }

  /** The buffered events after {@code afterId}, oldest first (for tests and diagnostics). */
  public synchronized List<ConsoleEvent> buffered(long afterId) {
    List<ConsoleEvent> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ConsoleEvent e = ring[(head + i) % ring.length];
      if (e.id() > afterId) {
        out.add(e);
      }
    }
    return out;
  }

  /** The id of the last published event (one less than the first id before any). */
  public synchronized long lastId() {
    return nextId - 1;
  }

  /** True after {@link #close()}. */
  public synchronized boolean isClosed() {
    return closed;
  }

  /** Live subscribers. */
  public int subscriberCount() {
    return subscribers.size();
  }

  void remove(EventSubscription s) {
    subscribers.remove(s);
  }

  /**
   * Publishes the pool's lifecycle ({@code session.created}, {@code session.state}) and screen
   * changes ({@code session.screen}, at most one per session per screen interval, the latest
   * version last) for the sessions in it now and those created later.
   */
  public Attachment attach(SessionPool pool) {
    Map<String, ScreenRelay> relays = new ConcurrentHashMap<>();
    PoolHook hook =
        (event, session, t) -> {
          if (event == PoolEvent.CREATED) {
            publish(ConsoleEvent.SESSION_CREATED, sessionData(session, t));
            relays.computeIfAbsent(session.id(), id -> relay(session));
          } else {
            Map<String, Object> d = sessionData(session, t);
            d.put("event", event.name());
            publish(ConsoleEvent.SESSION_STATE, d);
            if (event == PoolEvent.CLOSED) {
              ScreenRelay r = relays.remove(session.id());
              if (r != null) {
                session.removeListener(r);
              }
            }
          }
        };
    pool.addHook(hook);
    for (PooledSession s : pool.list()) {
      relays.computeIfAbsent(s.id(), id -> relay(s));
    }
    return () -> {
      pool.removeHook(hook);
      for (PooledSession s : pool.list()) {
        ScreenRelay r = relays.remove(s.id());
        if (r != null) {
          s.removeListener(r);
        }
      }
      relays.clear();
    };
  }

  private ScreenRelay relay(PooledSession session) {
    ScreenRelay r = new ScreenRelay(session.id());
    session.addListener(r);
    return r;
  }

  private static Map<String, Object> sessionData(PooledSession s, Transition t) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("session", s.id());
    d.put("name", s.name());
    d.put("endpoint", s.endpointName());
    d.put("from", t.from().name());
    d.put("state", t.to().name());
    if (!t.detail().isEmpty()) {
      d.put("detail", t.detail());
    }
    return d;
  }

  /** Coalesces one session's screen changes: at most one event per interval, latest version. */
  private final class ScreenRelay implements SessionListener {
    private final String sessionId;
    private long lastSent = Long.MIN_VALUE;
    private long pendingVersion = -1;
    private boolean scheduled;

    ScreenRelay(String sessionId) {
      this.sessionId = sessionId;
    }

    @Override
    public void screenChanged(long version) {
      long now = System.nanoTime();
      synchronized (this) {
        if (scheduled) {
          pendingVersion = version;
          return;
        }
        long wait = lastSent == Long.MIN_VALUE ? 0 : lastSent + screenIntervalNanos - now;
        if (wait > 0) {
          pendingVersion = version;
          scheduled = true;
          try {
            timer.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
          } catch (java.util.concurrent.RejectedExecutionException e) {
            scheduled = false; // hub closed
          }
          return;
        }
        lastSent = now;
      }
      send(version);
    }

    private void flush() {
      long version;
      synchronized (this) {
        version = pendingVersion;
        scheduled = false;
        lastSent = System.nanoTime();
      }
      send(version);
    }

    private void send(long version) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("session", sessionId);
      d.put("version", version);
      publish(ConsoleEvent.SESSION_SCREEN, d);
    }
  }

  /** Publishes {@code endpoint.health} and {@code endpoint.admin} events of the registry. */
  public Attachment attach(EndpointRegistry registry) {
    EndpointListener l =
        new EndpointListener() {
          @Override
          public void healthChanged(EndpointView view, Health previous) {
            Map<String, Object> d = endpointData(view);
            d.put("health", view.health().name());
            d.put("previous", previous.name());
            d.put("detail", view.lastDetail());
            publish(ConsoleEvent.ENDPOINT_HEALTH, d);
          }

          @Override
          public void adminStateChanged(EndpointView view, AdminState previous) {
            Map<String, Object> d = endpointData(view);
            d.put("adminState", view.adminState().name());
            d.put("previous", previous.name());
            publish(ConsoleEvent.ENDPOINT_ADMIN, d);
          }
        };
    registry.addListener(l);
    return () -> registry.removeListener(l);
  }

  private static Map<String, Object> endpointData(EndpointView view) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("endpoint", view.name());
    d.put("group", view.endpoint().group());
    return d;
  }

  /**
   * An audit-log listener publishing every record as {@code audit.record} (data: seq, time, user,
   * auditType, outcome, origin, resource, details); which of them a caller sees is for its {@link
   * EventFilter} (see {@link EventFilter#auditTypes}).
   */
  public AuditLog.Listener auditListener() {
    return this::audit;
  }

  private void audit(AuditEvent r) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("seq", r.seq());
    d.put("time", r.time().toString());
    d.put("user", r.user());
    d.put("auditType", r.type().name());
    d.put("outcome", r.outcome().name());
    d.put("origin", r.origin());
    d.put("resource", r.resource());
    d.put("details", new LinkedHashMap<>(r.details()));
    publish(ConsoleEvent.AUDIT_RECORD, d);
  }

  /** Ends every subscription (their queued events can still be taken) and stops the timer. */
  @Override
  public void close() {
    List<EventSubscription> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(subscribers);
      subscribers.clear();
    }
    for (EventSubscription s : all) {
      s.end("the event hub is closed");
    }
    timer.shutdownNow();
  }
}
