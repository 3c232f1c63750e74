package dev.console3270.api;

import dev.console3270.api.Router.Param;
import dev.console3270.api.Router.Route;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/v1/tokens}: the named API tokens and their roles; {@code /api/v1/token/rotate}: a new
 * token in the token file (admin only).
 */
final class TokenResources {
  private static final String V1 = "/api/v1";
  private static final List<Param> NONE = List.of();

  private final ApiServices services;
  private final ApiServer server;

  TokenResources(ApiServices services, ApiServer server) {
    this.services = services;
    this.server = server;
  }

  /** The answer to {@code POST /token/rotate}: where the new token is (never the token). */
  record Rotated(String tokenFile) {}

  /** {@code POST /tokens}. */
  record TokenBody(String name, String role) {}

  /** A token as the API shows it; {@code token} only in the answer that made it. */
  record TokenInfo(String name, String role, String created, String token) {}

  void register(Router r) {
    r.add(
        new Route(
            "GET",
            V1 + "/tokens",
            "listTokens",
            "tokens",
            "List the named API tokens and their roles (never their values)",
            NONE,
            null,
            200,
            "TokenList",
            null,
            req -> ApiResponse.ok(new Bodies.Items<>(list()))));
    r.add(
        new Route(
            "POST",
            V1 + "/tokens",
            "createToken",
            "tokens",
            "Make a named token with a role; the answer holds its value, shown only once",
            NONE,
            "TokenBody",
            201,
            "Token",
            null,
            this::create));
    r.add(
        new Route(
            "DELETE",
            V1 + "/tokens/{name}",
            "revokeToken",
            "tokens",
            "Revoke a named token: it stops working at once",
            NONE,
            null,
            204,
            null,
            null,
            this::revoke));
    r.add(
        new Route(
            "POST",
            V1 + "/token/rotate",
            "rotateToken",
            "tokens",
            "Replace the token in the token file: the old one stops working at once; the answer"
                + " names the file to read the new one from (it never holds the token)",
            NONE,
            null,
            200,
            "TokenRotated",
            null,
            this::rotate));
  }

  private ApiResponse rotate(ApiRequest req) {
    String file = String.valueOf(server.tokenFile());
    try {
      server.rotateToken();
    } catch (IOException e) {
      services
          .audit()
          .record(
              AuditType.ADMIN_ACTION,
              AuditOutcome.FAILURE,
              "token/file",
              Map.of("action", "token.rotate", "file", file, "error", String.valueOf(e)));
      throw new ApiException(
          Problem.Kind.UNAVAILABLE, "the new token could not be saved: " + e.getMessage());
    }
    services
        .audit()
        .record(
            AuditType.ADMIN_ACTION,
            AuditOutcome.SUCCESS,
            "token/file",
            Map.of("action", "token.rotate", "file", file));
    return ApiResponse.ok(new Rotated(file));
  }

  private List<TokenInfo> list() {
    List<TokenInfo> out = new ArrayList<>();
    for (ApiTokens.Entry e : services.tokens().list()) {
      out.add(info(e, null));
    }
    return out;
  }

  private static TokenInfo info(ApiTokens.Entry e, String token) {
    return new TokenInfo(
        e.name(), e.role().name().toLowerCase(Locale.ROOT), e.created().toString(), token);
  }

  private ApiResponse create(ApiRequest req) {
    TokenBody b = req.json(TokenBody.class);
    if (b == null || b.name() == null || b.role() == null) {
      throw ApiException.badRequest("name and role are required");
    }
    Role role;
    try {
      role = Role.valueOf(b.role().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("role must be viewer, operator, auditor or admin");
    }
    ApiTokens.Issued issued;
    try {
      issued = services.tokens().create(b.name(), role);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    } catch (IOException e) {
      throw new ApiException(
          Problem.Kind.UNAVAILABLE, "the token could not be saved: " + e.getMessage());
    }
    audit("token.create", issued.entry());
    return ApiResponse.created(
        V1 + "/tokens/" + issued.entry().name(), info(issued.entry(), issued.token()));
  }

  private ApiResponse revoke(ApiRequest req) {
    String name = req.param("name");
    ApiTokens.Entry entry =
        services.tokens().list().stream()
            .filter(e -> e.name().equals(name))
            .findFirst()
            .orElseThrow(() -> ApiException.notFound("no token named " + name));
    try {
      services.tokens().revoke(name);
    } catch (IOException e) {
      throw new ApiException(
          Problem.Kind.UNAVAILABLE, "the revocation could not be saved: " + e.getMessage());
    }
    audit("token.revoke", entry);
    return ApiResponse.noContent();
  }

  private void audit(String action, ApiTokens.Entry e) {
    services
        .audit()
        .record(
            AuditType.ADMIN_ACTION,
            AuditOutcome.SUCCESS,
            "token/" + e.name(),
            Map.of("action", action, "role", e.role().name().toLowerCase(Locale.ROOT)));
  }
}
