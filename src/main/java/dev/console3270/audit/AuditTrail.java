package dev.console3270.audit;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the application records through: an {@link AuditLog} with the user and origin filled in.
 * Recording never throws into the caller: a failed log is reported once in the application log and
 * the caller carries on (the log's own failure state says what was lost).
 */
public final class AuditTrail {

  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

  private final AuditLog log;
  private final String user;
  private final String origin;
  private volatile boolean warned;

  /**
   * A trail into a log.
   *
   * @param log the log, or null to record nothing
   * @param user the operator (such as the OS user name)
   * @param origin where from (such as {@code console3270 pid 123 on host})
   */
  public AuditTrail(AuditLog log, String user, String origin) {
    this.log = log;
    this.user = user == null ? "" : user;
    this.origin = origin == null ? "" : origin;
  }

  /** A trail for this process: the OS user, origin {@code console3270 <pid@host>}. */
  public static AuditTrail forProcess(AuditLog log) {
    return new AuditTrail(
        log,
        System.getProperty("user.name", ""),
        "console3270 " + ManagementFactory.getRuntimeMXBean().getName());
  }

  /** A trail that records nothing. */
  public static AuditTrail none() {
    return new AuditTrail(null, "", "");
  }

  /** The log, or null. */
  public AuditLog log() {
    return log;
  }

  /** Records an event (its card numbers masked by the log). */
  public void record(
      AuditType type, AuditOutcome outcome, String resource, Map<String, String> details) {
    if (log == null) {
      return;
    }
    try {
      log.append(
          AuditEvent.of(user, type, outcome, origin, resource == null ? "" : resource, details));
    } catch (RuntimeException e) {
      if (!warned) {
        warned = true;
        LOG.error("the audit log refused an event ({}); later failures are not logged", type, e);
      }
    }
  }
}
