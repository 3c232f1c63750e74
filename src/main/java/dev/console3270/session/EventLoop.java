package dev.console3270.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NIO selector thread. Sessions pinned to it do all their work here: socket reads and writes,
 * TLS, the terminal, timers and listener calls. Other threads hand it work with {@link #execute}.
 */
final class EventLoop implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

  /** What a registered channel is told when the selector says it is ready. */
  interface IoHandler {
    void ready(SelectionKey key);
  }

  /** A timer; cancel it from the loop thread. */
  static final class Timer implements Comparable<Timer> {
    private final long due;
    private final long seq;
    private final Runnable task;
    private boolean cancelled;

    private Timer(long due, long seq, Runnable task) {
      this.due = due;
      this.seq = seq;
      this.task = task;
    }

    void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(due - o.due, 0);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /** Shared read buffer: socket bytes land here, are consumed at once, and never kept. */
  static final int READ_BUFFER = 64 * 1024;

  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);
  private ByteBuffer tlsAppBuffer = ByteBuffer.allocate(READ_BUFFER);
  private ByteBuffer tlsNetBuffer = ByteBuffer.allocate(READ_BUFFER);
  private ByteBuffer tlsJoinBuffer = ByteBuffer.allocate(READ_BUFFER);
  private long timerSeq;
  private volatile boolean closing;

  EventLoop(String name) {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** True on this loop's thread. */
  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code task} on the loop thread, after the current loop turn's work. */
  @Override
  public void execute(Runnable task) {
    if (closing && !inLoop()) {
      throw new IllegalStateException("the session engine is closed");
    }
    tasks.add(task);
    if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
      selector.wakeup();
    }
  }

  /** Runs {@code task} after {@code delayNanos}; call on the loop thread. */
  Timer schedule(long delayNanos, Runnable task) {
    Timer t = new Timer(System.nanoTime() + Math.max(0, delayNanos), timerSeq++, task);
    timers.add(t);
    return t;
  }

  /** Registers a channel for {@code ops}; call on the loop thread. */
  SelectionKey register(SelectableChannel channel, int ops, IoHandler handler) throws IOException {
    return channel.register(selector, ops, handler);
  }

  /** The shared read buffer (loop thread only), cleared. */
  ByteBuffer readBuffer() {
    readBuffer.clear();
    return readBuffer;
  }

  /** A shared buffer for decrypted bytes of at least {@code size} (loop thread only), cleared. */
  ByteBuffer tlsAppBuffer(int size) {
    if (tlsAppBuffer.capacity() < size) {
      tlsAppBuffer = ByteBuffer.allocate(size);
    }
    tlsAppBuffer.clear();
    return tlsAppBuffer;
  }

  /** A shared buffer for encrypted bytes of at least {@code size} (loop thread only), cleared. */
  ByteBuffer tlsNetBuffer(int size) {
    if (tlsNetBuffer.capacity() < size) {
      tlsNetBuffer = ByteBuffer.allocate(size);
    }
    tlsNetBuffer.clear();
    return tlsNetBuffer;
  }

  /**
   * A shared buffer to join a partial TLS record with new bytes, of at least {@code size} (loop
   * thread only), cleared.
   */
  ByteBuffer tlsJoinBuffer(int size) {
    if (tlsJoinBuffer.capacity() < size) {
      tlsJoinBuffer = ByteBuffer.allocate(size);
    }
    tlsJoinBuffer.clear();
    return tlsJoinBuffer;
  }

  /** The loop thread's name. */
  String name() {
    return thread.getName();
  }

  /** Stops the loop: channels still registered are closed. Waits briefly for the thread. */
  void close() {
    closing = true;
    selector.wakeup();
    if (!inLoop()) {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    try {
      while (!closing) {
        long timeoutMillis = 0;
        Timer next = timers.peek();
        if (next != null) {
          long wait = next.due - System.nanoTime();
          timeoutMillis = wait <= 0 ? -1 : Math.max(1, (wait + 999_999) / 1_000_000);
        }
        if (!tasks.isEmpty() || timeoutMillis < 0) {
          selector.selectNow();
        } else {
          selector.select(timeoutMillis);
        }
        wakeupPending.set(false);
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey key = it.next();
          it.remove();
          if (key.isValid() && key.attachment() instanceof IoHandler h) {
            guarded(() -> h.ready(key));
          }
        }
        runTasks();
        runTimers();
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("event loop {} failed", thread.getName(), e);
    } finally {
      // Let sessions end cleanly: what they queue while ending runs too (bounded).
      for (int i = 0; i < 100 && !tasks.isEmpty(); i++) {
        runTasks();
      }
      for (SelectionKey key : selector.keys()) {
        try {
          key.channel().close();
        } catch (IOException e) {
          LOG.debug("close on shutdown", e);
        }
      }
      try {
        selector.close();
      } catch (IOException e) {
        LOG.debug("selector close", e);
      }
    }
  }

  private void runTasks() {
    // Bounded: tasks added while running wait for the next turn, so I/O is never starved.
    int n = tasks.size();
    for (int i = 0; i < n; i++) {
      Runnable r = tasks.poll();
      if (r == null) {
        break;
      }
      guarded(r);
    }
  }

  private void runTimers() {
    long now = System.nanoTime();
    while (!timers.isEmpty() && timers.peek().due - now <= 0) {
      Timer t = timers.poll();
      if (!t.cancelled) {
        guarded(t.task);
      }
    }
  }

  private void guarded(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.error("unexpected error on {}", thread.getName(), e);
    }
  }
}
