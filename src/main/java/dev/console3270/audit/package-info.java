/**
 * The audit trail: an append-only, hash-chained JSON Lines log with HMAC checkpoints ({@link
 * dev.console3270.audit.AuditLog}), its verifier ({@link dev.console3270.audit.AuditVerifier}) and
 * the card-number masker every text export can reuse ({@link dev.console3270.audit.CardMasker}).
 * Plain Java: no JavaFX, no dependency on ui, api or app.
 */
package dev.console3270.audit;
