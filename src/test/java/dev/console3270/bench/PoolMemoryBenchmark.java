package dev.console3270.bench;

import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.session.SessionEngine;
import dev.console3270.session.SessionProfile;
import dev.console3270.session.pool.PoolConfig;
import dev.console3270.session.pool.PoolState;
import dev.console3270.session.pool.PooledSession;
import dev.console3270.session.pool.SessionPool;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much client-side heap 1,000 live pooled sessions take. Starts demo hosts in separate JVMs (so
 * their thread-per-client cost is not counted), opens the sessions through a {@link SessionPool} on
 * a two-thread engine, waits until every one is connected and shows the sign-on screen, forces GC
 * and prints the used heap before and after.
 *
 * <p>Run with the test classpath: {@code java -Xmx512m -cp target/test-classes:target/classes:DEPS
 * dev.console3270.bench.PoolMemoryBenchmark [sessions] [hosts]} (defaults 1000 and 2).
 */
public final class PoolMemoryBenchmark {
  private static final int BATCH = 40;
  private static final Pattern LISTENING = Pattern.compile("listening on ([^:]+):(\\d+)");

  private PoolMemoryBenchmark() {}

  /**
   * What {@link #measure} found.
   *
   * @param sessions sessions opened
   * @param connected sessions in the CONNECTED state at the end
   * @param signOn sessions showing the sign-on screen at the end
   * @param millis time for all of them to show the sign-on screen
   * @param heapBefore used heap after GC before the first session, bytes
   * @param heapAfter used heap after GC with every session live, bytes
   * @param rssBeforeKb the JVM's resident set before, kB
   * @param rssAfterKb the JVM's resident set with every session live, kB
   * @param threads live threads with every session live
   */
  record Measurement(
      int sessions,
      long connected,
      int signOn,
      long millis,
      long heapBefore,
      long heapAfter,
      long rssBeforeKb,
      long rssAfterKb,
      int threads) {
    /** Heap per session after GC, bytes. */
    double heapPerSession() {
      return sessions == 0 ? Double.NaN : (heapAfter - heapBefore) / (double) sessions;
    }

    /** Growth of the JVM's resident set per session, kB. */
    double rssPerSessionKb() {
      return sessions == 0 ? Double.NaN : (rssAfterKb - rssBeforeKb) / (double) sessions;
    }
  }

  /** Runs the measurement. */
  public static void main(String[] args) throws Exception {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int hostCount = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int perHost = sessions / hostCount + 10;
    List<Process> hosts = new ArrayList<>();
    List<SessionProfile> profiles = new ArrayList<>();
    try {
      for (int i = 0; i < hostCount; i++) {
        Process p = startHost("HOST" + i, perHost);
        hosts.add(p);
        profiles.add(
            SessionProfile.of("127.0.0.1", port(p, "HOST" + i))
                .withConnectTimeout(Duration.ofSeconds(120)));
      }
      Measurement m = measure(sessions, profiles);
      System.out.printf(
          "sessions=%d hosts=%d connected=%d signOnScreens=%d timeToAllSignOn=%d ms%n",
          sessions, hostCount, m.connected(), m.signOn(), m.millis());
      System.out.printf(
          "maxHeap=%d MB usedBefore=%.1f MB usedAfter=%.1f MB delta=%.1f MB perSession=%.1f kB"
              + " threads=%d%n",
          Runtime.getRuntime().maxMemory() >> 20,
          m.heapBefore() / 1048576.0,
          m.heapAfter() / 1048576.0,
          (m.heapAfter() - m.heapBefore()) / 1048576.0,
          m.heapPerSession() / 1024.0,
          m.threads());
      System.out.printf(
          "rssBefore=%.1f MB rssAfter=%.1f MB rssPerSession=%.1f kB%n",
          m.rssBeforeKb() / 1024.0, m.rssAfterKb() / 1024.0, m.rssPerSessionKb());
      if (m.signOn() != sessions) {
        System.exit(1);
      }
    } finally {
      for (Process p : hosts) {
        p.destroy();
      }
    }
  }

  /**
   * Opens {@code sessions} pooled sessions on a two-thread engine, spread over the hosts of {@code
   * profiles}, waits until each shows the sign-on screen, and measures heap after GC and the JVM's
   * resident set before and after. Closes everything before returning.
   */
  static Measurement measure(int sessions, List<SessionProfile> profiles) throws Exception {
    int hostCount = profiles.size();
    MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
    SessionEngine engine = new SessionEngine(2, "bench");
    SessionPool pool =
        new SessionPool(engine, PoolConfig.defaults().withMaxSessions(Math.max(1, sessions)));
    try {
      long before = usedAfterGc(mx);
      long rssBefore = ProcFiles.selfRssKb();
      long start = System.nanoTime();
      List<PooledSession> all = new ArrayList<>();
      List<CompletableFuture<PooledSession>> ready = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        int h = i % hostCount;
        PooledSession s = pool.create("s" + i, "host" + h, profiles.get(h));
        all.add(s);
        ready.add(s.ready());
        if (ready.size() % BATCH == 0) {
          // the demo host listens with a backlog of 50: open in batches, not all at once
          CompletableFuture.allOf(ready.toArray(new CompletableFuture<?>[0]))
              .get(60, TimeUnit.SECONDS);
        }
      }
      CompletableFuture.allOf(ready.toArray(new CompletableFuture<?>[0]))
          .get(180, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      int signOn = 0;
      while (System.nanoTime() < deadline) {
        signOn = 0;
        for (PooledSession s : all) {
          if (ScreenText.asciiText(s.snapshot(), s.codePage()).contains("DEMO HOST SIGN-ON")) {
            signOn++;
          }
        }
        if (signOn == sessions) {
          break;
        }
        Thread.sleep(200);
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      long after = usedAfterGc(mx);
      long rssAfter = ProcFiles.selfRssKb();
      return new Measurement(
          sessions,
          pool.stats().getOrDefault(PoolState.CONNECTED, 0),
          signOn,
          millis,
          before,
          after,
          rssBefore,
          rssAfter,
          Thread.activeCount());
    } finally {
      pool.close();
      engine.close();
    }
  }

  private static long usedAfterGc(MemoryMXBean mx) throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return mx.getHeapMemoryUsage().getUsed();
  }

  /** Starts a demo host in its own JVM; its output goes to a log file in the temp dir. */
  static Process startHost(String name, int maxClients) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "dev.console3270.app.Main",
            "demo-host",
            "--port",
            "0",
            "--name",
            name,
            "--max-clients",
            Integer.toString(maxClients));
    pb.redirectErrorStream(true);
    Path log = Path.of(System.getProperty("java.io.tmpdir"), "pool-bench-" + name + ".log");
    pb.redirectOutput(log.toFile());
    return pb.start();
  }

  /** Polls the host's log until it says where it listens. */
  static int port(Process p, String name) throws Exception {
    Path log = Path.of(System.getProperty("java.io.tmpdir"), "pool-bench-" + name + ".log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.exists(log)) {
        Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (m.find()) {
          return Integer.parseInt(m.group(2));
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the demo host " + name + " did not start; see " + log);
  }
}
