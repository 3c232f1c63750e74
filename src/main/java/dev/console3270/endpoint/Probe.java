package dev.console3270.endpoint;

/** One active health check of an endpoint; blocking, bounded by the config's timeout. */
@FunctionalInterface
public interface Probe {
  /** Probes the endpoint once. Never throws for a network failure: reports it as a result. */
  ProbeOutcome probe(Endpoint endpoint, HealthCheckConfig config);
}
