package dev.console3270.audit;

import java.nio.file.Path;

/**
 * Bytes that crash recovery moved out of a log file on open: an incomplete or unparsable tail.
 *
 * @param file the log file they were cut from
 * @param offset where they started in it (the file now ends there)
 * @param length how many bytes
 * @param setAside the file that now holds them ({@code <file>.torn-<time>})
 * @param sha256 their SHA-256, hex
 */
public record AuditRecovery(Path file, long offset, long length, Path setAside, String sha256) {}
