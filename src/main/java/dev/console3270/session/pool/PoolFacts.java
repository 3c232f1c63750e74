package dev.console3270.session.pool;

import dev.console3270.audit.compliance.ComplianceFacts;
import dev.console3270.endpoint.EndpointRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the compliance rules are checked against, read from a running pool and registry. */
public final class PoolFacts {

  private PoolFacts() {}

  /**
   * The facts now.
   *
   * @param auditOn the audit log is open
   * @param checkpointInterval how often it writes a checkpoint
   * @param forwarding records are forwarded off the machine
   * @param retention how long records are kept
   */
  public static ComplianceFacts of(
      SessionPool pool,
      EndpointRegistry registry,
      boolean auditOn,
      Duration checkpointInterval,
      boolean forwarding,
      ComplianceFacts.Retention retention) {
    PoolConfig pc = pool.config();
    List<ComplianceFacts.Endpoint> eps = new ArrayList<>();
    for (var v : registry.list()) {
      var e = v.endpoint();
      eps.add(new ComplianceFacts.Endpoint(e.name(), e.host(), e.port(), e.tlsMode().name()));
    }
    return new ComplianceFacts(
        new ComplianceFacts.Pool(
            pc.idleTimeout().isZero() ? null : pc.idleTimeout(), pc.idlePolicy().name()),
        eps,
        new ComplianceFacts.Audit(auditOn, checkpointInterval, forwarding, true),
        retention,
        // exports, traces and the audit log mask card numbers; traces redact non-display input:
        // every trace start (Trace(On) from the window, the API and scripts) goes through
        // ScriptableSession.startTrace(Path), which redacts, and there is no opt-out. An opt-out
        // added later must make the last value false while such a trace runs.
        new ComplianceFacts.Masking(true, true, true, true),
        Map.of());
  }

  /**
   * The admission check the compliance packs ask of the pool: TLS for every host that is not on
   * this machine when a pack requires it.
   */
  public static SessionPool.Admission admission(
      dev.console3270.audit.compliance.CompliancePolicy policy) {
    return p -> tlsRefusal(policy, p.host(), p.port(), p.tlsMode());
  }

  /**
   * Why the compliance packs forbid a connection to this address (TLS required for a host that is
   * not on this machine), or null when they allow it.
   */
  public static String tlsRefusal(
      dev.console3270.audit.compliance.CompliancePolicy policy,
      String host,
      int port,
      dev.console3270.session.TlsMode tls) {
    if (!policy.requiresTlsForRemote() || tls != dev.console3270.session.TlsMode.NONE) {
      return null;
    }
    var e = new dev.console3270.audit.compliance.ComplianceFacts.Endpoint(host, host, port, "NONE");
    if (e.loopback()) {
      return null;
    }
    return "the compliance packs "
        + policy.packs().stream().map(p -> p.name()).toList()
        + " require TLS for hosts that are not on this machine: "
        + host
        + ":"
        + port
        + " has none";
  }
}
