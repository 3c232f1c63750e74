package dev.console3270.endpoint;

/**
 * What a new session asks the {@link Balancer} for.
 *
 * @param group the group to pick from ({@code "default"} when null)
 * @param stickyKey the user or LU name for {@link Strategy#STICKY}; may be null (then sticky picks
 *     round robin)
 */
public record PickRequest(String group, String stickyKey) {
  /** Normalises a null group to the default group. */
  public PickRequest {
    if (group == null) {
      group = Endpoint.DEFAULT_GROUP;
    } else if (group.isBlank()) {
      throw new IllegalArgumentException("pick request group must not be blank");
    }
  }

  /** A request for the group without a sticky key. */
  public static PickRequest of(String group) {
    return new PickRequest(group, null);
  }
}
