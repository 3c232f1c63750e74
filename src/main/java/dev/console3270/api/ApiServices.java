package dev.console3270.api;

import dev.console3270.api.events.EventHub;
import dev.console3270.api.webhooks.WebhookDispatcher;
import dev.console3270.api.webhooks.WebhookStore;
import dev.console3270.api.x3270.SessionResolver;
import dev.console3270.audit.AuditTrail;
import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.session.pool.PoolState;
import dev.console3270.session.pool.PooledSession;
import dev.console3270.session.pool.SessionPool;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the API serves. The optional parts (null when absent) make their routes answer 404: give
 * them with the {@code with...} copies.
 *
 * @param pool the session pool
 * @param registry the endpoints
 * @param balancer picks an endpoint for a group
 * @param audit where API access and authentication failures are recorded
 * @param complianceReport the compliance report as JSON, or null when there is none
 * @param version the console's version (shown by the health resource)
 * @param events the event hub served as {@code /api/v1/events}, or null
 * @param webhooks the webhook subscriptions, or null
 * @param dispatcher the webhook dispatcher (delivery log, redelivery), or null
 * @param auditDir the audit directory queried by {@code /api/v1/audit}, or null
 * @param auditKeyFile the audit key file used by {@code /api/v1/audit/verify}, or null
 * @param x3270Sessions finds the session of an x3270 REST request; null for the default: the
 *     session of that id in the pool, or the most recently created live session
 * @param tokens the named API tokens besides the token file's; null for none
 */
public record ApiServices(
    SessionPool pool,
    EndpointRegistry registry,
    Balancer balancer,
    AuditTrail audit,
    Supplier<String> complianceReport,
    String version,
    EventHub events,
    WebhookStore webhooks,
    WebhookDispatcher dispatcher,
    Path auditDir,
    Path auditKeyFile,
    SessionResolver x3270Sessions,
    ApiTokens tokens) {

  /** Checks the required parts and fills in the defaults. */
  public ApiServices {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(balancer, "balancer");
    audit = audit == null ? AuditTrail.none() : audit;
    version = version == null ? "unknown" : version;
    x3270Sessions = x3270Sessions == null ? defaultResolver(pool) : x3270Sessions;
    tokens = tokens == null ? ApiTokens.inMemory() : tokens;
  }

  /** The services without any of the optional parts. */
  public ApiServices(
      SessionPool pool,
      EndpointRegistry registry,
      Balancer balancer,
      AuditTrail audit,
      Supplier<String> complianceReport,
      String version) {
    this(
        pool,
        registry,
        balancer,
        audit,
        complianceReport,
        version,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** A copy serving {@code report} (JSON) as {@code /api/v1/compliance}; null for none. */
  public ApiServices withComplianceReport(Supplier<String> report) {
    return new ApiServices(
        pool,
        registry,
        balancer,
        audit,
        report,
        version,
        events,
        webhooks,
        dispatcher,
        auditDir,
        auditKeyFile,
        x3270Sessions,
        tokens);
  }

  /** A copy serving {@code hub} as the event stream. */
  public ApiServices withEvents(EventHub hub) {
    return new ApiServices(
        pool,
        registry,
        balancer,
        audit,
        complianceReport,
        version,
        hub,
        webhooks,
        dispatcher,
        auditDir,
        auditKeyFile,
        x3270Sessions,
        tokens);
  }

  /** A copy serving these webhook subscriptions and their dispatcher (either may be null). */
  public ApiServices withWebhooks(WebhookStore store, WebhookDispatcher webhookDispatcher) {
    return new ApiServices(
        pool,
        registry,
        balancer,
        audit,
        complianceReport,
        version,
        events,
        store,
        webhookDispatcher,
        auditDir,
        auditKeyFile,
        x3270Sessions,
        tokens);
  }

  /** A copy serving the audit directory {@code dir}, verified with {@code keyFile}. */
  public ApiServices withAuditFiles(Path dir, Path keyFile) {
    return new ApiServices(
        pool,
        registry,
        balancer,
        audit,
        complianceReport,
        version,
        events,
        webhooks,
        dispatcher,
        dir,
        keyFile,
        x3270Sessions,
        tokens);
  }

  /** A copy whose x3270 REST requests find their session with {@code resolver}. */
  public ApiServices withX3270Sessions(SessionResolver resolver) {
    return new ApiServices(
        pool,
        registry,
        balancer,
        audit,
        complianceReport,
        version,
        events,
        webhooks,
        dispatcher,
        auditDir,
        auditKeyFile,
        resolver,
        tokens);
  }

  /** A copy with the named API tokens (the token file's holder is always admin). */
  public ApiServices withTokens(ApiTokens namedTokens) {
    return new ApiServices(
        pool,
        registry,
        balancer,
        audit,
        complianceReport,
        version,
        events,
        webhooks,
        dispatcher,
        auditDir,
        auditKeyFile,
        x3270Sessions,
        namedTokens);
  }

  /**
   * The default x3270 session chooser: the pool's session of that id, or without an id the most
   * recently created session that is not closed or failed.
   */
  public static SessionResolver defaultResolver(SessionPool pool) {
    Objects.requireNonNull(pool, "pool");
    return id -> {
      if (id != null) {
        return pool.get(id).orElse(null);
      }
      return pool.list().stream()
          .filter(s -> s.state() != PoolState.CLOSED && s.state() != PoolState.FAILED)
          .max(Comparator.comparing(PooledSession::created))
          .orElse(null);
    };
  }
}
