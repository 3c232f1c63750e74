package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.console3270.host.DemoHost;
import dev.console3270.session.SavedProfile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's wiring starts the embedded demo host once, on a free loopback port. */
class WindowLauncherTest {

  @Test
  void startsTheDemoHostOnceAndStopsIt() throws Exception {
    WindowLauncher launcher = new WindowLauncher();
    try (launcher) {
      assertThat(launcher.running()).isFalse();
      SavedProfile first = launcher.start();
      assertThat(launcher.start()).isEqualTo(first);
      assertThat(launcher.running()).isTrue();
      assertThat(first.host()).isEqualTo("127.0.0.1");
      try (Socket s = new Socket(first.host(), first.port())) {
        assertThat(s.isConnected()).isTrue();
      }
    }
    assertThat(launcher.running()).isFalse();
  }

  @Test
  void theConfigDirectoryOptionWins() {
    assertThat(WindowLauncher.configDir(Path.of("/tmp/x"))).isEqualTo(Path.of("/tmp/x"));
    assertThat(WindowLauncher.configDir(null)).isNotNull();
  }

  @TempDir Path dir;

  private static HttpResponse<String> send(String url, String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
    b =
        body == null
            ? b.GET()
            : b.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theWindowServesTheApiWithTheActiveTabAsTheX3270Session() throws Exception {
    try (DemoHost host = DemoHost.start(0, "WIN")) {
      Files.writeString(
          dir.resolve(Settings.FILE_NAME),
          "{\"version\":1,\"balancer\":{\"strategy\":\"ROUND_ROBIN\"},\"endpoints\":[{\"name\":\"demo\","
              + "\"host\":\"127.0.0.1\",\"port\":"
              + host.port()
              + "}]}");
      try (Platform platform = Platform.open(Platform.Options.lenient(dir));
          WindowLauncher.WindowApi api = WindowLauncher.WindowApi.start(platform)) {
        assertThat(api.problem()).isNull();
        assertThat(api.server()).isNotNull();
        Path tokenFile = dir.resolve(ServeCommand.TOKEN_FILE);
        String base = api.server().baseUri().toString();
        assertThat(base).startsWith("http://127.0.0.1:");
        assertThat(api.describe())
            .contains(base + "/api/v1")
            .contains(tokenFile.toAbsolutePath().toString());
        String token = Files.readString(tokenFile).trim();

        // the same services as serve: events and webhooks are there
        assertThat(send(base + "/api/v1/webhooks", token, null).statusCode()).isEqualTo(200);
        ObjectMapper json = new ObjectMapper();
        String[] ids = new String[2];
        for (int i = 0; i < 2; i++) {
          HttpResponse<String> r =
              send(
                  base + "/api/v1/sessions",
                  token,
                  "{\"name\":\"s" + i + "\",\"endpoint\":\"demo\"}");
          assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
          ids[i] = json.readTree(r.body()).get("id").asText();
        }
        String query = base + "/3270/rest/json/Query()";
        // no active tab: no default session (not the newest, as serve would pick)
        assertThat(send(query, token, null).statusCode()).isEqualTo(404);
        AtomicReference<String> active = new AtomicReference<>(ids[0]);
        api.activeSession(active::get);
        assertThat(send(query, token, null).statusCode()).isEqualTo(200);
        assertThat(WindowLauncher.activeResolver(platform.pool(), active::get).resolve(null))
            .isSameAs(platform.pool().get(ids[0]).orElseThrow());
        active.set("gone");
        assertThat(send(query, token, null).statusCode()).isEqualTo(404);
        // a request naming its session still gets it
        assertThat(send(query + "?session=" + ids[1], token, null).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void aTakenPortLeavesTheWindowWithTheReason() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Files.writeString(
          dir.resolve(Settings.FILE_NAME),
          "{\"api\":{\"port\":" + taken.getLocalPort() + ",\"bind\":\"127.0.0.1\"}}");
      try (Platform platform = Platform.open(Platform.Options.lenient(dir));
          WindowLauncher.WindowApi api = WindowLauncher.WindowApi.start(platform)) {
        assertThat(api.server()).isNull();
        assertThat(api.problem())
            .contains("could not start")
            .contains("127.0.0.1:" + taken.getLocalPort());
        assertThat(api.describe()).isEqualTo(api.problem());
      }
    }
  }

  @Test
  void theApiCanBeDisabledAndABadSettingIsReported() throws Exception {
    Files.writeString(dir.resolve(Settings.FILE_NAME), "{\"api\":{\"enabled\":false}}");
    try (Platform platform = Platform.open(Platform.Options.lenient(dir));
        WindowLauncher.WindowApi api = WindowLauncher.WindowApi.start(platform)) {
      assertThat(api.server()).isNull();
      assertThat(api.problem()).isNull();
      assertThat(api.describe()).contains("disabled");
    }
    Files.writeString(dir.resolve(Settings.FILE_NAME), "{\"api\":{\"port\":\"x\"}}");
    try (Platform platform = Platform.open(Platform.Options.lenient(dir));
        WindowLauncher.WindowApi api = WindowLauncher.WindowApi.start(platform)) {
      assertThat(platform.problem()).contains("$.api.port").contains(Settings.FILE_NAME);
      assertThat(api.server()).isNull();
      assertThat(api.problem()).contains("not started").contains(Settings.FILE_NAME);
    }
    assertThat(dir.resolve(ServeCommand.TOKEN_FILE)).doesNotExist();
  }
}
