package dev.console3270.bench;

import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.endpoint.PickRequest;
import dev.console3270.endpoint.Strategy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Balancer#pick} with 1,000 healthy endpoints in one group, per strategy. Weights 1-4;
 * session counts come from an array (as a pool's counters would), 0-9 sessions each, no limits.
 * STICKY uses 1,000 distinct keys in turn; the others no key.
 *
 * <p>Run: {@code mvn -Pbench -DskipTests test-compile exec:exec -Dbench.args="BalancerBenchmark"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class BalancerBenchmark {
  private static final int ENDPOINTS = 1000;

  @Param({
    "ROUND_ROBIN",
    "WEIGHTED_ROUND_ROBIN",
    "POWER_OF_TWO",
    "STICKY",
    "LEAST_SESSIONS",
    "LEAST_LATENCY"
  })
  public Strategy strategy;

  private Balancer balancer;
  private final PickRequest[] requests = new PickRequest[1024];
  private int next;

  @Setup
  public void setUp() {
    EndpointRegistry registry = new EndpointRegistry();
    int[] sessions = new int[ENDPOINTS];
    for (int i = 0; i < ENDPOINTS; i++) {
      registry.add(Endpoint.of("host" + i, "10.0.0." + (i % 250 + 1), 23).withWeight(1 + i % 4));
      sessions[i] = (i * 7) % 10;
    }
    // names are host<i>: parse the index instead of a map lookup, as a pool's slot would
    registry.setLoadSource(name -> sessions[Integer.parseInt(name, 4, name.length(), 10)]);
    balancer = new Balancer(registry, strategy, 42);
    for (int i = 0; i < requests.length; i++) {
      requests[i] = new PickRequest("default", strategy == Strategy.STICKY ? "user" + i : null);
    }
  }

  /** One pick. */
  @Benchmark
  public Endpoint pick() {
    PickRequest r = requests[next];
    next = (next + 1) & (requests.length - 1);
    return balancer.pick(r);
  }
}
