package dev.console3270.api.events;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One subscriber's view of an {@link EventHub}: first the replayed events it missed, then live
 * events in publication order, through a bounded queue. When the queue is full the subscriber is
 * dropped: it still gets what was queued, then one {@link ConsoleEvent#DROPPED} event, then
 * nothing. Publishing never waits for a subscriber.
 */
public final class EventSubscription implements AutoCloseable {
  private final EventHub hub;
  private final EventFilter filter;
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final ArrayDeque<ConsoleEvent> backlog;
  private final ArrayDeque<ConsoleEvent> live = new ArrayDeque<>();
  private long lastQueuedId;
  private boolean closed;
  private boolean ended;
  private String closeReason = "";

  EventSubscription(
      EventHub hub, EventFilter filter, int capacity, List<ConsoleEvent> replay, long lastId) {
    this.hub = hub;
    this.filter = filter;
    this.capacity = capacity;
    this.backlog = new ArrayDeque<>(replay);
    this.lastQueuedId = lastId;
  }

  /** Called by the hub, under its lock; never blocks beyond this subscriber's short lock. */
  boolean offer(ConsoleEvent event) {
    if (!filter.allows(event)) {
      return true;
    }
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      if (live.size() >= capacity) {
        closed = true;
        closeReason = "too slow: more than " + capacity + " events waiting";
        live.add(
            new ConsoleEvent(
                lastQueuedId,
                event.time(),
                ConsoleEvent.DROPPED,
                java.util.Map.of("reason", closeReason, "resumeAfter", lastQueuedId)));
        ready.signalAll();
        return false;
      }
      live.add(event);
      lastQueuedId = event.id();
      ready.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next event, waiting up to {@code timeout}.
   *
   * @return the event, or null when none came in time or the subscription has ended ({@link
   *     #isEnded()})
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public ConsoleEvent poll(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        ConsoleEvent e = backlog.poll();
        if (e == null) {
          e = live.poll();
        }
        if (e != null) {
          return e;
        }
        if (closed) {
          ended = true;
          return null;
        }
        if (nanos <= 0) {
          return null;
        }
        nanos = ready.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The next event if one is waiting, else null. */
  public ConsoleEvent poll() {
    try {
      return poll(Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** True once the subscription is closed (by its owner, the hub, or for being too slow). */
  public boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** True once closed and every queued event has been taken. */
  public boolean isEnded() {
    lock.lock();
    try {
      return ended || (closed && backlog.isEmpty() && live.isEmpty());
    } finally {
      lock.unlock();
    }
  }

  /** Why it was closed ("" while open or when closed by its owner). */
  public String closeReason() {
    lock.lock();
    try {
      return closeReason;
    } finally {
      lock.unlock();
    }
  }

  /** Events waiting to be taken. */
  public int pending() {
    lock.lock();
    try {
      return backlog.size() + live.size();
    } finally {
      lock.unlock();
    }
  }

  void end(String reason) {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        closeReason = reason;
      }
      ready.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops the subscription; waiting pollers return null. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      backlog.clear();
      live.clear();
      ready.signalAll();
    } finally {
      lock.unlock();
    }
    hub.remove(this);
  }
}
