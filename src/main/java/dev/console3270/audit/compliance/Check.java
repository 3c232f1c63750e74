package dev.console3270.audit.compliance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a rule checks: a closed set of kinds, each with its parameters. In a pack file a check is an
 * object with {@code kind} (the name given on each record) and the parameters as fields.
 */
public sealed interface Check {

  /** The kind as written in pack files. */
  String kind();

  /** The parameters as text, for reports (e.g. {@code value=15}); empty when there are none. */
  String parameters();

  /** Looks at the facts. */
  CheckOutcome evaluate(ComplianceFacts facts);

  /**
   * {@code maxIdleMinutes {value}}: the pool has an idle timeout of at most {@code value} minutes
   * and a policy that acts on it.
   */
  record MaxIdleMinutes(int value) implements Check {
    @Override
    public String kind() {
      return "maxIdleMinutes";
    }

    @Override
    public String parameters() {
      return "value=" + value;
    }

    @Override
    public CheckOutcome evaluate(ComplianceFacts facts) {
      ComplianceFacts.Pool pool = facts.pool();
      Map<String, String> ev = new LinkedHashMap<>();
      ev.put("required.maxIdleMinutes", Integer.toString(value));
      ev.put(
          "pool.idleTimeout", pool.idleTimeout() == null ? "none" : pool.idleTimeout().toString());
      ev.put("pool.idlePolicy", pool.idlePolicy() == null ? "none" : pool.idlePolicy());
      List<String> v = new ArrayList<>();
      if (!pool.idleHandled()) {
        v.add("idle sessions are never locked or ended (timeout or policy not set)");
      } else if (pool.idleTimeout().compareTo(Duration.ofMinutes(value)) > 0) {
        v.add(
            "idle timeout "
                + minutes(pool.idleTimeout())
                + " is longer than "
                + value
                + " minutes");
      }
      return new CheckOutcome(v.isEmpty() ? RuleStatus.PASS : RuleStatus.FAIL, ev, v);
    }
  }

  /**
   * {@code tlsForRemoteEndpoints}: every endpoint whose host is not loopback uses TLS. Not
   * applicable when there is no remote endpoint.
   */
  record TlsForRemoteEndpoints() implements Check {
    @Override
    public String kind() {
      return "tlsForRemoteEndpoints";
    }

    @Override
    public String parameters() {
      return "";
    }

    @Override
    public CheckOutcome evaluate(ComplianceFacts facts) {
      Map<String, String> ev = new LinkedHashMap<>();
      List<String> v = new ArrayList<>();
      int remote = 0;
      int loopback = 0;
      for (ComplianceFacts.Endpoint e : facts.endpoints()) {
        if (e.loopback()) {
          loopback++;
          continue;
        }
        remote++;
        if (!e.tls()) {
          v.add(
              "endpoint "
                  + e.name()
                  + " ("
                  + e.host()
                  + ":"
                  + e.port()
                  + ") is remote without TLS (tlsMode "
                  + e.tlsMode()
                  + ")");
        }
      }
      ev.put("endpoints.total", Integer.toString(facts.endpoints().size()));
      ev.put("endpoints.remote", Integer.toString(remote));
      ev.put("endpoints.loopback", Integer.toString(loopback));
      ev.put("endpoints.remoteWithoutTls", Integer.toString(v.size()));
      RuleStatus s =
          remote == 0 ? RuleStatus.NOT_APPLICABLE : v.isEmpty() ? RuleStatus.PASS : RuleStatus.FAIL;
      return new CheckOutcome(s, ev, v);
    }
  }

  /**
   * {@code minRetentionDays {total, online}}: audit records are kept at least {@code total} days,
   * the last {@code online} of them online (not only in archives). {@code online} may be 0.
   */
  record MinRetentionDays(int total, int online) implements Check {
    @Override
    public String kind() {
      return "minRetentionDays";
    }

    @Override
    public String parameters() {
      return "total=" + total + ", online=" + online;
    }

    @Override
    public CheckOutcome evaluate(ComplianceFacts facts) {
      ComplianceFacts.Retention r = facts.retention();
      Map<String, String> ev = new LinkedHashMap<>();
      ev.put("required.totalDays", Integer.toString(total));
      ev.put("required.onlineDays", Integer.toString(online));
      ev.put(
          "retention.deleteAfterDays",
          r.deleteAfterDays() == 0 ? "never" : Integer.toString(r.deleteAfterDays()));
      ev.put(
          "retention.onlineDays",
          r.onlineDays() == 0 ? "always" : Integer.toString(r.onlineDays()));
      ev.put("retention.holds", Integer.toString(r.holds()));
      List<String> v = new ArrayList<>();
      if (r.deleteAfterDays() != 0 && r.deleteAfterDays() < total) {
        v.add(
            "records are deleted after "
                + r.deleteAfterDays()
                + " days, fewer than the "
                + total
                + " required");
      }
      int onlineKept =
          r.onlineDays() == 0
              ? r.deleteAfterDays()
              : r.deleteAfterDays() == 0
                  ? r.onlineDays()
                  : Math.min(r.onlineDays(), r.deleteAfterDays());
      if (online > 0 && onlineKept != 0 && onlineKept < online) {
        v.add(
            "records stay online " + onlineKept + " days, fewer than the " + online + " required");
      }
      return new CheckOutcome(v.isEmpty() ? RuleStatus.PASS : RuleStatus.FAIL, ev, v);
    }
  }

  /** {@code cardMasking {in: [audit, exports, traces]}}: card numbers are masked in each place. */
  record CardMasking(Set<MaskingTarget> in) implements Check {

    /** Copies the set; it must not be empty. */
    public CardMasking {
      if (in.isEmpty()) {
        throw new IllegalArgumentException("cardMasking needs at least one place in 'in'");
      }
      in = Set.copyOf(EnumSet.copyOf(in));
    }

    @Override
    public String kind() {
      return "cardMasking";
    }

    @Override
    public String parameters() {
      return "in=" + sorted();
    }

    private List<MaskingTarget> sorted() {
      return EnumSet.copyOf(in).stream().toList();
    }

    @Override
    public CheckOutcome evaluate(ComplianceFacts facts) {
      ComplianceFacts.Masking m = facts.masking();
      Map<String, String> ev = new LinkedHashMap<>();
      List<String> v = new ArrayList<>();
      for (MaskingTarget t : sorted()) {
        boolean on =
            switch (t) {
              case AUDIT -> m.cardsInAudit();
              case EXPORTS -> m.cardsInExports();
              case TRACES -> m.cardsInTraces();
            };
        ev.put("masking.cards." + t.jsonName(), on ? "on" : "off");
        if (!on) {
          v.add("card numbers are not masked in " + t.jsonName());
        }
      }
      return new CheckOutcome(v.isEmpty() ? RuleStatus.PASS : RuleStatus.FAIL, ev, v);
    }
  }

  /**
   * {@code nonDisplayNeverRecorded}: what is typed into non-display fields is redacted in traces
   * (audit records and exports never hold it by construction: exports show non-display fields blank
   * and audit records carry no field data).
   */
  record NonDisplayNeverRecorded() implements Check {
    @Override
    public String kind() {
      return "nonDisplayNeverRecorded";
    }

    @Override
    public String parameters() {
      return "";
    }

    @Override
    public CheckOutcome evaluate(ComplianceFacts facts) {
      boolean on = facts.masking().nonDisplayRedactedInTraces();
      Map<String, String> ev = new LinkedHashMap<>();
      ev.put("masking.nonDisplay.traces", on ? "on" : "off");
      ev.put("masking.nonDisplay.exports", "always (non-display cells export as blanks)");
      List<String> v =
          on ? List.of() : List.of("traces record what is typed into non-display fields");
      return new CheckOutcome(on ? RuleStatus.PASS : RuleStatus.FAIL, ev, v);
    }
  }

  /** {@code auditLogEnabled}: the audit log is written. */
  record AuditLogEnabled() implements Check {
    @Override
    public String kind() {
      return "auditLogEnabled";
    }

    @Override
    public String parameters() {
      return "";
    }

    @Override
    public CheckOutcome evaluate(ComplianceFacts facts) {
      boolean on = facts.audit().logEnabled();
      return new CheckOutcome(
          on ? RuleStatus.PASS : RuleStatus.FAIL,
          Map.of("audit.logEnabled", Boolean.toString(on)),
          on ? List.of() : List.of("the audit log is disabled"));
    }
  }

  /**
   * {@code auditCheckpoints {maxMinutes}}: the audit log writes HMAC checkpoints at least every
   * {@code maxMinutes} minutes.
   */
  record AuditCheckpoints(int maxMinutes) implements Check {
    @Override
    public String kind() {
      return "auditCheckpoints";
    }

    @Override
    public String parameters() {
      return "maxMinutes=" + maxMinutes;
    }

    @Override
    public CheckOutcome evaluate(ComplianceFacts facts) {
      ComplianceFacts.Audit a = facts.audit();
      Duration every = a.checkpointInterval();
      Map<String, String> ev = new LinkedHashMap<>();
      ev.put("required.maxMinutes", Integer.toString(maxMinutes));
      ev.put("audit.logEnabled", Boolean.toString(a.logEnabled()));
      ev.put("audit.checkpointInterval", every == null ? "none" : every.toString());
      List<String> v = new ArrayList<>();
      if (!a.logEnabled()) {
        v.add("the audit log is disabled, so there are no checkpoints");
      } else if (every == null || every.isZero() || every.isNegative()) {
        v.add("the audit log writes no integrity checkpoints");
      } else if (every.compareTo(Duration.ofMinutes(maxMinutes)) > 0) {
        v.add(
            "checkpoints every "
                + minutes(every)
                + ", less often than every "
                + maxMinutes
                + " minutes");
      }
      return new CheckOutcome(v.isEmpty() ? RuleStatus.PASS : RuleStatus.FAIL, ev, v);
    }
  }

  /** {@code forwardingConfigured}: audit records are also forwarded off the machine. */
  record ForwardingConfigured() implements Check {
    @Override
    public String kind() {
      return "forwardingConfigured";
    }

    @Override
    public String parameters() {
      return "";
    }

    @Override
    public CheckOutcome evaluate(ComplianceFacts facts) {
      boolean on = facts.audit().logEnabled() && facts.audit().forwardingConfigured();
      Map<String, String> ev = new LinkedHashMap<>();
      ev.put("audit.logEnabled", Boolean.toString(facts.audit().logEnabled()));
      ev.put("audit.forwardingConfigured", Boolean.toString(facts.audit().forwardingConfigured()));
      return new CheckOutcome(
          on ? RuleStatus.PASS : RuleStatus.FAIL,
          ev,
          on ? List.of() : List.of("audit records are not forwarded off the machine"));
    }
  }

  /** {@code auditAccessLogged}: reading or exporting the audit log is itself audited. */
  record AuditAccessLogged() implements Check {
    @Override
    public String kind() {
      return "auditAccessLogged";
    }

    @Override
    public String parameters() {
      return "";
    }

    @Override
    public CheckOutcome evaluate(ComplianceFacts facts) {
      boolean on = facts.audit().logEnabled() && facts.audit().auditAccessLogged();
      Map<String, String> ev = new LinkedHashMap<>();
      ev.put("audit.logEnabled", Boolean.toString(facts.audit().logEnabled()));
      ev.put("audit.auditAccessLogged", Boolean.toString(facts.audit().auditAccessLogged()));
      return new CheckOutcome(
          on ? RuleStatus.PASS : RuleStatus.FAIL,
          ev,
          on ? List.of() : List.of("access to the audit log is not audited"));
    }
  }

  /** The kinds pack files may name. */
  static String kinds() {
    return List.of(
            "maxIdleMinutes",
            "tlsForRemoteEndpoints",
            "minRetentionDays",
            "cardMasking",
            "nonDisplayNeverRecorded",
            "auditLogEnabled",
            "auditCheckpoints",
            "forwardingConfigured",
            "auditAccessLogged")
        .stream()
        .collect(Collectors.joining(", "));
  }

  private static String minutes(Duration d) {
    long s = d.getSeconds();
    return s % 60 == 0 ? (s / 60) + " minutes" : d.toString();
  }
}
