package dev.console3270.audit.compliance;

import java.util.List;
import java.util.Objects;

/**
 * One parsed pack file.
 *
 * @param name its name (the file name without {@code .json}, e.g. {@code pci-dss})
 * @param title its title
 * @param version the version of the standard or pack, as written
 * @param rules its rules in file order
 */
public record RulePack(String name, String title, String version, List<Rule> rules) {

  /** Copies the list. */
  public RulePack {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(version, "version");
    rules = List.copyOf(rules);
  }
}
