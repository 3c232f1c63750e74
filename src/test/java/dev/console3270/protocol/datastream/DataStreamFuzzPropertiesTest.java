package dev.console3270.protocol.datastream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.console3270.protocol.ProtocolException;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.trace.TraceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and mutated records never make the processor throw anything but ProtocolException, never
 * run long, and always leave the cursor inside the buffer. Reads and queries go to {@link
 * FakeReplies}, so the InboundEncoder/QueryReplies stubs are not involved.
 */
class DataStreamFuzzPropertiesTest {

  private static final int[] COMMANDS = {
    0x01, 0x02, 0x03, 0x05, 0x06, 0x0d, 0x0e, 0x0f, 0x11, 0xf1, 0xf2, 0xf3, 0xf5, 0xf6, 0x7e, 0x6e,
    0x6f
  };

  /** Every host 3270 record of the corpus (empty when the corpus is missing). */
  private static final List<byte[]> CORPUS = loadCorpus();

  private static List<byte[]> loadCorpus() {
    Path dir = Path.of(System.getProperty("conformance.dir", "/work/shared/conformance/x3270"));
    if (!Files.isDirectory(dir)) {
      dir = Path.of("/work/shared/conformance/x3270");
    }
    List<byte[]> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".trc")).sorted().toList()) {
        TraceFile t = TraceFile.parse(Files.readString(f, StandardCharsets.ISO_8859_1));
        for (TraceRecords.HostRecord r : TraceRecords.records(t)) {
          if (!r.bind() && r.data().length > 0) {
            out.add(r.data());
          }
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  /** Applies a screen-setting record, then the record under test; checks the outcome. */
  private static void check(int model, boolean sixteenBit, byte[] setup, byte[] record) {
    TerminalState state = new TerminalState(TerminalModel.of(model, true, true), null);
    DataStreamProcessor p = new DataStreamProcessor(state, new FakeReplies());
    p.setSixteenBitAddressing(sixteenBit);
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          for (byte[] r : new byte[][] {setup, record}) {
            try {
              p.apply(r, 0, r.length);
            } catch (ProtocolException e) {
              assertThat(e.offset()).isBetween(0, r.length);
              assertThat(p.lastRejection()).isNotEqualTo(DataStreamProcessor.Rejection.NONE);
            }
            assertThat(state.screen().cursor()).isBetween(0, state.screen().size() - 1);
          }
        });
  }

  @Provide
  Arbitrary<byte[]> setups() {
    Arbitrary<byte[]> fixed =
        Arbitraries.of(
            new byte[0],
            // EWA with protected/unprotected fields and data
            new byte[] {
              0x7e,
              (byte) 0xc3,
              0x1d,
              0x60,
              (byte) 0xc1,
              0x11,
              0x40,
              0x50,
              0x1d,
              0x40,
              (byte) 0xc2,
              0x11,
              0x41,
              0x40,
              0x1d,
              (byte) 0xf0
            });
    if (CORPUS.isEmpty()) {
      return fixed;
    }
    return Arbitraries.oneOf(fixed, Arbitraries.of(CORPUS));
  }

  @Provide
  Arbitrary<byte[]> randomAfterCommand() {
    return Combinators.combine(
            Arbitraries.of(Arrays.stream(COMMANDS).boxed().toList()),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(400))
        .as(
            (cmd, rest) -> {
              byte[] r = new byte[rest.length + 1];
              r[0] = (byte) cmd.intValue();
              System.arraycopy(rest, 0, r, 1, rest.length);
              return r;
            });
  }

  @Provide
  Arbitrary<byte[]> truncatedCorpus() {
    if (CORPUS.isEmpty()) {
      return randomAfterCommand();
    }
    return Arbitraries.of(CORPUS)
        .flatMap(r -> Arbitraries.integers().between(0, r.length).map(n -> Arrays.copyOf(r, n)));
  }

  @Provide
  Arbitrary<byte[]> bitFlippedCorpus() {
    if (CORPUS.isEmpty()) {
      return randomAfterCommand();
    }
    return Arbitraries.of(CORPUS)
        .flatMap(
            r ->
                Arbitraries.integers()
                    .between(0, r.length * 8 - 1)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(4)
                    .map(
                        bits -> {
                          byte[] m = r.clone();
                          for (int b : bits) {
                            m[b / 8] ^= (byte) (1 << (b % 8));
                          }
                          return m;
                        }));
  }

  @Property(tries = 400)
  void randomBytesAfterAValidCommand(
      @ForAll("randomAfterCommand") byte[] record,
      @ForAll("setups") byte[] setup,
      @ForAll boolean sixteenBit) {
    check(4, sixteenBit, setup, record);
  }

  @Property(tries = 300)
  void truncatedRealRecords(
      @ForAll("truncatedCorpus") byte[] record, @ForAll("setups") byte[] setup) {
    check(5, false, setup, record);
  }

  @Property(tries = 300)
  void bitFlippedRealRecords(
      @ForAll("bitFlippedCorpus") byte[] record, @ForAll("setups") byte[] setup) {
    check(4, false, setup, record);
  }
}
