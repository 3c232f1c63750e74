package dev.console3270.api;

import static dev.console3270.api.ApiTestKit.assertProblem;
import static dev.console3270.api.ApiTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.console3270.endpoint.Endpoint;
import dev.console3270.host.DemoHost;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class ApiMigrationAndTlsTest {
  private static final char[] PASSWORD = "api-test-pw".toCharArray();

  @TempDir Path dir;

  @Test
  void migratesASignedOnSessionToAnotherEndpointWithALogonMacro() throws Exception {
    DemoHost alpha = DemoHost.start(0, "ALPHA");
    DemoHost bravo = DemoHost.start(0, "BRAVO");
    try (ApiTestKit kit = new ApiTestKit(dir, c -> c)) {
      kit.registry.add(Endpoint.of("alpha", "127.0.0.1", alpha.port()));
      kit.registry.add(Endpoint.of("bravo", "127.0.0.1", bravo.port()));
      String id =
          json(kit.post("/api/v1/sessions", "{\"name\":\"m\",\"endpoint\":\"alpha\"}"))
              .get("id")
              .asText();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> kit.pool.get(id).orElseThrow().state().name().equals("CONNECTED"));
      HttpResponse<String> bad =
          kit.post("/api/v1/sessions/" + id + "/migrate", "{\"endpoint\":\"nowhere\"}");
      assertProblem(bad, 400, "bad-request");
      String logon =
          "Wait(10,InputField)\\nString(\\\"DEMO\\\") Tab() String(\\\"DEMO3270\\\") Enter()"
              + "\\nWait(10,Unlock)";
      HttpResponse<String> r =
          kit.post(
              "/api/v1/sessions/" + id + "/migrate",
              "{\"endpoint\":\"bravo\",\"logon\":\"" + logon + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(json(r).get("endpoint").asText()).isEqualTo("bravo");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  kit.get("/api/v1/sessions/" + id + "/screen?format=text")
                      .body()
                      .contains("MAIN MENU"));
      assertThat(kit.get("/api/v1/sessions/" + id + "/screen?format=text").body())
          .contains("BRAVO");
      // a logon macro that fails leaves the session where it was, as a 409 problem
      HttpResponse<String> failed =
          kit.post(
              "/api/v1/sessions/" + id + "/migrate",
              "{\"endpoint\":\"alpha\",\"logon\":\"Wait(2,StringAt,1,1,\\\"NEVER THERE\\\")\"}");
      assertProblem(failed, 409, "conflict");
      assertThat(json(kit.get("/api/v1/sessions/" + id)).get("endpoint").asText())
          .isEqualTo("bravo");
    } finally {
      alpha.close();
      bravo.close();
    }
  }

  @Test
  void servesHttpsWithAPkcs12KeyStore() throws Exception {
    Path store = keyPair(dir.resolve("api.p12"));
    try (ApiTestKit kit = new ApiTestKit(dir, c -> c.withKeyStore(store, PASSWORD))) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        trust.load(in, PASSWORD);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      HttpClient client = HttpClient.newBuilder().sslContext(ctx).build();
      assertThat(kit.server.baseUri().getScheme()).isEqualTo("https");
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(kit.server.baseUri().resolve("/api/v1/health"))
                  .header("Authorization", "Bearer " + kit.server.token())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(json(r).get("ok").asBoolean()).isTrue();
    }
  }

  private static Path keyPair(Path store) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "api",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return store;
  }
}
