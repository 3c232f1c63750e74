package dev.console3270.audit;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CardMaskerTest {

  @Test
  void digitsInsideAHexStringOrAWordAreNotACardNumber() {
    // a SHA-256 in hex can hold a Luhn-valid run of 13+ digits (found by a retention test)
    String hash = "1749d36664237fb3ec358b5358490000037838b62f1c8d2624cc0ddf2275d8437";
    assertThat(CardMasker.luhnValid("5358490000037838")).isTrue();
    assertThat(CardMasker.mask(hash)).isEqualTo(hash);
    assertThat(CardMasker.mask("5358490000037838")).isEqualTo("535849******7838");
    assertThat(CardMasker.mask("ref4111111111111111")).isEqualTo("ref4111111111111111");
    assertThat(CardMasker.mask("4111111111111111x")).isEqualTo("4111111111111111x");
    assertThat(CardMasker.mask("card: 4111111111111111.")).isEqualTo("card: 411111******1111.");
  }

  @Test
  void masksVisaMastercardAndAmexTestNumbers() {
    assertThat(CardMasker.mask("4111111111111111")).isEqualTo("411111******1111");
    assertThat(CardMasker.mask("4012888888881881")).isEqualTo("401288******1881");
    assertThat(CardMasker.mask("5555555555554444")).isEqualTo("555555******4444");
    assertThat(CardMasker.mask("5105105105105100")).isEqualTo("510510******5100");
    assertThat(CardMasker.mask("378282246310005")).isEqualTo("378282*****0005");
    assertThat(CardMasker.mask("371449635398431")).isEqualTo("371449*****8431");
  }

  @Test
  void keepsSeparatorsWhereTheyWere() {
    assertThat(CardMasker.mask("4111 1111 1111 1111")).isEqualTo("4111 11** **** 1111");
    assertThat(CardMasker.mask("5555-5555-5555-4444")).isEqualTo("5555-55**-****-4444");
    assertThat(CardMasker.mask("3782 822463 10005")).isEqualTo("3782 82**** *0005");
    assertThat(CardMasker.mask("3782-822463 10005")).isEqualTo("3782-82**** *0005");
  }

  @Test
  void masksThirteenAndNineteenDigitNumbers() {
    String thirteen = withCheckDigit("422222222222");
    String nineteen = withCheckDigit("601100099013942411");
    assertThat(thirteen).hasSize(13);
    assertThat(nineteen).hasSize(19);
    assertThat(CardMasker.mask(thirteen))
        .isEqualTo(thirteen.substring(0, 6) + "***" + thirteen.substring(9));
    assertThat(CardMasker.mask(nineteen))
        .isEqualTo(nineteen.substring(0, 6) + "*********" + nineteen.substring(15));
  }

  @Test
  void leavesNumbersThatFailLuhnOrHaveTheWrongLength() {
    assertThat(CardMasker.mask("4111111111111112")).isEqualTo("4111111111111112");
    assertThat(CardMasker.mask("4111 1111 1111 1112")).isEqualTo("4111 1111 1111 1112");
    String twelve = withCheckDigit("42222222222");
    assertThat(CardMasker.mask(twelve)).isEqualTo(twelve);
    String twenty = withCheckDigit("4111111111111111111");
    assertThat(twenty).hasSize(20);
    assertThat(CardMasker.mask(twenty)).isEqualTo(twenty);
    // A card number is never cut out of a longer digit run.
    assertThat(CardMasker.mask("94111111111111111")).isEqualTo("94111111111111111");
  }

  @Test
  void doubleSeparatorsSplitCandidates() {
    assertThat(CardMasker.mask("4111  1111 1111 1111")).isEqualTo("4111  1111 1111 1111");
    assertThat(CardMasker.mask("4111 -1111 1111 1111")).isEqualTo("4111 -1111 1111 1111");
  }

  @Test
  void masksNumbersEmbeddedInText() {
    assertThat(CardMasker.mask("card 4111111111111111, exp 12/30"))
        .isEqualTo("card 411111******1111, exp 12/30");
    assertThat(CardMasker.mask("CARD:4111-1111-1111-1111;")).isEqualTo("CARD:4111-11**-****-1111;");
    assertThat(CardMasker.mask("a 4111111111111111 b 5555 5555 5555 4444 c"))
        .isEqualTo("a 411111******1111 b 5555 55** **** 4444 c");
    // Groups before the card that do not make a valid number with it stay.
    assertThat(CardMasker.mask("order 7 4111 1111 1111 1111"))
        .isEqualTo("order 7 4111 11** **** 1111");
  }

  @Test
  void textWithoutCardsIsReturnedAsIs() {
    String text = "no numbers here, just 12 and 2026-11-24";
    assertThat(CardMasker.mask(text)).isSameAs(text);
    assertThat(CardMasker.mask(null)).isNull();
    assertThat(CardMasker.mask("")).isEmpty();
    assertThat(CardMasker.containsCardNumber("x 4111111111111111")).isTrue();
    assertThat(CardMasker.containsCardNumber(text)).isFalse();
  }

  @Test
  void oneMegabyteOfDigitsIsFastAndUntouched() {
    String digits = "7".repeat(1 << 20);
    long start = System.nanoTime();
    String masked = CardMasker.mask(digits);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(masked).isSameAs(digits);
    assertThat(millis).isLessThan(1000);
  }

  @Test
  void oneMegabyteOfSeparatedDigitGroupsIsFast() {
    // Single-digit groups: the most candidate windows per character.
    String groups = "1 ".repeat(1 << 19);
    String cards = "4111 1111 1111 1111 ".repeat((1 << 20) / 20);
    long start = System.nanoTime();
    String a = CardMasker.mask(groups);
    String b = CardMasker.mask(cards);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(millis).isLessThan(2000);
    assertThat(a).hasSameSizeAs(groups);
    assertThat(b).hasSameSizeAs(cards).startsWith("4111 11** **** 1111 4111 11** **** 1111 ");
  }

  @Property
  void maskingKeepsLengthAndNonDigits(
      @ForAll
          @Chars({'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ' ', '-', 'x'})
          @StringLength(max = 80)
          String text) {
    String masked = CardMasker.mask(text);
    assertThat(masked).hasSameSizeAs(text);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isDigit(c)) {
        assertThat(masked.charAt(i)).isEqualTo(c);
      } else {
        assertThat(masked.charAt(i)).isIn(c, '*');
      }
    }
    if (masked != text) {
      assertThat(masked).isNotEqualTo(text).contains("*");
    }
  }

  @Property
  void everyLuhnValidNumberAloneIsMasked(
      @ForAll
          @Chars({'0', '1', '2', '3', '4', '5', '6', '7', '8', '9'})
          @StringLength(min = 12, max = 18)
          String body) {
    String number = withCheckDigit(body);
    String masked = CardMasker.mask(number);
    assertThat(masked.substring(0, 6)).isEqualTo(number.substring(0, 6));
    assertThat(masked.substring(number.length() - 4))
        .isEqualTo(number.substring(number.length() - 4));
    assertThat(masked.substring(6, number.length() - 4)).matches("\\*+");
  }

  /** Appends the Luhn check digit. */
  static String withCheckDigit(String body) {
    for (char d = '0'; d <= '9'; d++) {
      if (CardMasker.luhnValid(body + d)) {
        return body + d;
      }
    }
    throw new AssertionError();
  }
}
