package dev.console3270.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.console3270.session.ConfigDirs;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pending deliveries as a JSON Lines journal: {@code queue} (a whole delivery), {@code retry}
 * (attempts made, next time) and {@code done} lines, each forced to disk. Replaying it gives the
 * deliveries queued and not done; a line that cannot be read (a torn tail) is skipped with a
 * warning. Compacted (rewritten atomically with only the pending deliveries) when nothing is
 * pending or when it grows well beyond what is pending.
 */
final class DeliveryJournal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryJournal.class);
  private static final int COMPACT_SLACK = 1000;

  private final Path file;
  private final ObjectMapper json = new ObjectMapper();
  // a stream, not a FileChannel: interrupting a sender (at close) must not close the journal
  private FileOutputStream out;
  private int lines;

  private DeliveryJournal(Path file) {
    this.file = file;
  }

  /** Opens the journal, returning the pending deliveries (in queue order) through {@code out}. */
  static DeliveryJournal open(Path file, Map<String, Delivery> out) throws IOException {
    DeliveryJournal j = new DeliveryJournal(file);
    if (Files.exists(file)) {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      int n = 0;
      for (String line : all) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          j.apply(j.json.readTree(line), out);
        } catch (IOException | RuntimeException e) {
          LOG.warn("{} line {} skipped, it cannot be read: {}", file, n, e.getMessage());
        }
      }
    }
    j.compact(out.values());
    return j;
  }

  private void apply(JsonNode n, Map<String, Delivery> out) {
    String op = n.path("op").asText();
    String id = n.path("id").asText();
    switch (op) {
      case "queue" -> {
        Delivery d =
            new Delivery(
                id,
                n.get("subscription").asText(),
                n.get("eventId").asLong(),
                n.get("eventType").asText(),
                n.get("body").asText(),
                n.get("attempts").asInt(),
                Instant.parse(n.get("next").asText()),
                Instant.parse(n.get("created").asText()));
        out.put(id, d);
      }
      case "retry" -> {
        Delivery d = out.get(id);
        if (d != null) {
          out.put(id, d.retryAt(n.get("attempts").asInt(), Instant.parse(n.get("next").asText())));
        }
      }
      case "done" -> out.remove(id);
      default -> throw new IllegalArgumentException("unknown journal op '" + op + "'");
    }
  }

  synchronized void queued(Delivery d) throws IOException {
    append(queueNode(d));
  }

  private ObjectNode queueNode(Delivery d) {
    ObjectNode n = json.createObjectNode();
    n.put("op", "queue");
    n.put("id", d.id());
    n.put("subscription", d.subscriptionId());
    n.put("eventId", d.eventId());
    n.put("eventType", d.eventType());
    n.put("body", d.body());
    n.put("attempts", d.attempts());
    n.put("next", d.nextAttempt().toString());
    n.put("created", d.created().toString());
    return n;
  }

  synchronized void retry(Delivery d) throws IOException {
    ObjectNode n = json.createObjectNode();
    n.put("op", "retry");
    n.put("id", d.id());
    n.put("attempts", d.attempts());
    n.put("next", d.nextAttempt().toString());
    append(n);
  }

  /** Records the end of a delivery; compacts when {@code pending} allows it. */
  synchronized void done(String id, String result, Collection<Delivery> pending)
      throws IOException {
    ObjectNode n = json.createObjectNode();
    n.put("op", "done");
    n.put("id", id);
    n.put("result", result);
    append(n);
    if (pending.isEmpty() || lines > COMPACT_SLACK + 2 * pending.size()) {
      compact(pending);
    }
  }

  private void append(ObjectNode n) throws IOException {
    if (out == null) {
      throw new IOException("the delivery journal is closed");
    }
    out.write((json.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    out.getFD().sync();
    lines++;
  }

  /** Rewrites the journal with only {@code pending}. */
  synchronized void compact(Collection<Delivery> pending) throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
    StringBuilder sb = new StringBuilder();
    for (Delivery d : pending) {
      sb.append(json.writeValueAsString(queueNode(d))).append('\n');
    }
    ConfigDirs.writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    lines = pending.size();
    out = new FileOutputStream(file.toFile(), true);
  }

  /** Lines in the file now (for tests). */
  synchronized int lines() {
    return lines;
  }

  @Override
  public synchronized void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }
}
