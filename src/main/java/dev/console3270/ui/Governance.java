package dev.console3270.ui;

import dev.console3270.audit.compliance.ComplianceFacts;
import dev.console3270.audit.compliance.CompliancePacks;
import dev.console3270.audit.compliance.CompliancePolicy;
import java.time.Duration;
import java.util.List;

/**
 * The compliance side of the configuration: the selected rule packs and what the app knows about
 * how audit records are kept, for the compliance report and for what the packs require.
 *
 * @param policy the selected packs (none: an empty policy)
 * @param retention how long audit records are kept (as configured)
 * @param forwarding audit records are forwarded off the machine
 * @param checkpointInterval how often the audit log writes a checkpoint
 */
public record Governance(
    CompliancePolicy policy,
    ComplianceFacts.Retention retention,
    boolean forwarding,
    Duration checkpointInterval) {

  /** No packs, nothing archived or deleted, no forwarding, the log's default checkpoints. */
  public static Governance none() {
    return new Governance(
        CompliancePacks.load(List.of()),
        new ComplianceFacts.Retention(0, 0, 0),
        false,
        Duration.ofSeconds(10));
  }
}
