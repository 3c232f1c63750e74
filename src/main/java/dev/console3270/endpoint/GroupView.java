package dev.console3270.endpoint;

/**
 * The members of one group at one registry version, and those eligible (enabled and UP, session
 * limit not considered: that is checked per pick). Immutable; the arrays are never modified.
 */
final class GroupView {
  final String name;
  final long version;
  final Entry[] members;
  final Entry[] eligible;

  /** Base weight of each eligible entry, in tenths (weight * 10), for slow-start granularity. */
  final int[] weights;

  /** Session limit of each eligible entry (0 = none). */
  final int[] limits;

  final boolean anyLimit;

  /** The group's live load (shared by all versions of the group). */
  final GroupLoad load;

  GroupView(String name, long version, Entry[] members, Entry[] eligible, GroupLoad load) {
    this.name = name;
    this.load = load;
    this.version = version;
    this.members = members;
    this.eligible = eligible;
    this.weights = new int[eligible.length];
    this.limits = new int[eligible.length];
    boolean limit = false;
    for (int i = 0; i < eligible.length; i++) {
      Endpoint e = eligible[i].endpoint;
      weights[i] = e.weight() * 10;
      limits[i] = e.maxSessions();
      limit |= e.maxSessions() > 0;
    }
    this.anyLimit = limit;
  }
}
