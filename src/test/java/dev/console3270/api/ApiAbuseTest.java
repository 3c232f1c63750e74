package dev.console3270.api;

import static dev.console3270.api.ApiTestKit.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.host.DemoHost;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class ApiAbuseTest {
  @TempDir Path dir;

  @Test
  void rateLimitGives429WithRetryAfterAndRateLimitHeaders() throws Exception {
    try (ApiTestKit kit = new ApiTestKit(dir, c -> c.withRateLimit(5, Duration.ofMinutes(1)))) {
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> r = kit.get("/api/v1/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("RateLimit-Policy")).contains("\"default\";q=5;w=60");
        assertThat(r.headers().firstValue("RateLimit").orElseThrow())
            .startsWith("\"default\";r=" + (4 - i) + ";t=");
      }
      HttpResponse<String> limited = kit.get("/api/v1/health");
      assertProblem(limited, 429, "rate-limited");
      long retry = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retry).isBetween(1L, 60L);
      assertThat(limited.headers().firstValue("RateLimit").orElseThrow())
          .startsWith("\"default\";r=0;t=");
    }
  }

  @Test
  void smallBodyLimitIsEnforcedWithoutContentLength() throws Exception {
    try (ApiTestKit kit = new ApiTestKit(dir, c -> c.withMaxBodyBytes(100))) {
      // chunked: no Content-Length, the server must stop reading after limit+1 bytes
      String answer =
          raw(
              kit,
              "POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nAuthorization: Bearer TOKEN"
                  + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                  + "Connection: close\r\n\r\n"
                  + "c8\r\n"
                  + "x".repeat(200)
                  + "\r\n0\r\n\r\n");
      assertThat(answer).startsWith("HTTP/1.1 413").contains(Problem.BASE + "payload-too-large");
    }
  }

  @Test
  void garbageNeverGivesA5xx() throws Exception {
    DemoHost host = DemoHost.start(0, "FUZZ");
    try (ApiTestKit kit =
        new ApiTestKit(dir, c -> c.withRateLimit(100_000, Duration.ofMinutes(1)))) {
      kit.registry.add(Endpoint.of("alpha", "127.0.0.1", host.port()));
      HttpResponse<String> created =
          kit.post("/api/v1/sessions", "{\"name\":\"fuzz\",\"endpoint\":\"alpha\"}");
      String id = ApiTestKit.json(created).get("id").asText();
      Random rnd = new Random(7270);
      List<String> ids =
          List.of(id, "x", "%20", "..", "%2e%2e", "A".repeat(300), "%00", "alpha", "-1");
      List<String> bodies = bodies(rnd);
      List<String> failures = new ArrayList<>();
      int n = 0;
      for (Router.Route route : kit.server.router().routes()) {
        if (route.template().endsWith("/migrate") || route.method().equals("DELETE")) {
          continue; // slow or destructive: covered elsewhere
        }
        for (int i = 0; i < 12; i++) {
          String pathId = ids.get(rnd.nextInt(ids.size()));
          String path =
              route
                  .template()
                  .replace("{id}", pathId)
                  .replace("{name}", pathId)
                  .replace("{deliveryId}", pathId);
          if (rnd.nextBoolean()) {
            path += "?limit=" + rnd.nextInt() + "&format=" + rnd.nextInt(3) + "&cursor=%25ZZ";
          }
          String body = bodies.get(rnd.nextInt(bodies.size()));
          String ct =
              List.of("application/json", "text/plain", "application/x-www-form-urlencoded", "")
                  .get(rnd.nextInt(4));
          HttpRequest.Builder b =
              kit.request(path).method(route.method(), HttpRequest.BodyPublishers.ofString(body));
          if (!ct.isEmpty()) {
            b.header("Content-Type", ct);
          }
          HttpResponse<String> r;
          try {
            r = kit.send(b.build());
          } catch (IllegalArgumentException e) {
            continue; // the client refused the URI itself
          }
          n++;
          if (r.statusCode() >= 500) {
            failures.add(route.method() + " " + path + " " + body + " -> " + r.body());
          }
          if (r.statusCode() >= 400) {
            assertThat(r.headers().firstValue("Content-Type").orElse(""))
                .as(route.method() + " " + path)
                .startsWith("application/problem+json");
            JsonNode p = ApiTestKit.json(r);
            assertThat(p.get("type").asText()).startsWith(Problem.BASE);
          }
        }
      }
      assertThat(failures).isEmpty();
      assertThat(n).isGreaterThan(100);
      // malformed escapes the JDK client refuses to send
      for (String p :
          List.of(
              "/api/v1/sessions/%E0%A4%A", "/api/v1/endpoints/%", "/api/v1/sessions?cursor=%G1")) {
        String answer =
            raw(
                kit,
                "GET "
                    + p
                    + " HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nAuthorization: Bearer TOKEN\r\nConnection: close\r\n\r\n");
        int status = Integer.parseInt(answer.substring(9, 12));
        assertThat(status).as(p + ": " + answer).isBetween(400, 499);
      }
    } finally {
      host.close();
    }
  }

  private static List<String> bodies(Random rnd) {
    List<String> b =
        new ArrayList<>(
            List.of(
                "",
                "{",
                "null",
                "[]",
                "42",
                "\"s\"",
                "{\"name\":null}",
                "{\"actions\":[null]}",
                "{\"actions\":[{\"name\":\"String\",\"args\":[{}]}]}",
                "{\"actions\":[],\"wait\":{\"condition\":\"StringAt\",\"row\":-5,\"col\":1e9,\"text\":\"\"}}",
                "{\"endpoint\":\"alpha\",\"logon\":\"String(\"}",
                "{\"strategy\":[1,2]}",
                "{\"name\":\"a\",\"host\":\"h\",\"port\":1e400}",
                "{\"name\":\"a\",\"host\":\"\",\"port\":0,\"weight\":0,\"tags\":[\"\"]}",
                "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                "Wait(1,Bogus)\nString(\"x\")",
                "\u0000\u00ff\ufffe"));
    for (int i = 0; i < 10; i++) {
      byte[] raw = new byte[rnd.nextInt(200)];
      rnd.nextBytes(raw);
      b.add(new String(raw, StandardCharsets.ISO_8859_1));
    }
    return b;
  }

  private static String raw(ApiTestKit kit, String request) throws Exception {
    String req =
        request
            .replace("PORT", Integer.toString(kit.server.port()))
            .replace("TOKEN", kit.server.token());
    try (Socket s = new Socket("127.0.0.1", kit.server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(req.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
