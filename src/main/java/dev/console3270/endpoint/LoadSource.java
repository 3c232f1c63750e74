package dev.console3270.endpoint;

/** Tells how many sessions are open to an endpoint; the session pool implements it. */
@FunctionalInterface
public interface LoadSource {
  /** Sessions open (or opening) to the named endpoint now; 0 for an unknown name. Must be fast. */
  int activeSessions(String endpointName);

  /** A source that always says 0. */
  static LoadSource none() {
    return name -> 0;
  }
}
