package dev.console3270.api.x3270;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.console3270.host.DemoHost;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.trace.TraceFile;
import dev.console3270.session.Session;
import dev.console3270.session.SessionProfile;
import dev.console3270.testing.Conformance;
import dev.console3270.testing.S3270;
import dev.console3270.testing.TraceReplayServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The same HTTP requests sent to the real {@code s3270 -httpd} (Debian's 4.1) and to {@link
 * X3270RestHandler}, each connected to its own demo host of the same name (so the same screens and
 * device names), must give the same HTTP status codes, media types and bodies.
 *
 * <p>Normalized, as documented differences: the command time (last field of the status line);
 * s3270's {@code "result": null} for no output (we send {@code []}); our extra {@code "status"} in
 * JSON error bodies (s3270 4.1 sends only {@code "result"}); the JSON layout (s3270 4.1
 * pretty-prints with CR LF, we send one line: compared as parsed JSON); charset parameters (s3270
 * says iso8859-1 on errors); the bodies of 404 replies (s3270's is HTML) and of s3270 4.1's invalid
 * JSON for a missing or invalid action (only the status code is compared there).
 */
class X3270RestS3270ComparisonTest {

  private static final String MODEL = "3279-2-E";
  private static final Pattern STATUS_TIME =
      Pattern.compile("(?m)^((?:\\S+ ){11})\\d+\\.\\d{3}(\\r?)$");
  private static final Pattern STATUS_TIME_JSON = Pattern.compile("^((?:\\S+ ){11})\\d+\\.\\d{3}$");

  /** What to compare of one request. */
  private enum Check {
    /** Status code, media type and body. */
    ALL,
    /** Status code and media type, and the result but not the status line. */
    NO_STATUS,
    /** Status code only. */
    CODE
  }

  private record Request(String path, Check check) {}

  private record Answer(int code, String media, String body) {}

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper mapper = new ObjectMapper();

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private Answer get(int port, String path) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
    String type = r.headers().firstValue("Content-Type").orElse("");
    return new Answer(
        r.statusCode(), type.split(";", 2)[0].trim(), new String(r.body(), StandardCharsets.UTF_8));
  }

  private static void awaitListening(int port, S3270 s3270) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        new Socket("127.0.0.1", port).close();
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "s3270 -httpd does not listen on " + port + "; stderr: " + s3270.stderr(), e);
        }
        Thread.sleep(50);
      }
    }
  }

  @Test
  void sameRequestsGiveSameAnswers() throws Exception {
    S3270.assumeAvailable();
    List<Request> requests =
        List.of(
            new Request("/3270/rest/json/Connect(127.0.0.1:PORT)", Check.NO_STATUS),
            new Request("/3270/rest/json/Wait(10,InputField)", Check.ALL),
            // each request starts afresh: any host output so far satisfies Wait(Output)
            new Request("/3270/rest/text/Wait(1,Output)", Check.ALL),
            new Request("/3270/rest/json/Ascii()", Check.ALL),
            new Request("/3270/rest/json/Ascii(0,0,1,20)", Check.ALL),
            new Request("/3270/rest/json/Query(Cursor)", Check.ALL),
            new Request("/3270/rest/text/Query(Cursor)%20Query(Model)", Check.ALL),
            new Request("/3270/rest/stext/Ascii(0,0,2,10)", Check.ALL),
            new Request("/3270/rest/text/Ascii()", Check.ALL),
            new Request("/3270/rest/json/String(DEMO)", Check.ALL),
            new Request("/3270/rest/json/Tab", Check.ALL),
            new Request("/3270/rest/json/Query(Cursor)", Check.ALL),
            new Request("/3270/rest/json/String(%22x%20y%22)%20Query(Cursor)", Check.ALL),
            new Request("/3270/rest/json/Query%28Cursor1%29", Check.ALL),
            new Request("/3270/rest/stext/Query(Formatted)", Check.ALL),
            new Request("/3270/rest/json/Bogus()", Check.ALL),
            new Request("/3270/rest/text/Bogus()", Check.ALL),
            new Request("/3270/rest/stext/Bogus()", Check.ALL),
            new Request("/3270/rest/json/Ascii(1))", Check.ALL),
            new Request("/3270/rest/text/Query(Cursor)%20Bogus()", Check.ALL),
            new Request("/3270/rest/json/Query(Cursor)%20Bogus()", Check.ALL),
            new Request("/3270/rest/text/Query(Cursor)+Query(Model)", Check.ALL),
            new Request("/3270/rest/json/Query(Nonsense)", Check.ALL),
            new Request("/3270/rest/text/Wait(Seconds,1)", Check.ALL),
            new Request("/3270/rest/json/Wait(1,Unlock)", Check.ALL),
            new Request("/3270/rest/text/Wait(1,Unlock)", Check.ALL),
            new Request("/3270/rest/stext/Wait(1,Unlock)", Check.ALL),
            new Request("/3270/rest/text/", Check.ALL),
            new Request("/3270/rest/text", Check.ALL),
            // s3270 4.1 answers "Unknown action: 0" (it reads past the path): only the code
            new Request("/3270/rest/stext", Check.CODE),
            new Request("/3270/rest/json/", Check.CODE),
            new Request("/3270/rest/text/Query(Cursor)%0AQuery(Model)", Check.ALL),
            new Request("/3270/rest/json/Query(Cursor)%0AQuery(Model)", Check.CODE),
            new Request("/3270/rest/foo/Query()", Check.CODE),
            new Request("/3270/rest/json/Enter", Check.ALL),
            new Request("/3270/rest/json/Wait(1,Output)", Check.ALL),
            new Request("/3270/rest/json/Ascii()", Check.ALL),
            // not Wait(InputField) here: on the help screen (cursor at 0,0) s3270 times out
            new Request("/3270/rest/json/PF(1)%20Ascii(0,0,4,80)", Check.ALL),
            new Request("/3270/rest/stext/PF(3)%20Wait(5,InputField)%20Query(Cursor)", Check.ALL),
            new Request("/3270/rest/json/Disconnect()", Check.ALL),
            new Request("/3270/rest/json/Query(ConnectionState)", Check.ALL));

    compare(requests, MODEL, () -> new Host(DemoHost.start(0, "RESTHOST")));
  }

  /**
   * A replayed x3270 trace (the login screen of the s3270 corpus): each side gets its own replay of
   * the same trace.
   */
  @Test
  void sameAnswersOnAReplayedScreen() throws Exception {
    S3270.assumeAvailable();
    TraceFile trace = Conformance.trace("s3270__login.trc");
    List<Request> requests =
        List.of(
            new Request("/3270/rest/json/Connect(127.0.0.1:PORT)", Check.NO_STATUS),
            new Request("/3270/rest/json/Wait(5,InputField)", Check.ALL),
            new Request("/3270/rest/json/Ascii()", Check.ALL),
            new Request("/3270/rest/stext/Ascii(5,0,80)", Check.ALL),
            new Request("/3270/rest/text/ReadBuffer(Ascii)", Check.ALL),
            new Request("/3270/rest/json/AsciiField()", Check.ALL),
            new Request("/3270/rest/json/Query(Cursor)%20Query(Formatted)", Check.ALL),
            new Request("/3270/rest/stext/Ebcdic(0,29,5)", Check.ALL),
            new Request("/3270/rest/json/Tab%20Query(Cursor1)", Check.ALL),
            new Request("/3270/rest/json/String(%22ab%5Ctcd%22)%20Ascii(5,0,80)", Check.ALL),
            new Request("/3270/rest/text/MoveCursor(100,0)", Check.ALL),
            new Request("/3270/rest/json/Key(Foo)", Check.ALL),
            new Request("/3270/rest/stext/PF(25)", Check.ALL),
            new Request("/3270/rest/text/Ascii(0,0,9999)", Check.ALL));
    compare(
        requests,
        trace.model(),
        () -> {
          TraceReplayServer server = new TraceReplayServer(trace, Duration.ofSeconds(10));
          return new Host(server.port(), server);
        });
  }

  /** A host for one side: its port and what closes it. */
  private record Host(int port, AutoCloseable closer) implements AutoCloseable {
    Host(DemoHost demo) {
      this(demo.port(), demo);
    }

    @Override
    public void close() throws IOException {
      try {
        closer.close();
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException("closing the host", e);
      }
    }
  }

  /** Starts a host for one side. */
  @FunctionalInterface
  private interface HostFactory {
    Host start() throws Exception;
  }

  private void compare(List<Request> requests, String model, HostFactory hosts) throws Exception {
    List<Answer> theirs = new ArrayList<>();
    List<Answer> ours = new ArrayList<>();
    int httpd = freePort();
    try (Host host = hosts.start();
        S3270 s3270 = S3270.start(model, null, "-httpd", "127.0.0.1:" + httpd)) {
      awaitListening(httpd, s3270);
      for (Request r : requests) {
        theirs.add(get(httpd, r.path().replace("PORT", "" + host.port())));
      }
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    try (Host host = hosts.start();
        Session session =
            new Session(
                SessionProfile.of("127.0.0.1", host.port())
                    .withModel(TerminalModel.parse(model)))) {
      server.createContext("/3270/rest/", new X3270RestHandler(id -> id == null ? session : null));
      server.start();
      for (Request r : requests) {
        ours.add(get(server.getAddress().getPort(), r.path().replace("PORT", "" + host.port())));
      }
    } finally {
      server.stop(0);
    }

    for (int i = 0; i < requests.size(); i++) {
      Request r = requests.get(i);
      Answer t = theirs.get(i);
      Answer o = ours.get(i);
      String what = r.path() + " (s3270 said " + t + ", we said " + o + ")";
      assertThat(o.code()).as("status code of " + what).isEqualTo(t.code());
      if (r.check() == Check.CODE) {
        continue;
      }
      assertThat(o.media()).as("media type of " + what).isEqualTo(t.media());
      if (t.media().equals("application/json")) {
        assertThat(normalJson(o.body(), r.check(), o.code()))
            .as("body of " + what)
            .isEqualTo(normalJson(t.body(), r.check(), t.code()));
      } else {
        assertThat(STATUS_TIME.matcher(o.body()).replaceAll("$1T$2"))
            .as("body of " + what)
            .isEqualTo(STATUS_TIME.matcher(t.body()).replaceAll("$1T$2"));
      }
    }
  }

  /** The JSON body with the documented differences taken out. */
  private JsonNode normalJson(String body, Check check, int code) throws IOException {
    JsonNode node = mapper.readTree(body);
    assertThat(node.isObject()).as("a JSON object: " + body).isTrue();
    ObjectNode o = (ObjectNode) node;
    if (o.get("result") == null || o.get("result").isNull()) {
      o.putArray("result");
    }
    JsonNode status = o.get("status");
    if (status != null && (check == Check.NO_STATUS || code >= 400)) {
      o.remove("status");
    } else if (status != null) {
      o.put("status", STATUS_TIME_JSON.matcher(status.asText()).replaceAll("$1T"));
    }
    return o;
  }
}
