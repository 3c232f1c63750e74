package dev.console3270.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.session.TlsMode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointTest {

  @Test
  void defaultsAndCopies() {
    Endpoint e = Endpoint.of("a", "h", 23);
    assertThat(e.group()).isEqualTo("default");
    assertThat(e.weight()).isEqualTo(1);
    assertThat(e.tags()).isEmpty();
    Set<String> tags = new HashSet<>(Set.of("x"));
    Endpoint t = new Endpoint("b", "h", 992, TlsMode.TLS, 5, 10, null, tags);
    tags.add("y");
    assertThat(t.tags()).containsExactly("x");
    assertThat(t.group()).isEqualTo("default");
    assertThat(e.withWeight(7).weight()).isEqualTo(7);
    assertThat(e.withGroup("g").group()).isEqualTo("g");
  }

  @Test
  void badValuesAreRefusedWithClearMessages() {
    assertThatThrownBy(() -> Endpoint.of(" ", "h", 23)).hasMessageContaining("name");
    assertThatThrownBy(() -> Endpoint.of("a", "", 23)).hasMessageContaining("'a': host");
    assertThatThrownBy(() -> Endpoint.of("a", "h", 0)).hasMessageContaining("port must be 1-65535");
    assertThatThrownBy(() -> Endpoint.of("a", "h", 70000)).hasMessageContaining("70000");
    assertThatThrownBy(() -> Endpoint.of("a", "h", 23).withWeight(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight must be 1-256, got 0")
        .hasMessageContaining("drain");
    assertThatThrownBy(() -> Endpoint.of("a", "h", 23).withWeight(257))
        .hasMessageContaining("got 257");
    assertThatThrownBy(() -> Endpoint.of("a", "h", 23).withMaxSessions(-1))
        .hasMessageContaining("maxSessions");
    assertThatThrownBy(() -> Endpoint.of("a", "h", 23).withGroup(" "))
        .hasMessageContaining("group");
    assertThatThrownBy(() -> new Endpoint("a", "h", 23, null, 1, 0, null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("tlsMode");
    assertThatThrownBy(() -> new Endpoint("a", "h", 23, TlsMode.NONE, 1, 0, null, Set.of(" ")))
        .hasMessageContaining("tags");
  }

  @Test
  void healthCheckConfigValidates() {
    HealthCheckConfig d = HealthCheckConfig.DEFAULT;
    assertThat(d.interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(d.rise()).isEqualTo(2);
    assertThat(d.fall()).isEqualTo(3);
    assertThat(d.verifyTls()).isTrue();
    assertThat(d.maxCounter()).isEqualTo(4);
    assertThatThrownBy(() -> d.withRiseFall(0, 3)).hasMessageContaining("rise must be >= 1");
    assertThatThrownBy(() -> d.withRiseFall(2, 0)).hasMessageContaining("fall must be >= 1");
    assertThatThrownBy(() -> d.withTiming(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("interval must be > 0");
    assertThatThrownBy(() -> d.withTiming(Duration.ofSeconds(1), Duration.ofMillis(-1)))
        .hasMessageContaining("timeout must be > 0");
    assertThatThrownBy(() -> d.withEjectAfter(0)).hasMessageContaining("ejectAfter");
    assertThatThrownBy(() -> new PickRequest(" ", null)).hasMessageContaining("group");
    assertThat(new PickRequest(null, "u").group()).isEqualTo("default");
  }
}
