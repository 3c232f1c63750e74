package dev.console3270.session.pool;

import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditTrail;
import dev.console3270.audit.AuditType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records the pool's session events in the audit trail: created, connected, disconnected (a lost
 * connection), closed, migrated and failed over; pause, resume and idle as operator actions; and
 * for a migration or failover, the sign-on its logon macro made (its check passed, or the session
 * would not have moved).
 */
public final class PoolAuditor implements PoolHook {

  private final AuditTrail trail;

  /** Records into a trail. */
  public PoolAuditor(AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  public void on(PoolEvent event, PooledSession s, Transition t) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("name", s.name());
    d.put("endpoint", s.endpointName());
    d.put("from", t.from().name());
    d.put("to", t.to().name());
    if (t.detail() != null && !t.detail().isEmpty()) {
      d.put("detail", cut(t.detail()));
    }
    switch (event) {
      case CREATED -> trail.record(AuditType.SESSION_CREATED, AuditOutcome.SUCCESS, s.id(), d);
      case CONNECTED -> {
        if (s.luName() != null) {
          d.put("lu", s.luName());
        }
        trail.record(AuditType.SESSION_CONNECTED, AuditOutcome.SUCCESS, s.id(), d);
      }
      case CLOSED -> trail.record(AuditType.SESSION_CLOSED, AuditOutcome.SUCCESS, s.id(), d);
      case MIGRATED, FAILED_OVER -> {
        trail.record(
            event == PoolEvent.MIGRATED
                ? AuditType.SESSION_MIGRATED
                : AuditType.SESSION_FAILED_OVER,
            AuditOutcome.SUCCESS,
            s.id(),
            d);
        Map<String, String> sign = new LinkedHashMap<>();
        sign.put("endpoint", s.endpointName());
        sign.put("how", "logon macro after " + event.name().toLowerCase(java.util.Locale.ROOT));
        trail.record(AuditType.SIGN_ON, AuditOutcome.SUCCESS, s.id(), sign);
      }
      case ERROR -> {
        if (t.detail() != null && t.detail().startsWith("logon macro ")) {
          trail.record(AuditType.SIGN_ON, AuditOutcome.FAILURE, s.id(), d);
          return;
        }
        boolean lost = t.to() == PoolState.FAILED && t.from() != PoolState.FAILED;
        trail.record(
            lost ? AuditType.SESSION_DISCONNECTED : AuditType.ADMIN_ACTION,
            AuditOutcome.FAILURE,
            s.id(),
            d);
      }
      case SUSPENDED, RESUMED, IDLE -> {
        d.put("action", event.name().toLowerCase(java.util.Locale.ROOT));
        trail.record(AuditType.ADMIN_ACTION, AuditOutcome.SUCCESS, s.id(), d);
      }
    }
  }

  private static String cut(String s) {
    return s.length() > 2000 ? s.substring(0, 2000) : s;
  }
}
