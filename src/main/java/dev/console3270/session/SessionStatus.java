package dev.console3270.session;

import dev.console3270.protocol.keyboard.Oia;
import java.util.Set;

/**
 * An immutable summary of a session for readers on any thread (what x3270's {@code Query} and the
 * status line report).
 *
 * @param state connection state
 * @param host the host as given, or null when never connected
 * @param port the port, or 0
 * @param luName the LU the host granted, or null
 * @param terminalName the terminal type sent
 * @param tls true when the connection is under TLS
 * @param tlsDescription protocol and cipher suite, or null
 * @param tn3270eFunctions the TN3270E functions negotiated (empty when not TN3270E)
 * @param oia the operator information area
 * @param screenVersion the latest screen version
 */
public record SessionStatus(
    ConnectionState state,
    String host,
    int port,
    String luName,
    String terminalName,
    boolean tls,
    String tlsDescription,
    Set<String> tn3270eFunctions,
    Oia oia,
    long screenVersion) {
  public SessionStatus {
    tn3270eFunctions = Set.copyOf(tn3270eFunctions);
  }
}
