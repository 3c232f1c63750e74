package dev.console3270.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.trace.TraceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceReplayServerTest {

  private static final String TRACE =
      "< 0x0   fffd18\n"
          + "> 0x0   fffb18\n"
          + "< 0x0   fffa1801fff0\n"
          + "> 0x0   fffa180049424d2d333237392d322d45fff0\n"
          + "< 0x0   f5c3c1c2ffef\n";

  private static byte[] readN(InputStream in, int n) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < n) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      out.write(b);
    }
    return out.toByteArray();
  }

  @Test
  void sendsHostBurstsAndRecordsWhatTheClientAnswers() throws Exception {
    TraceFile trace = TraceFile.parse(TRACE);
    List<TraceFile.Burst> b = trace.bursts();
    try (TraceReplayServer server = new TraceReplayServer(trace);
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(5000);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      assertThat(readN(in, 3)).isEqualTo(b.get(0).data());
      out.write(b.get(1).data());
      assertThat(readN(in, 6)).isEqualTo(b.get(2).data());
      // A wrong answer is recorded as it was.
      byte[] wrong = "IBM-3278-2".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      out.write(wrong);
      assertThat(readN(in, 6)).isEqualTo(b.get(4).data());
      assertThat(server.awaitAllSent(Duration.ofSeconds(5))).isTrue();
      out.write(new byte[] {1, 2, 3});
      out.flush();
      s.shutdownOutput();
      assertThat(server.awaitFinished(Duration.ofSeconds(5))).isTrue();
      List<TraceReplayServer.Exchange> ex = server.exchanges();
      assertThat(ex).hasSize(2);
      assertThat(ex.get(0).matches()).isTrue();
      assertThat(ex.get(0).line()).isEqualTo(2);
      assertThat(ex.get(1).matches()).isFalse();
      assertThat(ex.get(1).actual()).isEqualTo(wrong);
      assertThat(server.extraBytes()).containsExactly(1, 2, 3);
      assertThat(server.failure()).isNull();
    }
  }

  @Test
  void aSilentClientDoesNotHangTheServer() throws Exception {
    TraceFile trace = TraceFile.parse(TRACE);
    long start = System.nanoTime();
    try (TraceReplayServer server = new TraceReplayServer(trace, Duration.ofMillis(400));
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      assertThat(server.awaitAllSent(Duration.ofSeconds(5))).isTrue();
      List<TraceReplayServer.Exchange> ex = server.exchanges();
      assertThat(ex).hasSize(2);
      assertThat(ex).allSatisfy(e -> assertThat(e.actual()).isEmpty());
      // After the first miss, later reads wait less (300 ms, not 400).
      assertThat(s.isConnected()).isTrue();
    }
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
  }

  @Test
  void closingWithoutAClientReturns() throws Exception {
    TraceReplayServer server = new TraceReplayServer(TraceFile.parse(TRACE));
    assertThat(server.awaitConnected(Duration.ofMillis(100))).isFalse();
    server.close();
    assertThat(server.awaitFinished(Duration.ofSeconds(3))).isTrue();
  }
}
