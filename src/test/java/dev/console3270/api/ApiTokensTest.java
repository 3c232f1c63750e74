package dev.console3270.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {

  private final List<JsonNode> written = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

  private ApiTokens store(List<ApiTokens.Entry> initial) {
    return ApiTokens.open(initial, written::add, clock, new SecureRandom());
  }

  @Test
  void aTokenIsShownOnceKeptAsItsHashAndRevokedAtOnce() throws Exception {
    ApiTokens t = store(List.of());
    ApiTokens.Issued i = t.create("ci-bot", Role.OPERATOR);
    assertThat(i.token()).startsWith(ApiTokens.PREFIX).hasSizeGreaterThan(40);
    assertThat(i.entry().sha256()).isEqualTo(ApiTokens.sha256(i.token()));
    assertThat(t.lookup(i.token())).contains(new Caller("ci-bot", Role.OPERATOR));
    assertThat(t.lookup(i.token() + "x")).isEmpty();
    assertThat(t.lookup(null)).isEmpty();
    assertThat(t.lookup("not-ours")).isEmpty();
    JsonNode kept = written.get(written.size() - 1);
    assertThat(kept.toString()).doesNotContain(i.token()).contains(i.entry().sha256());
    assertThat(kept.get(0).get("created").asText()).isEqualTo("2026-11-24T10:00:00Z");

    // what was written reads back to the same tokens
    ApiTokens again = store(ApiTokens.parse(kept));
    assertThat(again.lookup(i.token())).contains(new Caller("ci-bot", Role.OPERATOR));
    assertThat(again.list()).isEqualTo(t.list());

    assertThat(t.revoke("ci-bot")).isTrue();
    assertThat(t.lookup(i.token())).isEmpty();
    assertThat(t.revoke("ci-bot")).isFalse();
  }

  @Test
  void namesAreCheckedAndAdminIsTheTokenFiles() throws Exception {
    ApiTokens t = store(List.of());
    t.create("a", Role.VIEWER);
    assertThatThrownBy(() -> t.create("a", Role.ADMIN)).hasMessageContaining("already");
    assertThatThrownBy(() -> t.create("Admin", Role.ADMIN)).hasMessageContaining("already");
    assertThatThrownBy(() -> t.create("bad name", Role.ADMIN)).hasMessageContaining("1-64");
    assertThatThrownBy(() -> t.create("-x", Role.ADMIN)).hasMessageContaining("1-64");
    assertThatThrownBy(() -> t.create("x".repeat(65), Role.ADMIN)).hasMessageContaining("1-64");
    assertThat(t.list()).hasSize(1);
  }

  @Test
  void aChangeThatCannotBeKeptIsUndone() throws Exception {
    ApiTokens ok = store(List.of());
    ApiTokens.Issued i = ok.create("keep", Role.AUDITOR);
    ApiTokens failing =
        ApiTokens.open(
            ok.list(),
            list -> {
              throw new IOException("disk full");
            },
            clock,
            new SecureRandom());
    assertThatThrownBy(() -> failing.create("new", Role.VIEWER)).hasMessage("disk full");
    assertThat(failing.list()).extracting(ApiTokens.Entry::name).containsExactly("keep");
    assertThatThrownBy(() -> failing.revoke("keep")).hasMessage("disk full");
    assertThat(failing.lookup(i.token())).isPresent();
  }

  @Test
  void parseNamesTheBadEntry() throws Exception {
    ObjectMapper m = new ObjectMapper();
    String hash = "a".repeat(64);
    assertThat(
            ApiTokens.parse(
                m.readTree("[{\"name\":\"n\",\"role\":\"auditor\",\"sha256\":\"" + hash + "\"}]")))
        .singleElement()
        .extracting(ApiTokens.Entry::role)
        .isEqualTo(Role.AUDITOR);
    assertThatThrownBy(() -> ApiTokens.parse(m.readTree("{}"))).hasMessageContaining("list");
    assertThatThrownBy(
            () ->
                ApiTokens.parse(
                    m.readTree("[{\"name\":\"n\",\"role\":\"root\",\"sha256\":\"" + hash + "\"}]")))
        .hasMessageStartingWith("[0]: role must be");
    assertThatThrownBy(
            () ->
                ApiTokens.parse(
                    m.readTree("[{\"name\":\"n\",\"role\":\"viewer\",\"sha256\":\"x\"}]")))
        .hasMessageContaining("sha256");
    assertThatThrownBy(
            () ->
                ApiTokens.parse(
                    m.readTree(
                        "[{\"name\":\"n\",\"role\":\"viewer\",\"sha256\":\""
                            + hash
                            + "\",\"token\":\"c3270_plain\"}]")))
        .hasMessageContaining("token is not a token setting");
    String two =
        "[{\"name\":\"n\",\"role\":\"viewer\",\"sha256\":\""
            + hash
            + "\"},{\"name\":\"n\",\"role\":\"viewer\",\"sha256\":\""
            + "b".repeat(64)
            + "\"}]";
    assertThatThrownBy(() -> ApiTokens.parse(m.readTree(two)))
        .hasMessageStartingWith("[1]: a second");
  }

  @Test
  void everyRouteNeedsADeliberatePermission(@TempDir Path dir) throws Exception {
    List<Router.Route> routes;
    try (ApiTestKit kit = new ApiTestKit(dir, c -> c)) {
      routes = kit.server.router().routes();
    }
    Map<String, String> need = new TreeMap<>();
    for (Router.Route route : routes) {
      need.put(
          route.method() + " " + route.template(),
          Permission.required(route.method(), route.template()).name().toLowerCase(Locale.ROOT));
    }
    assertThat(need)
        .containsEntry("GET /api/v1/health", "read")
        .containsEntry("GET /metrics", "read")
        .containsEntry("GET /api/v1/openapi.json", "read")
        .containsEntry("GET /api/v1/events", "read")
        .containsEntry("GET /api/v1/sessions", "read")
        .containsEntry("GET /api/v1/sessions/{id}/screen", "read")
        .containsEntry("POST /api/v1/sessions", "operate")
        .containsEntry("DELETE /api/v1/sessions/{id}", "operate")
        .containsEntry("POST /api/v1/sessions/{id}/actions", "operate")
        .containsEntry("POST /api/v1/sessions/{id}/migrate", "operate")
        .containsEntry("GET /api/v1/endpoints", "read")
        .containsEntry("POST /api/v1/endpoints", "admin")
        .containsEntry("PUT /api/v1/balancer", "admin")
        .containsEntry("GET /api/v1/audit", "audit")
        .containsEntry("POST /api/v1/audit/verify", "audit")
        .containsEntry("GET /api/v1/compliance", "audit")
        .containsEntry("GET /api/v1/webhooks", "admin")
        .containsEntry("GET /api/v1/tokens", "admin")
        .containsEntry("POST /api/v1/tokens", "admin");
    // a viewer may never change anything
    need.forEach(
        (route, p) -> {
          if (!route.startsWith("GET ")) {
            assertThat(p).as(route).isNotEqualTo("read");
          }
        });
    assertThat(Permission.required("GET", "/3270/rest/json/Ascii()")).isEqualTo(Permission.OPERATE);
    assertThat(Permission.required("GET", "/api/v1/something-new")).isEqualTo(Permission.ADMIN);
    for (Role role : Role.values()) {
      assertThat(role.permits(Permission.READ)).isTrue();
    }
    assertThat(Role.VIEWER.permits(Permission.OPERATE)).isFalse();
    assertThat(Role.OPERATOR.permits(Permission.AUDIT)).isFalse();
    assertThat(Role.AUDITOR.permits(Permission.OPERATE)).isFalse();
    assertThat(Role.AUDITOR.permits(Permission.ADMIN)).isFalse();
  }
}
