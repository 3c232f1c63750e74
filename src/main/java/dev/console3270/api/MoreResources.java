package dev.console3270.api;

import com.sun.net.httpserver.HttpExchange;
import dev.console3270.api.Router.Param;
import dev.console3270.api.Router.Route;
import dev.console3270.api.events.EventFilter;
import dev.console3270.api.events.EventHub;
import dev.console3270.api.events.EventStreamHandler;
import dev.console3270.api.webhooks.Delivery;
import dev.console3270.api.webhooks.DeliveryAttempt;
import dev.console3270.api.webhooks.Subscription;
import dev.console3270.api.webhooks.WebhookDispatcher;
import dev.console3270.api.webhooks.WebhookStore;
import dev.console3270.audit.AuditEvent;
import dev.console3270.audit.AuditIndex;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditType;
import dev.console3270.audit.AuditVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of the event stream, webhooks, audit trail, compliance report and the (external) x3270
 * REST interface. A route whose service is not configured answers 404.
 */
final class MoreResources implements AutoCloseable {
  private static final String V1 = "/api/v1";
  private static final List<Param> NONE = List.of();

  /** Records one query may look at before it answers with what it found and a cursor. */
  static final int MAX_SCAN = 100_000;

  private final ApiServices services;
  private final EventStreamHandler stream;
  private AuditIndex index;

  MoreResources(ApiServices services) {
    this.services = services;
    EventHub hub = services.events();
    this.stream =
        hub == null
            ? null
            : new EventStreamHandler(
                hub,
                MoreResources::callerFilter,
                EventStreamHandler.DEFAULT_HEARTBEAT,
                EventHub.DEFAULT_QUEUE);
  }

  /**
   * What the caller of an event stream may see: every audit record with the audit permission
   * (auditor, admin), none without it; the other events for all.
   */
  static EventFilter callerFilter(HttpExchange exchange) {
    return exchange.getAttribute(ApiServer.CALLER_ATTRIBUTE) instanceof Caller c
            && c.may(Permission.AUDIT)
        ? EventFilter.auditTypes(EnumSet.allOf(AuditType.class))
        : EventFilter.auditTypes(EnumSet.noneOf(AuditType.class));
  }

  // --------------------------------------------------------------------------- bodies

  /** {@code POST /webhooks} and {@code PUT /webhooks/{id}}. */
  record WebhookBody(String url, List<String> types, Boolean enabled) {}

  /** A subscription as the API shows it (the secret masked except on create and rotate). */
  record WebhookInfo(
      String id,
      String url,
      List<String> types,
      boolean enabled,
      String created,
      String disabledReason,
      String secret) {}

  /** One delivery attempt. */
  record AttemptInfo(
      String deliveryId,
      long eventId,
      String eventType,
      int attempt,
      String time,
      int status,
      String error,
      long durationMs,
      boolean delivered) {}

  /** A queued delivery. */
  record DeliveryInfo(
      String id,
      String subscriptionId,
      long eventId,
      String eventType,
      int attempts,
      String nextAttempt) {}

  /** One audit record. */
  record AuditItem(
      long seq,
      String time,
      String user,
      String type,
      String outcome,
      String origin,
      String resource,
      Map<String, String> details) {}

  /** A page of audit records. */
  record AuditPage(List<AuditItem> items, String nextCursor) {}

  /** The first bad record found by verification. */
  record VerifyFailure(
      String reason,
      String file,
      long offset,
      long seq,
      String expected,
      String actual,
      String message) {}

  /** The verifier's verdict. */
  record VerifyResult(
      boolean passed,
      long firstSeq,
      long lastSeq,
      long records,
      long checkpoints,
      VerifyFailure failure,
      List<String> warnings,
      List<String> report) {}

  // --------------------------------------------------------------------------- routes

  private static Route route(
      String method,
      String path,
      String op,
      String tag,
      String summary,
      List<Param> query,
      String request,
      int status,
      String response,
      Router.Handler h) {
    return new Route(method, path, op, tag, summary, query, request, status, response, null, h);
  }

  void register(Router r) {
    r.add(
        new Route(
            "GET",
            V1 + "/events",
            "streamEvents",
            "events",
            "Server-sent events (session, screen, endpoint, audit, webhook); Last-Event-ID resumes",
            List.of(
                new Param("types", "string", "comma-separated type patterns such as session.*"),
                new Param("lastEventId", "integer", "resume after this event id")),
            null,
            200,
            null,
            "text/event-stream",
            this::events));
    r.add(
        route(
            "GET",
            V1 + "/webhooks",
            "listWebhooks",
            "webhooks",
            "List webhook subscriptions (secrets masked)",
            NONE,
            null,
            200,
            "WebhookList",
            req -> ApiResponse.ok(new Bodies.Items<>(list()))));
    r.add(
        route(
            "POST",
            V1 + "/webhooks",
            "createWebhook",
            "webhooks",
            "Subscribe a URL to event types (the answer holds the secret)",
            NONE,
            "WebhookBody",
            201,
            "Webhook",
            this::createWebhook));
    r.add(
        route(
            "GET",
            V1 + "/webhooks/{id}",
            "getWebhook",
            "webhooks",
            "One webhook subscription (secret masked)",
            NONE,
            null,
            200,
            "Webhook",
            req -> ApiResponse.ok(info(subscription(req.param("id")), false))));
    r.add(
        route(
            "PUT",
            V1 + "/webhooks/{id}",
            "updateWebhook",
            "webhooks",
            "Change a subscription's URL, types and enabled state",
            NONE,
            "WebhookBody",
            200,
            "Webhook",
            this::updateWebhook));
    r.add(
        route(
            "DELETE",
            V1 + "/webhooks/{id}",
            "deleteWebhook",
            "webhooks",
            "Delete a webhook subscription",
            NONE,
            null,
            204,
            null,
            this::deleteWebhook));
    r.add(
        route(
            "GET",
            V1 + "/webhooks/{id}/deliveries",
            "listWebhookDeliveries",
            "webhooks",
            "The delivery log of a subscription, oldest attempt first",
            NONE,
            null,
            200,
            "DeliveryLog",
            this::deliveries));
    r.add(
        route(
            "POST",
            V1 + "/webhooks/{id}/deliveries/{deliveryId}/redeliver",
            "redeliverWebhook",
            "webhooks",
            "Send a delivery again now, with the same webhook-id",
            NONE,
            null,
            202,
            "Delivery",
            this::redeliver));
    r.add(
        route(
            "POST",
            V1 + "/webhooks/{id}/rotate-secret",
            "rotateWebhookSecret",
            "webhooks",
            "Give a subscription a new signing secret (the answer holds it)",
            NONE,
            null,
            200,
            "Webhook",
            this::rotate));
    r.add(
        route(
            "GET",
            V1 + "/audit",
            "queryAudit",
            "audit",
            "Audit records, filtered, oldest first; page on with after=nextCursor",
            List.of(
                new Param("from", "string", "records at or after this ISO instant"),
                new Param("to", "string", "records before this ISO instant"),
                new Param("type", "string", "audit type, such as ADMIN_ACTION"),
                new Param("user", "string", "this user"),
                new Param("resource", "string", "this resource"),
                new Param("outcome", "string", "SUCCESS, FAILURE or UNKNOWN"),
                new Param("text", "string", "records containing this text (any case)"),
                new Param("after", "integer", "records after this sequence number (the cursor)"),
                new Param("limit", "integer", "page size, 1-1000 (default 100)")),
            null,
            200,
            "AuditPage",
            this::audit));
    r.add(
        route(
            "POST",
            V1 + "/audit/verify",
            "verifyAudit",
            "audit",
            "Verify the audit trail's hash chain and checkpoints",
            NONE,
            null,
            200,
            "AuditVerify",
            this::verify));
    r.add(
        new Route(
            "GET",
            V1 + "/compliance",
            "getCompliance",
            "audit",
            "The compliance report",
            NONE,
            null,
            200,
            null,
            "application/json",
            req -> compliance()));
    Router.Handler external =
        req -> {
          throw new IllegalStateException("served by the x3270 REST handler");
        };
    r.addExternal(
        new Route(
            "GET",
            "/3270/rest/{form}/{actions}",
            "x3270Get",
            "x3270",
            "x3270 REST: run percent-encoded actions; form json, text or stext (x3270-style"
                + " answers; session by query parameter session or X-Console3270-Session)",
            List.of(new Param("session", "string", "the session id (default: the newest)")),
            null,
            200,
            null,
            "application/json",
            external));
    r.addExternal(
        new Route(
            "POST",
            "/3270/rest/post",
            "x3270Post",
            "x3270",
            "x3270 REST: run the actions of the body (text/plain or application/json)",
            List.of(new Param("session", "string", "the session id (default: the newest)")),
            "X3270Post",
            200,
            null,
            "application/json",
            external));
  }

  // --------------------------------------------------------------------------- events

  private ApiResponse events(ApiRequest req) {
    if (stream == null) {
      throw ApiException.notFound("no event stream is configured");
    }
    List<String> types = new ArrayList<>();
    for (String v : req.queryValues("types")) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          types.add(part.trim());
        }
      }
    }
    try {
      EventFilter.types(types);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("types: " + e.getMessage());
    }
    String last = req.header("Last-Event-ID");
    if (last == null || last.isBlank()) {
      last = req.query("lastEventId");
    }
    if (last != null && !last.isBlank()) {
      long id;
      try {
        id = Long.parseLong(last.trim());
      } catch (NumberFormatException e) {
        id = -1;
      }
      if (id < 0) {
        throw ApiException.badRequest("Last-Event-ID must be a non-negative event id: " + last);
      }
    }
    return new ApiResponse(200, "text/event-stream", new Streaming(stream), Map.of());
  }

  // --------------------------------------------------------------------------- webhooks

  private WebhookStore store() {
    if (services.webhooks() == null) {
      throw ApiException.notFound("no webhooks are configured");
    }
    return services.webhooks();
  }

  private Subscription subscription(String id) {
    return store()
        .get(id)
        .orElseThrow(() -> ApiException.notFound("no webhook subscription " + id));
  }

  private List<WebhookInfo> list() {
    List<WebhookInfo> out = new ArrayList<>();
    for (Subscription s : store().list()) {
      out.add(info(s, false));
    }
    return out;
  }

  private static WebhookInfo info(Subscription s, boolean showSecret) {
    return new WebhookInfo(
        s.id(),
        s.url().toString(),
        s.types(),
        s.enabled(),
        s.created().toString(),
        s.disabledReason(),
        showSecret ? s.secret() : s.maskedSecret());
  }

  private static URI webhookUrl(String url) {
    if (url == null || url.isBlank()) {
      throw ApiException.badRequest("url is required");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw ApiException.badRequest("url is not a valid URI: " + e.getMessage());
    }
    try {
      Subscription.checkUrl(uri);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return uri;
  }

  private static List<String> webhookTypes(List<String> types) {
    if (types == null || types.isEmpty()) {
      throw ApiException.badRequest("types must name at least one event type pattern");
    }
    for (String t : types) {
      if (t == null) {
        throw ApiException.badRequest("types must not contain null");
      }
    }
    try {
      EventFilter.types(types);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("types: " + e.getMessage());
    }
    return types;
  }

  private ApiResponse createWebhook(ApiRequest req) throws IOException {
    WebhookStore store = store();
    WebhookBody b = req.json(WebhookBody.class);
    URI url = webhookUrl(b.url());
    List<String> types = webhookTypes(b.types());
    Subscription s;
    try {
      s = store.create(url, types);
      if (Boolean.FALSE.equals(b.enabled())) {
        s = store.setEnabled(s.id(), false, "disabled through the API");
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    admin("webhook.create", s);
    return ApiResponse.created(V1 + "/webhooks/" + s.id(), info(s, true));
  }

  private ApiResponse updateWebhook(ApiRequest req) throws IOException {
    WebhookStore store = store();
    Subscription old = subscription(req.param("id"));
    WebhookBody b = req.json(WebhookBody.class);
    URI url = webhookUrl(b.url());
    List<String> types = webhookTypes(b.types());
    Subscription s;
    try {
      s = store.change(old.id(), url, types);
      if (b.enabled() != null && b.enabled() != s.enabled()) {
        s = store.setEnabled(s.id(), b.enabled(), b.enabled() ? "" : "disabled through the API");
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    admin("webhook.update", s);
    return ApiResponse.ok(info(s, false));
  }

  private ApiResponse deleteWebhook(ApiRequest req) throws IOException {
    Subscription s = subscription(req.param("id"));
    if (!store().delete(s.id())) {
      throw ApiException.notFound("no webhook subscription " + s.id());
    }
    admin("webhook.delete", s);
    return ApiResponse.noContent();
  }

  private ApiResponse rotate(ApiRequest req) throws IOException {
    Subscription s = subscription(req.param("id"));
    Subscription rotated;
    try {
      rotated = store().rotateSecret(s.id());
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound(e.getMessage());
    }
    admin("webhook.rotate-secret", rotated);
    return ApiResponse.ok(info(rotated, true));
  }

  private WebhookDispatcher dispatcher() {
    if (services.dispatcher() == null) {
      throw ApiException.notFound("no webhook dispatcher is configured");
    }
    return services.dispatcher();
  }

  private ApiResponse deliveries(ApiRequest req) {
    Subscription s = subscription(req.param("id"));
    List<AttemptInfo> out = new ArrayList<>();
    for (DeliveryAttempt a : dispatcher().log(s.id())) {
      out.add(
          new AttemptInfo(
              a.deliveryId(),
              a.eventId(),
              a.eventType(),
              a.attempt(),
              a.time().toString(),
              a.status(),
              a.error(),
              a.duration().toMillis(),
              a.delivered()));
    }
    return ApiResponse.ok(new Bodies.Items<>(out));
  }

  private ApiResponse redeliver(ApiRequest req) throws IOException {
    Subscription s = subscription(req.param("id"));
    String deliveryId = req.param("deliveryId");
    WebhookDispatcher d = dispatcher();
    Optional<Delivery> known = d.delivery(deliveryId);
    if (known.isEmpty() || !known.get().subscriptionId().equals(s.id())) {
      throw ApiException.notFound(
          "no recent delivery " + deliveryId + " of webhook subscription " + s.id());
    }
    Delivery again;
    try {
      again = d.redeliver(deliveryId);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound(e.getMessage());
    } catch (IllegalStateException e) {
      throw new ApiException(Problem.Kind.UNAVAILABLE, e.getMessage());
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("action", "webhook.redeliver");
    details.put("delivery", deliveryId);
    services
        .audit()
        .record(AuditType.ADMIN_ACTION, AuditOutcome.SUCCESS, "webhook/" + s.id(), details);
    return new ApiResponse(
        202,
        ApiResponse.JSON,
        new DeliveryInfo(
            again.id(),
            again.subscriptionId(),
            again.eventId(),
            again.eventType(),
            again.attempts(),
            again.nextAttempt().toString()),
        Map.of());
  }

  private void admin(String action, Subscription s) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("action", action);
    details.put("url", s.url().toString());
    details.put("types", String.join(",", s.types()));
    details.put("enabled", Boolean.toString(s.enabled()));
    services
        .audit()
        .record(AuditType.ADMIN_ACTION, AuditOutcome.SUCCESS, "webhook/" + s.id(), details);
  }

  // --------------------------------------------------------------------------- audit

  private synchronized AuditIndex index() throws IOException {
    Path dir = services.auditDir();
    if (dir == null) {
      throw ApiException.notFound("no audit directory is configured");
    }
    if (index == null) {
      index = AuditIndex.open(dir);
    } else {
      index.refresh();
    }
    return index;
  }

  private static Instant instant(ApiRequest req, String name) {
    String v = req.query(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(v.trim());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name + " must be an ISO instant such as 2026-01-31T12:00:00Z");
    }
  }

  private static <E extends Enum<E>> E enumOf(ApiRequest req, String name, Class<E> type) {
    String v = req.query(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(name + " is not one of " + EnumSet.allOf(type) + ": " + v);
    }
  }

  private static long number(ApiRequest req, String name, long dflt, long min, long max) {
    String v = req.query(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(name + " must be an integer from " + min + " to " + max);
  }

  private ApiResponse audit(ApiRequest req) {
    try {
      return query(req);
    } catch (IOException e) {
      throw new ApiException(
          Problem.Kind.UNAVAILABLE, "the audit trail cannot be read: " + e.getMessage());
    }
  }

  private ApiResponse query(ApiRequest req) throws IOException {
    Instant from = instant(req, "from");
    Instant to = instant(req, "to");
    AuditType type = enumOf(req, "type", AuditType.class);
    AuditOutcome outcome = enumOf(req, "outcome", AuditOutcome.class);
    String user = req.query("user");
    String resource = req.query("resource");
    String text = req.query("text");
    String needle = text == null || text.isEmpty() ? null : text.toLowerCase(Locale.ROOT);
    long after = number(req, "after", 0, 0, Long.MAX_VALUE - 1);
    int limit = (int) number(req, "limit", 100, 1, 1000);
    List<AuditItem> items = new ArrayList<>();
    String next = null;
    synchronized (this) {
      AuditIndex idx = index();
      int size = idx.size();
      int start = idx.indexOfSeq(after + 1).orElse(size);
      int scanned = 0;
      long lastSeq = after;
      for (int i = start; i < size; i++) {
        AuditIndex.Entry entry = idx.record(i);
        AuditEvent e = entry.event();
        scanned++;
        if (e != null) {
          lastSeq = e.seq();
          if ((from == null || !e.time().isBefore(from))
              && (to == null || e.time().isBefore(to))
              && (type == null || e.type() == type)
              && (outcome == null || e.outcome() == outcome)
              && (user == null || e.user().equals(user))
              && (resource == null || e.resource().equals(resource))
              && (needle == null || entry.raw().toLowerCase(Locale.ROOT).contains(needle))) {
            items.add(item(e));
            if (items.size() == limit) {
              next = i + 1 < size ? Long.toString(e.seq()) : null;
              break;
            }
          }
        }
        if (scanned >= MAX_SCAN && i + 1 < size) {
          next = Long.toString(lastSeq);
          break;
        }
      }
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("action", "query");
    details.put("query", queryText(req));
    details.put("returned", Integer.toString(items.size()));
    services.audit().record(AuditType.AUDIT_ACCESS, AuditOutcome.SUCCESS, "audit", details);
    return ApiResponse.ok(new AuditPage(items, next));
  }

  private static String queryText(ApiRequest req) {
    StringBuilder sb = new StringBuilder();
    for (String k :
        List.of("from", "to", "type", "user", "resource", "outcome", "text", "after", "limit")) {
      String v = req.query(k);
      if (v != null) {
        sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v);
      }
    }
    String s = sb.toString();
    return s.length() > 1000 ? s.substring(0, 1000) : s;
  }

  private static AuditItem item(AuditEvent e) {
    return new AuditItem(
        e.seq(),
        e.time().toString(),
        e.user(),
        e.type().name(),
        e.outcome().name(),
        e.origin(),
        e.resource(),
        e.details());
  }

  private ApiResponse verify(ApiRequest req) {
    Path dir = services.auditDir();
    Path key = services.auditKeyFile();
    if (dir == null || key == null) {
      throw ApiException.notFound("no audit directory and key file are configured");
    }
    AuditVerifier.Result r;
    try {
      r = AuditVerifier.verify(dir, key);
    } catch (IOException e) {
      services
          .audit()
          .record(
              AuditType.AUDIT_ACCESS,
              AuditOutcome.FAILURE,
              "audit",
              Map.of("action", "verify", "error", String.valueOf(e.getMessage())));
      throw new ApiException(
          Problem.Kind.UNAVAILABLE, "the audit trail cannot be read: " + e.getMessage());
    }
    VerifyFailure f =
        r.failure()
            .map(
                x ->
                    new VerifyFailure(
                        x.reason().name(),
                        x.file() == null ? "" : x.file().getFileName().toString(),
                        x.offset(),
                        x.seq(),
                        x.expected(),
                        x.actual(),
                        x.message()))
            .orElse(null);
    services
        .audit()
        .record(
            AuditType.AUDIT_ACCESS,
            AuditOutcome.SUCCESS,
            "audit",
            Map.of(
                "action",
                "verify",
                "result",
                r.passed() ? "PASS" : "FAIL",
                "lastSeq",
                Long.toString(r.lastSeq())));
    return ApiResponse.ok(
        new VerifyResult(
            r.passed(),
            r.firstSeq(),
            r.lastSeq(),
            r.records(),
            r.checkpoints(),
            f,
            r.warnings(),
            r.report()));
  }

  // --------------------------------------------------------------------------- compliance

  private ApiResponse compliance() {
    if (services.complianceReport() == null) {
      throw ApiException.notFound("no compliance report is configured");
    }
    String report = services.complianceReport().get();
    if (report == null) {
      throw ApiException.notFound("there is no compliance report");
    }
    return new ApiResponse(200, ApiResponse.JSON, report, Map.of());
  }

  @Override
  public synchronized void close() {
    if (index != null) {
      try {
        index.close();
      } catch (IOException e) {
        // nothing more to do: it was only read
      }
      index = null;
    }
  }
}
