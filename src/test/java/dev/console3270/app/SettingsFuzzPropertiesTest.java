package dev.console3270.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Any JSON that looks more or less like a configuration file (the real keys, values of every type,
 * any nesting) is either read or refused with an {@link IllegalArgumentException} whose message
 * starts with a JSON path: never another exception.
 */
class SettingsFuzzPropertiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<String> KEYS =
      List.of(
          "version",
          "endpoints",
          "balancer",
          "healthCheck",
          "pool",
          "compliance",
          "audit",
          "api",
          "webhooks",
          "name",
          "host",
          "port",
          "tlsMode",
          "weight",
          "maxSessions",
          "group",
          "tags",
          "admin",
          "strategy",
          "slowStartSeconds",
          "fallbacks",
          "intervalMs",
          "timeoutMs",
          "rise",
          "fall",
          "verifyTls",
          "ejectAfter",
          "maxPerEndpoint",
          "idleTimeoutSeconds",
          "idlePolicy",
          "packs",
          "dir",
          "retention",
          "forwarding",
          "archiveAfterDays",
          "deleteAfterDays",
          "holds",
          "from",
          "to",
          "reason",
          "tls",
          "enabled",
          "bind",
          "allowedHosts",
          "allowedOrigins",
          "maxBodyBytes",
          "rateLimit",
          "requests",
          "windowSeconds",
          "keyStore",
          "password",
          "tokens",
          "role",
          "sha256",
          "created",
          "id",
          "url",
          "types",
          "secret",
          "other");

  @Property(tries = 2000)
  void everyFileIsReadOrRefusedWithItsPath(@ForAll long seed) {
    Random r = new Random(seed);
    JsonNode root = object(r, 0);
    try {
      Settings s = Settings.parse(root, Map.of());
      assertThat(s).isNotNull();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("$");
    }
  }

  private static ObjectNode object(Random r, int depth) {
    ObjectNode o = JSON.createObjectNode();
    int n = r.nextInt(depth == 0 ? 6 : 4);
    for (int i = 0; i < n; i++) {
      o.set(KEYS.get(r.nextInt(depth == 0 ? 9 : KEYS.size())), value(r, depth + 1));
    }
    return o;
  }

  private static JsonNode value(Random r, int depth) {
    int kind = r.nextInt(depth > 4 ? 7 : 9);
    return switch (kind) {
      case 0 -> JSON.nullNode();
      case 1 -> JSON.getNodeFactory().booleanNode(r.nextBoolean());
      case 2 -> JSON.getNodeFactory().numberNode(r.nextInt(100_000) - 10);
      case 3 -> JSON.getNodeFactory().numberNode(r.nextLong());
      case 4 -> JSON.getNodeFactory().numberNode(r.nextDouble() * 100);
      case 5 ->
          JSON.getNodeFactory()
              .textNode(
                  List.of(
                          "",
                          " ",
                          "x",
                          "TLS",
                          "least_sessions",
                          "LOCK",
                          "pci-dss",
                          "2026-01-31",
                          "127.0.0.1",
                          "a".repeat(70),
                          "-1",
                          "../x")
                      .get(r.nextInt(12)));
      case 6 -> JSON.getNodeFactory().textNode(Long.toString(r.nextLong(), 36));
      case 7 -> object(r, depth);
      default -> {
        ArrayNode a = JSON.createArrayNode();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.add(r.nextBoolean() ? object(r, depth) : value(r, depth + 1));
        }
        yield a;
      }
    };
  }
}
