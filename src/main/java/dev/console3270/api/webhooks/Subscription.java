package dev.console3270.api.webhooks;

import dev.console3270.api.events.TypePattern;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One webhook subscription.
 *
 * @param id its id ({@code sub_...})
 * @param url where deliveries are POSTed (http or https)
 * @param types event type patterns ({@link TypePattern}); never empty
 * @param secret the signing secret, {@code whsec_} + base64 of at least 24 bytes
 * @param enabled false when disabled (by the operator, a 410 Gone, or too many failures)
 * @param created when it was created
 * @param disabledReason why it is disabled ("" when enabled or none given)
 */
public record Subscription(
    String id,
    URI url,
    List<String> types,
    String secret,
    boolean enabled,
    Instant created,
    String disabledReason) {

  /** Checks the fields; see the record comment. */
  public Subscription {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("subscription id must not be blank");
    }
    checkUrl(url);
    Objects.requireNonNull(types, "types");
    if (types.isEmpty()) {
      throw new IllegalArgumentException("a subscription needs at least one event type pattern");
    }
    TypePattern.all(types);
    types = List.copyOf(types);
    WebhookSigner.secretBytes(secret);
    Objects.requireNonNull(created, "created");
    disabledReason = disabledReason == null || enabled ? "" : disabledReason;
  }

  /**
   * Checks a webhook URL.
   *
   * @throws IllegalArgumentException unless it is an absolute http or https URL with a host
   */
  public static void checkUrl(URI url) {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          "a webhook URL must be an absolute http or https URL with a host: " + url);
    }
  }

  /** True when an event of {@code type} goes to this subscription (ignores {@link #enabled}). */
  public boolean matches(String type) {
    return TypePattern.anyMatch(TypePattern.all(types), type);
  }

  /** A copy enabled or disabled. */
  public Subscription withEnabled(boolean on, String reason) {
    return new Subscription(id, url, types, secret, on, created, on ? "" : reason);
  }

  /** The secret hidden, for listings: {@code whsec_...} plus its last 4 characters. */
  public String maskedSecret() {
    return "whsec_..." + secret.substring(secret.length() - 4);
  }
}
