package dev.console3270.audit.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads rule packs: JSON files on the class path at {@code /compliance/<name>.json}.
 *
 * <p>A pack file is an object with {@code name} (equal to the file's name), {@code title}, {@code
 * version} (free text) and {@code rules}, an array of objects with {@code id} (letters, digits,
 * {@code . - _ ( )}), {@code title}, {@code requirement}, {@code severity} ({@code LOW}, {@code
 * MEDIUM}, {@code HIGH}, {@code CRITICAL}) and {@code check}: an object with {@code kind} and the
 * parameters of that kind (see {@link Check}). Unknown fields are errors, so a misspelt parameter
 * is never silently ignored.
 */
public final class CompliancePacks {

  /** The packs shipped with the application. */
  public static final List<String> BUILT_IN = List.of("soc2", "hipaa", "pci-dss");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._()-]*");

  private CompliancePacks() {}

  /**
   * Loads and combines the named packs (names are trimmed and lower-cased; each is taken once). An
   * empty list gives a policy with no rules.
   *
   * @throws CompliancePackException for an unknown pack, an unreadable or malformed file, or a rule
   *     id used twice
   */
  public static CompliancePolicy load(List<String> names) {
    Set<String> wanted = new LinkedHashSet<>();
    for (String n : names) {
      String name = n == null ? "" : n.trim().toLowerCase(Locale.ROOT);
      if (!NAME.matcher(name).matches()) {
        throw new CompliancePackException(
            String.valueOf(n),
            null,
            "not a pack name; known packs: " + String.join(", ", BUILT_IN));
      }
      wanted.add(name);
    }
    List<RulePack> packs = new ArrayList<>();
    for (String name : wanted) {
      String file = "/compliance/" + name + ".json";
      try (InputStream in = CompliancePacks.class.getResourceAsStream(file)) {
        if (in == null) {
          throw new CompliancePackException(
              file,
              null,
              "no such pack '" + name + "'; known packs: " + String.join(", ", BUILT_IN));
        }
        packs.add(parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new CompliancePackException(file, null, "cannot read: " + e.getMessage(), e);
      }
    }
    return combine(packs);
  }

  /**
   * Combines parsed packs into one policy.
   *
   * @throws CompliancePackException when two packs have the same name or a rule id twice
   */
  public static CompliancePolicy combine(List<RulePack> packs) {
    Map<String, String> seen = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (RulePack p : packs) {
      if (!names.add(p.name())) {
        throw new CompliancePackException(p.name(), null, "pack selected twice");
      }
      for (Rule r : p.rules()) {
        String other = seen.putIfAbsent(r.id(), p.name());
        if (other != null) {
          throw new CompliancePackException(
              p.name(), r.id(), "rule id already used by pack " + other);
        }
      }
    }
    return new CompliancePolicy(packs);
  }

  /**
   * Parses the text of a pack file.
   *
   * @param file where it came from (for messages); its base name without {@code .json} must be the
   *     pack's {@code name}
   * @throws CompliancePackException naming the file, the rule and what is wrong
   */
  public static RulePack parse(String file, String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new CompliancePackException(file, null, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CompliancePackException(file, null, "the file must hold one JSON object");
    }
    only(file, null, root, "pack", Set.of("name", "title", "version", "description", "rules"));
    String name = text(file, null, root, "name");
    String base = file.substring(file.lastIndexOf('/') + 1);
    if (base.endsWith(".json") && !base.equals(name + ".json")) {
      throw new CompliancePackException(
          file, null, "name '" + name + "' does not match the file name " + base);
    }
    String title = text(file, null, root, "title");
    String version = text(file, null, root, "version");
    JsonNode rules = root.get("rules");
    if (rules == null || !rules.isArray() || rules.isEmpty()) {
      throw new CompliancePackException(file, null, "'rules' must be a non-empty array");
    }
    List<Rule> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int index = 0;
    for (JsonNode r : rules) {
      index++;
      String where = "#" + index;
      if (!r.isObject()) {
        throw new CompliancePackException(file, where, "a rule must be an object");
      }
      JsonNode idNode = r.get("id");
      String id = idNode != null && idNode.isTextual() ? idNode.asText() : where;
      if (!ID.matcher(id).matches()) {
        throw new CompliancePackException(
            file, where, "'id' must be letters, digits and . - _ ( ) (got '" + id + "')");
      }
      if (!ids.add(id)) {
        throw new CompliancePackException(file, id, "rule id used twice in the pack");
      }
      only(file, id, r, "rule", Set.of("id", "title", "requirement", "severity", "check"));
      text(file, id, r, "id");
      String sev = text(file, id, r, "severity");
      Severity severity;
      try {
        severity = Severity.valueOf(sev);
      } catch (IllegalArgumentException e) {
        throw new CompliancePackException(
            file, id, "unknown severity '" + sev + "'; use " + EnumSet.allOf(Severity.class));
      }
      JsonNode check = r.get("check");
      if (check == null || !check.isObject()) {
        throw new CompliancePackException(file, id, "'check' must be an object with a 'kind'");
      }
      out.add(
          new Rule(
              name,
              id,
              text(file, id, r, "title"),
              text(file, id, r, "requirement"),
              severity,
              check(file, id, check)));
    }
    return new RulePack(name, title, version, out);
  }

  private static Check check(String file, String id, JsonNode c) {
    String kind = text(file, id, c, "kind");
    switch (kind) {
      case "maxIdleMinutes" -> {
        only(file, id, c, kind, Set.of("kind", "value"));
        return new Check.MaxIdleMinutes(positive(file, id, c, "value"));
      }
      case "tlsForRemoteEndpoints" -> {
        only(file, id, c, kind, Set.of("kind"));
        return new Check.TlsForRemoteEndpoints();
      }
      case "minRetentionDays" -> {
        only(file, id, c, kind, Set.of("kind", "total", "online"));
        int total = positive(file, id, c, "total");
        int online = c.has("online") ? nonNegative(file, id, c, "online") : 0;
        if (online > total) {
          throw new CompliancePackException(
              file, id, "'online' (" + online + ") is more than 'total' (" + total + ")");
        }
        return new Check.MinRetentionDays(total, online);
      }
      case "cardMasking" -> {
        only(file, id, c, kind, Set.of("kind", "in"));
        JsonNode in = c.get("in");
        if (in == null || !in.isArray() || in.isEmpty()) {
          throw new CompliancePackException(
              file, id, "cardMasking needs 'in': a non-empty array of audit, exports, traces");
        }
        Set<MaskingTarget> targets = EnumSet.noneOf(MaskingTarget.class);
        for (JsonNode t : in) {
          MaskingTarget target = t.isTextual() ? MaskingTarget.ofJson(t.asText()) : null;
          if (target == null) {
            throw new CompliancePackException(
                file, id, "cardMasking 'in' has " + t + "; use audit, exports or traces");
          }
          targets.add(target);
        }
        return new Check.CardMasking(targets);
      }
      case "nonDisplayNeverRecorded" -> {
        only(file, id, c, kind, Set.of("kind"));
        return new Check.NonDisplayNeverRecorded();
      }
      case "auditLogEnabled" -> {
        only(file, id, c, kind, Set.of("kind"));
        return new Check.AuditLogEnabled();
      }
      case "auditCheckpoints" -> {
        only(file, id, c, kind, Set.of("kind", "maxMinutes"));
        return new Check.AuditCheckpoints(positive(file, id, c, "maxMinutes"));
      }
      case "forwardingConfigured" -> {
        only(file, id, c, kind, Set.of("kind"));
        return new Check.ForwardingConfigured();
      }
      case "auditAccessLogged" -> {
        only(file, id, c, kind, Set.of("kind"));
        return new Check.AuditAccessLogged();
      }
      default ->
          throw new CompliancePackException(
              file, id, "unknown check kind '" + kind + "'; known kinds: " + Check.kinds());
    }
  }

  private static void only(String file, String id, JsonNode node, String what, Set<String> keys) {
    Iterator<String> it = node.fieldNames();
    while (it.hasNext()) {
      String k = it.next();
      if (!keys.contains(k)) {
        throw new CompliancePackException(
            file, id, "unknown field '" + k + "' in " + what + "; allowed: " + sortedKeys(keys));
      }
    }
  }

  private static String sortedKeys(Set<String> keys) {
    return String.join(", ", keys.stream().sorted().toList());
  }

  private static String text(String file, String id, JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new CompliancePackException(file, id, "'" + key + "' must be a non-empty string");
    }
    return v.asText();
  }

  private static int positive(String file, String id, JsonNode node, String key) {
    int v = nonNegative(file, id, node, key);
    if (v == 0) {
      throw new CompliancePackException(file, id, "'" + key + "' must be more than 0");
    }
    return v;
  }

  private static int nonNegative(String file, String id, JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.isInt() || v.asInt() < 0) {
      throw new CompliancePackException(
          file, id, "'" + key + "' must be a whole number of 0 or more (got " + v + ")");
    }
    return v.asInt();
  }
}
