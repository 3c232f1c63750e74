package dev.console3270.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest checkpoint, copied outside the log directory (next to the key) after it was forced to
 * disk: its seq, time, chain head and MAC. A log that ends before it was cut back.
 */
record AuditAnchor(long seq, Instant time, String head, String mac) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Writes the anchor atomically (temporary file, force, rename). */
  void write(Path file) throws IOException {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("seq", seq);
    node.put("time", AuditCodec.formatTime(time));
    node.put("head", head);
    node.put("mac", mac);
    byte[] bytes = (MAPPER.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp); // a left-over one would keep its permissions
    try (FileChannel ch =
        PrivateFiles.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads the anchor; empty if the file does not exist.
   *
   * @throws IOException if it exists but cannot be read or parsed
   */
  static Optional<AuditAnchor> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(Files.readAllBytes(file));
      return Optional.of(
          new AuditAnchor(
              node.get("seq").asLong(),
              Instant.parse(node.get("time").asText()),
              node.get("head").asText(),
              node.get("mac").asText()));
    } catch (IOException | RuntimeException e) {
      throw new IOException("audit anchor " + file + " is unreadable: " + e.getMessage(), e);
    }
  }
}
