package dev.console3270.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The demo host against hand-driven TN3270 clients on raw sockets: no emulator needed. */
class DemoHostRawClientTest {

  private static final int AID_ENTER = 0x7d;
  private static final int AID_PF8 = 0xf8;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger hostLogger = (Logger) LoggerFactory.getLogger("dev.console3270.host");
  private final List<DemoHost> hosts = new ArrayList<>();
  private final ScreenDefinition signon = ScreenFile.load("signon");

  @BeforeEach
  void captureLogs() {
    logs.start();
    hostLogger.addAppender(logs);
  }

  @AfterEach
  void stop() {
    hosts.forEach(DemoHost::close);
    hostLogger.detachAppender(logs);
  }

  private DemoHost host(String name) throws IOException {
    DemoHost h = DemoHost.start(0, name);
    hosts.add(h);
    return h;
  }

  private List<String> logLines() {
    synchronized (logs) {
      return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private int address(String field) {
    FieldDefinition f = signon.field(field).orElseThrow();
    return f.row() * 80 + f.column() + 1;
  }

  private String signOn(RawClient c, String user, String password) throws IOException {
    c.negotiateTn3270();
    String first = RawClient.text(c.record());
    assertThat(first).contains("DEMO HOST SIGN-ON");
    c.readModified(AID_ENTER, address("userid"), user, address("password"), password);
    return RawClient.text(c.record());
  }

  @Test
  void plainTn3270ClientWithoutExtendedDataStreamSignsOn() throws IOException {
    DemoHost h = host("ALPHA");
    try (RawClient c = new RawClient(h.port())) {
      c.negotiateTn3270();
      byte[] screen = c.record();
      assertThat(screen[0] & 0xff).isEqualTo(ScreenRenderer.CMD_ERASE_WRITE);
      // a 3278-2 without -E gets no query, no SFE and no SA
      for (byte b : screen) {
        assertThat(b).isNotEqualTo((byte) 0x29).isNotEqualTo((byte) 0x28);
      }
      assertThat(RawClient.text(screen)).contains("ALPHA").contains("User ID");
      c.readModified(AID_ENTER, address("userid"), "DEMO", address("password"), "BAD");
      assertThat(RawClient.text(c.record())).contains("Sign-on failed");
      c.readModified(AID_ENTER, address("userid"), "demo", address("password"), "demo3270");
      assertThat(RawClient.text(c.record())).contains("MAIN MENU").contains("Page 1 of 2");
      c.readModified(AID_PF8);
      assertThat(RawClient.text(c.record())).contains("Page 2 of 2");
    }
    assertThat(String.join("\n", logLines()))
        .contains("TN3270 IBM-3278-2")
        .contains("sign-on refused for user DEMO")
        .contains("user DEMO signed on")
        .doesNotContain("DEMO3270")
        .doesNotContain("BAD");
  }

  @Test
  void garbageIsDroppedAndOtherSessionsCarryOn() throws IOException {
    DemoHost h = host("ALPHA");
    try (RawClient good = new RawClient(h.port())) {
      assertThat(signOn(good, "ADMIN", "ADMIN3270")).contains("MAIN MENU");

      List<byte[]> garbage = new ArrayList<>();
      garbage.add("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] random = new byte[4000];
      new Random(42).nextBytes(random);
      garbage.add(random);
      garbage.add(RawClient.concat(RawClient.hex("fffa28"), new byte[600]));
      for (byte[] g : garbage) {
        try (RawClient bad = new RawClient(h.port())) {
          bad.expectHex("fffd28");
          bad.sendGarbage(g);
          assertThat(bad.closedByServer()).as("server closes a garbage client").isTrue();
        }
      }
      // negotiated clients that then send bad 3270 data
      for (String record : List.of("010203ffef", "7d3fffff11ffef", "7d4040113fffffc1ffef")) {
        try (RawClient bad = new RawClient(h.port())) {
          bad.negotiateTn3270();
          bad.record();
          bad.sendGarbage(RawClient.hex(record));
          assertThat(bad.closedByServer()).isTrue();
        }
      }

      good.readModified(AID_PF8);
      assertThat(RawClient.text(good.record())).contains("Page 2 of 2");
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(logLines())
                    .filteredOn(l -> l.contains("closing the connection: malformed client data"))
                    .hasSize(6)
                    .anySatisfy(l -> assertThat(l).contains("data before 3270 mode"))
                    .anySatisfy(l -> assertThat(l).contains("subnegotiation longer than"))
                    .anySatisfy(l -> assertThat(l).contains("unknown AID X'01'"))
                    .anySatisfy(l -> assertThat(l).contains("outside the 1920-cell screen")));
    assertThat(logLines()).noneMatch(l -> l.contains("ADMIN3270"));
  }

  @Test
  void manyClientsAtOnceEachWithItsOwnState() throws Exception {
    DemoHost h = host("ALPHA");
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        boolean admin = i % 2 == 0;
        boolean page2 = i % 3 == 0;
        results.add(
            pool.submit(
                () -> {
                  try (RawClient c = new RawClient(h.port())) {
                    String menu =
                        admin ? signOn(c, "ADMIN", "ADMIN3270") : signOn(c, "DEMO", "DEMO3270");
                    if (page2) {
                      c.readModified(AID_PF8);
                      menu = RawClient.text(c.record());
                    }
                    return menu;
                  }
                }));
      }
      for (int i = 0; i < results.size(); i++) {
        String menu = results.get(i).get(60, TimeUnit.SECONDS);
        assertThat(menu)
            .contains(i % 2 == 0 ? "ADMIN" : "DEMO")
            .doesNotContain(i % 2 == 0 ? "DEMO" : "ADMIN")
            .contains(i % 3 == 0 ? "Page 2 of 2" : "Page 1 of 2");
      }
    } finally {
      pool.shutdownNow();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> h.clients() == 0);
  }

  @Test
  void severalHostsEachShowTheirName() throws IOException {
    DemoHost alpha = host("ALPHA");
    DemoHost bravo = host("BRAVO");
    assertThat(alpha.port()).isNotEqualTo(bravo.port());
    try (RawClient a = new RawClient(alpha.port());
        RawClient b = new RawClient(bravo.port())) {
      a.negotiateTn3270();
      b.negotiateTn3270();
      assertThat(RawClient.text(a.record())).contains("ALPHA").doesNotContain("BRAVO");
      assertThat(RawClient.text(b.record())).contains("BRAVO").doesNotContain("ALPHA");
    }
  }

  @Test
  void closeDropsClientsAndStopsListening() throws IOException, InterruptedException {
    DemoHost h = host("ALPHA");
    assertThat(h.isListening()).isTrue();
    try (RawClient c = new RawClient(h.port())) {
      c.negotiateTn3270();
      c.record();
      await().atMost(Duration.ofSeconds(5)).until(() -> h.clients() == 1);
      h.close();
      h.awaitClosed();
      assertThat(c.closedByServer()).isTrue();
    }
    assertThat(h.clients()).isZero();
    assertThat(h.isListening()).isFalse();
  }

  @Test
  void clientsBeyondTheLimitAreRefused() throws IOException {
    DemoHost h = DemoHost.start("127.0.0.1", 0, "ALPHA", 1);
    hosts.add(h);
    try (RawClient first = new RawClient(h.port())) {
      first.negotiateTn3270();
      first.record();
      try (RawClient second = new RawClient(h.port())) {
        assertThat(second.closedByServer()).isTrue();
      }
      first.readModified(AID_PF8);
      assertThat(RawClient.text(first.record())).contains("SIGN-ON");
    }
    assertThat(logLines()).anyMatch(l -> l.contains("too many clients"));
  }

  @Test
  void timeouts() throws IOException {
    DemoHost h =
        DemoHost.start("127.0.0.1", 0, "ALPHA", 8, new HostConnection.Timeouts(300, 300, 600));
    hosts.add(h);
    // a client that never negotiates is closed
    try (RawClient silent = new RawClient(h.port())) {
      silent.expectHex("fffd28");
      assertThat(silent.closedByServer()).isTrue();
    }
    // a TN3270E client that ignores Read Partition Query still gets the sign-on screen
    try (RawClient c = new RawClient(h.port())) {
      c.expectHex("fffd28");
      c.sendHex("fffb28");
      c.expectHex("fffa280802fff0");
      c.send(
          RawClient.concat(
              RawClient.hex("fffa280207"),
              "IBM-3279-2-E".getBytes(StandardCharsets.US_ASCII),
              RawClient.hex("fff0")));
      c.sendHex("fffa28030702fff0"); // FUNCTIONS REQUEST RESPONSES
      byte[] query = c.record();
      assertThat(RawClient.text(query)).doesNotContain("SIGN-ON");
      assertThat(query).endsWith(QueryReply.READ_PARTITION_QUERY);
      byte[] signon = c.record(); // after the query timed out
      assertThat(RawClient.text(signon)).contains("DEMO HOST SIGN-ON");
      // then idle: the server closes the connection
      assertThat(c.closedByServer()).isTrue();
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(logLines())
                    .anyMatch(l -> l.contains("no 3270 negotiation within 300 ms"))
                    .anyMatch(l -> l.contains("no answer to Read Partition Query"))
                    .anyMatch(l -> l.contains("idle for 600 ms")));
  }
}
