package dev.console3270.endpoint;

import dev.console3270.session.TlsMode;
import java.util.Objects;
import java.util.Set;

/**
 * One TN3270 host a session may be opened to.
 *
 * @param name unique, non-blank name (the key of the registry)
 * @param host host name or address, non-blank
 * @param port 1-65535
 * @param tlsMode how the session (and the health probe) secures the connection
 * @param weight 1-256, relative share for the weighted strategies (0 is invalid; use {@link
 *     EndpointRegistry#drain} or {@link EndpointRegistry#disable} to take an endpoint out)
 * @param maxSessions most sessions at once, 0 for unlimited
 * @param group the group it serves, {@code "default"} when null
 * @param tags free labels, copied (null means none)
 */
public record Endpoint(
    String name,
    String host,
    int port,
    TlsMode tlsMode,
    int weight,
    int maxSessions,
    String group,
    Set<String> tags) {

  /** The group of an endpoint that names none. */
  public static final String DEFAULT_GROUP = "default";

  /** Highest weight, as in HAProxy. */
  public static final int MAX_WEIGHT = 256;

  /** Validates and normalises. */
  public Endpoint {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("endpoint name must not be blank");
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("endpoint '" + name + "': host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "endpoint '" + name + "': port must be 1-65535, got " + port);
    }
    Objects.requireNonNull(tlsMode, () -> "endpoint '" + name + "': tlsMode must not be null");
    if (weight < 1 || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException(
          "endpoint '"
              + name
              + "': weight must be 1-"
              + MAX_WEIGHT
              + ", got "
              + weight
              + (weight == 0 ? " (drain or disable the endpoint instead)" : ""));
    }
    if (maxSessions < 0) {
      throw new IllegalArgumentException(
          "endpoint '" + name + "': maxSessions must be >= 0 (0 = unlimited), got " + maxSessions);
    }
    if (group == null) {
      group = DEFAULT_GROUP;
    } else if (group.isBlank()) {
      throw new IllegalArgumentException("endpoint '" + name + "': group must not be blank");
    }
    if (tags == null) {
      tags = Set.of();
    } else {
      for (String t : tags) {
        if (t == null || t.isBlank()) {
          throw new IllegalArgumentException("endpoint '" + name + "': tags must not be blank");
        }
      }
      tags = Set.copyOf(tags);
    }
  }

  /** A plain-TCP endpoint of weight 1, no session limit, in the default group, without tags. */
  public static Endpoint of(String name, String host, int port) {
    return new Endpoint(name, host, port, TlsMode.NONE, 1, 0, DEFAULT_GROUP, Set.of());
  }

  /** A copy with another weight. */
  public Endpoint withWeight(int newWeight) {
    return new Endpoint(name, host, port, tlsMode, newWeight, maxSessions, group, tags);
  }

  /** A copy with another session limit. */
  public Endpoint withMaxSessions(int newMax) {
    return new Endpoint(name, host, port, tlsMode, weight, newMax, group, tags);
  }

  /** A copy in another group. */
  public Endpoint withGroup(String newGroup) {
    return new Endpoint(name, host, port, tlsMode, weight, maxSessions, newGroup, tags);
  }

  /** A copy with another address. */
  public Endpoint withAddress(String newHost, int newPort) {
    return new Endpoint(name, newHost, newPort, tlsMode, weight, maxSessions, group, tags);
  }

  /** A copy with another TLS mode. */
  public Endpoint withTlsMode(TlsMode mode) {
    return new Endpoint(name, host, port, mode, weight, maxSessions, group, tags);
  }
}
