package dev.console3270.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
 *   "audit": {"directory": "audit"}
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

  /** Reads the file; a missing file gives the defaults. */
  public static Loaded load(Path file) {
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
        return aside(file, "it is not a JSON object");
      }
      List<String> packs = new ArrayList<>();
      JsonNode p = root.path("compliance").path("packs");
      if (!p.isMissingNode() && !p.isArray()) {
        return aside(file, "compliance.packs must be a list of pack names");
      }
      for (JsonNode n : p) {
        packs.add(n.asText());
      }
      return new Loaded(new Settings(List.copyOf(packs), root), null);
    } catch (JsonProcessingException e) {
      return aside(file, "it is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return new Loaded(defaults(), file + " could not be read: " + e.getMessage());
    }
  }

  private static Loaded aside(Path file, String why) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path target = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
    try {
      Files.move(file, target);
      return new Loaded(
          defaults(),
          file.getFileName() + " could not be used: " + why + "; it was kept as " + target);
    } catch (IOException e) {
      return new Loaded(defaults(), file.getFileName() + " could not be used: " + why);
    }
  }
}
