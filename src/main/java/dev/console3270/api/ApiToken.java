package dev.console3270.api;

import dev.console3270.audit.PrivateFiles;
import dev.console3270.session.ConfigDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The API's bearer token: 32 random bytes, base64url, kept in an owner-only file, created on first
 * use and reused afterwards. Compared in constant time.
 */
public final class ApiToken {
  private static final int BYTES = 32;
  private final Path file;
  private final SecureRandom random = new SecureRandom();
  private volatile byte[] token;

  private ApiToken(Path file, byte[] token) {
    this.file = file;
    this.token = token;
  }

  /**
   * Reads the token from {@code file}, or creates one there (owner-only) when the file does not
   * exist or is empty.
   *
   * @throws IOException when the file cannot be read or written
   */
  public static ApiToken load(Path file) throws IOException {
    ApiToken t = new ApiToken(file.toAbsolutePath(), null);
    if (Files.exists(file)) {
      String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (s.length() >= 32 && s.matches("[A-Za-z0-9_-]+")) {
        PrivateFiles.restrict(file);
        t.token = s.getBytes(StandardCharsets.US_ASCII);
        return t;
      }
    }
    t.rotate();
    return t;
  }

  /** The token (to show to the operator or give to a client). */
  public String value() {
    return new String(token, StandardCharsets.US_ASCII);
  }

  /** The file it is kept in. */
  public Path file() {
    return file;
  }

  /**
   * Replaces the token with a new random one and writes it (atomically, owner-only).
   *
   * @throws IOException when it cannot be written (the old token stays)
   */
  public synchronized String rotate() throws IOException {
    byte[] raw = new byte[BYTES];
    random.nextBytes(raw);
    String s = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    ConfigDirs.writeAtomically(file, (s + "\n").getBytes(StandardCharsets.US_ASCII));
    token = s.getBytes(StandardCharsets.US_ASCII);
    return s;
  }

  /** True when {@code presented} is the token (constant time over the token's length). */
  public boolean matches(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.US_ASCII));
  }
}
