package dev.console3270.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.ProtocolException;
import dev.console3270.protocol.Terminal;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.protocol.telnet.TelnetMode;
import dev.console3270.testing.HerculesHost;
import dev.console3270.testing.S3270;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The protocol core against a real mainframe emulator: Hercules 3.13 serves a 3270 console device
 * over plain TN3270. A minimal socket loop drives our {@link Terminal}; Debian's s3270, connected
 * to a second Hercules with the same configuration, is the oracle for the screen text. Two Hercules
 * instances with one device each, so that both clients see device 0010 on their screens.
 */
class HerculesLiveTest {
  private static final String MODEL = "3279-2-E";

  @Test
  @Timeout(120)
  void coreNegotiatesAndShowsTheSameScreenAsS3270() throws Exception {
    HerculesHost.assumeInstalled();
    S3270.assumeAvailable();
    List<String> expected;
    try (HerculesHost oracleHost = HerculesHost.start(1);
        S3270 s3270 = S3270.start(MODEL, null)) {
      s3270.connect("127.0.0.1", oracleHost.port());
      s3270.waitFor(10, "InputField");
      assertThat(s3270.query("ConnectionState")).isEqualTo("connected-3270");
      expected = s3270.ascii();
    }

    try (HerculesHost host = HerculesHost.start(1)) {
      CodePage codePage = CodePages.defaultPage();
      TerminalModel model = TerminalModel.parse(MODEL);
      List<ProtocolException> errors = new ArrayList<>();
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), host.port())) {
        socket.setSoTimeout(500);
        OutputStream out = socket.getOutputStream();
        Terminal terminal =
            new Terminal(
                model,
                codePage,
                new Terminal.Listener() {
                  @Override
                  public void send(byte[] bytes) {
                    try {
                      out.write(bytes);
                      out.flush();
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  }

                  @Override
                  public void protocolError(ProtocolException error) {
                    errors.add(error);
                  }
                });
        terminal.connected();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        long deadline = System.nanoTime() + 30_000_000_000L;
        int quietReads = 0;
        while (System.nanoTime() < deadline) {
          try {
            int n = in.read(buf);
            if (n < 0) {
              break;
            }
            terminal.receive(buf, 0, n);
            quietReads = 0;
          } catch (SocketTimeoutException e) {
            // Settled: in 3270 mode, a formatted screen, the keyboard unlocked, 1 s of quiet.
            if (terminal.telnet().mode() == TelnetMode.TN3270
                && terminal.snapshot().isFormatted()
                && !terminal.state().isKeyboardLocked()
                && ++quietReads >= 2) {
              break;
            }
          }
        }
        assertThat(errors).isEmpty();
        assertThat(terminal.telnet().mode()).isEqualTo(TelnetMode.TN3270);
        assertThat(terminal.telnet().config().terminalType()).isEqualTo("IBM-3279-2-E");
        List<String> actual = ScreenText.ascii(terminal.snapshot(), codePage);
        assertThat(actual).anyMatch(line -> line.contains("Hercules Version"));
        assertThat(actual).containsExactlyElementsOf(expected);
      }
    }
  }
}
