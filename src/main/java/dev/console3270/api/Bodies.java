package dev.console3270.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The JSON bodies of the API (requests and responses), as records. */
final class Bodies {
  private Bodies() {}

  /** {@code GET /api/v1/health}. */
  record Health(boolean ok, String version, int sessions, long uptimeSeconds) {}

  /** One session. */
  record SessionInfo(
      String id,
      String name,
      String endpoint,
      String state,
      String created,
      String lastActivity,
      String luName,
      String host,
      int port,
      boolean tls,
      long bytesIn,
      long bytesOut,
      long screenVersion) {}

  /** A page of sessions. */
  record SessionPage(List<SessionInfo> items, String nextCursor) {}

  /** {@code POST /api/v1/sessions}. */
  record CreateSession(
      String name,
      String endpoint,
      String group,
      List<String> luNames,
      String model,
      String stickyKey) {}

  /** {@code POST /api/v1/sessions/{id}/migrate}. */
  record Migrate(String endpoint, String logon) {}

  /** The optional wait after actions. */
  record WaitSpec(String condition, Integer row, Integer col, String text, Long timeoutMs) {}

  /** {@code POST /api/v1/sessions/{id}/actions} as JSON. */
  record Actions(
      List<JsonNode> actions,
      @com.fasterxml.jackson.annotation.JsonProperty("wait") WaitSpec waitFor) {}

  /** The outcome of actions, as s3270 gives it. */
  record ActionsResult(boolean success, List<String> results, String status, long screenVersion) {}

  /** A row and column, 0-origin. */
  record Position(int row, int col) {}

  /** One field of the screen. */
  record FieldInfo(
      int row,
      int col,
      int length,
      @com.fasterxml.jackson.annotation.JsonProperty("protected") boolean isProtected,
      boolean numeric,
      boolean hidden,
      boolean intensified,
      boolean modified,
      String content) {}

  /** The operator information area. */
  record OiaInfo(boolean locked, String lockReason, boolean insert, String lu, boolean tls) {}

  /** {@code GET /api/v1/sessions/{id}/screen}. */
  record Screen(
      int rows,
      int cols,
      Position cursor,
      List<String> text,
      List<FieldInfo> fields,
      OiaInfo oia,
      long version) {}

  /** An endpoint as it is written (POST and PUT). */
  record EndpointBody(
      String name,
      String host,
      Integer port,
      String tlsMode,
      Integer weight,
      Integer maxSessions,
      String group,
      List<String> tags) {}

  /** An endpoint as it is read. */
  record EndpointInfo(
      String name,
      String host,
      int port,
      String tlsMode,
      int weight,
      int maxSessions,
      String group,
      List<String> tags,
      String adminState,
      String health,
      int activeSessions) {}

  /** {@code GET /api/v1/endpoints/{name}/health}. */
  record EndpointHealth(
      String name,
      String health,
      int counter,
      int rise,
      int fall,
      String lastResult,
      String lastDetail,
      boolean ejected,
      int consecutivePassiveFailures,
      int latencySamples,
      long latencyMeanMicros,
      long latencyP95Micros) {}

  /** {@code GET/PUT /api/v1/balancer}. */
  record BalancerInfo(String strategy) {}

  /** A list wrapper. */
  record Items<T>(List<T> items) {}
}
