package dev.console3270.ui;

import dev.console3270.audit.AuditTrail;
import dev.console3270.audit.compliance.ComplianceFacts;
import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.session.SavedProfile;
import dev.console3270.session.SessionEngine;
import dev.console3270.session.pool.Failover;
import dev.console3270.session.pool.SessionPool;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the window needs from the application around it.
 *
 * @param configDir the user's configuration directory (profiles, keymaps, macros)
 * @param engine the engine that runs the sessions
 * @param demoHost starts the built-in demo host (once) and gives a profile for it
 * @param pool the session pool every tab's session belongs to
 * @param endpoints the endpoints, their health and admin state
 * @param balancer picks endpoints for new and failed-over sessions
 * @param saveEndpoints writes the endpoints to the configuration after an edit
 * @param startupProblem a problem found while reading the configuration, shown when the window
 *     opens, or null
 * @param audit the audit trail everything is recorded in
 * @param auditDir the audit log's directory (for the viewer), or null when there is none
 * @param governance the compliance packs and the audit-keeping facts
 * @param api the REST API as the window shows it ({@link ApiLink#none()} when there is none)
 * @param failover the platform's failover, which the window gives its sessions' plans; null for
 *     none (the window then runs one of its own)
 */
public record ConsoleContext(
    Path configDir,
    SessionEngine engine,
    DemoHostStarter demoHost,
    SessionPool pool,
    EndpointRegistry endpoints,
    Balancer balancer,
    EndpointsSaver saveEndpoints,
    String startupProblem,
    AuditTrail audit,
    Path auditDir,
    Governance governance,
    ApiLink api,
    Failover failover) {

  /** Fills in {@link ApiLink#none()} for a null API. */
  public ConsoleContext {
    api = api == null ? ApiLink.none() : api;
  }

  /** The REST API running beside the window, as the window sees it. */
  public interface ApiLink {
    /**
     * What Help &gt; About says about the API: its URL and token file, or why it is not running.
     */
    String describe();

    /**
     * Called once by the window when it is built: {@code activeSessionId} gives the active tab's
     * pooled session id (null when no tab is active); the API's x3270 routes use it as their
     * default session.
     */
    void activeSession(java.util.function.Supplier<String> activeSessionId);

    /** No API. */
    static ApiLink none() {
      return new ApiLink() {
        @Override
        public String describe() {
          return "REST API: not running";
        }

        @Override
        public void activeSession(java.util.function.Supplier<String> activeSessionId) {
          // nothing serves it
        }
      };
    }
  }

  /** A copy with other governance (compliance packs, retention facts). */
  public ConsoleContext withGovernance(Governance value) {
    return new ConsoleContext(
        configDir,
        engine,
        demoHost,
        pool,
        endpoints,
        balancer,
        saveEndpoints,
        startupProblem,
        audit,
        auditDir,
        value,
        api,
        failover);
  }

  /** What the compliance rules are checked against, as things are now. */
  public ComplianceFacts facts() {
    return dev.console3270.session.pool.PoolFacts.of(
        pool,
        endpoints,
        audit.log() != null,
        governance.checkpointInterval(),
        governance.forwarding(),
        governance.retention());
  }

  @FunctionalInterface
  public interface DemoHostStarter {
    /**
     * Starts the demo host if it is not running and returns a profile that reaches it.
     *
     * @throws Exception when it cannot start (the window shows the reason)
     */
    SavedProfile start() throws Exception;
  }

  /** Saves the endpoint configuration. */
  @FunctionalInterface
  public interface EndpointsSaver {
    /**
     * Writes the registry's endpoints to the configuration.
     *
     * @throws IOException when it cannot
     */
    void save() throws IOException;
  }
}
