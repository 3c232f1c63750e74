package dev.console3270.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.console3270.host.DemoHost;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Screen-read latency under an open-loop load: our REST API ({@code GET
 * /api/v1/sessions/{id}/screen?format=text}, served by {@code console3270 serve} in a process of
 * its own, with its audit log) against Debian's {@code s3270 -httpd} ({@code GET
 * /3270/rest/text/Ascii()}), both showing the sign-on screen of the same {@link DemoHost} (in this
 * process; screen reads do not reach it).
 *
 * <p>Request {@code i} is scheduled at {@code start + i * period} (500 requests/s by default) and
 * sent from a concurrent {@link HttpClient} whatever happened to earlier requests; its latency runs
 * from the scheduled time to the arrival of the whole response, so a stalled server shows up as
 * queueing instead of being hidden (no coordinated omission). The first seconds are warm-up and not
 * recorded. The two targets are loaded one after the other, then again in reverse order.
 *
 * <p>Run with the test classpath: {@code java -cp target/test-classes:target/classes:DEPS
 * dev.console3270.bench.ApiLatencyBenchmark [seconds] [rate] [warmupSeconds]} (defaults 20, 500,
 * 15). Without {@code /usr/bin/s3270} only our figures are printed.
 */
public final class ApiLatencyBenchmark {
  /** The name of our API's results. */
  static final String OURS = "console3270";

  /** The name of s3270's results. */
  static final String THEIRS = "s3270 -httpd";

  private static final String SIGN_ON = "DEMO HOST SIGN-ON";
  private static final Path S3270 = Path.of("/usr/bin/s3270");
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private ApiLatencyBenchmark() {}

  /** One target: a name and the request to repeat. */
  private record Target(String name, HttpRequest request) {}

  /**
   * The outcome of one load.
   *
   * @param name the target
   * @param micros latencies of the recorded (post-warm-up) requests that succeeded, sorted
   * @param recorded recorded requests sent
   * @param errors recorded requests that failed, timed out, were not 200 or lacked the sign-on
   * @param firstError a description of the first failure, or empty
   * @param achievedRate requests per second actually sent over the recorded part
   */
  record Result(
      String name,
      long[] micros,
      int recorded,
      int errors,
      String firstError,
      double achievedRate) {
    /** The nearest-rank percentile in microseconds, or -1 when no request succeeded. */
    long percentile(double p) {
      return Stats.percentile(micros, p);
    }
  }

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    run(seconds, rate, warmup, Files.isExecutable(S3270));
  }

  /**
   * Runs the loads against an in-process demo host (ours, then s3270 when installed and wanted;
   * then again in reverse order), printing each round, and returns the rounds.
   *
   * @param seconds recorded seconds per load
   * @param rate requests per second
   * @param warmup seconds of warm-up per load, not recorded
   * @param withS3270 false to load our API alone
   * @return per round, the results in the order they were loaded
   */
  static List<List<Result>> run(int seconds, int rate, int warmup, boolean withS3270)
      throws Exception {
    if (seconds < 1 || rate < 1 || warmup < 0) {
      throw new IllegalArgumentException("usage: [seconds>=1] [rate>=1] [warmupSeconds>=0]");
    }
    printMachine(seconds, rate, warmup);
    List<List<Result>> all = new ArrayList<>();
    Path tmp = Files.createTempDirectory("api-bench");
    ExecutorService clientThreads = Executors.newFixedThreadPool(8);
    HttpClient http = client(clientThreads);
    Process s3270 = null;
    Process serve = null;
    try (DemoHost host = DemoHost.start(0, "BENCH")) {
      // our API as it is deployed: `console3270 serve` in a process of its own (default JVM
      // settings, audit log on, every request audited), as s3270 is a process of its own
      Files.writeString(
          tmp.resolve("console3270.json"),
          "{\"endpoints\":[{\"name\":\"bench\",\"host\":\"127.0.0.1\",\"port\":"
              + host.port()
              + "}],\"api\":{\"rateLimit\":{\"requests\":1000000,\"windowSeconds\":60}}}");
      serve = startServe(tmp);
      String[] ready = awaitReady(serve, tmp.resolve("serve.out"));
      String base = ready[0];
      String token = Files.readString(Path.of(ready[1])).trim();
      try {
        List<Target> targets = new ArrayList<>();
        targets.add(ours(http, base, token));
        if (withS3270 && Files.isExecutable(S3270)) {
          int port = freePort();
          s3270 = startS3270(port);
          targets.add(theirs(http, port, host.port()));
        } else {
          System.out.println(
              "NOTE: "
                  + S3270
                  + " is missing (apt-get install s3270): our figures alone, no ratio");
        }
        for (Target t : targets) {
          HttpResponse<String> r = http.send(t.request(), HttpResponse.BodyHandlers.ofString());
          System.out.printf(
              "%s: status %d, %d chars, sign-on %s%n",
              t.name(), r.statusCode(), r.body().length(), r.body().contains(SIGN_ON));
        }
        List<Target> reversed = new ArrayList<>(targets);
        java.util.Collections.reverse(reversed);
        List<List<Target>> rounds = List.of(targets, reversed);
        int s3270Loads = 0;
        for (int round = 0; round < rounds.size(); round++) {
          List<Result> results = new ArrayList<>();
          for (Target t : rounds.get(round)) {
            Target target = t;
            if (t.name().equals(THEIRS) && s3270Loads++ > 0) {
              // a fresh s3270 per load: JDK 17's HttpClient cannot be closed, so the keep-alive
              // connections of the last load's client would still hold s3270's connections
              stop(s3270);
              int port = freePort();
              s3270 = startS3270(port);
              target = theirs(http, port, host.port());
            }
            // a fresh client per load: no connections or TCP state carried over from the last one
            HttpClient fresh = client(clientThreads);
            long[] before = t.name().equals(OURS) ? serverBuckets(http, base, token) : null;
            results.add(load(fresh, target, seconds, rate, warmup));
            if (before != null) {
              printServerTime(before, serverBuckets(http, base, token));
            }
          }
          printRound(round + 1, results);
          all.add(results);
        }
      } finally {
        serve.destroy(); // SIGTERM: serve stops cleanly
        if (!serve.waitFor(30, TimeUnit.SECONDS)) {
          serve.destroyForcibly();
        }
      }
    } finally {
      if (serve != null && serve.isAlive()) {
        serve.destroyForcibly();
      }
      stop(s3270);
      clientThreads.shutdownNow();
    }
    return all;
  }

  private static final String[] SERVER_BOUNDS = {"0.0005", "0.001", "0.002", "0.005", "+Inf"};

  /** serve's own request-duration histogram (from arrival to answer), at these bounds. */
  private static long[] serverBuckets(HttpClient http, String base, String token) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long[] out = new long[SERVER_BOUNDS.length];
    for (String line : r.body().split("\n")) {
      for (int i = 0; i < SERVER_BOUNDS.length; i++) {
        String prefix =
            "console3270_api_request_duration_seconds_bucket{le=\"" + SERVER_BOUNDS[i] + "\"} ";
        if (line.startsWith(prefix)) {
          out[i] = Long.parseLong(line.substring(prefix.length()).trim());
        }
      }
    }
    return out;
  }

  /** How much of the time the server itself took: the share of requests under each bound. */
  private static void printServerTime(long[] before, long[] after) {
    long all = after[after.length - 1] - before[before.length - 1];
    StringBuilder sb = new StringBuilder("  console3270 server time (its /metrics histogram):");
    for (int i = 0; i < SERVER_BOUNDS.length - 1; i++) {
      sb.append(
          String.format(
              " <= %s ms %.2f%%;",
              Double.parseDouble(SERVER_BOUNDS[i]) * 1000,
              all == 0 ? 0 : 100.0 * (after[i] - before[i]) / all));
    }
    System.out.println(sb);
  }

  /** Starts {@code console3270 serve} on a free port with {@code dir} as its configuration. */
  private static Process startServe(Path dir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    // a command prefix for serve, e.g. -Dbench.serve.prefix="taskset -c 1" to give it a core
    for (String o : System.getProperty("bench.serve.prefix", "").trim().split("\\s+")) {
      if (!o.isEmpty()) {
        command.add(o);
      }
    }
    command.add(java);
    // extra JVM options for serve, e.g. -Dbench.serve.jvm="-XX:+UseZGC" to compare collectors
    for (String o : System.getProperty("bench.serve.jvm", "").trim().split("\\s+")) {
      if (!o.isEmpty()) {
        command.add(o);
      }
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.console3270.app.Main",
            "--config-dir",
            dir.toString(),
            "serve",
            "--api-port",
            "0"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("serve.out").toFile());
    return pb.start();
  }

  /** Waits for serve's ready line; returns the API's base URI (without /api/v1) and token file. */
  private static String[] awaitReady(Process serve, Path out) throws Exception {
    java.util.regex.Pattern ready =
        java.util.regex.Pattern.compile("api (http://[^ ]+)/api/v1 token-file (\\S+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(out)) {
        for (String line : Files.readAllLines(out)) {
          java.util.regex.Matcher m = ready.matcher(line);
          if (m.find()) {
            return new String[] {m.group(1), m.group(2)};
          }
        }
      }
      if (!serve.isAlive()) {
        throw new IOException("console3270 serve ended: " + Files.readString(out));
      }
      Thread.sleep(100);
    }
    throw new IOException("console3270 serve did not get ready in 60 s");
  }

  private static void stop(Process s3270) throws IOException, InterruptedException {
    if (s3270 != null) {
      s3270.getOutputStream().close();
      s3270.destroy();
      if (!s3270.waitFor(5, TimeUnit.SECONDS)) {
        s3270.destroyForcibly();
      }
    }
  }

  private static HttpClient client(ExecutorService threads) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(threads)
        .build();
  }

  private static void printMachine(int seconds, int rate, int warmup) {
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "machine: %d cores (as the JVM sees them), JDK %s (%s), %s %s, load average %.2f, max heap"
            + " %d MiB%n",
        rt.availableProcessors(),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        rt.maxMemory() >> 20);
    System.out.printf(
        "load: open loop, %d requests/s for %d s after %d s warm-up, 8 client threads,"
            + " HTTP/1.1, latency from scheduled send to full response%n",
        rate, seconds, warmup);
    System.out.println(
        "our server: console3270 serve in its own JVM (default settings; it sets TCP_NODELAY)");
  }

  /** Our API: creates a session on the demo host through the API and waits for the sign-on. */
  private static Target ours(HttpClient http, String base, String token) throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"bench\",\"endpoint\":\"bench\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IOException(
          "creating the session failed: " + created.statusCode() + " " + created.body());
    }
    String id = new ObjectMapper().readTree(created.body()).get("id").asText();
    HttpRequest screen =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions/" + id + "/screen?format=text"))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    awaitSignOn(http, screen, "our session " + id);
    return new Target(OURS, screen);
  }

  /** s3270: connects it over its HTTP interface and waits for the sign-on. */
  private static Target theirs(HttpClient http, int httpPort, int hostPort) throws Exception {
    String base = "http://127.0.0.1:" + httpPort + "/3270/rest/";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    HttpResponse<String> connect = null;
    while (connect == null) {
      try {
        connect =
            http.send(
                get(base + "json/Connect(127.0.0.1:" + hostPort + ")"),
                HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException("s3270 -httpd did not listen on port " + httpPort, e);
        }
        Thread.sleep(100);
      }
    }
    if (connect.statusCode() != 200) {
      throw new IOException("s3270 Connect failed: " + connect.statusCode() + connect.body());
    }
    HttpResponse<String> wait =
        http.send(get(base + "json/Wait(10,InputField)"), HttpResponse.BodyHandlers.ofString());
    if (wait.statusCode() != 200) {
      throw new IOException("s3270 Wait failed: " + wait.statusCode() + wait.body());
    }
    HttpRequest ascii = get(base + "text/Ascii()");
    awaitSignOn(http, ascii, "s3270");
    return new Target(THEIRS, ascii);
  }

  private static HttpRequest get(String uri) {
    return HttpRequest.newBuilder(URI.create(uri)).timeout(REQUEST_TIMEOUT).GET().build();
  }

  private static void awaitSignOn(HttpClient http, HttpRequest screen, String what)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = http.send(screen, HttpResponse.BodyHandlers.ofString());
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 200 && r.body().contains(SIGN_ON)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IOException(what + " never showed the sign-on screen; last answer: " + last);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Process startS3270(int port) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(S3270.toString(), "-httpd", "127.0.0.1:" + port);
    pb.environment().put("LANG", "C.UTF-8");
    pb.environment().remove("LC_ALL");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    // stdin stays an open pipe: s3270 keeps running until it is closed
    return pb.start();
  }

  /** One open-loop load against one target. */
  private static Result load(HttpClient http, Target t, int seconds, int rate, int warmup)
      throws InterruptedException {
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    int skip = warmup * rate;
    int total = skip + seconds * rate;
    long[] latency = new long[total];
    Arrays.fill(latency, -1);
    AtomicInteger errors = new AtomicInteger();
    String[] firstError = {""};
    List<CompletableFuture<?>> pending = new ArrayList<>(total);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    long recordedStart = 0;
    long lastSend = 0;
    for (int i = 0; i < total; i++) {
      long scheduled = start + i * period;
      long now;
      while ((now = System.nanoTime()) < scheduled) {
        LockSupport.parkNanos(scheduled - now);
      }
      if (i == skip) {
        recordedStart = now;
      }
      lastSend = now;
      int index = i;
      pending.add(
          http.sendAsync(t.request(), HttpResponse.BodyHandlers.ofString())
              .whenComplete(
                  (r, e) -> {
                    long arrived = System.nanoTime();
                    String problem = null;
                    if (e != null) {
                      problem = e.toString();
                    } else if (r.statusCode() != 200) {
                      problem = "status " + r.statusCode() + ": " + r.body();
                    } else if (!r.body().contains(SIGN_ON)) {
                      problem = "no sign-on text in: " + r.body();
                    }
                    if (problem == null) {
                      latency[index] = arrived - scheduled;
                    } else if (index >= skip) {
                      synchronized (firstError) {
                        if (errors.getAndIncrement() == 0) {
                          firstError[0] = problem;
                        }
                      }
                    }
                  })
              .handle((r, e) -> null));
    }
    try {
      CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
          .get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      System.out.println(t.name() + ": not every request finished: " + e);
    }
    long[] ok =
        Arrays.stream(latency, skip, total)
            .filter(v -> v >= 0)
            .map(v -> v / 1000)
            .sorted()
            .toArray();
    int recorded = total - skip;
    int missing = recorded - ok.length - errors.get();
    double achieved =
        recorded <= 1 ? 0 : (recorded - 1) * 1e9 / Math.max(1, lastSend - recordedStart);
    return new Result(
        t.name(), ok, recorded, errors.get() + Math.max(0, missing), firstError[0], achieved);
  }

  private static void printRound(int round, List<Result> results) {
    System.out.printf("%nround %d (order: %s)%n", round, names(results));
    System.out.printf(
        "%-14s %8s %7s %9s %9s %9s %9s %9s %9s%n",
        "target",
        "requests",
        "errors",
        "sent/s",
        "p50 us",
        "p90 us",
        "p99 us",
        "p99.9 us",
        "max us");
    for (Result r : results) {
      System.out.printf(
          "%-14s %8d %7d %9.1f %9d %9d %9d %9d %9d%n",
          r.name(),
          r.recorded(),
          r.errors(),
          r.achievedRate(),
          r.percentile(50),
          r.percentile(90),
          r.percentile(99),
          r.percentile(99.9),
          r.micros().length == 0 ? -1 : r.micros()[r.micros().length - 1]);
      if (r.errors() > 0) {
        System.out.println("  first error: " + abbreviate(r.firstError()));
      }
    }
    Result ours = find(results, OURS);
    Result theirs = find(results, THEIRS);
    if (ours != null && theirs != null && theirs.percentile(99) > 0) {
      System.out.printf(
          "ratio p99(console3270)/p99(s3270) = %.2f; p50 ratio = %.2f%n",
          (double) ours.percentile(99) / theirs.percentile(99),
          (double) ours.percentile(50) / Math.max(1, theirs.percentile(50)));
    } else {
      System.out.println("no ratio: s3270 was not measured");
    }
    if (ours != null) {
      System.out.printf(
          "target p99 < 2000 us: %s%n", ours.percentile(99) < 2000 ? "met" : "NOT met");
    }
  }

  private static String names(List<Result> results) {
    List<String> n = new ArrayList<>();
    for (Result r : results) {
      n.add(r.name());
    }
    return String.join(", then ", n);
  }

  static Result find(List<Result> results, String name) {
    for (Result r : results) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    return null;
  }

  private static String abbreviate(String s) {
    String flat = s.replace('\n', ' ');
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }
}
