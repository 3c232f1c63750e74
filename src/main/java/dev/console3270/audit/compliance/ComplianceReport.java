package dev.console3270.audit.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of evaluating a policy: one result per rule.
 *
 * <p>{@link #toJson()} writes (field names are stable; order as listed):
 *
 * <pre>
 * {
 *   "generatedAt": "2024-05-01T10:00:00Z",      ISO-8601 instant
 *   "packs": ["pci-dss"],
 *   "status": "FAIL",                             FAIL if any rule failed, else PASS
 *   "summary": {"rules": 7, "pass": 5, "fail": 1, "notApplicable": 1},
 *   "rules": [
 *     {
 *       "id": "PCI-8.2.8", "pack": "pci-dss", "title": "...", "requirement": "...",
 *       "severity": "HIGH",                       LOW, MEDIUM, HIGH or CRITICAL
 *       "check": {"kind": "maxIdleMinutes", "parameters": "value=15"},
 *       "status": "FAIL",                         PASS, FAIL or NOT_APPLICABLE
 *       "evidence": {"pool.idleTimeout": "PT30M", ...},   observed values, strings
 *       "violations": ["idle timeout 30 minutes is longer than 15 minutes"]
 *     }
 *   ]
 * }
 * </pre>
 *
 * @param generatedAt when it was made
 * @param packs the packs evaluated
 * @param results one per rule, in policy order
 */
public record ComplianceReport(Instant generatedAt, List<String> packs, List<RuleResult> results) {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Copies the lists. */
  public ComplianceReport {
    Objects.requireNonNull(generatedAt, "generatedAt");
    packs = List.copyOf(packs);
    results = List.copyOf(results);
  }

  /**
   * One rule's result.
   *
   * @param rule the rule
   * @param outcome what its check found
   */
  public record RuleResult(Rule rule, CheckOutcome outcome) {

    /** Refuses nulls. */
    public RuleResult {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(outcome, "outcome");
    }

    /** The outcome's status. */
    public RuleStatus status() {
      return outcome.status();
    }
  }

  /** FAIL when any rule failed, else PASS (also for no rules). */
  public RuleStatus status() {
    return count(RuleStatus.FAIL) > 0 ? RuleStatus.FAIL : RuleStatus.PASS;
  }

  /** How many results have {@code status}. */
  public int count(RuleStatus status) {
    return (int) results.stream().filter(r -> r.status() == status).count();
  }

  /** The failed results. */
  public List<RuleResult> failures() {
    return results.stream().filter(r -> r.status() == RuleStatus.FAIL).toList();
  }

  /** The report as indented JSON in the shape documented on the class. */
  public String toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("generatedAt", generatedAt.toString());
    ArrayNode p = root.putArray("packs");
    packs.forEach(p::add);
    root.put("status", status().name());
    ObjectNode summary = root.putObject("summary");
    summary.put("rules", results.size());
    summary.put("pass", count(RuleStatus.PASS));
    summary.put("fail", count(RuleStatus.FAIL));
    summary.put("notApplicable", count(RuleStatus.NOT_APPLICABLE));
    ArrayNode rules = root.putArray("rules");
    for (RuleResult r : results) {
      Rule rule = r.rule();
      ObjectNode n = rules.addObject();
      n.put("id", rule.id());
      n.put("pack", rule.pack());
      n.put("title", rule.title());
      n.put("requirement", rule.requirement());
      n.put("severity", rule.severity().name());
      ObjectNode check = n.putObject("check");
      check.put("kind", rule.check().kind());
      check.put("parameters", rule.check().parameters());
      n.put("status", r.status().name());
      ObjectNode ev = n.putObject("evidence");
      for (Map.Entry<String, String> e : r.outcome().evidence().entrySet()) {
        ev.put(e.getKey(), e.getValue());
      }
      ArrayNode v = n.putArray("violations");
      r.outcome().violations().forEach(v::add);
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
