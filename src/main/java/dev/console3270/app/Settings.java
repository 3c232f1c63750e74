package dev.console3270.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.console3270.audit.LegalHold;
import dev.console3270.audit.RetentionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's settings file, {@code console3270.json} in the configuration directory:
 *
 * <pre>{@code
 * {
 *   "compliance": {"packs": ["pci-dss"]},
 *   "audit": {
 *     "retention": {"archiveAfterDays": 90, "deleteAfterDays": 365,
 *                   "holds": [{"from": "2026-01-01", "to": "2026-03-31", "reason": "case 42"}]},
 *     "forwarding": {"host": "siem.example.com", "port": 6514, "tls": true}
 *   }
 * }
 * }</pre>
 *
 * A file that cannot be used is moved aside to {@code console3270.json.corrupt-<time>} and the
 * defaults apply, with the reason reported.
 *
 * @param packs the compliance packs selected (soc2, hipaa, pci-dss)
 * @param node the whole file (sections read by other parts), an empty object when none
 */
public record Settings(List<String> packs, JsonNode node) {

  /** The file name in the configuration directory. */
  public static final String FILE_NAME = "console3270.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** No packs, nothing else. */
  public static Settings defaults() {
    return new Settings(List.of(), MAPPER.createObjectNode());
  }

  /** Settings and the problem met reading them (null when none). */
  public record Loaded(Settings settings, String problem) {}

  /** Reads the file; a missing file gives the defaults; a bad file is moved aside. */
  public static Loaded load(Path file) {
    return load(file, true);
  }

  /**
   * Reads the file; a missing file gives the defaults.
   *
   * @param moveAside move a bad file aside (else it is left as it is, and the problem names its
   *     full path)
   */
  public static Loaded load(Path file, boolean moveAside) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Loaded(defaults(), null);
    } catch (IOException e) {
      return new Loaded(defaults(), file + " could not be read: " + e.getMessage());
    }
    try {
      JsonNode root = MAPPER.readTree(bytes);
      if (root == null || !root.isObject()) {
        return aside(file, moveAside, "it is not a JSON object");
      }
      List<String> packs = new ArrayList<>();
      JsonNode p = root.path("compliance").path("packs");
      if (!p.isMissingNode() && !p.isArray()) {
        return aside(file, moveAside, "compliance.packs must be a list of pack names");
      }
      for (JsonNode n : p) {
        packs.add(n.asText());
      }
      return new Loaded(new Settings(List.copyOf(packs), root), null);
    } catch (JsonProcessingException e) {
      return aside(file, moveAside, "it is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return new Loaded(defaults(), file + " could not be read: " + e.getMessage());
    }
  }

  /**
   * The window's REST API: {@code "api": {"enabled": true, "port": 0, "bind": "127.0.0.1"}}.
   *
   * @param enabled whether the window starts it
   * @param port its port, 0 for a free one
   * @param bind the address it listens on
   */
  public record Api(boolean enabled, int port, String bind) {}

  /**
   * The API settings; absent fields take the defaults (enabled, port 0, 127.0.0.1).
   *
   * @throws IllegalArgumentException for a bad value (with the field)
   */
  public Api api() {
    JsonNode a = node.path("api");
    if (a.isMissingNode() || a.isNull()) {
      return new Api(true, 0, "127.0.0.1");
    }
    if (!a.isObject()) {
      throw new IllegalArgumentException("api must be an object");
    }
    JsonNode e = a.path("enabled");
    if (!e.isMissingNode() && !e.isBoolean()) {
      throw new IllegalArgumentException("api.enabled must be true or false");
    }
    JsonNode p = a.path("port");
    if (!p.isMissingNode() && (!p.isInt() || p.asInt() < 0 || p.asInt() > 65535)) {
      throw new IllegalArgumentException("api.port must be a port number 0-65535: " + p);
    }
    JsonNode b = a.path("bind");
    if (!b.isMissingNode() && (!b.isTextual() || b.asText().isBlank())) {
      throw new IllegalArgumentException("api.bind must be an address: " + b);
    }
    return new Api(e.asBoolean(true), p.asInt(0), b.isMissingNode() ? "127.0.0.1" : b.asText());
  }

  /** Where audit records are forwarded (syslog over TCP), or null for nowhere. */
  public record Forwarding(String host, int port, boolean tls) {}

  /** The forwarding settings, or null when none. */
  public Forwarding forwarding() {
    JsonNode f = node.path("audit").path("forwarding");
    if (!f.isObject() || !f.hasNonNull("host")) {
      return null;
    }
    int port = f.path("port").asInt(f.path("tls").asBoolean(false) ? 6514 : 514);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("audit.forwarding.port must be 1 to 65535: " + port);
    }
    return new Forwarding(f.get("host").asText(), port, f.path("tls").asBoolean(false));
  }

  /**
   * The retention policy, raised to what the compliance packs require; null when none is configured
   * and none is required.
   *
   * @param required minimum total and online days (0 for none)
   * @throws IllegalArgumentException for a bad value (with the field)
   */
  public RetentionPolicy retention(int requiredTotalDays, int requiredOnlineDays) {
    JsonNode r = node.path("audit").path("retention");
    if (!r.isObject() && requiredTotalDays == 0) {
      return null;
    }
    long archive = Math.max(r.path("archiveAfterDays").asLong(30), requiredOnlineDays);
    long delete = r.path("deleteAfterDays").asLong(Math.max(requiredTotalDays, 365L * 7));
    delete = Math.max(Math.max(delete, requiredTotalDays), archive);
    List<LegalHold> holds = new ArrayList<>();
    for (JsonNode h : r.path("holds")) {
      try {
        holds.add(
            new LegalHold(
                LocalDate.parse(h.path("from").asText()),
                LocalDate.parse(h.path("to").asText()),
                h.path("reason").asText("legal hold")));
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException(
            "audit.retention.holds: dates must be like 2026-01-31: " + h, e);
      }
    }
    return new RetentionPolicy(Duration.ofDays(archive), Duration.ofDays(delete), holds);
  }

  private static Loaded aside(Path file, boolean moveAside, String why) {
    if (!moveAside) {
      return new Loaded(defaults(), file + " could not be used: " + why);
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    try {
      Path target = dev.console3270.session.ConfigDirs.moveAside(file, stamp);
      return new Loaded(
          defaults(),
          file.getFileName() + " could not be used: " + why + "; it was kept as " + target);
    } catch (IOException e) {
      return new Loaded(defaults(), file.getFileName() + " could not be used: " + why);
    }
  }
}
