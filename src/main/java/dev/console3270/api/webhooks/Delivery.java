package dev.console3270.api.webhooks;

import java.time.Instant;
import java.util.Objects;

/**
 * One event to be delivered to one subscription (retried under the same id, which is the {@code
 * webhook-id} the receiver can deduplicate on).
 *
 * @param id its id ({@code msg_...})
 * @param subscriptionId the subscription
 * @param eventId the hub event id
 * @param eventType the event type
 * @param body the JSON body sent ({@code {"type":..,"timestamp":..,"data":{..}}})
 * @param attempts attempts made so far
 * @param nextAttempt when the next attempt is due
 * @param created when it was queued
 */
public record Delivery(
    String id,
    String subscriptionId,
    long eventId,
    String eventType,
    String body,
    int attempts,
    Instant nextAttempt,
    Instant created) {

  /** Checks that nothing is null. */
  public Delivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(nextAttempt, "nextAttempt");
    Objects.requireNonNull(created, "created");
  }

  /** A copy after one more failed attempt, due again at {@code next}. */
  public Delivery retryAt(int attemptsMade, Instant next) {
    return new Delivery(id, subscriptionId, eventId, eventType, body, attemptsMade, next, created);
  }
}
