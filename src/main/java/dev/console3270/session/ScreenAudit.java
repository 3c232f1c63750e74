package dev.console3270.session;

import dev.console3270.audit.CardMasker;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.screen.Field;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.screen.ScreenText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the audit trail may know of a screen: its identity (a title and a hash of its protected
 * text, never its input) and the fields the operator changed (position and length; the content only
 * of fields that are displayed, card numbers masked; never anything of a non-display field).
 */
public final class ScreenAudit {

  /** The longest field content recorded. */
  static final int MAX_CONTENT = 1000;

  private ScreenAudit() {}

  /**
   * The screen's identity: {@code title} (its first non-blank row, trimmed, at most 80 characters,
   * card numbers masked) and {@code screen} (16 hex digits of the SHA-256 of all its protected
   * text, so the same screen has the same value whatever was typed).
   */
  public static Map<String, String> identity(ScreenSnapshot s, CodePage cp) {
    char[] chars = ScreenText.displayChars(s, cp);
    StringBuilder prot = new StringBuilder();
    for (int a = 0; a < s.size(); a++) {
      var fa = s.isFieldAttribute(a) ? null : s.fieldAttributeAt(a);
      if (!s.isFormatted() || fa != null && fa.isProtected()) {
        prot.append(chars[a]);
      }
    }
    String title = "";
    for (String row : ScreenText.ascii(s, cp)) {
      if (!row.isBlank()) {
        title = row.strip().replaceAll("\\s{2,}", " ");
        break;
      }
    }
    if (title.length() > 80) {
      title = title.substring(0, 80);
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put("title", CardMasker.mask(title));
    out.put("screen", sha256(prot.toString()).substring(0, 16));
    return out;
  }

  /** A changed (modified) field as the audit records it. */
  public record ChangedField(int row, int col, int length, boolean hidden, String content) {}

  /** The fields whose modified-data tag is on. */
  public static List<ChangedField> changedFields(ScreenSnapshot s, CodePage cp) {
    List<ChangedField> out = new ArrayList<>();
    if (!s.isFormatted()) {
      return out;
    }
    char[] chars = ScreenText.displayChars(s, cp);
    for (Field f : s.fields()) {
      if (!f.attribute().isModified() || f.attribute().isProtected()) {
        continue;
      }
      int start = f.dataStart(s.size());
      boolean hidden = f.attribute().isNonDisplay();
      String content = null;
      if (!hidden) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < f.length() && i < MAX_CONTENT; i++) {
          b.append(chars[(start + i) % s.size()]);
        }
        content = CardMasker.mask(b.toString().stripTrailing());
      }
      out.add(
          new ChangedField(
              start / s.cols() + 1, start % s.cols() + 1, f.length(), hidden, content));
    }
    return out;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
