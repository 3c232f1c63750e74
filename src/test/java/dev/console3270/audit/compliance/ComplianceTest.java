package dev.console3270.audit.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule kinds, pack loading, the required settings and the report's JSON shape. */
class ComplianceTest {

  private static final ComplianceFacts.Endpoint LOCAL_PLAIN =
      new ComplianceFacts.Endpoint("local", "127.0.0.1", 3270, "NONE");
  private static final ComplianceFacts.Endpoint REMOTE_TLS =
      new ComplianceFacts.Endpoint("prod", "mvs.example.com", 992, "TLS");
  private static final ComplianceFacts.Endpoint REMOTE_PLAIN =
      new ComplianceFacts.Endpoint("test", "10.1.2.3", 23, "NONE");

  /** Facts that meet every shipped rule. */
  static ComplianceFacts good() {
    return new ComplianceFacts(
        new ComplianceFacts.Pool(Duration.ofMinutes(15), "LOCK"),
        List.of(LOCAL_PLAIN, REMOTE_TLS),
        new ComplianceFacts.Audit(true, Duration.ofMinutes(5), true, true),
        new ComplianceFacts.Retention(90, 2190, 0),
        new ComplianceFacts.Masking(true, true, true, true),
        Map.of());
  }

  private static ComplianceFacts withPool(Duration t, String policy) {
    ComplianceFacts g = good();
    return new ComplianceFacts(
        new ComplianceFacts.Pool(t, policy),
        g.endpoints(),
        g.audit(),
        g.retention(),
        g.masking(),
        g.extras());
  }

  private static ComplianceFacts withEndpoints(List<ComplianceFacts.Endpoint> e) {
    ComplianceFacts g = good();
    return new ComplianceFacts(g.pool(), e, g.audit(), g.retention(), g.masking(), g.extras());
  }

  private static ComplianceFacts withAudit(ComplianceFacts.Audit a) {
    ComplianceFacts g = good();
    return new ComplianceFacts(g.pool(), g.endpoints(), a, g.retention(), g.masking(), g.extras());
  }

  private static ComplianceFacts withRetention(int online, int delete) {
    ComplianceFacts g = good();
    return new ComplianceFacts(
        g.pool(),
        g.endpoints(),
        g.audit(),
        new ComplianceFacts.Retention(online, delete, 0),
        g.masking(),
        g.extras());
  }

  private static ComplianceFacts withMasking(ComplianceFacts.Masking m) {
    ComplianceFacts g = good();
    return new ComplianceFacts(g.pool(), g.endpoints(), g.audit(), g.retention(), m, g.extras());
  }

  @Test
  void maxIdleMinutes() {
    Check c = new Check.MaxIdleMinutes(15);
    assertThat(c.evaluate(withPool(Duration.ofMinutes(15), "LOCK")).status())
        .isEqualTo(RuleStatus.PASS);
    assertThat(c.evaluate(withPool(Duration.ofMinutes(5), "DISCONNECT")).status())
        .isEqualTo(RuleStatus.PASS);
    CheckOutcome tooLong = c.evaluate(withPool(Duration.ofMinutes(16), "LOCK"));
    assertThat(tooLong.status()).isEqualTo(RuleStatus.FAIL);
    assertThat(tooLong.violations())
        .containsExactly("idle timeout 16 minutes is longer than 15 minutes");
    assertThat(tooLong.evidence()).containsEntry("pool.idleTimeout", "PT16M");
    assertThat(c.evaluate(withPool(null, "LOCK")).status()).isEqualTo(RuleStatus.FAIL);
    assertThat(c.evaluate(withPool(Duration.ofMinutes(10), "none")).status())
        .isEqualTo(RuleStatus.FAIL);
    assertThat(c.evaluate(withPool(Duration.ZERO, "LOCK")).status()).isEqualTo(RuleStatus.FAIL);
  }

  @Test
  void tlsForRemoteEndpoints() {
    Check c = new Check.TlsForRemoteEndpoints();
    assertThat(c.evaluate(good()).status()).isEqualTo(RuleStatus.PASS);
    CheckOutcome bad =
        c.evaluate(
            withEndpoints(
                List.of(
                    LOCAL_PLAIN,
                    REMOTE_PLAIN,
                    REMOTE_TLS,
                    new ComplianceFacts.Endpoint("x", "host.example", 23, null))));
    assertThat(bad.status()).isEqualTo(RuleStatus.FAIL);
    assertThat(bad.violations())
        .containsExactly(
            "endpoint test (10.1.2.3:23) is remote without TLS (tlsMode NONE)",
            "endpoint x (host.example:23) is remote without TLS (tlsMode null)");
    assertThat(bad.evidence())
        .containsEntry("endpoints.remote", "3")
        .containsEntry("endpoints.loopback", "1");
    assertThat(c.evaluate(withEndpoints(List.of(LOCAL_PLAIN))).status())
        .isEqualTo(RuleStatus.NOT_APPLICABLE);
    assertThat(c.evaluate(withEndpoints(List.of())).status()).isEqualTo(RuleStatus.NOT_APPLICABLE);
  }

  @Test
  void loopbackIsComputedFromTheHost() {
    for (String h :
        List.of("localhost", "LOCALHOST.", "127.0.0.1", "127.255.3.4", "::1", "[::1]", "0:0::1")) {
      assertThat(ComplianceFacts.isLoopback(h)).as(h).isTrue();
    }
    for (String h :
        List.of(
            "128.0.0.1",
            "10.0.0.1",
            "127.0.0.256",
            "localhost.example.com",
            "mvs",
            "::2",
            "127.example",
            "")) {
      assertThat(ComplianceFacts.isLoopback(h)).as(h).isFalse();
    }
  }

  @Test
  void minRetentionDays() {
    Check c = new Check.MinRetentionDays(365, 90);
    assertThat(c.evaluate(withRetention(90, 365)).status()).isEqualTo(RuleStatus.PASS);
    assertThat(c.evaluate(withRetention(0, 0)).status()).isEqualTo(RuleStatus.PASS);
    assertThat(c.evaluate(withRetention(0, 400)).status()).isEqualTo(RuleStatus.PASS);
    assertThat(c.evaluate(withRetention(120, 0)).status()).isEqualTo(RuleStatus.PASS);
    CheckOutcome both = c.evaluate(withRetention(30, 200));
    assertThat(both.status()).isEqualTo(RuleStatus.FAIL);
    assertThat(both.violations())
        .containsExactly(
            "records are deleted after 200 days, fewer than the 365 required",
            "records stay online 30 days, fewer than the 90 required");
    // Always online but deleted early: one violation for the total, one for online.
    assertThat(c.evaluate(withRetention(0, 60)).violations()).hasSize(2);
    assertThat(both.evidence()).containsEntry("retention.deleteAfterDays", "200");
  }

  @Test
  void cardMasking() {
    Check c = new Check.CardMasking(EnumSet.allOf(MaskingTarget.class));
    assertThat(c.evaluate(good()).status()).isEqualTo(RuleStatus.PASS);
    CheckOutcome bad =
        c.evaluate(withMasking(new ComplianceFacts.Masking(true, false, false, true)));
    assertThat(bad.status()).isEqualTo(RuleStatus.FAIL);
    assertThat(bad.violations())
        .containsExactly(
            "card numbers are not masked in exports", "card numbers are not masked in traces");
    Check auditOnly = new Check.CardMasking(EnumSet.of(MaskingTarget.AUDIT));
    assertThat(
            auditOnly
                .evaluate(withMasking(new ComplianceFacts.Masking(true, false, false, true)))
                .status())
        .isEqualTo(RuleStatus.PASS);
  }

  @Test
  void nonDisplayNeverRecorded() {
    Check c = new Check.NonDisplayNeverRecorded();
    assertThat(c.evaluate(good()).status()).isEqualTo(RuleStatus.PASS);
    CheckOutcome bad =
        c.evaluate(withMasking(new ComplianceFacts.Masking(true, true, true, false)));
    assertThat(bad.status()).isEqualTo(RuleStatus.FAIL);
    assertThat(bad.violations()).hasSize(1);
  }

  @Test
  void auditChecks() {
    ComplianceFacts off =
        withAudit(new ComplianceFacts.Audit(false, Duration.ofMinutes(5), true, true));
    ComplianceFacts noCheckpoints = withAudit(new ComplianceFacts.Audit(true, null, false, false));
    ComplianceFacts slow =
        withAudit(new ComplianceFacts.Audit(true, Duration.ofHours(2), true, true));
    Check enabled = new Check.AuditLogEnabled();
    Check checkpoints = new Check.AuditCheckpoints(60);
    Check forwarding = new Check.ForwardingConfigured();
    Check access = new Check.AuditAccessLogged();
    for (Check c : List.of(enabled, checkpoints, forwarding, access)) {
      assertThat(c.evaluate(good()).status()).as(c.kind()).isEqualTo(RuleStatus.PASS);
      assertThat(c.evaluate(off).status()).as(c.kind()).isEqualTo(RuleStatus.FAIL);
      assertThat(c.evaluate(off).violations()).as(c.kind()).isNotEmpty();
    }
    assertThat(checkpoints.evaluate(noCheckpoints).violations())
        .containsExactly("the audit log writes no integrity checkpoints");
    assertThat(checkpoints.evaluate(slow).violations())
        .containsExactly("checkpoints every 120 minutes, less often than every 60 minutes");
    assertThat(forwarding.evaluate(noCheckpoints).status()).isEqualTo(RuleStatus.FAIL);
    assertThat(access.evaluate(noCheckpoints).status()).isEqualTo(RuleStatus.FAIL);
    assertThat(enabled.evaluate(noCheckpoints).status()).isEqualTo(RuleStatus.PASS);
  }

  @Test
  void shippedPacksLoadAndPassGoodFacts() {
    CompliancePolicy all = CompliancePacks.load(CompliancePacks.BUILT_IN);
    assertThat(all.packs()).extracting(RulePack::name).containsExactly("soc2", "hipaa", "pci-dss");
    assertThat(all.rules()).hasSizeGreaterThanOrEqualTo(15);
    ComplianceReport r = all.evaluate(good());
    assertThat(r.failures()).isEmpty();
    assertThat(r.status()).isEqualTo(RuleStatus.PASS);
    // Every kind is used by some shipped pack.
    assertThat(all.rules().stream().map(x -> x.check().kind()).distinct().count()).isEqualTo(9);
  }

  @Test
  void requiredSettingsAreTheStrictestOverThePacks() {
    CompliancePolicy pci = CompliancePacks.load(List.of("PCI-DSS"));
    assertThat(pci.requiredIdleTimeout()).contains(Duration.ofMinutes(15));
    assertThat(pci.requiresTlsForRemote()).isTrue();
    assertThat(pci.minimumRetention()).contains(new CompliancePolicy.RetentionRequirement(365, 90));
    assertThat(pci.requiredCardMasking()).isEqualTo(EnumSet.allOf(MaskingTarget.class));
    assertThat(pci.requiresNonDisplayRedaction()).isTrue();
    assertThat(pci.requiresAuditLog()).isTrue();
    assertThat(pci.requiredCheckpointInterval()).contains(Duration.ofMinutes(60));

    CompliancePolicy soc2 = CompliancePacks.load(List.of("soc2"));
    assertThat(soc2.requiredIdleTimeout()).contains(Duration.ofMinutes(30));
    assertThat(soc2.requiresTlsForRemote()).isFalse();
    assertThat(soc2.minimumRetention()).isEmpty();
    assertThat(soc2.requiredCardMasking()).isEmpty();

    CompliancePolicy both = CompliancePacks.load(List.of("hipaa", "pci-dss", "hipaa"));
    assertThat(both.packs()).hasSize(2);
    assertThat(both.requiredIdleTimeout()).contains(Duration.ofMinutes(15));
    assertThat(both.minimumRetention())
        .contains(new CompliancePolicy.RetentionRequirement(2190, 90));

    CompliancePolicy none = CompliancePacks.load(List.of());
    assertThat(none.rules()).isEmpty();
    assertThat(none.evaluate(good()).status()).isEqualTo(RuleStatus.PASS);
    assertThat(none.requiredIdleTimeout()).isEmpty();
  }

  @Test
  void pciFailsAWeakConfigurationWithViolations() {
    ComplianceFacts weak =
        new ComplianceFacts(
            new ComplianceFacts.Pool(Duration.ofMinutes(30), "LOCK"),
            List.of(LOCAL_PLAIN, REMOTE_PLAIN),
            new ComplianceFacts.Audit(true, Duration.ofMinutes(5), false, true),
            new ComplianceFacts.Retention(30, 180, 1),
            new ComplianceFacts.Masking(true, true, false, true),
            Map.of("note", "x"));
    ComplianceReport r = CompliancePacks.load(List.of("pci-dss")).evaluate(weak);
    assertThat(r.status()).isEqualTo(RuleStatus.FAIL);
    assertThat(r.failures())
        .extracting(x -> x.rule().id())
        .containsExactly("PCI-8.2.8", "PCI-4.2.1", "PCI-10.5.1", "PCI-3.4.1", "PCI-10.3.3");
  }

  @Test
  void unknownPackIsAClearError() {
    assertThatThrownBy(() -> CompliancePacks.load(List.of("pci-dss", "iso27001")))
        .isInstanceOf(CompliancePackException.class)
        .hasMessageContaining("/compliance/iso27001.json")
        .hasMessageContaining("no such pack 'iso27001'")
        .hasMessageContaining("soc2, hipaa, pci-dss");
    assertThatThrownBy(() -> CompliancePacks.load(List.of("../etc/passwd")))
        .isInstanceOf(CompliancePackException.class)
        .hasMessageContaining("not a pack name");
  }

  private static final String RULE_OK =
      "{\"id\":\"R-1\",\"title\":\"t\",\"requirement\":\"q\",\"severity\":\"LOW\","
          + "\"check\":{\"kind\":\"auditLogEnabled\"}}";

  private static String pack(String... rules) {
    return "{\"name\":\"p\",\"title\":\"T\",\"version\":\"1\",\"rules\":["
        + String.join(",", rules)
        + "]}";
  }

  private static String rule(String check) {
    return "{\"id\":\"R-2\",\"title\":\"t\",\"requirement\":\"q\",\"severity\":\"HIGH\","
        + "\"check\":"
        + check
        + "}";
  }

  private static CompliancePackException error(String json) {
    try {
      CompliancePacks.parse("/compliance/p.json", json);
    } catch (CompliancePackException e) {
      return e;
    }
    throw new AssertionError("no error for " + json);
  }

  @Test
  void malformedPacksNameFileRuleAndReason() {
    assertThat(CompliancePacks.parse("/compliance/p.json", pack(RULE_OK)).rules()).hasSize(1);

    CompliancePackException e = error("{\"name\":");
    assertThat(e.file()).isEqualTo("/compliance/p.json");
    assertThat(e.ruleId()).isNull();
    assertThat(e.reason()).startsWith("not valid JSON");

    assertThat(error("[]").reason()).isEqualTo("the file must hold one JSON object");
    assertThat(error(pack(RULE_OK).replace("\"name\":\"p\"", "\"name\":\"q\"")).reason())
        .contains("does not match the file name p.json");
    assertThat(error(pack()).reason()).isEqualTo("'rules' must be a non-empty array");
    assertThat(error(pack(RULE_OK, RULE_OK)).ruleId()).isEqualTo("R-1");
    assertThat(error(pack(RULE_OK, RULE_OK)).reason()).contains("used twice");

    CompliancePackException kind = error(pack(RULE_OK, rule("{\"kind\":\"maxIdle\"}")));
    assertThat(kind.ruleId()).isEqualTo("R-2");
    assertThat(kind.getMessage())
        .isEqualTo(
            "compliance pack /compliance/p.json, rule R-2: unknown check kind 'maxIdle'; known"
                + " kinds: "
                + Check.kinds());
    assertThat(error(pack(rule("{\"kind\":\"maxIdleMinutes\"}"))).reason())
        .contains("'value' must be a whole number");
    assertThat(error(pack(rule("{\"kind\":\"maxIdleMinutes\",\"value\":0}"))).reason())
        .contains("'value' must be more than 0");
    assertThat(error(pack(rule("{\"kind\":\"maxIdleMinutes\",\"value\":\"15\"}"))).reason())
        .contains("'value' must be a whole number");
    assertThat(error(pack(rule("{\"kind\":\"maxIdleMinutes\",\"value\":15,\"vaule\":1}"))).reason())
        .contains("unknown field 'vaule'");
    assertThat(
            error(pack(rule("{\"kind\":\"minRetentionDays\",\"total\":30,\"online\":90}")))
                .reason())
        .contains("'online' (90) is more than 'total' (30)");
    assertThat(error(pack(rule("{\"kind\":\"cardMasking\",\"in\":[\"logs\"]}"))).reason())
        .contains("cardMasking 'in' has \"logs\"");
    assertThat(error(pack(rule("{\"kind\":\"cardMasking\",\"in\":[]}"))).reason())
        .contains("non-empty array");
    assertThat(error(pack(RULE_OK.replace("LOW", "URGENT"))).reason())
        .contains("unknown severity 'URGENT'");
    assertThat(error(pack(RULE_OK.replace("\"title\":\"t\",", ""))).reason())
        .isEqualTo("'title' must be a non-empty string");
    assertThat(error(pack(RULE_OK.replace("R-1", "R 1"))).reason()).contains("'id' must be");
    assertThat(
            error(pack(RULE_OK.replace("\"check\":{\"kind\":\"auditLogEnabled\"}", "\"check\":1")))
                .reason())
        .contains("'check' must be an object");
  }

  @Test
  void combiningPacksRefusesADuplicateRuleId() {
    RulePack a = CompliancePacks.parse("/compliance/p.json", pack(RULE_OK));
    RulePack b =
        CompliancePacks.parse(
            "/compliance/q.json", pack(RULE_OK).replace("\"name\":\"p\"", "\"name\":\"q\""));
    assertThatThrownBy(() -> CompliancePacks.combine(List.of(a, b)))
        .isInstanceOf(CompliancePackException.class)
        .hasMessage("compliance pack q, rule R-1: rule id already used by pack p");
  }

  @Test
  void reportJsonHasTheDocumentedShape() throws Exception {
    ComplianceFacts weak = withPool(Duration.ofMinutes(20), "LOCK");
    weak =
        new ComplianceFacts(
            weak.pool(),
            List.of(LOCAL_PLAIN),
            weak.audit(),
            weak.retention(),
            weak.masking(),
            Map.of());
    Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);
    ComplianceReport report = CompliancePacks.load(List.of("pci-dss")).evaluate(weak, clock);
    JsonNode root = new ObjectMapper().readTree(report.toJson());
    assertThat(names(root)).containsExactly("generatedAt", "packs", "status", "summary", "rules");
    assertThat(root.get("generatedAt").asText()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(root.get("packs").toString()).isEqualTo("[\"pci-dss\"]");
    assertThat(root.get("status").asText()).isEqualTo("FAIL");
    assertThat(root.get("summary").toString())
        .isEqualTo("{\"rules\":9,\"pass\":7,\"fail\":1,\"notApplicable\":1}");
    JsonNode first = root.get("rules").get(0);
    assertThat(names(first))
        .containsExactly(
            "id",
            "pack",
            "title",
            "requirement",
            "severity",
            "check",
            "status",
            "evidence",
            "violations");
    assertThat(first.get("id").asText()).isEqualTo("PCI-8.2.8");
    assertThat(first.get("pack").asText()).isEqualTo("pci-dss");
    assertThat(first.get("severity").asText()).isEqualTo("HIGH");
    assertThat(first.get("check").toString())
        .isEqualTo("{\"kind\":\"maxIdleMinutes\",\"parameters\":\"value=15\"}");
    assertThat(first.get("status").asText()).isEqualTo("FAIL");
    assertThat(first.get("evidence").get("pool.idleTimeout").asText()).isEqualTo("PT20M");
    assertThat(first.get("violations").get(0).asText())
        .isEqualTo("idle timeout 20 minutes is longer than 15 minutes");
    assertThat(root.get("rules").get(1).get("status").asText()).isEqualTo("NOT_APPLICABLE");
    assertThat(root.get("rules").get(1).get("violations").size()).isZero();
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    Iterator<String> it = n.fieldNames();
    it.forEachRemaining(out::add);
    return out;
  }
}
