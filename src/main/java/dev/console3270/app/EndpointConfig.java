package dev.console3270.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.console3270.endpoint.AdminState;
import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.endpoint.EndpointView;
import dev.console3270.endpoint.HealthCheckConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The endpoints' part of the configuration file ({@code endpoints}, {@code balancer} and {@code
 * healthCheck}): applied to an {@link EndpointRegistry} and a {@link Balancer} at start, and
 * written back when they change while the console runs (endpoint panel, REST API). Endpoints tagged
 * {@link #EMBEDDED} (the built-in demo host) are not saved.
 */
public final class EndpointConfig {

  /** The tag of endpoints that live only while the app runs. */
  public static final String EMBEDDED = dev.console3270.ui.MainWindow.EMBEDDED_TAG;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ConfigFile file;

  /** The endpoints' part of a configuration file. */
  public EndpointConfig(ConfigFile file) {
    this.file = file;
  }

  /** The file. */
  public ConfigFile file() {
    return file;
  }

  /**
   * Puts the settings' endpoints, default health check, slow start, fallbacks and strategy into a
   * registry and a balancer. The settings were checked when read, so this does not fail on them.
   *
   * @throws IllegalArgumentException when the registry refuses something (e.g. a name it already
   *     has); use an empty registry
   */
  public static void apply(Settings settings, EndpointRegistry registry, Balancer balancer) {
    registry.setDefaultHealthCheck(settings.healthCheck());
    if (settings.balancer().slowStart() != null) {
      registry.setSlowStart(settings.balancer().slowStart());
    }
    for (Settings.EndpointEntry e : settings.endpoints()) {
      registry.add(e.endpoint());
      switch (e.admin()) {
        case DRAINING -> registry.drain(e.endpoint().name());
        case DISABLED -> registry.disable(e.endpoint().name());
        case ENABLED -> {}
      }
    }
    settings.balancer().fallbacks().forEach(registry::setFallback);
    if (balancer != null) {
      balancer.setStrategy(settings.balancer().strategy());
    }
  }

  /**
   * Writes the registry and the strategy into the file (not the embedded endpoints), atomically.
   */
  public void save(EndpointRegistry registry, Balancer balancer) throws IOException {
    file.put(sections(registry, balancer, file.contents().path("balancer")));
  }

  /** The sections that describe a registry and a balancer, keeping the balancer's other keys. */
  static Map<String, JsonNode> sections(
      EndpointRegistry registry, Balancer balancer, JsonNode oldBalancer) {
    ObjectNode b =
        oldBalancer.isObject() ? (ObjectNode) oldBalancer.deepCopy() : MAPPER.createObjectNode();
    b.put("strategy", balancer.strategy().name());
    Map<String, String> fallbacks = new TreeMap<>();
    for (String g : registry.groups()) {
      registry.fallback(g).ifPresent(f -> fallbacks.put(g, f));
    }
    ObjectNode fb = b.putObject("fallbacks");
    fallbacks.forEach(fb::put);
    HealthCheckConfig h = registry.defaultHealthCheck();
    ObjectNode hc = MAPPER.createObjectNode();
    hc.put("intervalMs", h.interval().toMillis());
    hc.put("timeoutMs", h.timeout().toMillis());
    hc.put("rise", h.rise());
    hc.put("fall", h.fall());
    hc.put("verifyTls", h.verifyTls());
    hc.put("ejectAfter", h.ejectAfter());
    ArrayNode list = MAPPER.createArrayNode();
    for (EndpointView v : registry.list()) {
      Endpoint e = v.endpoint();
      if (e.tags().contains(EMBEDDED)) {
        continue;
      }
      ObjectNode o = list.addObject();
      o.put("name", e.name());
      o.put("host", e.host());
      o.put("port", e.port());
      o.put("tlsMode", e.tlsMode().name());
      o.put("weight", e.weight());
      o.put("maxSessions", e.maxSessions());
      o.put("group", e.group());
      ArrayNode tags = o.putArray("tags");
      e.tags().stream().sorted().forEach(tags::add);
      if (v.adminState() != AdminState.ENABLED) {
        o.put("admin", v.adminState().name());
      }
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    out.put("endpoints", list);
    out.put("balancer", b);
    out.put("healthCheck", hc);
    return out;
  }
}
