package dev.console3270.api;

import java.util.EnumSet;
import java.util.Set;

/** What an API token may do. The token in the token file is always {@link #ADMIN}. */
public enum Role {
  /**
   * Looks: sessions, screens, endpoints, health, metrics, the event stream without audit records.
   */
  VIEWER(EnumSet.of(Permission.READ)),
  /** Looks and drives sessions (automation). */
  OPERATOR(EnumSet.of(Permission.READ, Permission.OPERATE)),
  /** Looks and reads the audit trail and compliance report (supervisors, SIEM pulls). */
  AUDITOR(EnumSet.of(Permission.READ, Permission.AUDIT)),
  /** Everything, including endpoints, the balancer, webhooks and tokens. */
  ADMIN(EnumSet.allOf(Permission.class));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = permissions;
  }

  /** True when this role has {@code p}. */
  public boolean permits(Permission p) {
    return permissions.contains(p);
  }
}
