package dev.console3270.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.screen.BufferAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** A hand-driven TN3270 client on a raw socket (tests only). */
final class RawClient implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  void send(byte[] b) throws IOException {
    out.write(b);
    out.flush();
  }

  /** Sends bytes the server may refuse half-way (it may close the connection while we write). */
  void sendGarbage(byte[] b) {
    try {
      send(b);
    } catch (IOException e) {
      // the server closed the connection first: what the garbage tests expect anyway
    }
  }

  void sendHex(String hex) throws IOException {
    send(HexFormat.of().parseHex(hex));
  }

  /** Reads exactly the bytes given in hex and fails if others arrive. */
  void expectHex(String hex) throws IOException {
    byte[] want = HexFormat.of().parseHex(hex);
    byte[] got = in.readNBytes(want.length);
    assertThat(HexFormat.of().formatHex(got)).isEqualTo(hex);
  }

  /** Plain TN3270 as model 2 without extended data stream: refuse TN3270E, IBM-3278-2. */
  void negotiateTn3270() throws IOException {
    expectHex("fffd28");
    sendHex("fffc28");
    expectHex("fffd18");
    sendHex("fffb18");
    expectHex("fffa1801fff0");
    send(concat(hex("fffa1800"), "IBM-3278-2".getBytes(StandardCharsets.US_ASCII), hex("fff0")));
    expectHex("fffd19fffb19fffd00fffb00");
    sendHex("fffb19fffd19fffb00fffd00");
  }

  /** Reads one record up to IAC EOR, IAC doubling undone. */
  byte[] record() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed inside a record");
      }
      if (c == 0xff) {
        int d = in.read();
        if (d == 0xef) {
          return b.toByteArray();
        }
        b.write(d);
      } else {
        b.write(c);
      }
    }
  }

  /** The displayable characters of a record, others as blanks. */
  static String text(byte[] record) {
    StringBuilder sb = new StringBuilder();
    for (byte x : record) {
      int c = x & 0xff;
      sb.append(c >= 0x40 ? CodePages.defaultPage().display(c) : ' ');
    }
    return sb.toString();
  }

  /** Sends a Read Modified: AID, cursor 0, then each (address, text) pair; framed with IAC EOR. */
  void readModified(int aid, Object... addressAndText) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(aid);
    b.write(0x40);
    b.write(0x40);
    for (int i = 0; i < addressAndText.length; i += 2) {
      int a = BufferAddress.encode((Integer) addressAndText[i], 1920);
      b.write(0x11);
      b.write(a >> 8);
      b.write(a & 0xff);
      for (char ch : ((String) addressAndText[i + 1]).toCharArray()) {
        b.write(CodePages.defaultPage().toEbcdic(ch));
      }
    }
    b.write(0xff);
    b.write(0xef);
    send(b.toByteArray());
  }

  /** True when the server closes the connection within the socket timeout. */
  boolean closedByServer() throws IOException {
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }

  static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
