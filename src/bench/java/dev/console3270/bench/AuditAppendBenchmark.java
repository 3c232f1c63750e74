package dev.console3270.bench;

import dev.console3270.audit.AuditConfig;
import dev.console3270.audit.AuditEvent;
import dev.console3270.audit.AuditLog;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Audit log append throughput with the hash chain, checkpoints and group commit (force every 50
 * ms), default configuration, one appending thread. {@code append} only queues, but the queue is
 * bounded (65,536 events) and blocks when full, so after warm-up the rate is what the writer
 * sustains. The {@code written} counter is records the writer got to disk per second (from {@link
 * AuditLog#forcedSeq()}), measured over the same iterations.
 *
 * <p>Run: {@code mvn -Pbench -DskipTests test-compile exec:exec
 * -Dbench.args="AuditAppendBenchmark"}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AuditAppendBenchmark {

  private Path tmp;
  private AuditLog log;
  private AuditEvent event;

  /** Records forced to disk, reported by JMH as a rate. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Counters {
    /** Records forced to disk in this iteration. */
    public long written;

    private long start;
    private AuditLog log;

    /** Notes the forced seq at the start of the iteration. */
    @Setup(Level.Iteration)
    public void begin(AuditAppendBenchmark bench) {
      log = bench.log;
      start = log.forcedSeq();
      written = 0;
    }

    /** Records what was forced during the iteration. */
    @TearDown(Level.Iteration)
    public void end() {
      written = log.forcedSeq() - start;
    }
  }

  /** Opens a log in a fresh temporary directory. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    tmp = Files.createTempDirectory("audit-bench");
    log = AuditLog.open(AuditConfig.defaults(tmp.resolve("audit"), tmp.resolve("audit.key")));
    event =
        AuditEvent.of(
            "OPERATOR1",
            AuditType.AID_KEY,
            AuditOutcome.SUCCESS,
            "workstation-17 10.1.2.3",
            "session-42@CICSPROD",
            Map.of("aid", "ENTER", "screen", "ACCT0100", "cursor", "12,40"));
  }

  /** Closes the log and deletes the directory. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    log.close();
    try (Stream<Path> s = Files.walk(tmp)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** One append (masking, queueing; the writer chains, writes and forces behind it). */
  @Benchmark
  public void append(Counters counters) {
    log.append(event);
  }
}
