package dev.console3270.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 key that authenticates checkpoints. It lives in its own file, outside the log
 * directory, as 64 hex digits (32 random bytes) and a newline; {@link #loadOrCreate} creates it
 * owner-only (rw-------) from {@link SecureRandom} when missing. The key bytes never leave this
 * class; {@link #id()} is a short fingerprint for messages.
 */
public final class AuditKey {

  private static final int KEY_BYTES = 32;
  private static final int MIN_KEY_BYTES = 16;
  private static final HexFormat HEX = HexFormat.of();

  private final SecretKeySpec spec;
  private final String id;

  private AuditKey(byte[] key) {
    this.spec = new SecretKeySpec(key, "HmacSHA256");
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("console3270-audit-key-id\n".getBytes(StandardCharsets.US_ASCII));
      this.id = HEX.formatHex(sha.digest(key)).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
    Arrays.fill(key, (byte) 0);
  }

  /** A key from raw bytes (at least 16); for tests and tools. */
  public static AuditKey of(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "audit key must have at least " + MIN_KEY_BYTES + " bytes, got " + key.length);
    }
    return new AuditKey(key.clone());
  }

  /**
   * Reads the key file.
   *
   * @throws IOException if it is missing, unreadable, or not 32 to 64 bytes of hex
   */
  public static AuditKey load(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    byte[] key;
    try {
      key = HEX.parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new IOException("audit key file " + file + " does not hold hex digits", e);
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new IOException(
          "audit key file "
              + file
              + " holds "
              + key.length
              + " bytes; at least "
              + MIN_KEY_BYTES
              + " needed");
    }
    return new AuditKey(key);
  }

  /**
   * Writes a new key file: the key in hex, owner-only (rw-------) where POSIX permissions exist,
   * forced to disk. False (nothing written) when the file exists already.
   */
  static boolean createKeyFile(Path file, byte[] key) throws IOException {
    byte[] text = (HEX.formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII);
    try (FileChannel ch =
        PrivateFiles.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(text);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /** Reads the key file, creating it (owner-only, fresh random key) if it does not exist. */
  public static AuditKey loadOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return load(file);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      PrivateFiles.createDirectories(parent);
    }
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    if (!createKeyFile(file, key)) {
      // Someone else created it first: use theirs.
      return load(file);
    }
    return new AuditKey(key);
  }

  /** A short fingerprint of the key (16 hex digits), safe to print and store. */
  public String id() {
    return id;
  }

  /** HMAC-SHA256 of {@code data}, as 64 lowercase hex digits. */
  public String macHex(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(spec);
      return HEX.formatHex(mac.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether {@code mac} (hex) is the MAC of {@code data} (constant-time comparison). */
  public boolean verify(byte[] data, String mac) {
    byte[] expected = macHex(data).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = mac == null ? new byte[0] : mac.getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, actual);
  }

  @Override
  public String toString() {
    return "AuditKey[" + id + "]";
  }
}
