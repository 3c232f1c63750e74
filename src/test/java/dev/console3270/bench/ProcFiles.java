package dev.console3270.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Figures read from Linux's {@code /proc}: resident and proportional set sizes of a process, and
 * the machine's CPU model and memory. The parsers are pure (text in, number out) so they can be
 * tested on captured files.
 */
public final class ProcFiles {
  private ProcFiles() {}

  /**
   * The value in kB of a {@code Key: 1234 kB} line, as in {@code /proc/PID/status}, {@code
   * smaps_rollup} and {@code /proc/meminfo}.
   *
   * @return the value, or empty when no line has that key
   * @throws IllegalArgumentException when the line is there but its value is not a number of kB
   */
  public static OptionalLong kiloBytes(String text, String key) {
    String prefix = key + ":";
    for (String line : text.split("\n")) {
      if (line.startsWith(prefix)) {
        String rest = line.substring(prefix.length()).trim();
        String[] parts = rest.split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB") || !parts[0].matches("\\d{1,18}")) {
          throw new IllegalArgumentException("not a kB figure in line: " + line);
        }
        return OptionalLong.of(Long.parseLong(parts[0]));
      }
    }
    return OptionalLong.empty();
  }

  /** The first {@code key : value} of {@code /proc/cpuinfo} (e.g. "model name"), or empty. */
  public static String cpuInfo(String text, String key) {
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }

  /** {@code PRETTY_NAME} of {@code /etc/os-release}, unquoted, or empty. */
  public static String prettyName(String osRelease) {
    for (String line : osRelease.split("\n")) {
      if (line.startsWith("PRETTY_NAME=")) {
        String v = line.substring("PRETTY_NAME=".length()).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        return v;
      }
    }
    return "";
  }

  /** This JVM's resident set size ({@code VmRSS} of {@code /proc/self/status}) in kB. */
  public static long selfRssKb() throws IOException {
    return required(read(Path.of("/proc/self/status")), "VmRSS", "/proc/self/status");
  }

  /**
   * A process's memory from {@code /proc/PID/smaps_rollup}.
   *
   * @param pssKb proportional set size (shared pages divided among the processes sharing them)
   * @param rssKb resident set size
   */
  public record Memory(long pssKb, long rssKb) {}

  /** Parses the text of an {@code smaps_rollup} file. */
  public static Memory smapsRollup(String text) {
    return new Memory(required(text, "Pss", "smaps_rollup"), required(text, "Rss", "smaps_rollup"));
  }

  /** Reads {@code /proc/PID/smaps_rollup} of a live process. */
  public static Memory smapsRollup(long pid) throws IOException {
    return smapsRollup(read(Path.of("/proc", Long.toString(pid), "smaps_rollup")));
  }

  /** The text of a file, or empty when it is missing (not Linux). */
  public static String readOrEmpty(Path file) {
    try {
      return read(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.ISO_8859_1);
  }

  private static long required(String text, String key, String what) {
    return kiloBytes(text, key)
        .orElseThrow(() -> new IllegalArgumentException("no " + key + " line in " + what));
  }
}
