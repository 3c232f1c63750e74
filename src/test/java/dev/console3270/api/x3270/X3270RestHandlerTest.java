package dev.console3270.api.x3270;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.console3270.host.DemoHost;
import dev.console3270.session.Session;
import dev.console3270.session.SessionProfile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler's own behaviour: session choice, POST, request errors (no s3270 needed). */
class X3270RestHandlerTest {

  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();
  private final AtomicReference<Session> active = new AtomicReference<>();
  private DemoHost alpha;
  private DemoHost beta;
  private Session a;
  private Session b;
  private HttpServer server;
  private ExecutorService executor;

  @BeforeEach
  void setUp() throws Exception {
    alpha = DemoHost.start(0, "ALPHA");
    beta = DemoHost.start(0, "BETA");
    a = new Session(SessionProfile.of("127.0.0.1", alpha.port()));
    b = new Session(SessionProfile.of("127.0.0.1", beta.port()));
    active.set(a);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/3270/rest/",
        new X3270RestHandler(
            id ->
                id == null
                    ? active.get()
                    : switch (id) {
                      case "a" -> a;
                      case "b" -> b;
                      default -> null;
                    },
            Duration.ofSeconds(10)));
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.start();
    assertThat(get("/3270/rest/json/Connect(127.0.0.1:" + alpha.port() + ")").statusCode())
        .isEqualTo(200);
    assertThat(get("/3270/rest/json/Connect(127.0.0.1:" + beta.port() + ")?session=b").statusCode())
        .isEqualTo(200);
    assertThat(get("/3270/rest/json/Wait(10,InputField)").statusCode()).isEqualTo(200);
    assertThat(get("/3270/rest/json/Wait(10,InputField)?session=b").statusCode()).isEqualTo(200);
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
    executor.shutdownNow();
    a.close();
    b.close();
    alpha.close();
    beta.close();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      r.headers(headers);
    }
    return client.send(r.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String type, String body) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      r.header("Content-Type", type);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET over a plain socket, for paths java.net.URI refuses: the whole response. */
  private String rawGet(String path) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.getAddress().getPort())) {
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    return mapper.readTree(r.body());
  }

  private List<String> result(HttpResponse<String> r) throws Exception {
    return mapper.convertValue(
        json(r).get("result"),
        mapper.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  @Test
  void theSessionIsChosenByParameterOrHeaderElseTheActiveOne() throws Exception {
    String title = "/3270/rest/json/Ascii(0,0,1,10)";
    assertThat(result(get(title))).containsExactly("  ALPHA   ");
    assertThat(result(get(title + "?session=b"))).containsExactly("  BETA    ");
    assertThat(result(get(title, X3270RestHandler.SESSION_HEADER, "b")))
        .containsExactly("  BETA    ");
    // the query parameter wins over the header
    assertThat(result(get(title + "?x=1&session=a", X3270RestHandler.SESSION_HEADER, "b")))
        .containsExactly("  ALPHA   ");
    active.set(b);
    assertThat(result(get(title))).containsExactly("  BETA    ");
  }

  @Test
  void anUnknownOrMissingSessionIs404() throws Exception {
    HttpResponse<String> r = get("/3270/rest/json/Query(Cursor)?session=zz");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(result(r)).containsExactly("No such session: zz");
    HttpResponse<String> t = get("/3270/rest/text/Query(Cursor)", "X-Console3270-Session", "q");
    assertThat(t.statusCode()).isEqualTo(404);
    assertThat(t.body()).isEqualTo("No such session: q\r\n");
    active.set(null);
    HttpResponse<String> none = get("/3270/rest/stext/Query(Cursor)");
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.body()).isEqualTo("No active session.\r\n");
  }

  @Test
  void jsonAnswersResultAndStatus() throws Exception {
    HttpResponse<String> r = get("/3270/rest/json/MoveCursor(9,29)%20Query(Cursor)");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode j = json(r);
    assertThat(j.get("result").toString()).isEqualTo("[\"9 29\"]");
    assertThat(j.get("status").asText().split(" ")).hasSize(12);
    assertThat(j.get("status").asText()).contains(" C(127.0.0.1) ").contains(" 9 29 ");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void stextPutsTheStatusFirstAndTextOmitsIt() throws Exception {
    HttpResponse<String> s = get("/3270/rest/stext/Query(Cursor)");
    String[] lines = s.body().split("\r\n", -1);
    assertThat(lines).hasSize(3);
    assertThat(lines[0].split(" ")).hasSize(12);
    assertThat(lines[1]).matches("\\d+ \\d+");
    assertThat(lines[2]).isEmpty();
    assertThat(get("/3270/rest/text/Query(Cursor)").body()).isEqualTo(lines[1] + "\r\n");
  }

  @Test
  void postTextAnswersAsStextEvenOnError() throws Exception {
    HttpResponse<String> r =
        post("/3270/rest/post", "text/plain; charset=utf-8", "MoveCursor(9,29)\nQuery(Cursor)\n");
    assertThat(r.statusCode()).isEqualTo(200);
    String[] lines = r.body().split("\r\n");
    assertThat(lines[0].split(" ")).hasSize(12);
    assertThat(lines).hasSize(2).endsWith("9 29");
    HttpResponse<String> bad = post("/3270/rest/post?session=b", "text/plain", "Bogus()");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body().split("\r\n")).hasSize(2).endsWith("Unknown action: Bogus");
  }

  @Test
  void postJsonTakesAStringAnObjectOrAnArray() throws Exception {
    HttpResponse<String> s = post("/3270/rest/post", "application/json", "\"Ascii(0,0,1,10)\"");
    assertThat(result(s)).containsExactly("  ALPHA   ");
    assertThat(json(s).get("success").asBoolean()).isTrue();
    HttpResponse<String> o =
        post(
            "/3270/rest/post?session=b",
            "application/json",
            "{\"action\":\"Ascii\",\"args\":[0,0,1,10]}");
    assertThat(result(o)).containsExactly("  BETA    ");
    HttpResponse<String> arr =
        post(
            "/3270/rest/post",
            "application/json",
            "[{\"action\":\"MoveCursor\",\"args\":[9,29]},\"Query(Cursor)\","
                + "{\"action\":\"String\",\"args\":[\"a b\"]},{\"action\":\"Query\","
                + "\"args\":[\"Cursor\"]}]");
    assertThat(arr.statusCode()).isEqualTo(200);
    assertThat(result(arr)).containsExactly("9 29", "9 32");
    HttpResponse<String> failed =
        post("/3270/rest/post", "application/json", "[\"Query(Cursor)\",{\"action\":\"Bogus\"}]");
    assertThat(failed.statusCode()).isEqualTo(400);
    assertThat(json(failed).get("success").asBoolean()).isFalse();
    assertThat(result(failed)).hasSize(2).endsWith("Unknown action: Bogus");
    assertThat(json(failed).get("status").asText().split(" ")).hasSize(12);
  }

  @Test
  void badPostsAreRefusedWithAReason() throws Exception {
    HttpResponse<String> invalid = post("/3270/rest/post", "application/json", "{\"action\":");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(result(invalid).get(0)).startsWith("Invalid JSON");
    HttpResponse<String> noAction = post("/3270/rest/post", "application/json", "{\"args\":[1]}");
    assertThat(noAction.statusCode()).isEqualTo(400);
    assertThat(result(noAction).get(0)).contains("\"action\"");
    HttpResponse<String> badArgs =
        post("/3270/rest/post", "application/json", "{\"action\":\"Tab\",\"args\":[[1]]}");
    assertThat(badArgs.statusCode()).isEqualTo(400);
    assertThat(post("/3270/rest/post", "application/json", "42").statusCode()).isEqualTo(400);
    HttpResponse<String> badLine =
        post("/3270/rest/post", "application/json", "[\"Query(Cursor)\",\"Ascii(1))\"]");
    assertThat(badLine.statusCode()).isEqualTo(400);
    assertThat(result(badLine)).hasSize(1);
    HttpResponse<String> form =
        post("/3270/rest/post", "application/x-www-form-urlencoded", "Query()");
    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(post("/3270/rest/post", null, "Query()").statusCode()).isEqualTo(415);
    HttpResponse<String> empty = post("/3270/rest/post", "text/plain", "");
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.body()).isEmpty();
    assertThat(post("/3270/rest/post", "text/plain", "Tab\u0001").statusCode()).isEqualTo(400);
    assertThat(post("/3270/rest/post?session=zz", "text/plain", "Tab").statusCode()).isEqualTo(404);
    assertThat(post("/3270/rest/json/Query()", "text/plain", "Tab").statusCode()).isEqualTo(405);
    HttpResponse<String> getPost = get("/3270/rest/post");
    assertThat(getPost.statusCode()).isEqualTo(405);
    assertThat(getPost.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void badPathsAreRefusedWithAReason() throws Exception {
    // java.net.URI refuses to send it; the JDK's server answers 400 before the handler (s3270
    // too answers 400, in HTML)
    String badEscape = rawGet("/3270/rest/json/String(%zz)");
    assertThat(badEscape).startsWith("HTTP/1.1 400 ");
    HttpResponse<String> notUtf8 = get("/3270/rest/text/String(%C3)");
    assertThat(notUtf8.statusCode()).isEqualTo(400);
    assertThat(notUtf8.body()).startsWith("Invalid URL encoding");
    assertThat(get("/3270/rest/html/Query()").statusCode()).isEqualTo(404);
    assertThat(get("/3270/rest/").statusCode()).isEqualTo(404);
    // the screen was not touched by the refused requests
    assertThat(result(get("/3270/rest/json/Ascii(0,0,1,10)"))).containsExactly("  ALPHA   ");
  }

  @Test
  void utf8InThePathIsDecoded() throws Exception {
    HttpResponse<String> r =
        get("/3270/rest/json/MoveCursor(9,29)%20String(%22%C3%A9t%C3%A9%22)%20Ascii(9,29,3)");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(result(r)).containsExactly("été");
  }

  @Test
  void requestsOnOneSessionRunOneAtATimeOthersDoNotWait() throws Exception {
    CompletableFuture<HttpResponse<String>> slow =
        client.sendAsync(
            HttpRequest.newBuilder(uri("/3270/rest/json/Wait(3,Seconds)")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    Thread.sleep(300);
    long start = System.nanoTime();
    assertThat(get("/3270/rest/json/Query(Cursor)?session=b").statusCode()).isEqualTo(200);
    long otherMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(otherMs).as("another session does not wait").isLessThan(1500);
    start = System.nanoTime();
    assertThat(get("/3270/rest/json/Query(Cursor)").statusCode()).isEqualTo(200);
    long sameMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(sameMs).as("the same session waits for the running request").isGreaterThan(1500);
    assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }
}
