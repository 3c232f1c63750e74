package dev.console3270.audit.compliance;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The selected packs combined: evaluates facts into a report, and says what the packs require so
 * the application can enforce it (the strictest value over all rules wins). Immutable.
 */
public final class CompliancePolicy {

  /**
   * A retention requirement.
   *
   * @param totalDays keep records at least this many days
   * @param onlineDays the last this many of them online (0: no online minimum)
   */
  public record RetentionRequirement(int totalDays, int onlineDays) {}

  private final List<RulePack> packs;
  private final List<Rule> rules;

  CompliancePolicy(List<RulePack> packs) {
    this.packs = List.copyOf(packs);
    List<Rule> all = new ArrayList<>();
    for (RulePack p : this.packs) {
      all.addAll(p.rules());
    }
    this.rules = List.copyOf(all);
  }

  /** The packs, in the order selected. */
  public List<RulePack> packs() {
    return packs;
  }

  /** All rules, pack by pack in file order. */
  public List<Rule> rules() {
    return rules;
  }

  /** Evaluates every rule against the facts; the report's time is now (UTC). */
  public ComplianceReport evaluate(ComplianceFacts facts) {
    return evaluate(facts, Clock.systemUTC());
  }

  /** Evaluates every rule against the facts, timing the report with {@code clock}. */
  public ComplianceReport evaluate(ComplianceFacts facts, Clock clock) {
    List<ComplianceReport.RuleResult> results = new ArrayList<>(rules.size());
    for (Rule r : rules) {
      results.add(new ComplianceReport.RuleResult(r, r.check().evaluate(facts)));
    }
    return new ComplianceReport(
        clock.instant(), packs.stream().map(RulePack::name).toList(), results);
  }

  /** The shortest idle timeout any rule allows, or empty when no rule limits it. */
  public Optional<Duration> requiredIdleTimeout() {
    return rules.stream()
        .map(Rule::check)
        .filter(Check.MaxIdleMinutes.class::isInstance)
        .map(c -> ((Check.MaxIdleMinutes) c).value())
        .min(Integer::compare)
        .map(Duration::ofMinutes);
  }

  /** True when some rule requires TLS for every non-loopback endpoint. */
  public boolean requiresTlsForRemote() {
    return rules.stream().anyMatch(r -> r.check() instanceof Check.TlsForRemoteEndpoints);
  }

  /**
   * The longest retention any rule requires (the largest total and the largest online count, which
   * may come from different rules), or empty.
   */
  public Optional<RetentionRequirement> minimumRetention() {
    int total = 0;
    int online = 0;
    boolean any = false;
    for (Rule r : rules) {
      if (r.check() instanceof Check.MinRetentionDays m) {
        any = true;
        total = Math.max(total, m.total());
        online = Math.max(online, m.online());
      }
    }
    return any ? Optional.of(new RetentionRequirement(total, online)) : Optional.empty();
  }

  /** Where the rules require card numbers masked (empty when nowhere). */
  public Set<MaskingTarget> requiredCardMasking() {
    Set<MaskingTarget> out = EnumSet.noneOf(MaskingTarget.class);
    for (Rule r : rules) {
      if (r.check() instanceof Check.CardMasking c) {
        out.addAll(c.in());
      }
    }
    return Set.copyOf(out);
  }

  /** True when some rule requires non-display data redacted in traces. */
  public boolean requiresNonDisplayRedaction() {
    return rules.stream().anyMatch(r -> r.check() instanceof Check.NonDisplayNeverRecorded);
  }

  /** True when some rule requires the audit log (any audit check implies it). */
  public boolean requiresAuditLog() {
    return rules.stream()
        .anyMatch(
            r ->
                r.check() instanceof Check.AuditLogEnabled
                    || r.check() instanceof Check.AuditCheckpoints
                    || r.check() instanceof Check.AuditAccessLogged
                    || r.check() instanceof Check.ForwardingConfigured);
  }

  /** The longest checkpoint interval any rule allows, or empty. */
  public Optional<Duration> requiredCheckpointInterval() {
    return rules.stream()
        .map(Rule::check)
        .filter(Check.AuditCheckpoints.class::isInstance)
        .map(c -> ((Check.AuditCheckpoints) c).maxMinutes())
        .min(Integer::compare)
        .map(Duration::ofMinutes);
  }
}
