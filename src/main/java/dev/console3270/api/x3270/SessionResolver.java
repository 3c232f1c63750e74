package dev.console3270.api.x3270;

import dev.console3270.session.ScriptableSession;

/** Finds the session an x3270-style REST request names. */
@FunctionalInterface
public interface SessionResolver {

  /**
   * The session with this id, or the default (active) session when the id is null.
   *
   * @param sessionIdOrNull the id from query parameter {@code session} or header {@code
   *     X-Console3270-Session}; null when the request names none
   * @return the session, or null when there is no such session (the request gets 404)
   */
  ScriptableSession resolve(String sessionIdOrNull);
}
