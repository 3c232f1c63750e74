package dev.console3270.bench;

import dev.console3270.bench.ReportTable.Row;
import dev.console3270.bench.ReportTable.Verdict;
import dev.console3270.host.DemoHost;
import dev.console3270.session.SessionProfile;
import dev.console3270.testing.S3270;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The side-by-side performance report (issue 8): every figure of docs/PERFORMANCE.md measured in
 * one run on this machine, next to s3270 where there is an s3270 counterpart, and checked against
 * its target. Writes Markdown to stdout and to {@code OUT/side-by-side.md}, and JSON to {@code
 * OUT/side-by-side.json}.
 *
 * <p>Run: {@code mvn -B -Pbench -DskipTests test-compile exec:exec@compare} (options with {@code
 * -Dcompare.args="--sessions=50 ..."}; see {@link #USAGE}).
 */
public final class SideBySide {
  static final String USAGE =
      "options (all --name=value): --sessions=N (live sessions and s3270 processes, default 100)"
          + " --connect-runs=N (timed connect cycles per side, default 100) --api-seconds=N"
          + " (recorded seconds per API load, default 20) --api-rate=N (requests/s, default 500)"
          + " --api-warmup=N (seconds, default 15) --repaint-samples=N (default 300)"
          + " --s3270=0 (leave s3270 out even when installed) --out=DIR (default target/bench)";

  private static final double MIB_PER_SESSION_TARGET_KB = 512.0 * 1024 / 1000;
  private static final double FRAME_MS = 1000.0 / 60;

  private final Map<String, Integer> options = new LinkedHashMap<>();
  private final ReportTable report = new ReportTable();
  private boolean s3270;
  private boolean failed;

  private SideBySide() {
    options.put("sessions", 100);
    options.put("connect-runs", 100);
    options.put("api-seconds", 20);
    options.put("api-rate", 500);
    options.put("api-warmup", 15);
    options.put("repaint-samples", 300);
    options.put("s3270", 1);
  }

  /** Runs the report; exits 1 when a section could not be measured, 2 on bad options. */
  public static void main(String[] args) throws Exception {
    SideBySide run = new SideBySide();
    Path out = Path.of("target", "bench");
    for (String a : args) {
      if (a.isBlank()) {
        continue;
      }
      String[] kv = a.startsWith("--") ? a.substring(2).split("=", 2) : new String[0];
      if (kv.length == 2 && kv[0].equals("out")) {
        out = Path.of(kv[1]);
      } else if (kv.length == 2 && run.options.containsKey(kv[0]) && kv[1].matches("\\d{1,6}")) {
        run.options.put(kv[0], Integer.parseInt(kv[1]));
      } else {
        System.err.println("bad option: " + a + "\n" + USAGE);
        System.exit(2);
      }
    }
    run.run(out);
    System.exit(run.failed ? 1 : 0);
  }

  private int opt(String name) {
    return options.get(name);
  }

  private void run(Path out) throws IOException {
    s3270 = S3270.available() && opt("s3270") != 0;
    machineFacts();
    report.facts().forEach((k, v) -> System.out.println(k + ": " + v));
    if (!S3270.available()) {
      String message =
          "s3270 was not found at "
              + S3270.BINARY
              + " (Debian/Ubuntu: apt-get install s3270): the s3270 columns are skipped.";
      System.out.println("NOTE: " + message);
      report.note(message);
    } else if (!s3270) {
      report.note("s3270 left out (--s3270=0): the s3270 columns are skipped.");
    }
    section("memory per live session", this::memory);
    section("connect + negotiate + first screen", this::connect);
    section("API screen read", this::api);
    section("data-stream apply (JMH)", this::apply);
    section("balancer pick (JMH)", this::balancer);
    section("audit append (JMH)", this::audit);
    section("full repaint 27x132", this::repaint);
    report.note("options: " + options);
    String md = report.markdown();
    System.out.println();
    System.out.println("## Side-by-side report");
    System.out.println();
    System.out.print(md);
    Files.createDirectories(out);
    Files.writeString(out.resolve("side-by-side.md"), md, StandardCharsets.UTF_8);
    Files.writeString(out.resolve("side-by-side.json"), report.json(), StandardCharsets.UTF_8);
    System.out.println();
    System.out.println("written: " + out.resolve("side-by-side.md") + " and side-by-side.json");
  }

  private interface Section {
    void run() throws Exception;
  }

  private void section(String name, Section s) {
    System.out.println("=== " + name);
    long start = System.nanoTime();
    try {
      s.run();
    } catch (Exception | LinkageError e) {
      failed = true;
      report.note(name + ": NOT MEASURED: " + e);
      e.printStackTrace(System.out);
    }
    System.out.printf("=== %s: %.1f s%n", name, (System.nanoTime() - start) / 1e9);
  }

  private void machineFacts() {
    String cpu = ProcFiles.cpuInfo(ProcFiles.readOrEmpty(Path.of("/proc/cpuinfo")), "model name");
    long memKb =
        ProcFiles.kiloBytes(ProcFiles.readOrEmpty(Path.of("/proc/meminfo")), "MemTotal").orElse(0);
    String os = ProcFiles.prettyName(ProcFiles.readOrEmpty(Path.of("/etc/os-release")));
    report
        .fact("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .fact("CPU", cpu.isEmpty() ? System.getProperty("os.arch") : cpu)
        .fact("cores (as the JVM sees them)", Integer.toString(availableProcessors()))
        .fact(
            "RAM",
            memKb == 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", memKb / 1048576.0))
        .fact(
            "OS",
            (os.isEmpty() ? System.getProperty("os.name") : os)
                + ", kernel "
                + System.getProperty("os.version"))
        .fact(
            "JDK",
            System.getProperty("java.runtime.version")
                + " ("
                + System.getProperty("java.vm.name")
                + ")")
        .fact("s3270", S3270.available() ? s3270Version() : "not installed")
        .fact(
            "load average at start",
            String.format(
                Locale.ROOT,
                "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
  }

  private static int availableProcessors() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static String s3270Version() {
    try {
      Process p =
          new ProcessBuilder(S3270.BINARY.toString(), "-v").redirectErrorStream(true).start();
      p.getOutputStream().close();
      String first;
      try (var r =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        first = r.readLine();
        while (r.readLine() != null) {
          // drain
        }
      }
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      return first == null ? "unknown version" : first.trim();
    } catch (IOException e) {
      return "version unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "version unknown";
    }
  }

  // --- 1. connect + negotiate + first screen

  private void connect() throws Exception {
    int runs = opt("connect-runs");
    try (DemoHost host = DemoHost.start(0, "BENCH")) {
      ConnectTiming.Result r = ConnectTiming.measure(host.port(), 10, runs, s3270);
      for (double p : new double[] {50, 90}) {
        report.row(
            new Row(
                "connect + negotiate + first screen, " + (p == 50 ? "median" : "p90"),
                "ms",
                "- (ratio only)",
                ms(Stats.percentile(r.ours(), p)),
                s3270 ? ms(Stats.percentile(r.s3270(), p)) : Double.NaN,
                Verdict.NONE));
      }
      report.note(
          "connect: "
              + runs
              + " timed cycles per side after 10 untimed"
              + (s3270 ? ", alternating ours and s3270," : " (ours alone),")
              + " against one in-process demo host. Timed: Connect(127.0.0.1:PORT) +"
              + " Wait(10,InputField)."
              + " Ours: Session + ActionInterpreter in this JVM. s3270: one warm s3270 process"
              + " driven on stdin; its process start is EXCLUDED, its two stdin/stdout round trips"
              + " are included.");
    }
  }

  private static double ms(long nanos) {
    return nanos < 0 ? Double.NaN : nanos / 1e6;
  }

  // --- 2. memory per live session

  private void memory() throws Exception {
    int n = opt("sessions");
    Process host = PoolMemoryBenchmark.startHost("SIDE", 2 * n + 20);
    try {
      int port = PoolMemoryBenchmark.port(host, "SIDE");
      SessionProfile profile =
          SessionProfile.of("127.0.0.1", port).withConnectTimeout(Duration.ofSeconds(120));
      PoolMemoryBenchmark.Measurement m = PoolMemoryBenchmark.measure(n, List.of(profile));
      if (m.signOn() != n) {
        throw new IllegalStateException(
            "only " + m.signOn() + " of " + n + " sessions showed the sign-on screen");
      }
      S3270Memory.Result theirs = s3270 ? S3270Memory.measure(n, port) : null;
      double heapKb = m.heapPerSession() / 1024;
      report.row(
          new Row(
              "memory per live session: our heap after GC vs s3270 PSS per process",
              "kB",
              "< 524 kB heap (1,000 sessions in 512 MB)",
              heapKb,
              theirs == null ? Double.NaN : theirs.meanPssKb(),
              Verdict.of(heapKb, v -> v < MIB_PER_SESSION_TARGET_KB)));
      report.row(
          new Row(
              "memory per live session: our JVM RSS growth vs s3270 PSS per process"
                  + " (like for like)",
              "kB",
              "-",
              m.rssPerSessionKb(),
              theirs == null ? Double.NaN : theirs.meanPssKb(),
              Verdict.NONE));
      report.row(
          new Row(
              "memory per live session: our JVM RSS growth vs s3270 RSS per process",
              "kB",
              "-",
              m.rssPerSessionKb(),
              theirs == null ? Double.NaN : theirs.meanRssKb(),
              Verdict.NONE));
      report.note(
          String.format(
              Locale.ROOT,
              "memory: %d sessions signed on to a demo host in its own JVM (so its cost is not"
                  + " counted); ours: one pool on a 2-thread engine, heap used after 5x System.gc()"
                  + " before and after, divided by N (%.1f MB -> %.1f MB), and the JVM's VmRSS"
                  + " growth from /proc/self/status (%.1f MB -> %.1f MB; the JVM's heap and"
                  + " metaspace growth count here; the JVM's own baseline is not divided among"
                  + " the sessions). s3270: %s",
              n,
              m.heapBefore() / 1048576.0,
              m.heapAfter() / 1048576.0,
              m.rssBeforeKb() / 1024.0,
              m.rssAfterKb() / 1024.0,
              theirs == null
                  ? "not measured"
                  : n
                      + " s3270 processes (-model 3279-4-E), each connected and showing the"
                      + " sign-on; mean Pss and Rss of /proc/PID/smaps_rollup (PSS shares the"
                      + " libraries among the processes)."));
    } finally {
      host.destroy();
      if (!host.waitFor(5, TimeUnit.SECONDS)) {
        host.destroyForcibly();
      }
    }
  }

  // --- 3. API screen read

  private void api() throws Exception {
    int rate = opt("api-rate");
    List<List<ApiLatencyBenchmark.Result>> rounds =
        ApiLatencyBenchmark.run(opt("api-seconds"), rate, opt("api-warmup"), s3270);
    for (int i = 0; i < rounds.size(); i++) {
      List<ApiLatencyBenchmark.Result> round = rounds.get(i);
      ApiLatencyBenchmark.Result ours = ApiLatencyBenchmark.find(round, ApiLatencyBenchmark.OURS);
      ApiLatencyBenchmark.Result theirs =
          ApiLatencyBenchmark.find(round, ApiLatencyBenchmark.THEIRS);
      String order =
          round.size() == 1
              ? "ours alone"
              : round.get(0).name().equals(ApiLatencyBenchmark.OURS) ? "ours first" : "s3270 first";
      for (double p : new double[] {50, 99}) {
        double o = apiMs(ours, p);
        report.row(
            new Row(
                String.format(
                    Locale.ROOT,
                    "API screen read p%.0f at %d req/s, round %d (%s)",
                    p,
                    rate,
                    i + 1,
                    order),
                "ms",
                p == 99 ? "< 2 ms" : "-",
                o,
                apiMs(theirs, p),
                p == 99 ? Verdict.of(o, v -> v < 2.0) : Verdict.NONE));
      }
      for (ApiLatencyBenchmark.Result r : round) {
        if (r.errors() > 0) {
          report.note("API round " + (i + 1) + ", " + r.name() + ": " + r.errors() + " errors");
        }
      }
    }
    report.note(
        "API: open loop, request i scheduled at start + i/rate and timed from then to the whole"
            + " answer (no coordinated omission), 8 client threads, HTTP/1.1; ours GET"
            + " /api/v1/sessions/{id}/screen?format=text served by console3270 serve in a JVM of its"
            + " own (default settings, audit log on), s3270 -httpd GET /3270/rest/text/Ascii(),"
            + " both on the sign-on screen of one demo host (ApiLatencyBenchmark); round 1 loads"
            + " serve within its first minute.");
  }

  private static double apiMs(ApiLatencyBenchmark.Result r, double p) {
    if (r == null) {
      return Double.NaN;
    }
    long micros = r.percentile(p);
    return micros < 0 ? Double.NaN : micros / 1000.0;
  }

  // --- 4-6. JMH

  private static ChainedOptionsBuilder jmh(String include, String... jvmArgs) {
    return new OptionsBuilder()
        .include(include)
        .forks(1)
        .warmupIterations(3)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(5)
        .measurementTime(TimeValue.seconds(1))
        .jvmArgs(jvmArgs)
        .shouldFailOnError(true);
  }

  private void apply() throws Exception {
    String dir = System.getProperty("conformance.dir", "../shared/conformance/x3270");
    if (!Files.isDirectory(Path.of(dir))) {
      throw new IOException(
          "the x3270 trace corpus is missing at " + dir + " (set -Dconformance.dir)");
    }
    Collection<RunResult> results =
        new Runner(
                jmh(
                        "\\." + ApplyBenchmark.class.getSimpleName() + "\\.applyCorpus$",
                        "-Xmx1g",
                        "-Dconformance.dir=" + dir)
                    .build())
            .run();
    RunResult r = results.iterator().next();
    Result<?> bytes = r.getSecondaryResults().get("bytes");
    double mbs = bytes.getScore() / 1e6;
    report.row(
        new Row(
            "data-stream apply throughput (x3270 corpus, one thread)",
            "MB/s",
            ">= 500 MB/s",
            mbs,
            Double.NaN,
            Verdict.of(mbs, v -> v >= 500)));
    report.note(
        String.format(
            Locale.ROOT,
            "apply: JMH ApplyBenchmark.applyCorpus, 1 fork, 3x1 s warm-up, 5x1 s measured; %.1f"
                + " MB/s +- %.1f (99.9%%); MB = 10^6 bytes.",
            mbs,
            bytes.getScoreError() / 1e6));
  }

  private void balancer() throws Exception {
    Collection<RunResult> results =
        new Runner(
                jmh("\\." + BalancerBenchmark.class.getSimpleName() + "\\.pick$", "-Xmx512m")
                    .param(
                        "strategy",
                        "ROUND_ROBIN",
                        "WEIGHTED_ROUND_ROBIN",
                        "LEAST_SESSIONS",
                        "STICKY")
                    .build())
            .run();
    for (RunResult r : results) {
      double ns = r.getPrimaryResult().getScore();
      report.row(
          new Row(
              "balancer pick, 1,000 endpoints, " + r.getParams().getParam("strategy"),
              "ns",
              "< 1,000 ns",
              ns,
              Double.NaN,
              Verdict.of(ns, v -> v < 1000)));
    }
    report.note("balancer: JMH BalancerBenchmark.pick (average time), 1 fork, 3x1 s + 5x1 s.");
  }

  private void audit() throws Exception {
    Collection<RunResult> results =
        new Runner(
                jmh(
                        "\\." + AuditAppendBenchmark.class.getSimpleName() + "\\.append$",
                        "-Xmx512m",
                        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"))
                    .build())
            .run();
    RunResult r = results.iterator().next();
    double perSecond = r.getPrimaryResult().getScore();
    Result<?> written = r.getSecondaryResults().get("written");
    report.row(
        new Row(
            "audit append throughput (hash chain, group commit)",
            "events/s",
            ">= 100,000/s",
            perSecond,
            Double.NaN,
            Verdict.of(perSecond, v -> v >= 100_000)));
    report.note(
        String.format(
            Locale.ROOT,
            "audit: JMH AuditAppendBenchmark.append, one thread, bounded queue (blocks when full);"
                + " forced to disk: %,.0f events/s; log in %s.",
            written == null ? Double.NaN : written.getScore(),
            System.getProperty("java.io.tmpdir")));
  }

  // --- 7. repaint

  private void repaint() throws Exception {
    int samples = opt("repaint-samples");
    RepaintTiming.Result r = RepaintTiming.measure(60, samples, 1600, 900);
    if (r.litFraction() < 0.01) {
      throw new IllegalStateException(
          "the repainted view is almost empty (" + r.litFraction() + " of pixels drawn)");
    }
    for (double p : new double[] {50, 99}) {
      double v = ms(Stats.percentile(r.nanos(), p));
      report.row(
          new Row(
              "full repaint of a 27x132 screen (TerminalView, headless), "
                  + (p == 50 ? "median" : "p99"),
              "ms",
              "< 16.7 ms (one 60 Hz frame)",
              v,
              Double.NaN,
              Verdict.of(v, x -> x < FRAME_MS)));
    }
    report.note(
        String.format(
            Locale.ROOT,
            "repaint: %d repaints (after 60 untimed), one per pulse, of a 3279-5 screen with 108"
                + " fields (7 colours, reverse, underscore, intensified) in a 1600x900 window on"
                + " JavaFX Monocle headless with the software pipeline; timed on the FX thread"
                + " around TerminalView.repaintNow() (Canvas commands; Prism's rasterization on"
                + " the render thread is not included). %.0f%% of the pixels drawn.",
            samples,
            r.litFraction() * 100));
  }
}
