package dev.console3270.api;

/**
 * Who made a request: the name of the token (the token file's is {@code admin}) and its role.
 *
 * @param name the token's name, recorded in the audit trail
 * @param role what it may do
 */
public record Caller(String name, Role role) {

  /** The token file's holder. */
  public static final Caller ADMIN = new Caller("admin", Role.ADMIN);

  /** True when the caller has {@code p}. */
  public boolean may(Permission p) {
    return role.permits(p);
  }
}
