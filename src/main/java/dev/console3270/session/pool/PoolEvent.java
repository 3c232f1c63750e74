package dev.console3270.session.pool;

/** What a {@link PoolHook} is told about. */
public enum PoolEvent {
  /** A session was added to the pool (state NEW). */
  CREATED,
  /** A session's first connection is up. */
  CONNECTED,
  /** A session went idle and the idle policy was applied. */
  IDLE,
  /** A session was paused. */
  SUSPENDED,
  /** A paused or idle-locked session was resumed. */
  RESUMED,
  /** A session moved to a new connection (same id, same listeners). */
  MIGRATED,
  /** A session was moved to another endpoint after a failure. */
  FAILED_OVER,
  /** A session was closed and removed. */
  CLOSED,
  /** A session failed (connection refused, lost, migration with a dead old connection). */
  ERROR
}
