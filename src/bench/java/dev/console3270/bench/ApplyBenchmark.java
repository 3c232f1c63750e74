package dev.console3270.bench;

import dev.console3270.protocol.ProtocolException;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.datastream.DataStreamProcessor;
import dev.console3270.protocol.telnet.BindImage;
import dev.console3270.protocol.telnet.DataType;
import dev.console3270.protocol.telnet.TelnetCodec;
import dev.console3270.protocol.telnet.TelnetConfig;
import dev.console3270.protocol.telnet.TelnetListener;
import dev.console3270.protocol.telnet.TelnetMode;
import dev.console3270.protocol.telnet.Tn3270eHeader;
import dev.console3270.protocol.trace.TraceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Data-stream apply throughput over the host records of the x3270 trace corpus: every 3270-DATA
 * record of every trace, applied to a terminal of the trace's model. The {@code bytes} counter is
 * record bytes applied per second. Records that are malformed on purpose (the b3270 error traces)
 * are left out so that the figure measures the normal path.
 *
 * <p>Run: {@code mvn -Pbench -DskipTests test-compile exec:exec} (see docs/PERFORMANCE.md).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ApplyBenchmark {

  /** Record bytes applied, reported by JMH as a rate. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Counters {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  private record Workload(DataStreamProcessor processor, List<byte[]> records, long bytes) {}

  private final List<Workload> workloads = new ArrayList<>();

  @Setup
  public void load() throws IOException {
    Path dir = Path.of(System.getProperty("conformance.dir", "../shared/conformance/x3270"));
    List<Path> traces;
    try (Stream<Path> s = Files.list(dir)) {
      traces = s.filter(p -> p.toString().endsWith(".trc")).sorted().toList();
    }
    long total = 0;
    for (Path p : traces) {
      TraceFile trace = TraceFile.parse(Files.readString(p, StandardCharsets.ISO_8859_1));
      TerminalModel model = modelOf(trace);
      List<byte[]> records = records(trace, model);
      TerminalState probeState = new TerminalState(model, CodePages.defaultPage());
      DataStreamProcessor probe = new DataStreamProcessor(probeState);
      List<byte[]> good = new ArrayList<>();
      long bytes = 0;
      for (byte[] r : records) {
        try {
          probe.apply(r, 0, r.length);
          good.add(r);
          bytes += r.length;
        } catch (ProtocolException e) {
          // malformed on purpose: not part of the normal-path figure
        }
      }
      if (!good.isEmpty()) {
        TerminalState state = new TerminalState(model, CodePages.defaultPage());
        workloads.add(new Workload(new DataStreamProcessor(state), good, bytes));
        total += bytes;
      }
    }
    System.out.printf("corpus: %d traces, %d record bytes per pass%n", workloads.size(), total);
  }

  private static TerminalModel modelOf(TraceFile trace) {
    if (trace.model() != null) {
      try {
        TerminalModel m = TerminalModel.parse(trace.model());
        if (trace.rows() > 0 && (trace.rows() != m.altRows() || trace.cols() != m.altCols())) {
          return TerminalModel.custom(trace.rows(), trace.cols());
        }
        return m;
      } catch (IllegalArgumentException e) {
        return TerminalModel.defaultModel();
      }
    }
    if (trace.rows() > 0) {
      return TerminalModel.custom(Math.max(24, trace.rows()), Math.max(80, trace.cols()));
    }
    return TerminalModel.defaultModel();
  }

  private static List<byte[]> records(TraceFile trace, TerminalModel model) {
    List<byte[]> out = new ArrayList<>();
    TelnetCodec codec =
        new TelnetCodec(
            TelnetConfig.of(model),
            new TelnetListener() {
              @Override
              public void send(byte[] bytes) {}

              @Override
              public void record(Tn3270eHeader header, byte[] data) {
                if (header == null || header.dataType() == DataType.DATA_3270) {
                  out.add(data);
                }
              }

              @Override
              public void nvtData(byte[] data) {}

              @Override
              public void modeChanged(TelnetMode mode) {}

              @Override
              public void bind(BindImage bind) {}

              @Override
              public void unbind(int reason) {}

              @Override
              public void protocolError(ProtocolException error) {}
            });
    for (TraceFile.Burst b : trace.bursts()) {
      if (b.fromHost()) {
        codec.receive(b.data(), 0, b.data().length);
      }
    }
    return out;
  }

  /** Applies every record of the corpus once. */
  @Benchmark
  public long applyCorpus(Counters counters) throws ProtocolException {
    long versions = 0;
    for (Workload w : workloads) {
      for (byte[] r : w.records()) {
        w.processor().apply(r, 0, r.length);
      }
      counters.bytes += w.bytes();
      versions += w.records().size();
    }
    return versions;
  }
}
