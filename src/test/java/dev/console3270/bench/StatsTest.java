package dev.console3270.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void nearestRankPercentiles() {
    long[] s = Stats.sorted(new long[] {50, 10, 40, 20, 30, 60, 70, 80, 90, 100});
    assertThat(Stats.percentile(s, 50)).isEqualTo(50);
    assertThat(Stats.percentile(s, 90)).isEqualTo(90);
    assertThat(Stats.percentile(s, 91)).isEqualTo(100);
    assertThat(Stats.percentile(s, 99)).isEqualTo(100);
    assertThat(Stats.percentile(s, 100)).isEqualTo(100);
    assertThat(Stats.percentile(s, 0)).isEqualTo(10);
    assertThat(Stats.percentile(s, 10)).isEqualTo(10);
    assertThat(Stats.percentile(s, 10.5)).isEqualTo(20);
  }

  @Test
  void p99OfAThousandSamplesIsTheTenthLargest() {
    long[] s = new long[1000];
    for (int i = 0; i < s.length; i++) {
      s[i] = i + 1;
    }
    assertThat(Stats.percentile(s, 99)).isEqualTo(990);
    assertThat(Stats.percentile(s, 99.9)).isEqualTo(999);
    assertThat(Stats.percentile(s, 50)).isEqualTo(500);
  }

  @Test
  void emptyAndSingleSamples() {
    assertThat(Stats.percentile(new long[0], 50)).isEqualTo(-1);
    assertThat(Stats.percentile(new long[] {7}, 99)).isEqualTo(7);
    assertThat(Stats.mean(new long[0])).isNaN();
    assertThat(Stats.mean(new long[] {1, 2, 6})).isEqualTo(3.0);
  }

  @Test
  void sortedLeavesTheInputAlone() {
    long[] in = {3, 1, 2};
    assertThat(Stats.sorted(in)).containsExactly(1, 2, 3);
    assertThat(in).containsExactly(3, 1, 2);
  }

  @Test
  void percentileOutsideTheRangeIsRefused() {
    assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("101");
    assertThatThrownBy(() -> Stats.percentile(new long[] {1}, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
