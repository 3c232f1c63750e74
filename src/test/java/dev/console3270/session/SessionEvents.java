package dev.console3270.session;

import dev.console3270.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A listener that records what a session told it, and on which threads. */
final class SessionEvents implements SessionListener {
  final List<ConnectionState> states = Collections.synchronizedList(new ArrayList<>());
  final List<String> disconnectReasons = Collections.synchronizedList(new ArrayList<>());
  final List<ProtocolException> errors = Collections.synchronizedList(new ArrayList<>());
  final List<Boolean> locks = Collections.synchronizedList(new ArrayList<>());
  final Set<String> threads = Collections.synchronizedSet(new LinkedHashSet<>());
  final AtomicInteger connected = new AtomicInteger();
  final AtomicInteger disconnected = new AtomicInteger();
  final AtomicInteger screenChanges = new AtomicInteger();
  final AtomicInteger oiaChanges = new AtomicInteger();
  private final CountDownLatch disconnectedLatch = new CountDownLatch(1);

  private void seen() {
    threads.add(Thread.currentThread().getName());
  }

  @Override
  public void stateChanged(ConnectionState state) {
    seen();
    states.add(state);
  }

  @Override
  public void connected() {
    seen();
    connected.incrementAndGet();
  }

  @Override
  public void disconnected(String reason) {
    seen();
    disconnected.incrementAndGet();
    disconnectReasons.add(reason);
    disconnectedLatch.countDown();
  }

  @Override
  public void screenChanged(long version) {
    seen();
    screenChanges.incrementAndGet();
  }

  @Override
  public void keyboardLockChanged(boolean locked) {
    seen();
    locks.add(locked);
  }

  @Override
  public void oiaChanged() {
    seen();
    oiaChanges.incrementAndGet();
  }

  @Override
  public void protocolError(ProtocolException error) {
    seen();
    errors.add(error);
  }

  boolean awaitDisconnected(long seconds) throws InterruptedException {
    return disconnectedLatch.await(seconds, TimeUnit.SECONDS);
  }

  ConnectionState lastState() {
    synchronized (states) {
      return states.isEmpty() ? null : states.get(states.size() - 1);
    }
  }
}
