/**
 * Compliance rule packs (SOC 2, HIPAA, PCI DSS) as data over a small rule engine: {@link
 * dev.console3270.audit.compliance.CompliancePacks} loads packs from {@code /compliance/*.json},
 * {@link dev.console3270.audit.compliance.CompliancePolicy} evaluates plain {@link
 * dev.console3270.audit.compliance.ComplianceFacts} into a {@link
 * dev.console3270.audit.compliance.ComplianceReport} and says what the packs require. Depends only
 * on the JDK and Jackson.
 */
package dev.console3270.audit.compliance;
