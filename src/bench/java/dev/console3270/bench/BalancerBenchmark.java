package dev.console3270.bench;

import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.CheckResult;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.endpoint.PickRequest;
import dev.console3270.endpoint.ProbeOutcome;
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
 * {@link Balancer#pick} with 1,000 healthy endpoints in one group, per strategy. Weights 1-4, 0-9
 * sessions each opened through the registry's counters ({@link EndpointRegistry#sessionOpened}),
 * latencies of 1-50 ms from probe results, no limits. STICKY uses 1,024 distinct keys in turn; the
 * others no key. {@link #pick} picks only; {@link #pickOpenClose} also opens a session on the
 * picked endpoint and closes the one opened 512 picks before, so loads change between picks and the
 * counters' upkeep is measured too.
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
  private EndpointRegistry registry;
  private final String[] open = new String[512];
  private int openNext;
  private final PickRequest[] requests = new PickRequest[1024];
  private int next;

  @Setup
  public void setUp() {
    registry = new EndpointRegistry();
    for (int i = 0; i < ENDPOINTS; i++) {
      registry.add(Endpoint.of("host" + i, "10.0.0." + (i % 250 + 1), 23).withWeight(1 + i % 4));
    }
    for (int i = 0; i < ENDPOINTS; i++) {
      String name = "host" + i;
      for (int s = 0; s < (i * 7) % 10; s++) {
        registry.sessionOpened(name);
      }
      long micros = 1_000 + (i * 7919L) % 49_000;
      registry.recordCheck(name, new ProbeOutcome(CheckResult.L7OK, micros * 1_000, ""));
    }
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

  /** One pick, a session opened on the endpoint picked and one opened 512 picks ago closed. */
  @Benchmark
  public Endpoint pickOpenClose() {
    PickRequest r = requests[next];
    next = (next + 1) & (requests.length - 1);
    Endpoint e = balancer.pick(r);
    registry.sessionOpened(e.name());
    String old = open[openNext];
    open[openNext] = e.name();
    openNext = (openNext + 1) & (open.length - 1);
    if (old != null) {
      registry.sessionClosed(old);
    }
    return e;
  }
}
