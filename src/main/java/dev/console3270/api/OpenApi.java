package dev.console3270.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.console3270.api.Router.Param;
import dev.console3270.api.Router.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates the OpenAPI 3.1 description from the {@link Router}'s table and the hand-written
 * schemas below, so a route cannot be served without being described or described without being
 * served.
 */
final class OpenApi {
  private static final ObjectMapper M = new ObjectMapper();

  /** The schemas the routes name, plus Problem. */
  static final String SCHEMAS =
      """
      {
        "Problem": {"type": "object", "required": ["type", "title", "status"], "properties": {
          "type": {"type": "string", "format": "uri"}, "title": {"type": "string"},
          "status": {"type": "integer"}, "detail": {"type": "string"},
          "instance": {"type": "string"}}},
        "Health": {"type": "object", "properties": {"ok": {"type": "boolean"},
          "version": {"type": "string"}, "sessions": {"type": "integer"},
          "uptimeSeconds": {"type": "integer"}}},
        "Session": {"type": "object", "properties": {"id": {"type": "string"},
          "name": {"type": "string"}, "endpoint": {"type": "string"},
          "state": {"type": "string", "enum": ["NEW", "CONNECTING", "CONNECTED", "IDLE",
            "SUSPENDED", "RECONNECTING", "FAILED", "CLOSED"]},
          "created": {"type": "string", "format": "date-time"},
          "lastActivity": {"type": "string", "format": "date-time"},
          "luName": {"type": "string"}, "host": {"type": "string"}, "port": {"type": "integer"},
          "tls": {"type": "boolean"}, "bytesIn": {"type": "integer"},
          "bytesOut": {"type": "integer"}, "screenVersion": {"type": "integer"}}},
        "SessionPage": {"type": "object", "properties": {
          "items": {"type": "array", "items": {"$ref": "#/components/schemas/Session"}},
          "nextCursor": {"type": ["string", "null"]}}},
        "CreateSession": {"type": "object", "required": ["name"], "additionalProperties": false,
          "properties": {"name": {"type": "string", "maxLength": 100},
          "endpoint": {"type": "string"}, "group": {"type": "string"},
          "luNames": {"type": "array", "items": {"type": "string"}},
          "model": {"type": "string"},
          "stickyKey": {"type": "string", "minLength": 1, "maxLength": 128,
            "description": "user or LU name for the STICKY strategy: 1-128 printable characters (no control or format characters), not blank; sessions with the same key go to the same endpoint while it is eligible and under its load bound, and fail over together; default: the first of luNames"}}},
        "Migrate": {"type": "object", "required": ["endpoint"], "additionalProperties": false,
          "properties": {"endpoint": {"type": "string"},
          "logon": {"type": "string", "description": "logon macro (action language)"}}},
        "Actions": {"type": "object", "required": ["actions"], "additionalProperties": false,
          "description": "or a text/plain body in the action language",
          "properties": {"actions": {"type": "array", "items": {"oneOf": [{"type": "string"},
            {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"},
             "args": {"type": "array", "items": {"type": ["string", "integer"]}}}}]}},
          "wait": {"type": "object", "additionalProperties": false, "properties": {
            "condition": {"type": "string", "enum": ["Unlock", "InputField", "StringAt"]},
            "row": {"type": "integer"}, "col": {"type": "integer"}, "text": {"type": "string"},
            "timeoutMs": {"type": "integer", "minimum": 1, "maximum": 300000}}}}},
        "ActionsResult": {"type": "object", "properties": {"success": {"type": "boolean"},
          "results": {"type": "array", "items": {"type": "string"}},
          "status": {"type": "string"}, "screenVersion": {"type": "integer"}}},
        "Screen": {"type": "object", "properties": {"rows": {"type": "integer"},
          "cols": {"type": "integer"},
          "cursor": {"type": "object", "properties": {"row": {"type": "integer"},
            "col": {"type": "integer"}}},
          "text": {"type": "array", "items": {"type": "string"}},
          "fields": {"type": "array", "items": {"type": "object", "properties": {
            "row": {"type": "integer"}, "col": {"type": "integer"},
            "length": {"type": "integer"}, "protected": {"type": "boolean"},
            "numeric": {"type": "boolean"}, "hidden": {"type": "boolean"},
            "intensified": {"type": "boolean"}, "modified": {"type": "boolean"},
            "content": {"type": ["string", "null"]}}}},
          "oia": {"type": "object", "properties": {"locked": {"type": "boolean"},
            "lockReason": {"type": ["string", "null"]}, "insert": {"type": "boolean"},
            "lu": {"type": "string"}, "tls": {"type": "boolean"}}},
          "version": {"type": "integer"}}},
        "EndpointBody": {"type": "object", "required": ["host", "port"],
          "additionalProperties": false, "properties": {"name": {"type": "string"},
          "host": {"type": "string"}, "port": {"type": "integer", "minimum": 1,
          "maximum": 65535}, "tlsMode": {"type": "string", "enum": ["NONE", "TLS", "STARTTLS"]},
          "weight": {"type": "integer", "minimum": 1, "maximum": 256},
          "maxSessions": {"type": "integer", "minimum": 0}, "group": {"type": "string"},
          "tags": {"type": "array", "items": {"type": "string"}}}},
        "Endpoint": {"type": "object", "properties": {"name": {"type": "string"},
          "host": {"type": "string"}, "port": {"type": "integer"}, "tlsMode": {"type": "string"},
          "weight": {"type": "integer"}, "maxSessions": {"type": "integer"},
          "group": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}},
          "adminState": {"type": "string", "enum": ["ENABLED", "DRAINING", "DISABLED"]},
          "health": {"type": "string", "enum": ["UP", "DOWN"]},
          "activeSessions": {"type": "integer"}}},
        "EndpointList": {"type": "object", "properties": {
          "items": {"type": "array", "items": {"$ref": "#/components/schemas/Endpoint"}}}},
        "EndpointHealth": {"type": "object", "properties": {"name": {"type": "string"},
          "health": {"type": "string"}, "counter": {"type": "integer"},
          "rise": {"type": "integer"}, "fall": {"type": "integer"},
          "lastResult": {"type": ["string", "null"]}, "lastDetail": {"type": "string"},
          "ejected": {"type": "boolean"}, "consecutivePassiveFailures": {"type": "integer"},
          "latencySamples": {"type": "integer"}, "latencyMeanMicros": {"type": "integer"},
          "latencyP95Micros": {"type": "integer"}}},
        "Balancer": {"type": "object", "required": ["strategy"], "additionalProperties": false,
          "properties": {"strategy": {"type": "string", "enum": ["ROUND_ROBIN",
          "WEIGHTED_ROUND_ROBIN", "LEAST_SESSIONS", "LEAST_LATENCY", "POWER_OF_TWO",
          "STICKY"]}}},
        "WebhookBody": {"type": "object", "required": ["url", "types"],
          "additionalProperties": false, "properties": {
          "url": {"type": "string", "format": "uri", "description": "http or https"},
          "types": {"type": "array", "minItems": 1, "items": {"type": "string"}},
          "enabled": {"type": "boolean"}}},
        "Webhook": {"type": "object", "properties": {"id": {"type": "string"},
          "url": {"type": "string"}, "types": {"type": "array", "items": {"type": "string"}},
          "enabled": {"type": "boolean"}, "created": {"type": "string", "format": "date-time"},
          "disabledReason": {"type": "string"},
          "secret": {"type": "string",
            "description": "whole on create and rotate-secret, masked elsewhere"}}},
        "TokenBody": {"type": "object", "required": ["name", "role"],
          "additionalProperties": false, "properties": {
          "name": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"},
          "role": {"type": "string", "enum": ["viewer", "operator", "auditor", "admin"]}}},
        "Token": {"type": "object", "properties": {"name": {"type": "string"},
          "role": {"type": "string"}, "created": {"type": "string", "format": "date-time"},
          "token": {"type": ["string", "null"],
            "description": "the token's value: only in the answer that made it"}}},
        "TokenRotated": {"type": "object", "required": ["tokenFile"], "properties": {
          "tokenFile": {"type": "string",
            "description": "the token file, holding the new token (the answer never does)"}}},
        "TokenList": {"type": "object", "properties": {
          "items": {"type": "array", "items": {"$ref": "#/components/schemas/Token"}}}},
        "WebhookList": {"type": "object", "properties": {
          "items": {"type": "array", "items": {"$ref": "#/components/schemas/Webhook"}}}},
        "DeliveryLog": {"type": "object", "properties": {"items": {"type": "array",
          "items": {"type": "object", "properties": {"deliveryId": {"type": "string"},
            "eventId": {"type": "integer"}, "eventType": {"type": "string"},
            "attempt": {"type": "integer"}, "time": {"type": "string", "format": "date-time"},
            "status": {"type": "integer"}, "error": {"type": "string"},
            "durationMs": {"type": "integer"}, "delivered": {"type": "boolean"}}}}}},
        "Delivery": {"type": "object", "properties": {"id": {"type": "string"},
          "subscriptionId": {"type": "string"}, "eventId": {"type": "integer"},
          "eventType": {"type": "string"}, "attempts": {"type": "integer"},
          "nextAttempt": {"type": "string", "format": "date-time"}}},
        "AuditPage": {"type": "object", "properties": {"items": {"type": "array",
          "items": {"type": "object", "properties": {"seq": {"type": "integer"},
            "time": {"type": "string", "format": "date-time"}, "user": {"type": "string"},
            "type": {"type": "string"}, "outcome": {"type": "string"},
            "origin": {"type": "string"}, "resource": {"type": "string"},
            "details": {"type": "object", "additionalProperties": {"type": "string"}}}}},
          "nextCursor": {"type": ["string", "null"]}}},
        "AuditVerify": {"type": "object", "properties": {"passed": {"type": "boolean"},
          "firstSeq": {"type": "integer"}, "lastSeq": {"type": "integer"},
          "records": {"type": "integer"}, "checkpoints": {"type": "integer"},
          "failure": {"type": ["object", "null"], "properties": {
            "reason": {"type": "string"}, "file": {"type": "string"},
            "offset": {"type": "integer"}, "seq": {"type": "integer"},
            "expected": {"type": "string"}, "actual": {"type": "string"},
            "message": {"type": "string"}}},
          "warnings": {"type": "array", "items": {"type": "string"}},
          "report": {"type": "array", "items": {"type": "string"}}}},
        "X3270Post": {"type": "string",
          "description": "actions; as application/json a string, an object {action, args} or an array of either"}
      }
      """;

  private OpenApi() {}

  /** The description of every route of {@code router}. */
  static ObjectNode describe(Router router, String version) {
    ObjectNode root = M.createObjectNode();
    root.put("openapi", "3.1.0");
    ObjectNode info = root.putObject("info");
    info.put("title", "Console3270 REST API");
    info.put("version", version);
    ObjectNode paths = root.putObject("paths");
    List<Route> all = new ArrayList<>(router.routes());
    all.addAll(router.externalRoutes());
    for (Route r : all) {
      ObjectNode item =
          paths.has(r.template())
              ? (ObjectNode) paths.get(r.template())
              : paths.putObject(r.template());
      ObjectNode op = item.putObject(r.method().toLowerCase(Locale.ROOT));
      op.put("operationId", r.operationId());
      op.put("summary", r.summary());
      op.putArray("tags").add(r.tag());
      op.put(
          "x-permission",
          Permission.required(r.method(), r.template()).name().toLowerCase(Locale.ROOT));
      ArrayNode params = op.putArray("parameters");
      for (String p : r.pathParams()) {
        ObjectNode n = params.addObject();
        n.put("name", p).put("in", "path").put("required", true);
        n.putObject("schema").put("type", "string");
      }
      for (Param p : r.query()) {
        ObjectNode n = params.addObject();
        n.put("name", p.name()).put("in", "query").put("required", false);
        n.put("description", p.description());
        n.putObject("schema").put("type", p.type());
      }
      if (r.requestSchema() != null) {
        ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
        ref(content.putObject("application/json"), r.requestSchema());
        if (r.operationId().equals("runActions") || r.operationId().equals("x3270Post")) {
          content.putObject("text/plain").putObject("schema").put("type", "string");
        }
      }
      ObjectNode responses = op.putObject("responses");
      ObjectNode ok = responses.putObject(Integer.toString(r.status()));
      ok.put("description", r.summary());
      if (r.responseSchema() != null) {
        ref(ok.putObject("content").putObject("application/json"), r.responseSchema());
      } else if (r.responseMedia() != null) {
        ok.putObject("content").putObject(r.responseMedia()).putObject("schema");
      }
      ObjectNode problem = responses.putObject("default");
      problem.put(
          "description",
          router.externalRoutes().contains(r)
              ? "a problem (RFC 9457) when the checks before the handler fail (Host, Origin,"
                  + " token, rate limit); x3270-style answers otherwise"
              : "a problem (RFC 9457)");
      ref(problem.putObject("content").putObject("application/problem+json"), "Problem");
    }
    ObjectNode components = root.putObject("components");
    try {
      components.set("schemas", M.readTree(SCHEMAS));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the hand-written schemas do not parse", e);
    }
    components
        .putObject("securitySchemes")
        .putObject("bearer")
        .put("type", "http")
        .put("scheme", "bearer")
        .put(
            "description",
            "The token in the token file is admin. Named tokens (/api/v1/tokens) have a role:"
                + " viewer (read), operator (read, operate), auditor (read, audit) or admin (all)."
                + " Each operation's x-permission says which permission it needs; without it the"
                + " answer is 403.");
    root.putArray("security").addObject().putArray("bearer");
    return root;
  }

  private static void ref(ObjectNode media, String schema) {
    media.putObject("schema").put("$ref", "#/components/schemas/" + schema);
  }
}
