package dev.console3270.endpoint;

/**
 * Immutable snapshot of one endpoint's state.
 *
 * @param endpoint its definition
 * @param adminState what the operator set
 * @param health UP or DOWN
 * @param healthCounter HAProxy's health counter, 0..{@code rise+fall-1}; UP while {@code >= rise}
 * @param rise rise of its config
 * @param fall fall of its config
 * @param lastResult result of the last active check, null before the first
 * @param lastDetail explanation of the last check result or of the ejection ("" when none)
 * @param ejected true when passive checks took it DOWN and active checks have not yet brought it
 *     back
 * @param consecutivePassiveFailures passive failures since the last reported success
 * @param latency moving window of successful probe latencies
 * @param activeSessions sessions open to it, as counted by {@link EndpointRegistry#sessionOpened}
 *     and {@link EndpointRegistry#sessionClosed}
 * @param fallbackPicks times it was picked for a request of another group (through the fallback
 *     chain)
 * @param weightFactor slow-start factor applied to its weight, 0.1..1 (1 when not ramping)
 */
public record EndpointView(
    Endpoint endpoint,
    AdminState adminState,
    Health health,
    int healthCounter,
    int rise,
    int fall,
    CheckResult lastResult,
    String lastDetail,
    boolean ejected,
    int consecutivePassiveFailures,
    LatencyStats latency,
    int activeSessions,
    long fallbackPicks,
    double weightFactor) {

  /** Its name. */
  public String name() {
    return endpoint.name();
  }

  /** True when it may take a new session (enabled and UP), ignoring its session limit. */
  public boolean eligible() {
    return adminState == AdminState.ENABLED && health == Health.UP;
  }
}
