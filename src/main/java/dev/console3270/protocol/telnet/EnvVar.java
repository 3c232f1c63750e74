package dev.console3270.protocol.telnet;

/**
 * A NEW-ENVIRON (RFC 1572) variable the codec sends when the host asks for it.
 *
 * @param name the name, e.g. {@code IBMELF}
 * @param value the value; may be empty
 */
public record EnvVar(String name, String value) {
  public EnvVar {
    if (name == null || name.isEmpty() || value == null) {
      throw new IllegalArgumentException("NEW-ENVIRON variable needs a name and a value");
    }
  }
}
