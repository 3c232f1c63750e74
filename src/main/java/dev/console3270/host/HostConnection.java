package dev.console3270.host;

import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.codepage.CodePage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the demo host, run on its own thread: telnet negotiation, an optional
 * Read Partition Query, then the demo application until the client leaves, sends malformed data or
 * the host shuts down. Never throws: every ending is one log line.
 */
final class HostConnection implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(HostConnection.class);

  /**
   * How long a client may take, in milliseconds.
   *
   * @param negotiationMs to negotiate TN3270E or TN3270 (then the connection closes)
   * @param queryMs to answer Read Partition Query (then the terminal type decides the size)
   * @param idleMs between two attentions once the application runs (then the connection closes)
   */
  record Timeouts(int negotiationMs, int queryMs, int idleMs) {
    /** 10 seconds, 5 seconds, 30 minutes. */
    static final Timeouts DEFAULT = new Timeouts(10_000, 5_000, 30 * 60_000);
  }

  private enum State {
    NEGOTIATING,
    QUERYING,
    RUNNING,
    DONE
  }

  private final Socket socket;
  private final String hostName;
  private final DemoContent content;
  private final CodePage codePage;
  private final Supplier<String> deviceNames;
  private final String peer;
  private final ScreenRenderer renderer;
  private final Timeouts timeouts;
  private HostTelnet telnet;
  private OutputStream out;
  private ClientTerminal terminal;
  private DemoApplication app;
  private State state = State.NEGOTIATING;

  HostConnection(
      Socket socket,
      String hostName,
      DemoContent content,
      CodePage codePage,
      Supplier<String> deviceNames,
      Timeouts timeouts) {
    this.socket = socket;
    this.timeouts = timeouts;
    this.hostName = hostName;
    this.content = content;
    this.codePage = codePage;
    this.deviceNames = deviceNames;
    this.peer = String.valueOf(socket.getRemoteSocketAddress());
    this.renderer = new ScreenRenderer(codePage);
  }

  @Override
  public void run() {
    try (socket) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(timeouts.negotiationMs());
      InputStream in = socket.getInputStream();
      out = socket.getOutputStream();
      telnet = new HostTelnet(deviceNames);
      flushTelnet();
      byte[] buf = new byte[4096];
      while (state != State.DONE) {
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException e) {
          timedOut();
          continue;
        }
        if (n < 0) {
          LOG.info("{}: client closed the connection", peer);
          return;
        }
        List<byte[]> records = telnet.receive(buf, 0, n);
        flushTelnet();
        if (state == State.NEGOTIATING && telnet.ready()) {
          negotiated();
        }
        for (byte[] r : records) {
          if (state == State.DONE) {
            break;
          }
          record(r);
        }
      }
    } catch (ClientDataException e) {
      LOG.warn("{}: closing the connection: malformed client data: {}", peer, e.getMessage());
    } catch (IOException e) {
      if (socket.isClosed()) {
        LOG.info("{}: connection closed", peer);
      } else {
        LOG.info("{}: connection lost: {}", peer, e.toString());
      }
    } catch (RuntimeException e) {
      LOG.error("{}: closing the connection after an internal error", peer, e);
    }
  }

  /** Closes the socket; the connection's thread then ends. */
  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private void timedOut() throws IOException {
    switch (state) {
      case NEGOTIATING -> {
        LOG.warn(
            "{}: closing the connection: no 3270 negotiation within {} ms",
            peer,
            timeouts.negotiationMs());
        state = State.DONE;
      }
      case QUERYING -> {
        LOG.info("{}: no answer to Read Partition Query; using the terminal type", peer);
        startApplication();
      }
      default -> {
        LOG.info("{}: closing the connection: idle for {} ms", peer, timeouts.idleMs());
        state = State.DONE;
      }
    }
  }

  private void negotiated() throws IOException {
    TerminalModel model =
        ClientTerminal.modelOf(telnet.terminalType()).orElseThrow(IllegalStateException::new);
    terminal =
        new ClientTerminal(telnet.terminalType(), model, telnet.tn3270e(), telnet.deviceName());
    LOG.info(
        "{}: {} {}{}",
        peer,
        telnet.tn3270e() ? "TN3270E" : "TN3270",
        telnet.terminalType(),
        telnet.deviceName() == null ? "" : " device " + telnet.deviceName());
    if (model.extended()) {
      state = State.QUERYING;
      socket.setSoTimeout(timeouts.queryMs());
      write(telnet.frame(QueryReply.READ_PARTITION_QUERY));
    } else {
      startApplication();
    }
  }

  private void startApplication() throws IOException {
    state = State.RUNNING;
    socket.setSoTimeout(timeouts.idleMs());
    app = new DemoApplication(hostName, terminal, content, peer);
    apply(app.start());
  }

  private void record(byte[] r) throws IOException, ClientDataException {
    if (state == State.QUERYING) {
      if (QueryReply.isQueryReply(r)) {
        QueryReply.alternateSize(r)
            .ifPresent(s -> terminal = terminal.withAlternateSize(s.rows(), s.cols()));
        QueryReply.color(r).ifPresent(c -> terminal = terminal.withColor(c));
        startApplication();
        return;
      }
      startApplication();
    }
    if (QueryReply.isQueryReply(r)) {
      return; // a late or unsolicited query reply
    }
    ReadModified rm = ReadModified.parse(r, app.bufferSize(), codePage);
    apply(app.handle(rm));
  }

  private void apply(DemoApplication.Step step) throws IOException {
    if (step instanceof DemoApplication.Disconnect d) {
      LOG.info("{}: {}", peer, d.reason());
      state = State.DONE;
      return;
    }
    ScreenRenderer.Display d = ((DemoApplication.Show) step).display();
    boolean alt = d.screen().alternate();
    int rows = alt ? terminal.model().altRows() : TerminalModel.DEFAULT_ROWS;
    int cols = alt ? terminal.model().altCols() : TerminalModel.DEFAULT_COLS;
    write(telnet.frame(renderer.render(d, rows, cols, terminal.model().extended())));
  }

  private void flushTelnet() throws IOException {
    write(telnet.takeOutput());
  }

  private void write(byte[] b) throws IOException {
    if (b.length > 0) {
      out.write(b);
      out.flush();
    }
  }
}
