package dev.console3270.session;

import java.util.ArrayList;
import java.util.List;

/**
 * What one line of actions produced, in s3270's shape: output lines, the 12-field status line, then
 * success or failure.
 *
 * @param data the output lines (without the {@code data: } prefix); error text on failure
 * @param status the status line, e.g. {@code U F U C(127.0.0.1) I 4 43 80 5 32 0x0 0.019}
 * @param success true for {@code ok}, false for {@code error}
 */
public record ActionResult(List<String> data, String status, boolean success) {
  public ActionResult {
    data = List.copyOf(data);
  }

  /** The reply as s3270 prints it on stdout: {@code data: } lines, the status, {@code ok}. */
  public List<String> lines() {
    List<String> out = new ArrayList<>(data.size() + 2);
    for (String d : data) {
      out.add("data: " + d);
    }
    out.add(status);
    out.add(success ? "ok" : "error");
    return out;
  }

  /** The 12 fields of the status line. */
  public String[] statusFields() {
    return status.split(" ");
  }
}
