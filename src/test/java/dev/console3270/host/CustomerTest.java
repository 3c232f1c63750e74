package dev.console3270.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerTest {

  private static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  @Test
  void everyCardNumberIsALuhnValidTestNumber() {
    List<Customer> all = Customer.load();
    assertThat(all).hasSize(25);
    assertThat(all)
        .extracting(Customer::card)
        .contains("4111 1111 1111 1111")
        .allSatisfy(
            card -> {
              String digits = card.replace(" ", "");
              assertThat(digits).matches("\\d{13,19}");
              assertThat(luhn(digits)).as(card).isTrue();
            });
    assertThat(luhn("4111111111111112")).isFalse();
  }

  @Test
  void rowsAreFixedWidth() {
    List<Customer> all = Customer.load();
    assertThat(all).allSatisfy(c -> assertThat(c.row()).hasSize(75));
    assertThat(all.get(0).row()).startsWith("00001  Alvarez, Maria").endsWith("1250.00");
  }

  @Test
  void badLinesAreReported() {
    assertThatThrownBy(() -> Customer.parse("# c\n1|a|b\n"))
        .hasMessageContaining("customers.txt:2: expected 5 fields");
    assertThatThrownBy(() -> Customer.parse("x|a|b|c|1.0\n"))
        .hasMessageContaining("customers.txt:1: bad number");
  }
}
