package dev.console3270.protocol.datastream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.LockReason;
import dev.console3270.protocol.ProtocolException;
import dev.console3270.protocol.ReplyMode;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.datastream.DataStreamProcessor.Rejection;
import dev.console3270.protocol.datastream.DataStreamProcessor.Result;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.BufferAddress;
import dev.console3270.protocol.screen.ScreenBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Commands, WCC bits, orders and structured fields, one behaviour per test. */
class DataStreamProcessorTest {

  private TerminalState state = new TerminalState(TerminalModel.of(4, true, true), null);
  private FakeReplies replies = new FakeReplies();
  private DataStreamProcessor p = new DataStreamProcessor(state, replies);

  private ScreenBuffer screen() {
    return state.screen();
  }

  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h.replace(" ", ""));
  }

  private Result run(String h) throws ProtocolException {
    byte[] b = hex(h);
    return p.apply(b, 0, b.length);
  }

  private ProtocolException fails(String h) {
    byte[] b = hex(h);
    try {
      p.apply(b, 0, b.length);
    } catch (ProtocolException e) {
      assertThat(screen().cursor()).isBetween(0, screen().size() - 1);
      return e;
    }
    throw new AssertionError("no ProtocolException for " + h);
  }

  /** SBA order to an address, 12-bit coded. */
  private String sba(int address) {
    return String.format("11%04x", BufferAddress.encode(address, 4096));
  }

  private String text(int from, int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.append(ScreenText.charAt(screen(), screen().wrap(from + i)));
    }
    return sb.toString();
  }

  // ----- commands

  @Test
  void eraseWriteAlternateUsesTheAlternateSizeAndEraseWriteTheDefault() throws Exception {
    run("7e c3 c1");
    assertThat(screen().rows()).isEqualTo(43);
    assertThat(screen().isAlternate()).isTrue();
    assertThat(text(0, 1)).isEqualTo("A");
    run("f5 c3" + sba(81) + "c2");
    assertThat(screen().rows()).isEqualTo(24);
    assertThat(screen().isAlternate()).isFalse();
    assertThat(text(0, 1)).isEqualTo(" ");
    assertThat(text(81, 1)).isEqualTo("B");
  }

  @Test
  void writeKeepsTheScreenAndStartsAtTheCursor() throws Exception {
    run("f5 c3 c1 c2 c3" + sba(100) + "13");
    run("f1 c3 c4");
    assertThat(text(0, 3)).isEqualTo("ABC");
    assertThat(text(100, 1)).isEqualTo("D");
  }

  @ParameterizedTest
  @CsvSource({"01,f1", "05,f5", "0d,7e", "0f,6f"})
  void localAndSnaWriteCodesAreEquivalent(String local, String sna) throws Exception {
    run("7e c3 1d 40 c1 c1 1d 60 c2" + sba(500) + "c3");
    run(local + "c3 c4");
    String a = String.join("\n", ScreenText.lines(screen()));
    int rowsA = screen().rows();
    state = new TerminalState(TerminalModel.of(4, true, true), null);
    p = new DataStreamProcessor(state, replies);
    run("7e c3 1d 40 c1 c1 1d 60 c2" + sba(500) + "c3");
    run(sna + "c3 c4");
    assertThat(String.join("\n", ScreenText.lines(screen()))).isEqualTo(a);
    assertThat(screen().rows()).isEqualTo(rowsA);
  }

  @ParameterizedTest
  @CsvSource({
    "02,readBuffer ENTER",
    "f2,readBuffer ENTER",
    "06,readModified ENTER",
    "f6,readModified ENTER",
    "0e,readModifiedAll ENTER",
    "6e,readModifiedAll ENTER"
  })
  void readCommandsReplyWithTheLastAid(String cmd, String call) throws Exception {
    state.setLastAid(Aid.ENTER);
    Result r = run(cmd);
    assertThat(replies.calls).containsExactly(call);
    assertThat(r.reply()).isNotNull();
    assertThat(r.reply()[0] & 0xff).isEqualTo(Aid.ENTER.code());
  }

  @Test
  void wsfInBothCodeSets() throws Exception {
    assertThat(run("11 0005 01 ff 02").reply()).isNotNull();
    assertThat(run("f3 0005 01 ff 02").reply()).isNotNull();
    assertThat(replies.calls).containsExactly("query", "query");
  }

  @Test
  void noOpIsAcceptedAndUnknownCommandsAreRejected() throws Exception {
    run("f5 c3 c1");
    assertThat(run("03").reply()).isNull();
    ProtocolException e = fails("20 c3 c2");
    assertThat(e.offset()).isZero();
    assertThat(p.lastRejection()).isEqualTo(Rejection.COMMAND_REJECT);
    assertThat(text(0, 2)).isEqualTo("A ");
    run("03");
    assertThat(p.lastRejection()).isEqualTo(Rejection.NONE);
  }

  @Test
  void emptyRecordDoesNothing() throws Exception {
    Result r = p.apply(new byte[3], 1, 0);
    assertThat(r.reply()).isNull();
    assertThat(r.keyboardRestored()).isFalse();
  }

  @Test
  void applyReadsOnlyItsSlice() throws Exception {
    byte[] b = hex("ff f5 c3 c1 c2 ff");
    p.apply(b, 1, 4);
    assertThat(text(0, 3)).isEqualTo("AB ");
    assertThat(screen().cursor()).isZero();
  }

  @Test
  void everyApplyTouchesTheBuffer() throws Exception {
    long v = screen().version();
    run("f1 c3 c1");
    assertThat(screen().version()).isGreaterThan(v);
    v = screen().version();
    fails("f1 c3 11");
    assertThat(screen().version()).isGreaterThan(v);
  }

  // ----- WCC

  @Test
  void wccAlarmSoundsTheAlarm() throws Exception {
    Result r = run("f1 44");
    assertThat(r.alarm()).isTrue();
    assertThat(state.takeAlarm()).isTrue();
    assertThat(run("f1 40").alarm()).isFalse();
    assertThat(state.takeAlarm()).isFalse();
  }

  @Test
  void wccRestoreUnlocksResetsTheAidAndInsertMode() throws Exception {
    state.lock(LockReason.SYSTEM);
    state.setLastAid(Aid.PF3);
    state.setInsertMode(true);
    Result r = run("f1 40 c1");
    assertThat(r.keyboardRestored()).isFalse();
    assertThat(state.lockReasons()).containsExactly(LockReason.SYSTEM);
    r = run("f1 42 c1");
    assertThat(r.keyboardRestored()).isTrue();
    assertThat(state.isKeyboardLocked()).isFalse();
    assertThat(state.lastAid()).isEqualTo(Aid.NONE);
    assertThat(state.isInsertMode()).isFalse();
  }

  @Test
  void anyWriteEndsAwaitingFirst() throws Exception {
    state.lock(LockReason.AWAITING_FIRST);
    state.lock(LockReason.SYSTEM);
    run("f1 40");
    assertThat(state.lockReasons()).containsExactly(LockReason.SYSTEM);
  }

  @Test
  void wccResetMdtHappensBeforeTheOrders() throws Exception {
    run("f5 c3 1d c1 c1" + sba(10) + "1d 41");
    assertThat(screen().fieldAttributeByte(0) & 1).isEqualTo(1);
    // Reset MDT, and an SF with the MDT on in the same write: the new field keeps it.
    run("f1 c1" + sba(20) + "1d c1");
    assertThat(screen().fieldAttributeByte(0) & 1).isZero();
    assertThat(screen().fieldAttributeByte(10) & 1).isZero();
    assertThat(screen().fieldAttributeByte(20) & 1).isEqualTo(1);
  }

  @Test
  void wccResetResetsTheReplyModeOnlyWithAnErase() throws Exception {
    state.setReplyMode(ReplyMode.CHARACTER, new int[] {0x42});
    run("f1 c0");
    assertThat(state.replyMode()).isEqualTo(ReplyMode.CHARACTER);
    run("f5 80");
    assertThat(state.replyMode()).isEqualTo(ReplyMode.CHARACTER);
    run("f5 c0");
    assertThat(state.replyMode()).isEqualTo(ReplyMode.FIELD);
    assertThat(state.replyModeAttributes()).isEmpty();
  }

  // ----- orders

  @Test
  void startFieldPutsAnAttributeAtTheCurrentAddress() throws Exception {
    run("f5 c3" + sba(5) + "1d f0 c1 c2");
    assertThat(screen().isFieldAttribute(5)).isTrue();
    assertThat(screen().fieldAttributeByte(5)).isEqualTo(0xf0);
    assertThat(screen().isProtectedAt(6)).isTrue();
    assertThat(text(5, 3)).isEqualTo(" AB");
    assertThat(screen().isFormatted()).isTrue();
  }

  @Test
  void startFieldExtendedCarriesExtendedAttributes() throws Exception {
    run("f5 c3" + sba(5) + "29 05 42 f2 c0 60 41 f4 43 f1 c1 04 c1");
    assertThat(screen().isFieldAttribute(5)).isTrue();
    assertThat(screen().fieldAttributeByte(5)).isEqualTo(0x60);
    assertThat(screen().foregroundAt(5)).isEqualTo(0xf2);
    assertThat(screen().highlightAt(5)).isEqualTo(Attributes.HL_UNDERSCORE);
    assertThat(screen().charsetAt(5)).isEqualTo(Attributes.CS_APL);
    assertThat(screen().validationAt(5)).isEqualTo(Attributes.VALIDATION_MANDATORY_FILL);
    assertThat(text(6, 1)).isEqualTo("A");
  }

  @Test
  void startFieldExtendedWithoutFieldAttributeMakesAnUnprotectedField() throws Exception {
    run("f5 c3" + sba(5) + "1d 60" + sba(5) + "29 01 45 f1");
    assertThat(screen().isFieldAttribute(5)).isTrue();
    assertThat(screen().fieldAttributeByte(5)).isZero();
    assertThat(screen().backgroundAt(5)).isEqualTo(0xf1);
  }

  @Test
  void coloursAreIgnoredOnAMonochromeModel() throws Exception {
    state = new TerminalState(TerminalModel.of(2, false, true), null);
    p = new DataStreamProcessor(state, replies);
    run("f5 c3 29 02 c0 60 42 f2 28 42 f4 c1");
    assertThat(screen().foregroundAt(0)).isZero();
    assertThat(screen().foregroundAt(1)).isZero();
  }

  @Test
  void setBufferAddressIn12And14BitForm() throws Exception {
    run("7e c3 11 5d 7f c1"); // 12-bit: row 24 column 80 = 1919
    assertThat(text(1919, 1)).isEqualTo("A");
    run("f1 c3 11 0d 00 c2"); // 14-bit: X'0D00' = 3328
    assertThat(text(3328, 1)).isEqualTo("B");
  }

  @Test
  void sixteenBitAddressingWhenEnabled() throws Exception {
    p.setSixteenBitAddressing(true);
    run("7e c3 11 0d 00 c2 11 00 05 c3");
    assertThat(text(3328, 1)).isEqualTo("B");
    assertThat(text(5, 1)).isEqualTo("C");
  }

  @Test
  void setBufferAddressBeyondTheBufferStopsTheWrite() throws Exception {
    state.lock(LockReason.SYSTEM);
    ProtocolException e = fails("f5 c2 c1 13 11 0f 00 c2");
    assertThat(e.offset()).isEqualTo(4);
    assertThat(p.lastRejection()).isEqualTo(Rejection.OPERATION_CHECK);
    assertThat(text(0, 2)).isEqualTo("A ");
    // The write's IC and keyboard restore still take effect, as in x3270.
    assertThat(screen().cursor()).isEqualTo(1);
    assertThat(state.isKeyboardLocked()).isFalse();
  }

  @Test
  void setAttributeAppliesToTheFollowingCharacters() throws Exception {
    run("f5 c3 c1 28 42 f2 28 41 f2 c2 28 43 f1 c3 28 00 00 c4");
    assertThat(screen().foregroundAt(0)).isZero();
    assertThat(screen().foregroundAt(1)).isEqualTo(0xf2);
    assertThat(screen().highlightAt(1)).isEqualTo(Attributes.HL_REVERSE);
    assertThat(screen().charsetAt(1)).isZero();
    assertThat(screen().charsetAt(2)).isEqualTo(Attributes.CS_APL);
    assertThat(screen().foregroundAt(2)).isEqualTo(0xf2);
    assertThat(screen().foregroundAt(3)).isZero();
    assertThat(screen().highlightAt(3)).isZero();
    assertThat(screen().charsetAt(3)).isZero();
  }

  @Test
  void setAttributeLastsOnlyForOneWrite() throws Exception {
    run("f5 c3 28 42 f2 c1");
    run("f1 c3" + sba(1) + "c2");
    assertThat(screen().foregroundAt(0)).isEqualTo(0xf2);
    assertThat(screen().foregroundAt(1)).isZero();
  }

  @Test
  void modifyFieldChangesAnExistingAttribute() throws Exception {
    run("f5 c3" + sba(5) + "29 02 c0 60 42 f2 c1");
    run("f1 c3" + sba(5) + "2c 02 41 f1 c0 c1 c2");
    assertThat(screen().isFieldAttribute(5)).isTrue();
    assertThat(screen().fieldAttributeByte(5)).isEqualTo(0xc1);
    assertThat(screen().foregroundAt(5)).isEqualTo(0xf2);
    assertThat(screen().highlightAt(5)).isEqualTo(Attributes.HL_BLINK);
    assertThat(text(6, 1)).isEqualTo("B");
  }

  @Test
  void modifyFieldSetsColoursCharsetAndValidation() throws Exception {
    run("f5 c3" + sba(5) + "1d 40");
    run("f1 c3" + sba(5) + "2c 05 42 f4 45 f1 43 f1 c1 02 46 f0");
    assertThat(screen().foregroundAt(5)).isEqualTo(0xf4);
    assertThat(screen().backgroundAt(5)).isEqualTo(0xf1);
    assertThat(screen().charsetAt(5)).isEqualTo(Attributes.CS_APL);
    assertThat(screen().validationAt(5)).isEqualTo(Attributes.VALIDATION_MANDATORY_ENTRY);
    assertThat(screen().fieldAttributeByte(5)).isEqualTo(0x40);
  }

  @Test
  void modifyFieldNotAtAnAttributeSkipsItsPairs() throws Exception {
    run("f5 c3" + sba(5) + "2c 01 42 f2 c1");
    assertThat(screen().isFieldAttribute(5)).isFalse();
    assertThat(text(5, 1)).isEqualTo("A");
  }

  @Test
  void insertCursorLastOneWinsAndWithoutItTheCursorStays() throws Exception {
    run("f5 c3" + sba(10) + "13" + sba(20) + "13 c1");
    assertThat(screen().cursor()).isEqualTo(20);
    run("f1 c3" + sba(30) + "c2");
    assertThat(screen().cursor()).isEqualTo(20);
  }

  @Test
  void programTabAfterAnOrderMovesToTheNextUnprotectedField() throws Exception {
    // protected field at 0, unprotected at 10, protected at 20
    run("f5 c3 1d 60 c1 c1 c1" + sba(10) + "1d 40 c2 c2" + sba(20) + "1d 60");
    run("f1 c3" + sba(1) + "05 c3");
    assertThat(text(1, 3)).isEqualTo("AAA");
    assertThat(text(11, 2)).isEqualTo("CB");
  }

  @Test
  void programTabAfterDataNullsTheRestOfTheField() throws Exception {
    run("f5 c3 1d 40 c1 c1 c1 c1" + sba(10) + "1d 40 c2 c2 c2");
    run("f1 c3" + sba(1) + "c3 05 c4");
    assertThat(text(1, 4)).isEqualTo("C   ");
    assertThat(screen().charAt(2)).isZero();
    assertThat(text(11, 3)).isEqualTo("DBB");
  }

  @Test
  void programTabAtAnUnprotectedAttributeAdvancesOnePosition() throws Exception {
    run("f5 c3" + sba(10) + "1d 40" + sba(30) + "1d 40" + sba(10) + "05 c1");
    assertThat(text(11, 1)).isEqualTo("A");
    // Not at an attribute: on to the next unprotected field's first position.
    run("f1 c3" + sba(12) + "05 c2");
    assertThat(text(31, 1)).isEqualTo("B");
  }

  @Test
  void programTabWithoutUnprotectedFieldsGoesToZero() throws Exception {
    run("f5 c3 1d 60" + sba(10) + "05 c1");
    assertThat(text(0, 2)).isEqualTo("A ");
    assertThat(screen().isFieldAttribute(0)).isFalse();
  }

  @Test
  void repeatToAddressFillsUpToTheAddress() throws Exception {
    run("f5 c3" + sba(5) + "3c" + String.format("%04x", BufferAddress.encode(9, 4096)) + "c1 c2");
    assertThat(text(4, 6)).isEqualTo(" AAAAB");
  }

  @Test
  void repeatToAddressWithGraphicEscape() throws Exception {
    run("f5 c3 3c 40 c3 08 ad");
    assertThat(screen().charsetAt(0)).isEqualTo(Attributes.CS_APL);
    assertThat(screen().charAt(2)).isEqualTo(0xad);
    assertThat(screen().charsetAt(3)).isZero();
  }

  @Test
  void repeatToTheCurrentAddressFillsTheWholeBuffer() throws Exception {
    run("f5 c3" + sba(7) + "3c" + String.format("%04x", BufferAddress.encode(7, 4096)) + "c1");
    for (int a = 0; a < screen().size(); a++) {
      assertThat(screen().charAt(a)).isEqualTo(0xc1);
    }
  }

  @Test
  void repeatToAddressWraps() throws Exception {
    run("f5 c3" + sba(1918) + "3c 40 c2 c1");
    assertThat(text(1917, 6)).isEqualTo(" AAAA ");
  }

  @Test
  void repeatToAddressBackgroundFromTheRaTestTrace() {
    // s3270__ra_test.trc: SFE protect, SA bg red, RA to (1,10) with '0', SFE.
    DataStreamTraceReplayTest.Replay r = DataStreamTraceReplayTest.replay("s3270__ra_test.trc");
    ScreenBuffer s = r.state().screen();
    assertThat(r.errors()).isEmpty();
    assertThat(s.isFieldAttribute(0)).isTrue();
    for (int a = 1; a <= 8; a++) {
      assertThat(s.charAt(a)).isEqualTo(0xf0);
      assertThat(s.backgroundAt(a)).isEqualTo(0xf2);
    }
    assertThat(s.isFieldAttribute(9)).isTrue();
    assertThat(s.cursor()).isZero();
  }

  @Test
  void eraseUnprotectedToAddressNullsOnlyUnprotectedPositions() throws Exception {
    run("f5 c3 1d 40 c1 c1 1d 60 c2 c2 1d 40 c3 c3");
    run("f1 c3" + sba(0) + "12" + String.format("%04x", BufferAddress.encode(8, 4096)) + "c4");
    assertThat(text(0, 10)).isEqualTo("    BB  D ");
    assertThat(screen().isFieldAttribute(6)).isTrue();
  }

  @Test
  void graphicEscapeWritesOneAplCharacter() throws Exception {
    run("f5 c3 08 ad c1");
    assertThat(screen().charAt(0)).isEqualTo(0xad);
    assertThat(screen().charsetAt(0)).isEqualTo(Attributes.CS_APL);
    assertThat(screen().charsetAt(1)).isZero();
  }

  @Test
  void charactersReplaceFieldAttributes() throws Exception {
    run("f5 c3 1d 60 c1");
    run("f1 c3" + sba(0) + "c2");
    assertThat(screen().isFieldAttribute(0)).isFalse();
    assertThat(screen().isFormatted()).isFalse();
    assertThat(text(0, 2)).isEqualTo("BA");
  }

  @Test
  void writingPastTheEndWraps() throws Exception {
    run("f5 c3" + sba(1919) + "c1 c2");
    assertThat(text(1919, 2)).isEqualTo("AB");
  }

  @Test
  void formatControlsAreStoredAndUnsupportedControlsSkipped() throws Exception {
    run("f5 c3 c1 1c 1e 00 3f 0c 15 0d 19 ff 01 c2");
    int[] expected = {0xc1, 0x1c, 0x1e, 0x00, 0x3f, 0x0c, 0x15, 0x0d, 0x19, 0xff, 0xc2};
    for (int a = 0; a < expected.length; a++) {
      assertThat(screen().charAt(a)).as("address %d", a).isEqualTo(expected[a]);
    }
  }

  @Test
  void shiftInNeedsAShiftOut() throws Exception {
    run("f5 c3 0e 42 42 0f c1");
    assertThat(screen().charAt(0)).isEqualTo(0x0e);
    assertThat(screen().charAt(3)).isEqualTo(0x0f);
    ProtocolException e = fails("f5 c3 c1 0f c2");
    assertThat(e.offset()).isEqualTo(3);
    assertThat(text(0, 2)).isEqualTo("A ");
    // SO SI SI: the second SI finds the first before any SO.
    assertThat(fails("f5 c3 0e c1 0f 0f").offset()).isEqualTo(5);
  }

  // ----- Erase All Unprotected

  @Test
  void eraseAllUnprotectedClearsInputFieldsAndRestores() throws Exception {
    run("f5 c3 1d 60 c1" + sba(10) + "1d c1 c2 c2" + sba(20) + "1d 60 c3" + sba(30) + "1d 41 c4");
    state.lock(LockReason.SYSTEM);
    state.setLastAid(Aid.ENTER);
    Result r = run("6f");
    assertThat(text(0, 3)).isEqualTo(" A ");
    assertThat(text(11, 2)).isEqualTo("  ");
    assertThat(screen().charAt(11)).isZero();
    assertThat(text(20, 3)).isEqualTo(" C ");
    assertThat(screen().charAt(31)).isZero();
    assertThat(screen().fieldAttributeByte(10) & 1).isZero();
    assertThat(screen().fieldAttributeByte(30) & 1).isZero();
    assertThat(screen().cursor()).isEqualTo(11);
    assertThat(r.keyboardRestored()).isTrue();
    assertThat(state.isKeyboardLocked()).isFalse();
    assertThat(state.lastAid()).isEqualTo(Aid.NONE);
  }

  @Test
  void eraseAllUnprotectedOnAnUnformattedScreenClearsIt() throws Exception {
    run("f5 c3 c1 c2" + sba(50) + "13");
    run("0f");
    assertThat(text(0, 2)).isEqualTo("  ");
    assertThat(screen().cursor()).isZero();
  }

  @Test
  void eraseAllUnprotectedWithOnlyProtectedFieldsHomesTheCursor() throws Exception {
    run("f5 c3 1d 60 c1" + sba(50) + "13");
    run("6f");
    assertThat(text(1, 1)).isEqualTo("A");
    assertThat(screen().cursor()).isZero();
  }

  // ----- structured fields

  @Test
  void createPartitionForPartitionZeroHomesTheCursor() throws Exception {
    run("f5 c3" + sba(100) + "13");
    run("f3 0006 0c 00 00 00");
    assertThat(screen().cursor()).isZero();
    assertThat(fails("f3 0004 0c 01").offset()).isEqualTo(4);
    assertThat(fails("f3 0005 0c 00 13").offset()).isEqualTo(5);
  }

  @Test
  void thePublicConstructorAppliesWrites() throws Exception {
    DataStreamProcessor real = new DataStreamProcessor(state);
    byte[] rec = hex("f5 c3 c1");
    assertThat(real.apply(rec, 0, rec.length).reply()).isNull();
    assertThat(text(0, 1)).isEqualTo("A");
  }

  @Test
  void applyRejectsASliceOutsideTheArray() {
    assertThatThrownBy(() -> p.apply(new byte[2], 1, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eraseResetSelectsTheSize() throws Exception {
    run("f3 0004 03 80");
    assertThat(screen().rows()).isEqualTo(43);
    run("f3 0004 03 00");
    assertThat(screen().rows()).isEqualTo(24);
  }

  @Test
  void setReplyModeWithCharacterAttributes() throws Exception {
    run("f3 0007 09 00 02 42 41");
    assertThat(state.replyMode()).isEqualTo(ReplyMode.CHARACTER);
    assertThat(state.replyModeAttributes()).containsExactly(0x42, 0x41);
    run("f3 0005 09 00 01");
    assertThat(state.replyMode()).isEqualTo(ReplyMode.EXTENDED_FIELD);
  }

  @Test
  void setReplyModeFromTheReplyModesTrace() {
    // s3270__reply_modes.trc ends with a Set Reply Mode the host sent after its screens.
    DataStreamTraceReplayTest.Replay r = DataStreamTraceReplayTest.replay("s3270__reply_modes.trc");
    assertThat(r.errors()).isEmpty();
    assertThat(r.state().replyMode()).isNotNull();
  }

  @Test
  void outbound3270dsCarriesAWrite() throws Exception {
    run("f3 0008 40 00 f5 c3 c1 c2");
    assertThat(text(0, 2)).isEqualTo("AB");
    run("f3 0000 40 00 f1 c3" + sba(2) + "c3");
    assertThat(text(0, 3)).isEqualTo("ABC");
    run("f3 0005 40 00 6f");
    assertThat(text(0, 3)).isEqualTo("   ");
  }

  @Test
  void severalFieldsInOneRecordAndLengthZeroMeansTheRest() throws Exception {
    run("f3 0004 03 80 0007 40 00 f1 c3 c1 0000 09 00 02 43");
    assertThat(screen().rows()).isEqualTo(43);
    assertThat(text(0, 1)).isEqualTo("A");
    assertThat(state.replyModeAttributes()).containsExactly(0x43);
  }

  @ParameterizedTest
  @CsvSource({"f3 00, 1", "f3 0002 03, 1", "f3 0009 03 80, 1", "f3 0004 03 80 00, 5"})
  void badStructuredFieldLengthsAreRejected(String rec, int offset) {
    ProtocolException e = fails(rec);
    assertThat(e.offset()).isEqualTo(offset);
    assertThat(p.lastRejection()).isEqualTo(Rejection.COMMAND_REJECT);
  }

  @Test
  void badLengthAfterAGoodFieldKeepsTheGoodField() {
    fails("f3 0004 03 80 0009 40");
    assertThat(screen().rows()).isEqualTo(43);
  }

  @Test
  void unknownStructuredFieldIsRejectedAfterTheOthersAreApplied() {
    ProtocolException e = fails("f3 0004 77 00 0004 03 80");
    assertThat(e.offset()).isEqualTo(1);
    assertThat(e.reason()).contains("X'77'");
    assertThat(screen().rows()).isEqualTo(43);
  }

  @Test
  void unknownStructuredFieldWithAReplyStillReplies() throws Exception {
    Result r = run("f3 0004 77 00 0005 01 ff 02");
    assertThat(r.reply()).isNotNull();
  }

  @Test
  void readPartitionQueryAndQueryList() throws Exception {
    assertThat(run("f3 0005 01 ff 02").reply()).containsExactly(0x88, 1);
    assertThat(run("f3 0008 01 ff 03 00 81 86").reply()).containsExactly(0x88, 2);
    run("f3 0006 01 ff 03 40");
    run("f3 0006 01 ff 03 80");
    assertThat(replies.calls)
        .containsExactly("query", "queryList 0 81 86", "queryList 40", "queryList 80");
  }

  @Test
  void readPartitionReadsUseTheReadPartitionAid() throws Exception {
    run("f3 0005 01 00 f2");
    run("f3 0005 01 00 f6");
    run("f3 0005 01 00 6e");
    assertThat(replies.calls)
        .containsExactly(
            "readBuffer READ_PARTITION",
            "readModified READ_PARTITION",
            "readModifiedAll READ_PARTITION");
  }

  @ParameterizedTest
  @CsvSource({
    "f3 0006 01 ff 03, 1", // Query List without request type
    "f3 0004 09 00, 1", // Set Reply Mode too short
    "f3 0004 40 00, 1", // Outbound 3270DS too short
    "f3 0005 40 01 f1, 4", // Outbound 3270DS to partition 1
    "f3 0005 01 00 02, 4", // Query to partition 0
    "f3 0005 01 ff f2, 4", // Read Buffer to partition FF
    "f3 0006 01 ff 03 11, 6", // unknown request type
    "f3 0005 01 ff 99, 5", // unknown type
    "f3 0004 01 ff, 1", // too short
    "f3 0005 09 00 07, 5", // unknown reply mode
    "f3 0005 40 00 f2, 5" // Read Buffer inside Outbound 3270DS
  })
  void badReadPartitionAndFriendsAreRejected(String rec, int offset) {
    assertThat(fails(rec).offset()).isEqualTo(offset);
    assertThat(replies.calls).isEmpty();
  }

  @Test
  void transferDataIsPassedOn() throws Exception {
    Result r = run("f3 0006 d0 00 09 05");
    assertThat(r.otherFields()).hasSize(1);
    assertThat(r.otherFields().get(0).id()).isEqualTo(0xd0);
    assertThat(r.otherFields().get(0).data()).containsExactly(0, 6, 0xd0, 0, 9, 5);
  }

  @Test
  void writeErrorInsideAStructuredFieldIsRejected() {
    ProtocolException e = fails("f3 0008 40 00 f5 c3 c1 11");
    assertThat(e.offset()).isEqualTo(8);
    assertThat(text(0, 1)).isEqualTo("A");
  }

  // ----- malformed writes

  @ParameterizedTest
  @CsvSource({
    "f5, 1",
    "f5 c3 1d, 2",
    "f5 c3 c1 11 40, 3",
    "f5 c3 3c 40, 2",
    "f5 c3 3c 40 c5, 2",
    "f5 c3 3c 40 c5 08, 2",
    "f5 c3 12 40, 2",
    "f5 c3 08, 2",
    "f5 c3 28 42, 2",
    "f5 c3 29, 2",
    "f5 c3 29 02 c0 60 42, 6",
    "f5 c3 2c, 2",
    "f5 c3 1d 60 11 40 40 2c 02 41 f1 42, 11",
    "f5 c3 2c 01 41, 2",
    "f5 c3 3c 7f 7f c1, 2",
    "f5 c3 12 3f ff, 2",
    "f5 c3 29 01, 4"
  })
  void truncatedOrBadOrdersAreRejectedAtTheirOffset(String rec, int offset) {
    ProtocolException e = fails(rec);
    assertThat(e.offset()).isEqualTo(offset);
    assertThat(p.lastRejection()).isEqualTo(Rejection.OPERATION_CHECK);
  }
}
