package dev.console3270.session.pool;

import dev.console3270.session.ConfigDirs;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Named secrets (logon passwords) in one encrypted file, {@value #FILE_NAME} in the configuration
 * directory: AES-256-GCM under a key derived from a passphrase with PBKDF2WithHmacSHA256 (at least
 * {@value #ITERATIONS} iterations, a random 16-byte salt kept in the file). The file's header
 * (magic, version, iterations, salt, nonce) is authenticated with the contents; every write uses a
 * fresh nonce and replaces the file atomically ({@link ConfigDirs#writeAtomically}).
 *
 * <p>A wrong passphrase or a damaged file fails {@link #open} with a clear {@link
 * SecretStoreException} and leaves the file as it is (there is then no store object that could
 * write it). Values are handed out as {@code char[]} copies the caller should clear; they are never
 * logged and never part of an exception message. Thread-safe.
 */
public final class SecretStore {
  /** The file name in the configuration directory. */
  public static final String FILE_NAME = "secrets.enc";

  /** PBKDF2 iterations used for new files, and the least accepted in an existing one. */
  public static final int ITERATIONS = 210_000;

  private static final byte[] MAGIC = "C3270SEC".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int SALT_BYTES = 16;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER_BYTES = MAGIC.length + 1 + 4 + SALT_BYTES + NONCE_BYTES;
  private static final int MAX_NAME_LENGTH = 128;

  private final Path file;
  private final SecureRandom random;
  private final byte[] salt;
  private final int iterations;
  private final SecretKeySpec key;
  private final TreeMap<String, char[]> secrets;

  private SecretStore(
      Path file,
      SecureRandom random,
      byte[] salt,
      int iterations,
      SecretKeySpec key,
      TreeMap<String, char[]> secrets) {
    this.file = file;
    this.random = random;
    this.salt = salt;
    this.iterations = iterations;
    this.key = key;
    this.secrets = secrets;
  }

  /** Opens {@value #FILE_NAME} in the user's configuration directory. */
  public static SecretStore openDefault(char[] passphrase) throws IOException {
    return open(ConfigDirs.configDir().resolve(FILE_NAME), passphrase);
  }

  /**
   * Opens the store in {@code file} with {@code passphrase}; a missing file gives an empty store
   * (the file is written on the first change). The passphrase array is not kept.
   *
   * @throws SecretStoreException when the passphrase is wrong or the file is damaged (the file is
   *     left as it is)
   * @throws IOException when the file cannot be read
   */
  public static SecretStore open(Path file, char[] passphrase) throws IOException {
    Objects.requireNonNull(file, "file");
    if (passphrase == null || passphrase.length == 0) {
      throw new IllegalArgumentException("the secret store needs a passphrase");
    }
    SecureRandom random = new SecureRandom();
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      byte[] salt = new byte[SALT_BYTES];
      random.nextBytes(salt);
      return new SecretStore(
          file, random, salt, ITERATIONS, derive(passphrase, salt, ITERATIONS), new TreeMap<>());
    }
    String damaged = "the secret store " + file + " is damaged";
    if (content.length < HEADER_BYTES + TAG_BITS / 8
        || !Arrays.equals(Arrays.copyOf(content, MAGIC.length), MAGIC)) {
      throw new SecretStoreException(damaged + " (not a Console3270 secret store)");
    }
    ByteBuffer in = ByteBuffer.wrap(content);
    in.position(MAGIC.length);
    int version = in.get() & 0xFF;
    if (version != VERSION) {
      throw new SecretStoreException(
          "the secret store "
              + file
              + " has version "
              + version
              + "; this version reads "
              + VERSION);
    }
    int iterations = in.getInt();
    if (iterations < ITERATIONS || iterations > 100 * ITERATIONS) {
      throw new SecretStoreException(damaged + " (iteration count " + iterations + ")");
    }
    byte[] salt = new byte[SALT_BYTES];
    in.get(salt);
    byte[] nonce = new byte[NONCE_BYTES];
    in.get(nonce);
    SecretKeySpec key = derive(passphrase, salt, iterations);
    byte[] plain;
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(content, 0, HEADER_BYTES);
      plain = c.doFinal(content, HEADER_BYTES, content.length - HEADER_BYTES);
    } catch (AEADBadTagException e) {
      throw new SecretStoreException(
          "cannot open the secret store " + file + ": wrong passphrase, or the file is damaged");
    } catch (GeneralSecurityException e) {
      throw new SecretStoreException("cannot decrypt the secret store " + file + ": " + e);
    }
    try {
      return new SecretStore(file, random, salt, iterations, key, decode(plain));
    } catch (BufferUnderflowException | IllegalArgumentException | CharacterCodingException e) {
      throw new SecretStoreException(damaged + " (contents do not decode)");
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static SecretKeySpec derive(char[] passphrase, byte[] salt, int iterations)
      throws SecretStoreException {
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
    try {
      byte[] k =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      try {
        return new SecretKeySpec(k, "AES");
      } finally {
        Arrays.fill(k, (byte) 0);
      }
    } catch (GeneralSecurityException e) {
      throw new SecretStoreException("cannot derive the secret store key: " + e);
    } finally {
      spec.clearPassword();
    }
  }

  /** The file the store lives in. */
  public Path file() {
    return file;
  }

  /** The names of the secrets, sorted. */
  public synchronized SortedSet<String> names() {
    return new TreeSet<>(secrets.keySet());
  }

  /** True when a secret has this name. */
  public synchronized boolean contains(String name) {
    return secrets.containsKey(name);
  }

  /** A copy of the secret (clear it when done), or null when there is none by this name. */
  public synchronized char[] get(String name) {
    char[] v = secrets.get(name);
    return v == null ? null : v.clone();
  }

  /**
   * Stores (or replaces) a secret and writes the file. The array is copied, not kept.
   *
   * @throws IllegalArgumentException for a blank name, one longer than 128 characters or one
   *     containing <code>}</code> or a line break
   */
  public synchronized void put(String name, char[] value) throws IOException {
    checkName(name);
    Objects.requireNonNull(value, "value");
    char[] old = secrets.put(name, value.clone());
    try {
      save();
    } catch (IOException | RuntimeException e) {
      char[] mine = old == null ? secrets.remove(name) : secrets.put(name, old);
      Arrays.fill(mine, '\0');
      throw e;
    }
    if (old != null) {
      Arrays.fill(old, '\0');
    }
  }

  /**
   * Removes a secret and writes the file.
   *
   * @return false when there was none by this name
   */
  public synchronized boolean remove(String name) throws IOException {
    char[] old = secrets.remove(name);
    if (old == null) {
      return false;
    }
    try {
      save();
    } catch (IOException | RuntimeException e) {
      secrets.put(name, old);
      throw e;
    }
    Arrays.fill(old, '\0');
    return true;
  }

  private static void checkName(String name) {
    if (name == null
        || name.isBlank()
        || name.length() > MAX_NAME_LENGTH
        || name.indexOf('}') >= 0
        || name.indexOf('\n') >= 0
        || name.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(
          "a secret name is 1 to " + MAX_NAME_LENGTH + " characters without } or line breaks");
    }
  }

  private void save() throws IOException {
    byte[] plain = encode(secrets);
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      header.put(MAGIC).put((byte) VERSION).putInt(iterations).put(salt).put(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(header.array());
      byte[] sealed = c.doFinal(plain);
      byte[] out = Arrays.copyOf(header.array(), HEADER_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, HEADER_BYTES, sealed.length);
      ConfigDirs.writeAtomically(file, out);
    } catch (GeneralSecurityException e) {
      throw new SecretStoreException("cannot encrypt the secret store: " + e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** count, then per secret: name (u16 length, UTF-8), value (i32 length, UTF-8). */
  private static byte[] encode(Map<String, char[]> secrets) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(secrets.size());
    for (Map.Entry<String, char[]> e : secrets.entrySet()) {
      byte[] n = e.getKey().getBytes(StandardCharsets.UTF_8);
      out.writeShort(n.length);
      out.write(n);
      ByteBuffer v = StandardCharsets.UTF_8.encode(CharBuffer.wrap(e.getValue()));
      byte[] vb = new byte[v.remaining()];
      v.get(vb);
      Arrays.fill(v.array(), (byte) 0);
      out.writeInt(vb.length);
      out.write(vb);
      Arrays.fill(vb, (byte) 0);
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static TreeMap<String, char[]> decode(byte[] plain) throws CharacterCodingException {
    ByteBuffer in = ByteBuffer.wrap(plain);
    int count = in.getInt();
    if (count < 0) {
      throw new IllegalArgumentException("negative count");
    }
    TreeMap<String, char[]> m = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      byte[] n = new byte[in.getShort() & 0xFFFF];
      in.get(n);
      int len = in.getInt();
      if (len < 0 || len > in.remaining()) {
        throw new IllegalArgumentException("bad length");
      }
      ByteBuffer slice = in.slice();
      slice.limit(len);
      in.position(in.position() + len);
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(slice);
      char[] value = new char[chars.remaining()];
      chars.get(value);
      Arrays.fill(chars.array(), '\0');
      m.put(new String(n, StandardCharsets.UTF_8), value);
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException("trailing bytes");
    }
    return m;
  }
}
