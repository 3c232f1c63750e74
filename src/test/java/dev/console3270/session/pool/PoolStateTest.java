package dev.console3270.session.pool;

import static dev.console3270.session.pool.PoolState.CLOSED;
import static dev.console3270.session.pool.PoolState.CONNECTED;
import static dev.console3270.session.pool.PoolState.CONNECTING;
import static dev.console3270.session.pool.PoolState.FAILED;
import static dev.console3270.session.pool.PoolState.IDLE;
import static dev.console3270.session.pool.PoolState.NEW;
import static dev.console3270.session.pool.PoolState.RECONNECTING;
import static dev.console3270.session.pool.PoolState.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PoolStateTest {
  /** The table as the class javadoc documents it, written out independently. */
  private static final Map<PoolState, Set<PoolState>> TABLE =
      Map.of(
          NEW, Set.of(CONNECTING, FAILED, CLOSED),
          CONNECTING, Set.of(CONNECTED, FAILED, CLOSED),
          CONNECTED, Set.of(IDLE, SUSPENDED, RECONNECTING, FAILED, CLOSED),
          IDLE, Set.of(CONNECTED, SUSPENDED, RECONNECTING, FAILED, CLOSED),
          SUSPENDED, Set.of(CONNECTED, IDLE, FAILED, CLOSED),
          RECONNECTING, Set.of(CONNECTED, IDLE, FAILED, CLOSED),
          FAILED, Set.of(RECONNECTING, CLOSED),
          CLOSED, Set.of());

  static Stream<Arguments> everyPair() {
    List<PoolState> all = List.of(PoolState.values());
    return all.stream().flatMap(a -> all.stream().map(b -> Arguments.of(a, b)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyPair")
  void everyPairFollowsTheTable(PoolState from, PoolState to) {
    boolean legal = TABLE.get(from).contains(to);
    assertThat(from.canMoveTo(to)).isEqualTo(legal);
    assertThat(from.next().contains(to)).isEqualTo(legal);
    if (legal) {
      assertThat(from.moveTo(to)).isEqualTo(to);
    } else {
      assertThatThrownBy(() -> from.moveTo(to))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(from.name())
          .hasMessageContaining(to.name());
    }
  }

  @ParameterizedTest
  @MethodSource("states")
  void nextIsTheTableAndUnmodifiable(PoolState s) {
    assertThat(s.next()).isEqualTo(TABLE.get(s));
    assertThatThrownBy(() -> s.next().add(NEW)).isInstanceOf(UnsupportedOperationException.class);
  }

  static Stream<PoolState> states() {
    return Stream.of(PoolState.values());
  }
}
