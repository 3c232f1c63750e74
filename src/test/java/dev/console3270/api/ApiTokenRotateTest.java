package dev.console3270.api;

import static dev.console3270.api.ApiTestKit.assertProblem;
import static dev.console3270.api.ApiTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.console3270.audit.AuditEvent;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/token/rotate} over real HTTP. */
@Timeout(60)
class ApiTokenRotateTest {
  @TempDir Path dir;

  private ApiTestKit kit;

  @BeforeEach
  void start() throws Exception {
    kit = new ApiTestKit(dir, c -> c);
  }

  @AfterEach
  void stop() throws Exception {
    kit.close();
  }

  private HttpResponse<String> as(String token, String method, String path) throws Exception {
    return kit.send(
        HttpRequest.newBuilder(kit.uri(path))
            .header("Authorization", "Bearer " + token)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private String fileToken() throws Exception {
    return Files.readString(dir.resolve("api.token"), StandardCharsets.US_ASCII).strip();
  }

  @Test
  void rotatesTheFileTokenWithoutShowingItAndTheOldOneStopsAtOnce() throws Exception {
    String old = kit.server.token();
    assertThat(fileToken()).isEqualTo(old);

    HttpResponse<String> r = as(old, "POST", "/api/v1/token/rotate");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    Path file = dir.resolve("api.token").toAbsolutePath();
    assertThat(body.get("tokenFile").asText()).isEqualTo(file.toString());
    assertThat(body.size()).isEqualTo(1);

    String fresh = fileToken();
    assertThat(fresh).isNotEqualTo(old).hasSizeGreaterThanOrEqualTo(32);
    assertThat(r.body()).doesNotContain(fresh).doesNotContain(old);

    // the old token is refused at once, the new one from the file works
    assertProblem(as(old, "GET", "/api/v1/health"), 401, "unauthorized");
    assertProblem(as(old, "POST", "/api/v1/token/rotate"), 401, "unauthorized");
    assertThat(as(fresh, "GET", "/api/v1/health").statusCode()).isEqualTo(200);
    assertThat(fileToken()).as("a refused request rotates nothing").isEqualTo(fresh);

    // audited as an admin action, without either token
    List<AuditEvent> rotations =
        kit.audited.stream()
            .filter(
                e ->
                    e.type() == AuditType.ADMIN_ACTION
                        && "token.rotate".equals(e.details().get("action")))
            .toList();
    assertThat(rotations).hasSize(1);
    AuditEvent e = rotations.get(0);
    assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS);
    // (the audit log masks digit runs that look like card numbers, as a temp dir's name may)
    assertThat(e.details().get("file")).endsWith(file.getFileName().toString());
    for (AuditEvent any : kit.audited) {
      assertThat(any.toString()).doesNotContain(old).doesNotContain(fresh);
    }

    // twice in a row: each rotation replaces the one before
    assertThat(as(fresh, "POST", "/api/v1/token/rotate").statusCode()).isEqualTo(200);
    assertThat(fileToken()).isNotEqualTo(fresh);
    assertProblem(as(fresh, "GET", "/api/v1/health"), 401, "unauthorized");
    assertThat(as(fileToken(), "GET", "/api/v1/health").statusCode()).isEqualTo(200);
  }

  @Test
  void onlyAdminsMayRotate() throws Exception {
    assertThat(Permission.required("POST", "/api/v1/token/rotate")).isEqualTo(Permission.ADMIN);
    String before = fileToken();
    for (String role : List.of("viewer", "operator", "auditor")) {
      HttpResponse<String> made =
          kit.post("/api/v1/tokens", "{\"name\":\"n-" + role + "\",\"role\":\"" + role + "\"}");
      assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
      String named = json(made).get("token").asText();
      JsonNode p = assertProblem(as(named, "POST", "/api/v1/token/rotate"), 403, "forbidden");
      assertThat(p.get("detail").asText()).contains("admin");
    }
    assertThat(fileToken()).isEqualTo(before);
    assertThat(kit.server.token()).isEqualTo(before);
    assertThat(kit.audited).noneMatch(e -> "token.rotate".equals(e.details().get("action")));
    // a named admin token may rotate the file's token, and keeps working itself
    String admin =
        json(kit.post("/api/v1/tokens", "{\"name\":\"boss\",\"role\":\"admin\"}"))
            .get("token")
            .asText();
    assertThat(as(admin, "POST", "/api/v1/token/rotate").statusCode()).isEqualTo(200);
    assertThat(fileToken()).isNotEqualTo(before);
    assertThat(as(admin, "GET", "/api/v1/health").statusCode()).isEqualTo(200);
    // without any token: 401
    HttpResponse<String> none =
        kit.send(
            HttpRequest.newBuilder(kit.uri("/api/v1/token/rotate"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertProblem(none, 401, "unauthorized");
    // GET is not a rotation
    assertProblem(as(kit.server.token(), "GET", "/api/v1/token/rotate"), 405, "method-not-allowed");
  }
}
