package dev.console3270.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers for the audit tests. */
final class AuditTesting {
  private AuditTesting() {}

  static AuditEvent event(int i) {
    return AuditEvent.of(
        "user" + (i % 7),
        AuditType.AID_KEY,
        AuditOutcome.SUCCESS,
        "127.0.0.1",
        "session-" + (i % 3),
        Map.of("aid", "ENTER", "n", Integer.toString(i)));
  }

  /** A line of a log file with its byte offset. */
  record Line(Path file, long offset, String text) {
    long seq() {
      int from = text.indexOf("\"seq\":") + 6;
      return Long.parseLong(text.substring(from, text.indexOf(',', from)));
    }

    String type() {
      int from = text.indexOf("\"type\":\"") + 8;
      return text.substring(from, text.indexOf('"', from));
    }
  }

  static List<Line> lines(Path dir) throws IOException {
    List<Line> lines = new ArrayList<>();
    for (AuditFiles.Name name : AuditFiles.list(dir)) {
      byte[] bytes = Files.readAllBytes(name.path());
      int start = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          lines.add(
              new Line(
                  name.path(), start, new String(bytes, start, i - start, StandardCharsets.UTF_8)));
          start = i + 1;
        }
      }
    }
    return lines;
  }

  static void rewrite(Path file, List<String> lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }

  static List<String> fileLines(Path file) throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }
}
