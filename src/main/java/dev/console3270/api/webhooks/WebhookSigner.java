package dev.console3270.api.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies deliveries as the Standard Webhooks specification says: headers {@code
 * webhook-id}, {@code webhook-timestamp} (unix seconds) and {@code webhook-signature}, a
 * space-separated list of {@code v1,<base64 HMAC-SHA256>} over {@code id.timestamp.body} keyed with
 * the base64-decoded part of the secret after {@code whsec_}.
 */
public final class WebhookSigner {
  /** The secret prefix. */
  public static final String PREFIX = "whsec_";

  /** Random bytes in a new secret. */
  public static final int SECRET_BYTES = 32;

  /** Shortest secret key accepted, in bytes. */
  public static final int MIN_SECRET_BYTES = 24;

  /** How far a timestamp may be from now when verifying. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  /** Header names. */
  public static final String ID = "webhook-id";

  /** The timestamp header. */
  public static final String TIMESTAMP = "webhook-timestamp";

  /** The signature header. */
  public static final String SIGNATURE = "webhook-signature";

  private WebhookSigner() {}

  /** A new secret: {@code whsec_} + base64 of {@value #SECRET_BYTES} random bytes. */
  public static String newSecret(SecureRandom random) {
    byte[] b = new byte[SECRET_BYTES];
    random.nextBytes(b);
    return PREFIX + Base64.getEncoder().encodeToString(b);
  }

  /**
   * The key bytes of a secret.
   *
   * @throws IllegalArgumentException when it lacks the prefix, is not base64 or is too short
   */
  public static byte[] secretBytes(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret must start with " + PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a webhook secret must be " + PREFIX + " + base64", e);
    }
    if (key.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "a webhook secret must hold at least " + MIN_SECRET_BYTES + " bytes, not " + key.length);
    }
    return key;
  }

  /** The signature {@code v1,<base64>} of one message. */
  public static String sign(String secret, String msgId, long timestamp, byte[] body) {
    return "v1,"
        + Base64.getEncoder().encodeToString(mac(secretBytes(secret), msgId, timestamp, body));
  }

  /** The three headers for one delivery attempt, in order id, timestamp, signature. */
  public static Map<String, String> headers(
      String secret, String msgId, long timestamp, byte[] body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(ID, msgId);
    h.put(TIMESTAMP, Long.toString(timestamp));
    h.put(SIGNATURE, sign(secret, msgId, timestamp, body));
    return h;
  }

  /**
   * Verifies a received message: the timestamp within {@link #TOLERANCE} of {@code now} and one of
   * the {@code v1} signatures in {@code signatureHeader} matching (compared in constant time).
   *
   * @return true when it verifies; false for a bad signature, an old or future timestamp, or
   *     malformed headers
   */
  public static boolean verify(
      String secret,
      String msgId,
      String timestampHeader,
      String signatureHeader,
      byte[] body,
      Instant now) {
    if (msgId == null || timestampHeader == null || signatureHeader == null) {
      return false;
    }
    long ts;
    try {
      ts = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - ts) > TOLERANCE.toSeconds()) {
      return false;
    }
    byte[] expected = mac(secretBytes(secret), msgId, ts, body);
    for (String part : signatureHeader.trim().split(" +")) {
      int comma = part.indexOf(',');
      if (comma < 0 || !part.substring(0, comma).equals("v1")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(part.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] mac(byte[] key, String msgId, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((msgId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
