package dev.console3270.api.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.console3270.api.events.ConsoleEvent;
import dev.console3270.api.events.EventFilter;
import dev.console3270.api.events.EventHub;
import dev.console3270.api.events.EventSubscription;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers hub events to webhook subscriptions. Its intake thread takes every event from its own
 * hub subscription (resubscribing from the last id when the hub drops it, so the hub never waits);
 * for each enabled subscription whose types match, a {@link Delivery} is written to the journal (so
 * it survives a restart) and POSTed on the dispatcher's own threads, signed as {@link
 * WebhookSigner} says. Only a 2xx response counts as delivered; other answers and errors are
 * retried after {@link Config#retries()} (with jitter); a {@code 410 Gone} disables the
 * subscription at once; after {@link Config#disableAfter()} deliveries in a row that used up their
 * retries it is disabled too. Each disabling publishes {@code webhook.disabled}. Every attempt is
 * logged per subscription (bounded, in memory).
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  /** The journal's file name in the configuration directory. */
  public static final String JOURNAL = "webhook-deliveries.jsonl";

  /**
   * Settings.
   *
   * @param retries delays before the 2nd, 3rd, ... attempt (the first is immediate)
   * @param jitter each delay is varied by up to this fraction either way (0 to 1)
   * @param disableAfter deliveries in a row that exhausted their retries before the subscription is
   *     disabled
   * @param timeout per-request timeout
   * @param threads sending threads
   * @param logSize attempts kept per subscription in the delivery log
   * @param intakeQueue hub events the intake may have waiting
   */
  public record Config(
      List<Duration> retries,
      double jitter,
      int disableAfter,
      Duration timeout,
      int threads,
      int logSize,
      int intakeQueue) {
    /** Checks the values. */
    public Config {
      retries = List.copyOf(retries);
      if (jitter < 0 || jitter > 1) {
        throw new IllegalArgumentException("jitter must be 0..1: " + jitter);
      }
      if (disableAfter < 1 || threads < 1 || logSize < 1 || intakeQueue < 1) {
        throw new IllegalArgumentException(
            "disableAfter, threads, logSize, intakeQueue must be >= 1");
      }
    }

    /**
     * The Standard Webhooks schedule (immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h),
     * 10 % jitter, disabled after 5 failed deliveries in a row, 10 s timeout, 2 threads, 100 log
     * entries per subscription.
     */
    public static Config defaults() {
      return new Config(
          List.of(
              Duration.ofSeconds(5),
              Duration.ofMinutes(5),
              Duration.ofMinutes(30),
              Duration.ofHours(2),
              Duration.ofHours(5),
              Duration.ofHours(10),
              Duration.ofHours(10)),
          0.1,
          5,
          Duration.ofSeconds(10),
          2,
          100,
          10_000);
    }
  }

  private final WebhookStore store;
  private final EventHub hub;
  private final Config config;
  private final HttpClient http;
  private final Clock clock;
  private final DeliveryJournal journal;
  private final SecureRandom random = new SecureRandom();
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Delivery> pending = new ConcurrentHashMap<>();
  private final Map<String, Delivery> finished; // bounded, for redeliver
  private final Map<String, Deque<DeliveryAttempt>> log = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failuresInARow = new ConcurrentHashMap<>();
  private final java.util.Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final ScheduledThreadPoolExecutor senders;
  private final Thread intake;
  private volatile boolean closed;

  private WebhookDispatcher(
      WebhookStore store,
      DeliveryJournal journal,
      Map<String, Delivery> restored,
      EventHub hub,
      Config config,
      HttpClient http,
      Clock clock) {
    this.store = store;
    this.journal = journal;
    this.hub = hub;
    this.config = config;
    this.http = http;
    this.clock = clock;
    this.finished =
        java.util.Collections.synchronizedMap(
            new LinkedHashMap<>() {
              private static final long serialVersionUID = 1L;

              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Delivery> e) {
                return size() > 1000;
              }
            });
    AtomicInteger n = new AtomicInteger();
    this.senders =
        new ScheduledThreadPoolExecutor(
            config.threads(),
            r -> {
              Thread t = new Thread(r, "webhook-sender-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pending.putAll(restored);
    for (Delivery d : restored.values()) {
      schedule(d);
    }
    long startId = hub.lastId();
    EventSubscription first = hub.subscribe(EventFilter.all(), config.intakeQueue(), startId);
    this.intake = new Thread(() -> intakeLoop(first, startId), "webhook-intake");
    intake.setDaemon(true);
    intake.start();
  }

  /**
   * Opens the dispatcher: reads the journal (pending deliveries are sent again when due),
   * subscribes to {@code hub} for events published from now on, and starts its threads.
   *
   * @param journalFile the JSON Lines journal (e.g. {@value #JOURNAL} in the config directory)
   * @throws IOException when the journal cannot be read or rewritten
   */
  public static WebhookDispatcher open(
      WebhookStore store,
      Path journalFile,
      EventHub hub,
      Config config,
      HttpClient http,
      Clock clock)
      throws IOException {
    Map<String, Delivery> restored = new LinkedHashMap<>();
    DeliveryJournal j = DeliveryJournal.open(journalFile, restored);
    return new WebhookDispatcher(store, j, restored, hub, config, http, clock);
  }

  private void intakeLoop(EventSubscription first, long startId) {
    long last = startId;
    EventSubscription next = first;
    while (!closed) {
      try (EventSubscription sub =
          next != null ? next : hub.subscribe(EventFilter.all(), config.intakeQueue(), last)) {
        next = null;
        while (!closed) {
          ConsoleEvent e = sub.poll(Duration.ofSeconds(1));
          if (e == null) {
            if (sub.isEnded()) {
              if (hub.isClosed()) {
                return;
              }
              break;
            }
            continue;
          }
          if (e.type().equals(ConsoleEvent.GAP)) {
            LOG.warn("webhooks missed events: {}", e.data().get("reason"));
          }
          if (e.isMarker()) {
            last = e.id();
            continue;
          }
          last = e.id();
          accept(e);
        }
      } catch (InterruptedException ie) {
        return;
      } catch (RuntimeException ex) {
        LOG.warn("webhook intake failed; resubscribing", ex);
      }
    }
  }

  /** Queues deliveries of {@code e} to every enabled subscription it matches. */
  private void accept(ConsoleEvent e) {
    for (Subscription s : store.list()) {
      if (!s.enabled() || !s.matches(e.type())) {
        continue;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", e.type());
      body.put("timestamp", e.time().toString());
      body.put("data", e.data());
      String text;
      try {
        text = json.writeValueAsString(body);
      } catch (JsonProcessingException ex) {
        LOG.warn("event {} cannot be encoded for webhooks: {}", e.id(), ex.getMessage());
        return;
      }
      Instant now = clock.instant();
      Delivery d = new Delivery(newId(), s.id(), e.id(), e.type(), text, 0, now, now);
      try {
        journal.queued(d);
      } catch (IOException ex) {
        LOG.error(
            "webhook delivery of event {} to {} not journaled, sending anyway", e.id(), s.id(), ex);
      }
      pending.put(d.id(), d);
      schedule(d);
    }
  }

  private String newId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private void schedule(Delivery d) {
    long delay = Math.max(0, Duration.between(clock.instant(), d.nextAttempt()).toMillis());
    try {
      senders.schedule(() -> attempt(d.id(), d.attempts(), false), delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: the journal keeps it for the next start
    }
  }

  /**
   * One attempt, unless the delivery is finished or it has moved on since this attempt was
   * scheduled (a redeliver ran meanwhile). Only one attempt of a delivery runs at a time: a
   * scheduled one finding another running is dropped (that one schedules what follows), a forced
   * one ({@link #redeliver}) waits for it.
   */
  private void attempt(String deliveryId, int attemptsWhenScheduled, boolean forced) {
    Delivery d = pending.get(deliveryId);
    if (d == null || closed || (!forced && d.attempts() != attemptsWhenScheduled)) {
      return;
    }
    if (!inFlight.add(deliveryId)) {
      if (forced) {
        try {
          senders.schedule(() -> attempt(deliveryId, 0, true), 20, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
          // closing
        }
      }
      return;
    }
    d = pending.get(deliveryId); // the attempt that just ended may have moved it on
    if (d == null || (!forced && d.attempts() != attemptsWhenScheduled)) {
      inFlight.remove(deliveryId);
      return;
    }
    try {
      tryOnce(d);
    } catch (RuntimeException e) {
      LOG.error("webhook delivery {} attempt failed unexpectedly", deliveryId, e);
    } finally {
      inFlight.remove(deliveryId);
    }
  }

  private void tryOnce(Delivery d) {
    Optional<Subscription> sub = store.get(d.subscriptionId());
    if (sub.isEmpty() || !sub.get().enabled()) {
      finish(d, "skipped");
      return;
    }
    Subscription s = sub.get();
    byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
    Instant start = clock.instant();
    HttpRequest.Builder req =
        HttpRequest.newBuilder(s.url())
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "Console3270-Webhooks")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    WebhookSigner.headers(s.secret(), d.id(), start.getEpochSecond(), body).forEach(req::header);
    long t0 = System.nanoTime();
    int status = 0;
    String error = "";
    try {
      status = http.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // closing: still pending in the journal
    } catch (IOException | RuntimeException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    if (closed) {
      return;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    int attempt = d.attempts() + 1;
    boolean ok = status >= 200 && status < 300;
    record(
        new DeliveryAttempt(
            d.id(), s.id(), d.eventId(), d.eventType(), attempt, start, status, error, took, ok));
    if (ok) {
      failuresInARow.remove(s.id());
      finish(d, "delivered");
    } else if (status == 410) {
      finish(d, "gone");
      disable(s, "the receiver answered 410 Gone");
    } else if (attempt <= config.retries().size()) {
      Delivery next =
          d.retryAt(attempt, clock.instant().plus(jittered(config.retries().get(attempt - 1))));
      pending.put(next.id(), next);
      try {
        journal.retry(next);
      } catch (IOException e) {
        LOG.error("webhook retry of {} not journaled", d.id(), e);
      }
      schedule(next);
    } else {
      finish(d, "failed");
      int n = failuresInARow.computeIfAbsent(s.id(), k -> new AtomicInteger()).incrementAndGet();
      if (n >= config.disableAfter()) {
        disable(s, n + " deliveries in a row failed after all retries");
      }
    }
  }

  private Duration jittered(Duration base) {
    double f = 1 + config.jitter() * (2 * random.nextDouble() - 1);
    return Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * f)));
  }

  private void record(DeliveryAttempt a) {
    Deque<DeliveryAttempt> q = log.computeIfAbsent(a.subscriptionId(), k -> new ArrayDeque<>());
    synchronized (q) {
      q.addLast(a);
      while (q.size() > config.logSize()) {
        q.removeFirst();
      }
    }
  }

  private void finish(Delivery d, String result) {
    pending.remove(d.id());
    finished.put(d.id(), d);
    try {
      journal.done(d.id(), result, List.copyOf(pending.values()));
    } catch (IOException e) {
      LOG.error("webhook delivery {} end not journaled", d.id(), e);
    }
  }

  private void disable(Subscription s, String reason) {
    failuresInARow.remove(s.id());
    try {
      store.setEnabled(s.id(), false, reason);
    } catch (IOException | IllegalArgumentException e) {
      LOG.error("webhook subscription {} could not be disabled", s.id(), e);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("subscription", s.id());
    data.put("url", s.url().toString());
    data.put("reason", reason);
    LOG.warn("webhook subscription {} disabled: {}", s.id(), reason);
    hub.publish(ConsoleEvent.WEBHOOK_DISABLED, data);
  }

  /** The delivery log of a subscription, oldest attempt first (empty when none). */
  public List<DeliveryAttempt> log(String subscriptionId) {
    Deque<DeliveryAttempt> q = log.get(subscriptionId);
    if (q == null) {
      return List.of();
    }
    synchronized (q) {
      return List.copyOf(q);
    }
  }

  /** The deliveries not yet finished, oldest first. */
  public List<Delivery> pending() {
    List<Delivery> out = new ArrayList<>(pending.values());
    out.sort(java.util.Comparator.comparing(Delivery::created).thenComparing(Delivery::id));
    return out;
  }

  /** A pending or recently finished delivery. */
  public Optional<Delivery> delivery(String id) {
    Delivery d = pending.get(id);
    return Optional.ofNullable(d != null ? d : finished.get(id));
  }

  /**
   * Sends a delivery again now, with the same {@code webhook-id}: a pending one gets an attempt at
   * once; a finished one (among the last 1,000) is queued again with its retries afresh.
   *
   * @throws IllegalArgumentException when the id is unknown (or too old)
   * @throws IllegalStateException when the dispatcher is closed
   */
  public Delivery redeliver(String deliveryId) throws IOException {
    if (closed) {
      throw new IllegalStateException("the webhook dispatcher is closed");
    }
    Delivery p = pending.get(deliveryId);
    if (p != null) {
      senders.execute(() -> attempt(deliveryId, p.attempts(), true));
      return p;
    }
    Delivery old = finished.remove(deliveryId);
    if (old == null) {
      throw new IllegalArgumentException("no recent webhook delivery " + deliveryId);
    }
    Instant now = clock.instant();
    Delivery d =
        new Delivery(
            old.id(),
            old.subscriptionId(),
            old.eventId(),
            old.eventType(),
            old.body(),
            0,
            now,
            now);
    journal.queued(d);
    pending.put(d.id(), d);
    schedule(d);
    return d;
  }

  /**
   * Stops the threads; attempts in flight are abandoned and, like everything pending, sent again
   * after the next {@link #open}.
   */
  @Override
  public void close() {
    closed = true;
    intake.interrupt();
    senders.shutdownNow();
    try {
      intake.join(5000);
      senders.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      journal.close();
    } catch (IOException e) {
      LOG.warn("webhook journal close failed", e);
    }
  }

  /** Lines in the journal file now (for tests). */
  int journalLines() {
    return journal.lines();
  }
}
