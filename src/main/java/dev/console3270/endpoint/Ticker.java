package dev.console3270.endpoint;

/** A monotonic clock in nanoseconds, injectable so tests control time. */
@FunctionalInterface
public interface Ticker {
  /** Current time in nanoseconds from an arbitrary origin. */
  long nanos();

  /** {@link System#nanoTime()}. */
  static Ticker system() {
    return System::nanoTime;
  }
}
