package dev.console3270.session.pool;

import java.util.Objects;

/**
 * A pool state change that came with an event.
 *
 * @param from the state before (equal to {@code to} for events that do not change it)
 * @param to the state after
 * @param detail a short human-readable explanation (never a secret), or empty
 */
public record Transition(PoolState from, PoolState to, String detail) {
  public Transition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    detail = detail == null ? "" : detail;
  }
}
