package dev.console3270.api.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A webhook receiver on loopback: checks signatures, answers with scripted statuses. */
final class Receiver implements AutoCloseable {
  /** One request received. */
  record Hit(
      String path,
      String id,
      String timestamp,
      String body,
      boolean signatureValid,
      int answered) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final Map<String, Queue<Integer>> script = new ConcurrentHashMap<>();
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  final List<Hit> hits = Collections.synchronizedList(new ArrayList<>());

  Receiver(Clock clock) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    server.createContext(
        "/",
        x -> {
          String path = x.getRequestURI().getPath();
          byte[] body = x.getRequestBody().readAllBytes();
          String id = x.getRequestHeaders().getFirst("webhook-id");
          String ts = x.getRequestHeaders().getFirst("webhook-timestamp");
          String sig = x.getRequestHeaders().getFirst("webhook-signature");
          String secret = secrets.get(path);
          boolean valid =
              secret != null && WebhookSigner.verify(secret, id, ts, sig, body, clock.instant());
          Queue<Integer> q = script.get(path);
          Integer s = q == null ? null : q.poll();
          int status = s == null ? 200 : s;
          hits.add(new Hit(path, id, ts, new String(body, StandardCharsets.UTF_8), valid, status));
          x.sendResponseHeaders(status, -1);
          x.close();
        });
    server.start();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** The statuses {@code path} answers with, in order (200 after them). */
  void answer(String path, Integer... statuses) {
    script.put(path, new ConcurrentLinkedQueue<>(List.of(statuses)));
  }

  void secret(String path, String secret) {
    secrets.put(path, secret);
  }

  List<Hit> hits(String path) {
    synchronized (hits) {
      return hits.stream().filter(h -> h.path().equals(path)).toList();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
