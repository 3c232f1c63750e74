package dev.console3270.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record format: one JSON object a line, fields in this fixed order and nothing else: {@code
 * seq} (number), {@code prev} (64 hex digits), {@code time} ({@code yyyy-MM-ddTHH:mm:ss.SSSZ}),
 * {@code type}, {@code outcome}, {@code user}, {@code origin}, {@code resource} (strings), {@code
 * details} (object of strings, keys sorted). No whitespace; UTF-8; strings escape only {@code "},
 * {@code \}, control characters (as a six-character {@code u00XX} escape) and unpaired surrogates.
 * The writer here is hand-made so the bytes never depend on a library version; the reader is
 * Jackson, and a record counts as valid only if writing it again gives exactly its bytes.
 *
 * <p>{@code prev} is the SHA-256 of the previous line's bytes (without its LF), {@link #GENESIS}
 * for the first record ever.
 */
final class AuditCodec {

  /** The {@code prev} of the first record ever. */
  static final String GENESIS = "0".repeat(64);

  /** Longest line accepted when reading. */
  static final int MAX_LINE = 1 << 20;

  private static final HexFormat HEX = HexFormat.of();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final List<String> FIELDS =
      List.of("seq", "prev", "time", "type", "outcome", "user", "origin", "resource", "details");
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AuditCodec() {}

  /** A parsed line. */
  record Decoded(String prev, AuditEvent event) {}

  /** A line that is not a valid record. */
  static final class MalformedRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedRecordException(String message) {
      super(message);
    }
  }

  /** A growable byte buffer. */
  static final class Buf {
    byte[] bytes;
    int size;

    Buf(int capacity) {
      bytes = new byte[capacity];
    }

    void reset() {
      size = 0;
    }

    void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    void put(byte b) {
      ensure(1);
      bytes[size++] = b;
    }

    void putAscii(String s) {
      int n = s.length();
      ensure(n);
      for (int i = 0; i < n; i++) {
        bytes[size++] = (byte) s.charAt(i);
      }
    }
  }

  static String formatTime(Instant time) {
    return TIME.format(time);
  }

  /** Appends the record's line (without LF) to {@code out}. */
  static void encode(Buf out, long seq, String prev, AuditEvent e) {
    out.putAscii("{\"seq\":");
    out.putAscii(Long.toString(seq));
    out.putAscii(",\"prev\":\"");
    out.putAscii(prev);
    out.putAscii("\",\"time\":\"");
    out.putAscii(formatTime(e.time()));
    out.putAscii("\",\"type\":\"");
    out.putAscii(e.type().name());
    out.putAscii("\",\"outcome\":\"");
    out.putAscii(e.outcome().name());
    out.putAscii("\",\"user\":");
    string(out, e.user());
    out.putAscii(",\"origin\":");
    string(out, e.origin());
    out.putAscii(",\"resource\":");
    string(out, e.resource());
    out.putAscii(",\"details\":{");
    boolean first = true;
    for (Map.Entry<String, String> d : e.details().entrySet()) {
      if (!first) {
        out.put((byte) ',');
      }
      first = false;
      string(out, d.getKey());
      out.put((byte) ':');
      string(out, d.getValue());
    }
    out.putAscii("}}");
  }

  /** The record's line as bytes (without LF). */
  static byte[] encode(long seq, String prev, AuditEvent e) {
    Buf buf = new Buf(256);
    encode(buf, seq, prev, e);
    return Arrays.copyOf(buf.bytes, buf.size);
  }

  private static void string(Buf out, String s) {
    int n = s.length();
    out.ensure(n * 3 + 2);
    byte[] b = out.bytes;
    int p = out.size;
    b[p++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c == '"' || c == '\\') {
          b[p++] = '\\';
          b[p++] = (byte) c;
        } else if (c < 0x20) {
          out.size = p;
          out.ensure(6 + (n - i) * 3 + 1);
          b = out.bytes;
          b[p++] = '\\';
          b[p++] = 'u';
          b[p++] = '0';
          b[p++] = '0';
          b[p++] = HEX_DIGITS[c >> 4];
          b[p++] = HEX_DIGITS[c & 0xf];
        } else {
          b[p++] = (byte) c;
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xc0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[p++] = (byte) (0xf0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        out.size = p;
        out.ensure(6 + (n - i) * 3 + 1);
        b = out.bytes;
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX_DIGITS[(c >> 12) & 0xf];
        b[p++] = HEX_DIGITS[(c >> 8) & 0xf];
        b[p++] = HEX_DIGITS[(c >> 4) & 0xf];
        b[p++] = HEX_DIGITS[c & 0xf];
      } else {
        b[p++] = (byte) (0xe0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    b[p++] = '"';
    out.size = p;
  }

  /** Parses one line (without LF) and checks that it is in canonical form. */
  static Decoded decode(byte[] line, int off, int len) throws MalformedRecordException {
    JsonNode root;
    try {
      root = MAPPER.readTree(line, off, len);
    } catch (JsonProcessingException e) {
      throw new MalformedRecordException("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedRecordException("not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new MalformedRecordException("not a JSON object");
    }
    Iterator<String> names = root.properties().stream().map(Map.Entry::getKey).iterator();
    for (String expected : FIELDS) {
      if (!names.hasNext()) {
        throw new MalformedRecordException("missing field '" + expected + "'");
      }
      String name = names.next();
      if (!name.equals(expected)) {
        throw new MalformedRecordException("field '" + name + "' where '" + expected + "' belongs");
      }
    }
    if (names.hasNext()) {
      throw new MalformedRecordException("unexpected field '" + names.next() + "'");
    }
    JsonNode seqNode = root.get("seq");
    if (!seqNode.isIntegralNumber() || !seqNode.canConvertToLong() || seqNode.asLong() < 0) {
      throw new MalformedRecordException("seq is not a non-negative integer");
    }
    String prev = textField(root, "prev");
    if (prev.length() != 64 || !isLowerHex(prev)) {
      throw new MalformedRecordException("prev is not 64 lowercase hex digits");
    }
    Instant time;
    try {
      time = LocalDateTime.parse(textField(root, "time"), TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new MalformedRecordException("time is not yyyy-MM-ddTHH:mm:ss.SSSZ");
    }
    AuditType type = enumField(root, "type", AuditType.class);
    AuditOutcome outcome = enumField(root, "outcome", AuditOutcome.class);
    JsonNode detailsNode = root.get("details");
    if (!detailsNode.isObject()) {
      throw new MalformedRecordException("details is not an object");
    }
    Map<String, String> details = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> d : detailsNode.properties()) {
      if (!d.getValue().isTextual()) {
        throw new MalformedRecordException("details value of '" + d.getKey() + "' is no string");
      }
      details.put(d.getKey(), d.getValue().textValue());
    }
    AuditEvent event;
    try {
      event =
          new AuditEvent(
              seqNode.asLong(),
              time,
              textField(root, "user"),
              type,
              outcome,
              textField(root, "origin"),
              textField(root, "resource"),
              details);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException(e.getMessage());
    }
    byte[] again = encode(event.seq(), prev, event);
    if (!Arrays.equals(again, 0, again.length, line, off, off + len)) {
      throw new MalformedRecordException(
          "not in canonical form (spacing, escaping, key order or an unmasked card number)");
    }
    return new Decoded(prev, event);
  }

  private static String textField(JsonNode root, String name) throws MalformedRecordException {
    JsonNode node = root.get(name);
    if (!node.isTextual()) {
      throw new MalformedRecordException(name + " is not a string");
    }
    return node.textValue();
  }

  private static <E extends Enum<E>> E enumField(JsonNode root, String name, Class<E> type)
      throws MalformedRecordException {
    String text = textField(root, name);
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException(name + " '" + text + "' is unknown");
    }
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** A fresh SHA-256 digest. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Hex SHA-256 of a line. */
  static String hash(MessageDigest sha, byte[] bytes, int off, int len) {
    sha.update(bytes, off, len);
    return HEX.formatHex(sha.digest());
  }

  /** What a checkpoint's MAC covers: its seq, time and the chain head before it. */
  static byte[] checkpointMacInput(long seq, Instant time, String head) {
    return ("console3270-audit-checkpoint\n" + seq + "\n" + formatTime(time) + "\n" + head)
        .getBytes(StandardCharsets.US_ASCII);
  }
}
