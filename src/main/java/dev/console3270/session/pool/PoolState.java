package dev.console3270.session.pool;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a pooled session is in its life. The legal moves:
 *
 * <table>
 * <caption>Transitions (from the state on the left to those on the right)</caption>
 * <tr><th>From</th><th>To</th></tr>
 * <tr><td>NEW</td><td>CONNECTING, FAILED, CLOSED</td></tr>
 * <tr><td>CONNECTING</td><td>CONNECTED, FAILED, CLOSED</td></tr>
 * <tr><td>CONNECTED</td><td>IDLE, SUSPENDED, RECONNECTING, FAILED, CLOSED</td></tr>
 * <tr><td>IDLE</td><td>CONNECTED, SUSPENDED, RECONNECTING, FAILED, CLOSED</td></tr>
 * <tr><td>SUSPENDED</td><td>CONNECTED, IDLE, FAILED, CLOSED</td></tr>
 * <tr><td>RECONNECTING</td><td>CONNECTED, IDLE, FAILED, CLOSED</td></tr>
 * <tr><td>FAILED</td><td>RECONNECTING, CLOSED</td></tr>
 * <tr><td>CLOSED</td><td>(none: final)</td></tr>
 * </table>
 *
 * <p>No state moves to itself. SUSPENDED returns to the state it was paused from (CONNECTED or
 * IDLE); RECONNECTING (a migration, later a failover) returns to CONNECTED or IDLE when it gives up
 * with the old connection still alive, and to FAILED when that one is dead too.
 */
public enum PoolState {
  /** Created, not yet connecting. */
  NEW,
  /** The first connection is being opened. */
  CONNECTING,
  /** Connected and in use. */
  CONNECTED,
  /** No activity for longer than the idle timeout; the idle policy was applied. */
  IDLE,
  /** Paused by the operator: input refused, listeners held back until resume. */
  SUSPENDED,
  /** A new connection is being opened for the session (migration, failover). */
  RECONNECTING,
  /** The connection failed or was lost. */
  FAILED,
  /** Closed for good; removed from the pool. */
  CLOSED;

  /** The states this one may move to (unmodifiable, in declaration order). */
  public Set<PoolState> next() {
    Set<PoolState> n =
        switch (this) {
          case NEW -> EnumSet.of(CONNECTING, FAILED, CLOSED);
          case CONNECTING -> EnumSet.of(CONNECTED, FAILED, CLOSED);
          case CONNECTED -> EnumSet.of(IDLE, SUSPENDED, RECONNECTING, FAILED, CLOSED);
          case IDLE -> EnumSet.of(CONNECTED, SUSPENDED, RECONNECTING, FAILED, CLOSED);
          case SUSPENDED -> EnumSet.of(CONNECTED, IDLE, FAILED, CLOSED);
          case RECONNECTING -> EnumSet.of(CONNECTED, IDLE, FAILED, CLOSED);
          case FAILED -> EnumSet.of(RECONNECTING, CLOSED);
          case CLOSED -> EnumSet.noneOf(PoolState.class);
        };
    return Collections.unmodifiableSet(n);
  }

  /** True when moving from this state to {@code target} is legal. */
  public boolean canMoveTo(PoolState target) {
    return next().contains(target);
  }

  /**
   * Checks a move.
   *
   * @return {@code target}
   * @throws IllegalStateException naming both states when the move is not legal
   */
  public PoolState moveTo(PoolState target) {
    if (!canMoveTo(target)) {
      throw new IllegalStateException("illegal pool state transition " + this + " -> " + target);
    }
    return target;
  }
}
