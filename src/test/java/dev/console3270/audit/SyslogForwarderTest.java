package dev.console3270.audit;

import static dev.console3270.audit.AuditTesting.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogForwarderTest {

  private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
  private static final Pattern SEQ = Pattern.compile("seq=\"(\\d+)\"");

  @TempDir Path tmp;
  private Process rsyslogd;

  @AfterEach
  void stop() throws Exception {
    stopReceiver();
  }

  @Test
  void formatsRfc5424WithEscapedStructuredData() {
    SyslogForwarder.Config c =
        SyslogForwarder.Config.defaults("localhost", 514, tmp.resolve("spool"));
    c =
        new SyslogForwarder.Config(
            "localhost",
            514,
            false,
            SyslogForwarder.AUTHPRIV,
            5,
            4,
            "host1",
            10,
            c.spoolFile(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));
    AuditEvent e =
        new AuditEvent(
            7,
            Instant.parse("2024-01-02T03:04:05.678Z"),
            "a\"b\\c]d",
            AuditType.SIGN_ON,
            AuditOutcome.FAILURE,
            "10.0.0.1",
            "s 1",
            Map.of("aid", "ENTER", "bad key=", "v"));
    String m = SyslogForwarder.format(e, c, "42");
    assertThat(m)
        .isEqualTo(
            "<84>1 2024-01-02T03:04:05.678Z host1 console3270 42 SIGN_ON [audit@32473 seq=\"7\""
                + " type=\"SIGN_ON\" outcome=\"FAILURE\" user=\"a\\\"b\\\\c\\]d\""
                + " origin=\"10.0.0.1\" resource=\"s 1\" d.aid=\"ENTER\" detail=\"bad key==v\"]"
                + " SIGN_ON FAILURE user=a\"b\\c]d resource=s_1");
    AuditEvent ok = e.withSeq(8);
    ok = new AuditEvent(8, ok.time(), "", ok.type(), AuditOutcome.SUCCESS, "", "", Map.of());
    assertThat(SyslogForwarder.format(ok, c, "42")).startsWith("<85>1 ");
  }

  @Test
  void everyEventArrivesOnceInOrderAcrossAReceiverRestart() throws Exception {
    if (!Files.isExecutable(RSYSLOGD)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("rsyslogd is missing at " + RSYSLOGD + " (CI installs the Debian package rsyslog)");
      }
      Assumptions.abort("rsyslogd is not installed at " + RSYSLOGD + " (apt-get install rsyslog)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path out = tmp.resolve("received.log");
    startReceiver(port, out);

    List<Long> written = Collections.synchronizedList(new ArrayList<>());
    SyslogForwarder.Config fc =
        SyslogForwarder.Config.defaults("127.0.0.1", port, tmp.resolve("spool/audit.spool"))
            .withQueueCapacity(4)
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    AuditConfig config = AuditConfig.defaults(tmp.resolve("audit"), tmp.resolve("audit.key"));
    try (SyslogForwarder fwd = SyslogForwarder.start(fc)) {
      AuditLog log = AuditLog.open(config, List.of(r -> written.add(r.seq()), fwd));
      for (int i = 0; i < 5; i++) {
        log.append(event(i));
      }
      log.sync();
      awaitReceived(out, written);

      stopReceiver();
      for (int i = 5; i < 30; i++) {
        log.append(event(i)); // queue 4 in memory, the rest spills to the spool
      }
      log.sync();
      Thread.sleep(300);
      assertThat(fwd.pending()).isGreaterThan(4);
      assertThat(received(out)).hasSizeLessThan(written.size());

      startReceiver(port, out);
      log.close(); // AUDIT_STOP and CHECKPOINT are forwarded too
      awaitReceived(out, written);
      // the receiver may have a message a moment before the forwarder counts it as sent
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (fwd.pending() != 0 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertThat(fwd.pending()).isZero();
    }
    assertThat(received(out)).containsExactlyElementsOf(written);
    assertThat(Files.readString(out)).contains("[audit@32473 seq=\"1\" type=\"AUDIT_START\"");
  }

  private void awaitReceived(Path out, List<Long> written) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      List<Long> got = received(out);
      if (got.size() >= written.size()) {
        return;
      }
      Thread.sleep(50);
    }
    assertThat(received(out)).as("received by rsyslogd").containsExactlyElementsOf(written);
  }

  private static List<Long> received(Path out) throws IOException {
    List<Long> seqs = new ArrayList<>();
    if (!Files.exists(out)) {
      return seqs;
    }
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      Matcher m = SEQ.matcher(line);
      if (m.find()) {
        seqs.add(Long.parseLong(m.group(1)));
      }
    }
    return seqs;
  }

  /** rsyslogd in the foreground with only imtcp on loopback and one omfile: no system files. */
  private void startReceiver(int port, Path out) throws Exception {
    Path work = tmp.resolve("rsyslog-work");
    Files.createDirectories(work);
    Path conf = tmp.resolve("rsyslog.conf");
    Files.writeString(
        conf,
        "global(workDirectory=\""
            + work
            + "\")\n"
            + "module(load=\"imtcp\")\n"
            + "input(type=\"imtcp\" address=\"127.0.0.1\" port=\""
            + port
            + "\")\n"
            + "template(name=\"raw\" type=\"string\" string=\"%rawmsg%\\n\")\n"
            + "action(type=\"omfile\" file=\""
            + out
            + "\" template=\"raw\")\n");
    rsyslogd =
        new ProcessBuilder(
                RSYSLOGD.toString(),
                "-n",
                "-C",
                "-f",
                conf.toString(),
                "-i",
                tmp.resolve("rsyslogd.pid").toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("rsyslogd.out").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        if (!rsyslogd.isAlive() || System.nanoTime() > deadline) {
          fail(
              "rsyslogd did not start: "
                  + Files.readString(tmp.resolve("rsyslogd.out"), StandardCharsets.UTF_8));
        }
        Thread.sleep(50);
      }
    }
  }

  private void stopReceiver() throws Exception {
    Process p = rsyslogd;
    rsyslogd = null;
    if (p != null && p.isAlive()) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
  }
}
