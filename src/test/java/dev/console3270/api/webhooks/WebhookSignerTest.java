package dev.console3270.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
  // The Standard Webhooks specification's published test vector.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void signsTheSpecificationsTestVector() {
    assertThat(WebhookSigner.sign(SECRET, MSG_ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    assertThat(WebhookSigner.headers(SECRET, MSG_ID, TIMESTAMP, BODY))
        .containsExactly(
            Map.entry("webhook-id", MSG_ID),
            Map.entry("webhook-timestamp", "1614265330"),
            Map.entry("webhook-signature", SIGNATURE));
  }

  @Test
  void verifiesWithinTheToleranceAndAmongSeveralSignatures() {
    Instant at = Instant.ofEpochSecond(TIMESTAMP);
    String ts = Long.toString(TIMESTAMP);
    assertThat(WebhookSigner.verify(SECRET, MSG_ID, ts, SIGNATURE, BODY, at)).isTrue();
    assertThat(WebhookSigner.verify(SECRET, MSG_ID, ts, SIGNATURE, BODY, at.plusSeconds(299)))
        .isTrue();
    assertThat(WebhookSigner.verify(SECRET, MSG_ID, ts, SIGNATURE, BODY, at.plusSeconds(301)))
        .isFalse();
    assertThat(WebhookSigner.verify(SECRET, MSG_ID, ts, SIGNATURE, BODY, at.minusSeconds(301)))
        .isFalse();
    String several = "v1,AAAA v2,whatever " + SIGNATURE;
    assertThat(WebhookSigner.verify(SECRET, MSG_ID, ts, several, BODY, at)).isTrue();
    byte[] altered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookSigner.verify(SECRET, MSG_ID, ts, SIGNATURE, altered, at)).isFalse();
    assertThat(WebhookSigner.verify(SECRET, "msg_other", ts, SIGNATURE, BODY, at)).isFalse();
    assertThat(WebhookSigner.verify(SECRET, MSG_ID, "x", SIGNATURE, BODY, at)).isFalse();
    assertThat(WebhookSigner.verify(SECRET, MSG_ID, ts, "v1,not*base64", BODY, at)).isFalse();
  }

  @Test
  void newSecretsAreLongEnoughAndBadOnesAreRefused() {
    String s = WebhookSigner.newSecret(new SecureRandom());
    assertThat(s).startsWith("whsec_");
    assertThat(WebhookSigner.secretBytes(s)).hasSize(32);
    assertThat(WebhookSigner.newSecret(new SecureRandom())).isNotEqualTo(s);
    String short16 = "whsec_" + Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> WebhookSigner.secretBytes(short16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 24");
    assertThatThrownBy(() -> WebhookSigner.secretBytes("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        .hasMessageContaining("whsec_");
    assertThatThrownBy(() -> WebhookSigner.secretBytes("whsec_***")).hasMessageContaining("base64");
  }
}
