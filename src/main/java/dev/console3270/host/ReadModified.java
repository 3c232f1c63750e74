package dev.console3270.host;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.screen.BufferAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inbound Read Modified record: the AID, the cursor address and the modified fields (the address
 * after each SBA, which is the field's first character cell, and its text).
 *
 * @param aid the attention key
 * @param cursor the cursor's buffer address
 * @param fields the modified fields in the order the client sent them
 */
public record ReadModified(Aid aid, int cursor, List<Input> fields) {

  private static final int ORDER_SBA = 0x11;
  private static final int ORDER_SA = 0x28;

  /**
   * One modified field.
   *
   * @param address the buffer address of its first character
   * @param text its characters (nulls removed by the client, trailing blanks kept)
   */
  public record Input(int address, String text) {}

  public ReadModified {
    fields = List.copyOf(fields);
  }

  /** The AID for an AID byte, if it is one. */
  public static Aid aid(int code) {
    for (Aid a : Aid.values()) {
      if (a.code() == code) {
        return a;
      }
    }
    return null;
  }

  /**
   * Parses a Read Modified (or short read) record for a screen of {@code bufferSize} cells.
   *
   * @param data the 3270 data (no telnet framing, no TN3270E header)
   * @param bufferSize rows times columns of the active screen
   * @param codePage the code page to decode characters
   * @throws ClientDataException when the record is empty, has an unknown AID, a truncated order or
   *     an address outside the screen
   */
  public static ReadModified parse(byte[] data, int bufferSize, CodePage codePage)
      throws ClientDataException {
    if (data.length == 0) {
      throw new ClientDataException("empty inbound record");
    }
    Aid aid = aid(data[0] & 0xff);
    if (aid == null) {
      throw new ClientDataException(String.format("unknown AID X'%02X'", data[0] & 0xff));
    }
    if (data.length == 1) {
      return new ReadModified(aid, 0, List.of());
    }
    if (data.length < 3) {
      throw new ClientDataException("inbound record ends inside the cursor address");
    }
    int cursor = address(data, 1, bufferSize, "cursor");
    List<Input> fields = new ArrayList<>();
    int p = 3;
    int current = -1;
    StringBuilder text = new StringBuilder();
    while (p < data.length) {
      int b = data[p] & 0xff;
      if (b == ORDER_SBA) {
        if (current >= 0) {
          fields.add(new Input(current, text.toString()));
        }
        if (p + 2 >= data.length) {
          throw new ClientDataException("SBA at offset " + p + " is truncated");
        }
        current = address(data, p + 1, bufferSize, "SBA");
        text.setLength(0);
        p += 3;
      } else if (b == ORDER_SA) {
        if (p + 2 >= data.length) {
          throw new ClientDataException("SA at offset " + p + " is truncated");
        }
        p += 3;
      } else {
        if (current < 0) {
          throw new ClientDataException("field data at offset " + p + " before any SBA");
        }
        text.append(codePage.display(b));
        p++;
      }
    }
    if (current >= 0) {
      fields.add(new Input(current, text.toString()));
    }
    return new ReadModified(aid, cursor, fields);
  }

  private static int address(byte[] data, int at, int bufferSize, String what)
      throws ClientDataException {
    int a = BufferAddress.decode(data[at] & 0xff, data[at + 1] & 0xff);
    if (a >= bufferSize) {
      throw new ClientDataException(
          what + " address " + a + " outside the " + bufferSize + "-cell screen");
    }
    return a;
  }

  /**
   * The modified fields by name: each input's address is matched to the field whose first cell it
   * is; inputs at other addresses are ignored. Values are trimmed of trailing blanks.
   */
  public Map<String, String> byName(ScreenDefinition screen, int cols) {
    Map<String, String> result = new LinkedHashMap<>();
    for (Input in : fields) {
      for (FieldDefinition f : screen.fields()) {
        if (f.row() * cols + f.column() + 1 == in.address()) {
          result.put(f.name(), in.text().stripTrailing());
        }
      }
    }
    return result;
  }
}
