package dev.console3270.api.webhooks;

import java.time.Duration;
import java.time.Instant;

/**
 * One attempt of a delivery, for the per-subscription delivery log.
 *
 * @param deliveryId the delivery ({@code webhook-id})
 * @param subscriptionId the subscription
 * @param eventId the hub event id
 * @param eventType the event type
 * @param attempt 1 for the first attempt
 * @param time when it started
 * @param status the HTTP status, or 0 when no response came
 * @param error why it failed without a response ("" otherwise)
 * @param duration how long it took
 * @param delivered true for a 2xx response
 */
public record DeliveryAttempt(
    String deliveryId,
    String subscriptionId,
    long eventId,
    String eventType,
    int attempt,
    Instant time,
    int status,
    String error,
    Duration duration,
    boolean delivered) {}
