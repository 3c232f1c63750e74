package dev.console3270.audit.compliance;

import java.util.Objects;

/**
 * One rule of a pack.
 *
 * @param pack the name of the pack it comes from (e.g. {@code pci-dss})
 * @param id its id, unique over the selected packs (e.g. {@code PCI-8.2.8})
 * @param title what it asks, in a few words
 * @param requirement the clause of the standard it stands for
 * @param severity how much a failure matters
 * @param check what is checked
 */
public record Rule(
    String pack, String id, String title, String requirement, Severity severity, Check check) {

  /** Refuses null parts. */
  public Rule {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(requirement, "requirement");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(check, "check");
  }
}
