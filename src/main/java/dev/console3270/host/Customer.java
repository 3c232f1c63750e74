package dev.console3270.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A demo customer, loaded from {@code demo-host/customers.txt}.
 *
 * @param number the customer number
 * @param name the name
 * @param city the city
 * @param card a Luhn-valid TEST card number, grouped with blanks
 * @param balance the balance
 */
public record Customer(int number, String name, String city, String card, BigDecimal balance) {

  /** The list row: number, name, city, card number, balance (75 characters). */
  public String row() {
    return String.format(
        Locale.ROOT, "%05d  %-22.22s %-13.13s %-19s %11s", number, name, city, card, balance);
  }

  /**
   * Loads the customers from the classpath.
   *
   * @throws IllegalStateException when the file is missing or a line is malformed
   */
  public static List<Customer> load() {
    String path = ScreenFile.RESOURCE_DIR + "customers.txt";
    try (InputStream in = Customer.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no " + path + " on the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@code number|name|city|card|balance} lines; '#' starts a comment line. */
  public static List<Customer> parse(String text) {
    List<Customer> result = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] p = line.split("\\|", -1);
      if (p.length != 5) {
        throw new IllegalStateException("customers.txt:" + (i + 1) + ": expected 5 fields");
      }
      try {
        result.add(
            new Customer(
                Integer.parseInt(p[0].strip()),
                p[1].strip(),
                p[2].strip(),
                p[3].strip(),
                new BigDecimal(p[4].strip())));
      } catch (NumberFormatException e) {
        throw new IllegalStateException("customers.txt:" + (i + 1) + ": bad number", e);
      }
    }
    return List.copyOf(result);
  }
}
