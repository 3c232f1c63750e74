package dev.console3270.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypted audit archives and their keys.
 *
 * <p><b>Archive file</b> ({@code <log file name>.c3a} in {@link ArchiveConfig#archiveDirectory()}):
 * the 8 ASCII bytes {@code C3AUDARC}, a 4-byte big-endian header length, the header ({@link
 * ArchiveHeader} as UTF-8 JSON), a 12-byte random IV, then the gzip-compressed log file encrypted
 * with AES-256-GCM (128-bit tag). Everything before the ciphertext is the GCM additional data, so
 * the header is authenticated with the content.
 *
 * <p><b>Keys.</b> Each archive has its own fresh random 256-bit data key, wrapped (AES key wrap,
 * RFC 3394) with the master key and stored ONLY in the key index ({@link
 * ArchiveConfig#indexFile()}, JSON, rewritten atomically), never in the archive. Deleting an
 * archive destroys its wrapped key (crypto-erase): the key bytes are overwritten in the old index
 * file, a new index without them but with a {@link ArchiveTombstone} (MAC'd under a key derived
 * from the master key) replaces it atomically, then the archive file is deleted. A recovered copy
 * of the file cannot be decrypted.
 *
 * <p>An archive is read whole into memory (a log file is at most {@link
 * AuditConfig#maxFileBytes()}).
 */
public final class ArchiveStore {

  /** The file name suffix of archives. */
  public static final String SUFFIX = ".c3a";

  private static final byte[] MAGIC = "C3AUDARC".getBytes(StandardCharsets.US_ASCII);
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int KEY_BYTES = 32;
  private static final int MAX_HEADER = 1 << 16;
  private static final HexFormat HEX = HexFormat.of();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final ArchiveConfig config;
  private final SecretKeySpec master;
  private final SecretKeySpec tombstoneKey;
  private final SecureRandom random = new SecureRandom();

  /** An index entry: an archive's heads and its wrapped data key (base64). */
  record Entry(ArchiveHeader header, String wrappedKey) {}

  /** A tombstone with its MAC (hex). */
  record Tomb(ArchiveTombstone tombstone, String mac) {}

  /** The key index. */
  record Index(List<Entry> entries, List<Tomb> tombs) {}

  private ArchiveStore(ArchiveConfig config, byte[] masterKey) {
    this.config = config;
    this.master = new SecretKeySpec(masterKey, "AES");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
      this.tombstoneKey =
          new SecretKeySpec(
              mac.doFinal("console3270-archive-tombstone".getBytes(StandardCharsets.US_ASCII)),
              "HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
    Arrays.fill(masterKey, (byte) 0);
  }

  /**
   * Opens the store, creating the archive directory and the master key (owner-only, {@link
   * SecureRandom}) when missing.
   *
   * @throws IOException if the master key cannot be read or created, or the index is missing while
   *     archives exist
   */
  public static ArchiveStore open(ArchiveConfig config) throws IOException {
    PrivateFiles.ensurePrivateTree(config.archiveDirectory());
    PrivateFiles.restrict(config.masterKeyFile());
    PrivateFiles.restrict(config.indexFile());
    if (!Files.exists(config.masterKeyFile()) && !listArchiveFiles(config).isEmpty()) {
      throw new IOException(
          "the archive master key "
              + config.masterKeyFile()
              + " is missing but "
              + config.archiveDirectory()
              + " holds archives: restore the key (a new one cannot read them)");
    }
    return new ArchiveStore(config, loadOrCreateKey(config.masterKeyFile()));
  }

  /**
   * Opens an existing store for reading (verification); creates nothing.
   *
   * @throws IOException if the master key is missing or invalid
   */
  public static ArchiveStore openExisting(ArchiveConfig config) throws IOException {
    return new ArchiveStore(config, loadKey(config.masterKeyFile()));
  }

  /** Where it lives. */
  public ArchiveConfig config() {
    return config;
  }

  /** The path of the archive called {@code name}. */
  public Path pathOf(String name) {
    return config.archiveDirectory().resolve(name);
  }

  /** The archive name for a log file name. */
  public static String archiveName(String logFileName) {
    return logFileName + SUFFIX;
  }

  /** The archives in the index (their keys exist), by first seq. */
  public List<ArchiveHeader> archives() throws IOException {
    return readIndex().entries().stream().map(Entry::header).toList();
  }

  /** The tombstones of deleted archives, by first seq. */
  public List<ArchiveTombstone> tombstones() throws IOException {
    return readIndex().tombs().stream().map(Tomb::tombstone).toList();
  }

  /** Archive files present in the archive directory, by name. */
  public List<Path> archiveFiles() throws IOException {
    return listArchiveFiles(config);
  }

  private static List<Path> listArchiveFiles(ArchiveConfig config) throws IOException {
    if (!Files.isDirectory(config.archiveDirectory())) {
      return List.of();
    }
    try (var s = Files.list(config.archiveDirectory())) {
      return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
  }

  /**
   * Reads, authenticates and decompresses an archive: the log file bytes it holds.
   *
   * @throws IOException with a clear message if its key is gone (deleted by retention or missing
   *     from the index), the file is missing, or it fails authentication (changed or damaged)
   */
  public byte[] read(String name) throws IOException {
    Optional<Entry> entry =
        readIndex().entries().stream().filter(e -> e.header().name().equals(name)).findFirst();
    if (entry.isEmpty()) {
      throw new IOException(
          "no key for archive " + name + " in " + config.indexFile() + " (deleted or unknown)");
    }
    return read(entry.get());
  }

  byte[] read(Entry entry) throws IOException {
    String name = entry.header().name();
    SecretKey dataKey = unwrap(entry.wrappedKey(), name);
    byte[] file = Files.readAllBytes(pathOf(name));
    Parsed p = parse(file, name);
    if (!p.header().equals(entry.header())) {
      throw new IOException(
          "archive " + name + ": its header differs from the chain heads in the key index");
    }
    return decrypt(file, p, dataKey, name);
  }

  /** The parts of an archive file. */
  private record Parsed(ArchiveHeader header, int aadLength) {}

  private static Parsed parse(byte[] file, String name) throws IOException {
    if (file.length < MAGIC.length + 4
        || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException("archive " + name + " does not start with C3AUDARC");
    }
    int len = ByteBuffer.wrap(file, MAGIC.length, 4).getInt();
    if (len < 2 || len > MAX_HEADER || MAGIC.length + 4 + len + IV_BYTES > file.length) {
      throw new IOException("archive " + name + " has a bad header length " + len);
    }
    ArchiveHeader h;
    try {
      h = headerFromJson(MAPPER.readTree(file, MAGIC.length + 4, len));
    } catch (IOException | RuntimeException e) {
      throw new IOException("archive " + name + " has an unreadable header: " + e.getMessage(), e);
    }
    return new Parsed(h, MAGIC.length + 4 + len + IV_BYTES);
  }

  /** The header of an archive file, NOT authenticated (for listing only). */
  public static ArchiveHeader peekHeader(Path archive) throws IOException {
    return parse(Files.readAllBytes(archive), archive.getFileName().toString()).header();
  }

  private static byte[] decrypt(byte[] file, Parsed p, SecretKey key, String name)
      throws IOException {
    byte[] gz;
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, file, p.aadLength() - IV_BYTES, IV_BYTES));
      c.updateAAD(file, 0, p.aadLength());
      gz = c.doFinal(file, p.aadLength(), file.length - p.aadLength());
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "archive "
              + name
              + " fails authentication (AES-GCM): it was changed or damaged, or its key is wrong",
          e);
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IOException("archive " + name + " does not decompress: " + e.getMessage(), e);
    }
  }

  private SecretKey unwrap(String wrapped, String name) throws IOException {
    try {
      Cipher c = Cipher.getInstance("AESWrap");
      c.init(Cipher.UNWRAP_MODE, master);
      Key k = c.unwrap(B64D.decode(wrapped), "AES", Cipher.SECRET_KEY);
      return (SecretKey) k;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(
          "the data key of archive "
              + name
              + " does not unwrap under the master key "
              + config.masterKeyFile()
              + " (wrong master key, or the key was destroyed)",
          e);
    }
  }

  /**
   * Writes the archive of one log file, reads it back and compares, then records its wrapped key in
   * the index and moves it into place (atomically). The source file is left alone.
   *
   * @return the archive's path
   * @throws IOException if anything fails; then no archive and no index entry exist for it
   */
  Path write(ArchiveHeader header, byte[] source) throws IOException {
    String name = header.name();
    Path target = pathOf(name);
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null, "archive exists already");
    }
    PrivateFiles.createDirectories(config.archiveDirectory());
    SecretKey dataKey;
    try {
      KeyGenerator g = KeyGenerator.getInstance("AES");
      g.init(256, random);
      dataKey = g.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is not available", e);
    }
    byte[] headerBytes = MAPPER.writeValueAsBytes(headerToJson(header));
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    ByteArrayOutputStream aad = new ByteArrayOutputStream();
    aad.write(MAGIC);
    aad.write(ByteBuffer.allocate(4).putInt(headerBytes.length).array());
    aad.write(headerBytes);
    aad.write(iv);
    ByteArrayOutputStream gz = new ByteArrayOutputStream(source.length / 4 + 64);
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(source);
    }
    byte[] file;
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, iv));
      byte[] aadBytes = aad.toByteArray();
      c.updateAAD(aadBytes);
      byte[] ct = c.doFinal(gz.toByteArray());
      file = Arrays.copyOf(aadBytes, aadBytes.length + ct.length);
      System.arraycopy(ct, 0, file, aadBytes.length, ct.length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
    Path tmp = target.resolveSibling(name + ".tmp");
    Files.deleteIfExists(tmp); // a left-over one would keep its permissions
    writeForced(tmp, file, true);
    try {
      byte[] back = Files.readAllBytes(tmp);
      byte[] plain = decrypt(back, parse(back, name), dataKey, name);
      if (!Arrays.equals(plain, source)) {
        throw new IOException("archive " + name + " read back differs from its source");
      }
      String wrapped;
      try {
        Cipher c = Cipher.getInstance("AESWrap");
        c.init(Cipher.WRAP_MODE, master);
        wrapped = B64.encodeToString(c.wrap(dataKey));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AESWrap is not available", e);
      }
      Index index = readIndex();
      List<Entry> entries = new ArrayList<>(index.entries());
      entries.removeIf(e -> e.header().name().equals(name));
      entries.add(new Entry(header, wrapped));
      writeIndex(new Index(entries, index.tombs()));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      AuditFiles.syncDirectory(config.archiveDirectory());
      return target;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Crypto-erases an archive: overwrites its wrapped key in the index file, replaces the index
   * (atomically) by one without the key and with a tombstone, then deletes the archive file.
   *
   * @throws IOException if the index cannot be rewritten (then nothing changed) or the file not
   *     deleted (then its key is already gone)
   */
  ArchiveTombstone erase(String name, long eventSeq, String reason, Instant now)
      throws IOException {
    Index index = readIndex();
    Entry entry =
        index.entries().stream()
            .filter(e -> e.header().name().equals(name))
            .findFirst()
            .orElseThrow(() -> new IOException("no key for archive " + name + " in the index"));
    ArchiveTombstone t = new ArchiveTombstone(entry.header(), now, eventSeq, reason);
    List<Entry> entries = new ArrayList<>(index.entries());
    entries.remove(entry);
    List<Tomb> tombs = new ArrayList<>(index.tombs());
    tombs.add(new Tomb(t, tombstoneMac(t)));
    overwriteInPlace(config.indexFile(), entry.wrappedKey());
    writeIndex(new Index(entries, tombs));
    Files.deleteIfExists(pathOf(name));
    AuditFiles.syncDirectory(config.archiveDirectory());
    return t;
  }

  /** Whether the wrapped key of an index entry was overwritten by an interrupted erase. */
  static boolean isOverwritten(Entry e) {
    return e.wrappedKey().chars().allMatch(c -> c == 'A' || c == '=');
  }

  /** Whether a tombstone's MAC verifies under the master key. */
  boolean tombstoneValid(Tomb t) {
    return MessageDigest.isEqual(
        tombstoneMac(t.tombstone()).getBytes(StandardCharsets.US_ASCII),
        t.mac().getBytes(StandardCharsets.US_ASCII));
  }

  private String tombstoneMac(ArchiveTombstone t) {
    ArchiveHeader h = t.header();
    String text =
        String.join(
            "\n",
            "console3270-archive-tombstone",
            h.name(),
            String.join(",", h.files()),
            Long.toString(h.firstSeq()),
            Long.toString(h.lastSeq()),
            h.firstPrev(),
            h.lastHash(),
            h.firstTime().toString(),
            h.lastTime().toString(),
            Long.toString(h.records()),
            h.sha256(),
            t.deletedAt().toString(),
            Long.toString(t.eventSeq()),
            t.reason());
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(tombstoneKey);
      return HEX.formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  // ---------------------------------------------------------------- index

  /** Reads the index; empty if it does not exist. */
  Index readIndex() throws IOException {
    Path file = config.indexFile();
    if (!Files.exists(file)) {
      return new Index(List.of(), List.of());
    }
    try {
      JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
      if (root.path("version").asInt() != 1) {
        throw new IOException("unknown version " + root.path("version"));
      }
      List<Entry> entries = new ArrayList<>();
      for (JsonNode n : root.path("archives")) {
        entries.add(new Entry(headerFromJson(n.get("header")), n.get("wrappedKey").asText()));
      }
      List<Tomb> tombs = new ArrayList<>();
      for (JsonNode n : root.path("tombstones")) {
        tombs.add(
            new Tomb(
                new ArchiveTombstone(
                    headerFromJson(n.get("header")),
                    Instant.parse(n.get("deletedAt").asText()),
                    n.get("eventSeq").asLong(),
                    n.get("reason").asText()),
                n.get("mac").asText()));
      }
      entries.sort(Comparator.comparingLong(e -> e.header().firstSeq()));
      tombs.sort(Comparator.comparingLong(t -> t.tombstone().header().firstSeq()));
      return new Index(List.copyOf(entries), List.copyOf(tombs));
    } catch (IOException | RuntimeException e) {
      throw new IOException("archive key index " + file + " is unreadable: " + e.getMessage(), e);
    }
  }

  private void writeIndex(Index index) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", 1);
    ArrayNode archives = root.putArray("archives");
    for (Entry e : index.entries()) {
      ObjectNode n = archives.addObject();
      n.set("header", headerToJson(e.header()));
      n.put("wrappedKey", e.wrappedKey());
    }
    ArrayNode tombstones = root.putArray("tombstones");
    for (Tomb t : index.tombs()) {
      ObjectNode n = tombstones.addObject();
      n.set("header", headerToJson(t.tombstone().header()));
      n.put("deletedAt", t.tombstone().deletedAt().toString());
      n.put("eventSeq", t.tombstone().eventSeq());
      n.put("reason", t.tombstone().reason());
      n.put("mac", t.mac());
    }
    byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    Path file = config.indexFile();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    writeForced(tmp, bytes, true);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      AuditFiles.syncDirectory(parent);
    }
  }

  /** Overwrites every occurrence of {@code secret} in {@code file} with 'A's, in place. */
  private static void overwriteInPlace(Path file, String secret) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    byte[] bytes = Files.readAllBytes(file);
    byte[] s = secret.getBytes(StandardCharsets.US_ASCII);
    byte[] blank = new byte[s.length];
    Arrays.fill(blank, (byte) 'A');
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (int i = indexOf(bytes, s, 0); i >= 0; i = indexOf(bytes, s, i + s.length)) {
        ByteBuffer buf = ByteBuffer.wrap(blank);
        while (buf.hasRemaining()) {
          ch.write(buf, i + buf.position());
        }
      }
      ch.force(true);
    }
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static ObjectNode headerToJson(ArchiveHeader h) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("version", 1);
    n.put("name", h.name());
    ArrayNode files = n.putArray("files");
    h.files().forEach(files::add);
    n.put("firstSeq", h.firstSeq());
    n.put("lastSeq", h.lastSeq());
    n.put("firstPrev", h.firstPrev());
    n.put("lastHash", h.lastHash());
    n.put("firstTime", h.firstTime().toString());
    n.put("lastTime", h.lastTime().toString());
    n.put("records", h.records());
    n.put("sha256", h.sha256());
    return n;
  }

  static ArchiveHeader headerFromJson(JsonNode n) throws IOException {
    if (n == null || n.path("version").asInt() != 1) {
      throw new IOException("archive header of unknown version");
    }
    List<String> files = new ArrayList<>();
    n.path("files").forEach(f -> files.add(f.asText()));
    return new ArchiveHeader(
        n.get("name").asText(),
        files,
        n.get("firstSeq").asLong(),
        n.get("lastSeq").asLong(),
        n.get("firstPrev").asText(),
        n.get("lastHash").asText(),
        Instant.parse(n.get("firstTime").asText()),
        Instant.parse(n.get("lastTime").asText()),
        n.get("records").asLong(),
        n.get("sha256").asText());
  }

  // ---------------------------------------------------------------- files and keys

  private static void writeForced(Path file, byte[] bytes, boolean ownerOnly) throws IOException {
    FileAttribute<?>[] attrs =
        ownerOnly ? PrivateFiles.fileAttributes(file) : new FileAttribute<?>[0];
    try (FileChannel ch =
        FileChannel.open(
            file,
            Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING),
            attrs)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  private static byte[] loadKey(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    byte[] key;
    try {
      key = HEX.parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new IOException("archive master key " + file + " does not hold hex digits", e);
    }
    if (key.length != KEY_BYTES) {
      throw new IOException(
          "archive master key " + file + " holds " + key.length + " bytes; 32 needed");
    }
    return key;
  }

  private static byte[] loadOrCreateKey(Path file) throws IOException {
    if (Files.exists(file)) {
      return loadKey(file);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      PrivateFiles.createDirectories(parent);
    }
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    if (!AuditKey.createKeyFile(file, key)) {
      return loadKey(file);
    }
    return key;
  }
}
