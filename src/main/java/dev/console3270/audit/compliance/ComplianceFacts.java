package dev.console3270.audit.compliance;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the application knows about its own configuration, as plain values: the input of {@link
 * CompliancePolicy#evaluate}. The application fills it; the rules never look anywhere else.
 *
 * @param pool the session pool's idle handling
 * @param endpoints every configured endpoint
 * @param audit the audit trail's configuration
 * @param retention how long audit records are kept
 * @param masking where card numbers and non-display data are masked
 * @param extras free facts, shown in no rule today (for rule kinds to come and for the report)
 */
public record ComplianceFacts(
    Pool pool,
    List<Endpoint> endpoints,
    Audit audit,
    Retention retention,
    Masking masking,
    Map<String, String> extras) {

  /** Copies the lists and map; null parts are refused. */
  public ComplianceFacts {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(masking, "masking");
    endpoints = List.copyOf(endpoints);
    extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
  }

  /**
   * The pool's idle handling.
   *
   * @param idleTimeout how long a session may sit idle before the policy acts; null when never
   * @param idlePolicy what happens then, as configured (e.g. {@code LOCK}, {@code DISCONNECT}); a
   *     policy of {@code NONE} (any case) or null counts as no idle handling
   */
  public record Pool(Duration idleTimeout, String idlePolicy) {

    /** True when an idle timeout is set and a policy other than NONE acts on it. */
    public boolean idleHandled() {
      return idleTimeout != null
          && !idleTimeout.isNegative()
          && !idleTimeout.isZero()
          && idlePolicy != null
          && !idlePolicy.isBlank()
          && !idlePolicy.trim().equalsIgnoreCase("NONE");
    }
  }

  /**
   * One endpoint.
   *
   * @param name its name in the configuration
   * @param host host name or address
   * @param port port
   * @param tlsMode the TLS mode as configured ({@code NONE}, {@code TLS}, {@code STARTTLS}, ...):
   *     anything but {@code NONE} (any case), empty or null counts as TLS
   */
  public record Endpoint(String name, String host, int port, String tlsMode) {

    /** Refuses a null name or host. */
    public Endpoint {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(host, "host");
    }

    /** True when the connection is encrypted ({@code tlsMode} other than NONE or empty). */
    public boolean tls() {
      return tlsMode != null && !tlsMode.isBlank() && !tlsMode.trim().equalsIgnoreCase("NONE");
    }

    /**
     * True when {@code host} is a loopback address: {@code localhost} (any case, optionally with a
     * final dot), 127.0.0.0/8 or ::1 (any spelling, brackets allowed). Names are never resolved.
     */
    public boolean loopback() {
      return isLoopback(host);
    }
  }

  /**
   * The audit trail's configuration.
   *
   * @param logEnabled the audit log is written
   * @param checkpointInterval the longest time between HMAC checkpoints; null when none are written
   * @param forwardingConfigured records are forwarded off the machine (e.g. syslog)
   * @param auditAccessLogged reading or exporting the audit log is itself an audit record
   */
  public record Audit(
      boolean logEnabled,
      Duration checkpointInterval,
      boolean forwardingConfigured,
      boolean auditAccessLogged) {}

  /**
   * How long audit records are kept.
   *
   * @param onlineDays days records stay in the online (searchable) log before archiving; 0 when
   *     never archived (always online)
   * @param deleteAfterDays days after which records are deleted; 0 when never deleted
   * @param holds legal holds in force (records under a hold are not deleted)
   */
  public record Retention(int onlineDays, int deleteAfterDays, int holds) {

    /** Refuses negative values. */
    public Retention {
      if (onlineDays < 0 || deleteAfterDays < 0 || holds < 0) {
        throw new IllegalArgumentException(
            "retention values must not be negative: online "
                + onlineDays
                + ", deleteAfter "
                + deleteAfterDays
                + ", holds "
                + holds);
      }
    }
  }

  /**
   * Where sensitive data is masked.
   *
   * @param cardsInAudit card numbers are masked in audit records
   * @param cardsInExports card numbers are masked in exported screens
   * @param cardsInTraces card numbers are masked in traces
   * @param nonDisplayRedactedInTraces data typed into non-display fields is redacted in traces
   */
  public record Masking(
      boolean cardsInAudit,
      boolean cardsInExports,
      boolean cardsInTraces,
      boolean nonDisplayRedactedInTraces) {}

  /** Whether a host name or literal address is loopback, without resolving names. */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (isIpv4(h)) {
      return h.startsWith("127.");
    }
    if (h.indexOf(':') >= 0 && h.chars().allMatch(c -> c == ':' || c == '.' || hex(c))) {
      try {
        // A literal never triggers a lookup.
        return InetAddress.getByName(h).isLoopbackAddress();
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }
    return false;
  }

  private static boolean isIpv4(String h) {
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean hex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
