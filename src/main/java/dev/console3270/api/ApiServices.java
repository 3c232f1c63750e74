package dev.console3270.api;

import dev.console3270.audit.AuditTrail;
import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.session.pool.SessionPool;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the API serves.
 *
 * @param pool the session pool
 * @param registry the endpoints
 * @param balancer picks an endpoint for a group
 * @param audit where API access and authentication failures are recorded
 * @param complianceReport the compliance report as JSON, or null when there is none
 * @param version the console's version (shown by the health resource)
 */
public record ApiServices(
    SessionPool pool,
    EndpointRegistry registry,
    Balancer balancer,
    AuditTrail audit,
    Supplier<String> complianceReport,
    String version) {

  /** Checks the required parts. */
  public ApiServices {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(balancer, "balancer");
    audit = audit == null ? AuditTrail.none() : audit;
    version = version == null ? "unknown" : version;
  }
}
