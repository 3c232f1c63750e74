package dev.console3270.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Names of audit files: {@code audit-YYYYMMDD-NNN.jsonl}, ordered by day, then number. */
final class AuditFiles {

  private static final Pattern NAME = Pattern.compile("audit-(\\d{8})-(\\d{3,9})\\.jsonl");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private AuditFiles() {}

  /** A live audit file. */
  record Name(Path path, LocalDate day, int number) {}

  static String name(LocalDate day, int number) {
    return String.format("audit-%s-%03d.jsonl", DAY.format(day), number);
  }

  static Optional<Name> parse(Path path) {
    Matcher m = NAME.matcher(path.getFileName().toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Name(path, LocalDate.parse(m.group(1), DAY), Integer.parseInt(m.group(2))));
    } catch (DateTimeParseException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The live files of {@code dir} in chain order. */
  static List<Name> list(Path dir) throws IOException {
    List<Name> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isRegularFile).forEach(p -> parse(p).ifPresent(names::add));
    }
    names.sort(Comparator.comparing(Name::day).thenComparingInt(Name::number));
    return names;
  }

  /** Files set aside by crash recovery ({@code <file>.torn-<time>}), sorted by name. */
  static List<Path> torn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().contains(".jsonl.torn-")).sorted().toList();
    }
  }

  /** Makes a directory's entries durable; best effort (not every platform can open a directory). */
  static void syncDirectory(Path dir) {
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort
    }
  }
}
