package dev.console3270.protocol.datastream;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.LockReason;
import dev.console3270.protocol.ProtocolException;
import dev.console3270.protocol.ReplyMode;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.BufferAddress;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Applies outbound 3270 data (host to terminal) to a {@link TerminalState}: the commands Write,
 * Erase/Write, Erase/Write Alternate, Erase All Unprotected, the Read commands and Write Structured
 * Field, in both the local (CCW) and the SNA code sets.
 *
 * <p>The behaviour follows x3270's controller: a write is applied order by order; a malformed order
 * stops the write where it is found, the WCC's post-write actions (cursor, keyboard restore, alarm)
 * still happen, and then a {@link ProtocolException} with the offset in the record is thrown.
 * Single-threaded, like the state it works on.
 *
 * <p>Known differences from x3270: no DBCS handling (every byte is one cell); SFE keeps the
 * intensify highlight (x3270 masks it off) and the validation attribute; an MF not at a field
 * attribute whose pairs run past the record is rejected (x3270 stops silently); Outbound 3270DS
 * also accepts the local command codes; Erase/Reset takes any flag byte (bit X'80' selects the
 * alternate size).
 */
public final class DataStreamProcessor {

  /** How a rejected record should be answered (TN3270E negative response reason). */
  public enum Rejection {
    /** The last record was accepted. */
    NONE,
    /** Unknown command or bad structured field (x3270: command reject, X'00'). */
    COMMAND_REJECT,
    /** Bad order or address inside a write (x3270: operation check, X'02'). */
    OPERATION_CHECK
  }

  /**
   * A structured field this processor does not interpret but another component may (such as the
   * IND$FILE transfer data, ID X'D0').
   *
   * @param id the structured field ID
   * @param data the whole field, starting with its two length bytes
   */
  public record StructuredField(int id, byte[] data) {}

  /**
   * What applying one record produced.
   *
   * @param reply inbound 3270 data to send to the host (AID first), or null when none
   * @param keyboardRestored the record restored the keyboard (WCC restore or Erase All Unprotected)
   * @param alarm the WCC sounded the alarm
   * @param otherFields structured fields passed on uninterpreted (empty when none)
   */
  public record Result(
      byte[] reply, boolean keyboardRestored, boolean alarm, List<StructuredField> otherFields) {}

  // Commands, local (CCW) code set.
  static final int CMD_W = 0x01;
  static final int CMD_RB = 0x02;
  static final int CMD_NOP = 0x03;
  static final int CMD_EW = 0x05;
  static final int CMD_RM = 0x06;
  static final int CMD_EWA = 0x0d;
  static final int CMD_RMA = 0x0e;
  static final int CMD_EAU = 0x0f;
  static final int CMD_WSF = 0x11;
  // Commands, SNA code set.
  static final int SNA_W = 0xf1;
  static final int SNA_RB = 0xf2;
  static final int SNA_EW = 0xf5;
  static final int SNA_RM = 0xf6;
  static final int SNA_EWA = 0x7e;
  static final int SNA_RMA = 0x6e;
  static final int SNA_EAU = 0x6f;
  static final int SNA_WSF = 0xf3;

  // Orders.
  static final int ORDER_PT = 0x05;
  static final int ORDER_GE = 0x08;
  static final int ORDER_SBA = 0x11;
  static final int ORDER_EUA = 0x12;
  static final int ORDER_IC = 0x13;
  static final int ORDER_SF = 0x1d;
  static final int ORDER_SA = 0x28;
  static final int ORDER_SFE = 0x29;
  static final int ORDER_MF = 0x2c;
  static final int ORDER_RA = 0x3c;

  // Format control characters stored in the buffer as they are.
  static final int FC_NUL = 0x00;
  static final int FC_FF = 0x0c;
  static final int FC_CR = 0x0d;
  static final int FC_SO = 0x0e;
  static final int FC_SI = 0x0f;
  static final int FC_NL = 0x15;
  static final int FC_EM = 0x19;
  static final int FC_DUP = 0x1c;
  static final int FC_FM = 0x1e;
  static final int FC_LF = 0x25;
  static final int FC_SUB = 0x3f;
  static final int FC_EO = 0xff;

  /** Byte kinds in a write: stored as a character (plain or format control), or not. */
  private static final byte STORED_NOT = 0;

  private static final byte STORED_DATA = 1;

  private static final byte STORED_CONTROL = 2;

  /**
   * For each byte: whether a write stores it as it is at the buffer address (data X'40'-X'FE' and
   * NUL: {@code STORED_DATA}; the format controls but SI: {@code STORED_CONTROL}), so that runs of
   * them can be written in bulk.
   */
  private static final byte[] STORED = storedTable();

  private static byte[] storedTable() {
    byte[] t = new byte[256];
    for (int c = 0x40; c < 0xff; c++) {
      t[c] = STORED_DATA;
    }
    t[FC_NUL] = STORED_DATA;
    for (int c :
        new int[] {FC_FF, FC_CR, FC_NL, FC_EM, FC_DUP, FC_FM, FC_LF, FC_SUB, FC_EO, FC_SO}) {
      t[c] = STORED_CONTROL;
    }
    return t;
  }

  // WCC bits.
  static final int WCC_RESET = 0x40;
  static final int WCC_ALARM = 0x04;
  static final int WCC_RESTORE = 0x02;
  static final int WCC_RESET_MDT = 0x01;

  // Structured field IDs.
  static final int SF_READ_PARTITION = 0x01;
  static final int SF_ERASE_RESET = 0x03;
  static final int SF_SET_REPLY_MODE = 0x09;
  static final int SF_CREATE_PARTITION = 0x0c;
  static final int SF_OUTBOUND_3270DS = 0x40;
  static final int SF_TRANSFER_DATA = 0xd0;

  // Read Partition types.
  static final int RP_QUERY = 0x02;
  static final int RP_QUERY_LIST = 0x03;

  /** Where replies to read commands and queries come from (a seam for tests). */
  interface ReplySource {
    byte[] query(TerminalState state);

    byte[] queryList(TerminalState state, int requestType, byte[] codes);

    byte[] readBuffer(TerminalState state, Aid aid);

    byte[] readModified(TerminalState state, Aid aid, boolean all);
  }

  /** The real replies: {@link QueryReplies} and {@link InboundEncoder}. */
  private static final ReplySource STANDARD_REPLIES =
      new ReplySource() {
        @Override
        public byte[] query(TerminalState s) {
          return QueryReplies.query(s);
        }

        @Override
        public byte[] queryList(TerminalState s, int requestType, byte[] codes) {
          return QueryReplies.queryList(s, requestType, codes);
        }

        @Override
        public byte[] readBuffer(TerminalState s, Aid aid) {
          return InboundEncoder.readBuffer(s, aid);
        }

        @Override
        public byte[] readModified(TerminalState s, Aid aid, boolean all) {
          return InboundEncoder.readModified(s, aid, all);
        }
      };

  private final TerminalState state;
  private final ReplySource replies;
  private boolean sixteenBitAddressing;
  private Rejection lastRejection = Rejection.NONE;

  // Per-record effects.
  private boolean restored;
  private boolean alarmed;
  private List<StructuredField> others;

  /** A processor that changes {@code state}. */
  public DataStreamProcessor(TerminalState state) {
    this(state, STANDARD_REPLIES);
  }

  DataStreamProcessor(TerminalState state, ReplySource replies) {
    this.state = state;
    this.replies = replies;
  }

  /**
   * Uses 16-bit buffer addresses in SBA, RA and EUA orders (when the host has switched to them);
   * off by default, where addresses are 12- or 14-bit.
   */
  public void setSixteenBitAddressing(boolean on) {
    sixteenBitAddressing = on;
  }

  /** How the last {@link #apply} call ended: accepted, or which kind of rejection. */
  public Rejection lastRejection() {
    return lastRejection;
  }

  /**
   * Applies one record (command byte first); returns what to send back to the host.
   *
   * @throws ProtocolException when the record is malformed; what came before the bad part has been
   *     applied and the model is consistent. The offset is relative to {@code offset}.
   */
  public Result apply(byte[] data, int offset, int length) throws ProtocolException {
    if (offset < 0 || length < 0 || offset > data.length - length) {
      throw new IllegalArgumentException("bad offset/length");
    }
    restored = false;
    alarmed = false;
    others = new ArrayList<>();
    lastRejection = Rejection.NONE;
    Cursor in = new Cursor(data, offset, offset + length);
    try {
      byte[] reply = command(in, offset);
      return new Result(reply, restored, alarmed, List.copyOf(others));
    } catch (Rejected r) {
      lastRejection = r.kind;
      throw r.error;
    } finally {
      state.screen().touch();
    }
  }

  /** The record being read. */
  private record Cursor(byte[] b, int base, int end) {
    int at(int p) {
      return b[p] & 0xff;
    }
  }

  /** Carries a ProtocolException with its rejection kind out of the processing. */
  private static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    final ProtocolException error;
    final Rejection kind;

    Rejected(ProtocolException error, Rejection kind) {
      super(error.getMessage(), null, false, false);
      this.error = error;
      this.kind = kind;
    }
  }

  private Rejected reject(Cursor in, int p, String reason) {
    return new Rejected(new ProtocolException(p - in.base, reason), Rejection.COMMAND_REJECT);
  }

  private byte[] command(Cursor in, int start) throws Rejected {
    if (in.end <= start) {
      return null;
    }
    int cmd = in.at(start);
    switch (cmd) {
      case CMD_W, SNA_W -> write(in, start, in.end, false);
      case CMD_EW, SNA_EW -> {
        erase(false);
        write(in, start, in.end, true);
      }
      case CMD_EWA, SNA_EWA -> {
        erase(true);
        write(in, start, in.end, true);
      }
      case CMD_EAU, SNA_EAU -> eraseAllUnprotected();
      case CMD_RB, SNA_RB -> {
        return replies.readBuffer(state, state.lastAid());
      }
      case CMD_RM, SNA_RM -> {
        return replies.readModified(state, state.lastAid(), false);
      }
      case CMD_RMA, SNA_RMA -> {
        return replies.readModified(state, state.lastAid(), true);
      }
      case CMD_WSF, SNA_WSF -> {
        return writeStructuredField(in, start);
      }
      case CMD_NOP -> {
        // x3270 accepts the no-op command and does nothing.
      }
      default -> throw reject(in, start, String.format("unknown 3270 command X'%02X'", cmd));
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Erase, Erase All Unprotected

  private void erase(boolean alternate) {
    state.screen().eraseAndSetSize(alternate);
  }

  private void restoreKeyboard() {
    state.restoreKeyboard();
    state.setLastAid(Aid.NONE);
    state.setInsertMode(false);
    restored = true;
  }

  private void eraseAllUnprotected() {
    ScreenBuffer s = state.screen();
    if (!s.isFormatted()) {
      s.clear();
    } else {
      int n = s.size();
      int first = s.isFieldAttribute(0) ? 0 : s.nextFieldAttribute(0);
      int a = first;
      boolean cursorSet = false;
      // Visit each field once: every step moves a forward, and the walk ends back at first.
      do {
        int fa = s.fieldAttributeByte(a);
        if ((fa & FieldAttribute.PROTECTED) == 0) {
          s.setFieldAttributeByte(a, fa & ~FieldAttribute.MDT);
          int steps = 0;
          do {
            a = inc(a, n);
            if (!cursorSet) {
              s.setCursor(a);
              cursorSet = true;
            }
            if (!s.isFieldAttribute(a)) {
              s.setCharCode(a, 0, Attributes.CS_DEFAULT);
            }
          } while (!s.isFieldAttribute(a) && ++steps <= n);
        } else {
          a = s.nextFieldAttribute(a);
        }
      } while (a != first);
      if (!cursorSet) {
        s.setCursor(0);
      }
    }
    restoreKeyboard();
  }

  private static int inc(int a, int n) {
    return a + 1 == n ? 0 : a + 1;
  }

  private static int dec(int a, int n) {
    return a == 0 ? n - 1 : a - 1;
  }

  // ---------------------------------------------------------------------------------------------
  // Write

  /** The state of one write while its orders are applied. */
  private final class Write {
    final ScreenBuffer s = state.screen();
    final int n = s.size();
    final boolean color = state.model().color();
    int ba;

    /** Whether the field at {@code ba} is protected; valid only when {@link #faKnown}. */
    boolean currentFaProtected;

    /** False after {@code ba} jumped: EUA works the protection out when it needs it. */
    boolean faKnown;

    int fg;
    int bg;
    int hl;
    int cs;
    boolean lastCmd = true;
    boolean lastZpt;
    int icAddress = -1;

    Write() {
      ba = s.cursor();
    }

    boolean protectedFieldAt(int a) {
      int start = s.fieldStart(a);
      return start >= 0 && (s.fieldAttributeByte(start) & FieldAttribute.PROTECTED) != 0;
    }

    void put(int code, int charset) {
      s.setChar(ba, code, charset, fg, bg, hl);
      ba = inc(ba, n);
    }

    void putRun(Cursor in, int from, int length) {
      ba = s.setChars(ba, in.b(), from, length, cs, fg, bg, hl);
    }

    int color(int v) {
      if (!color) {
        return Attributes.COLOR_DEFAULT;
      }
      return (v & 0xf0) == 0xf0 ? v : Attributes.COLOR_DEFAULT;
    }

    void startField(int fa) {
      s.setFieldAttribute(ba, fa);
      currentFaProtected = (fa & FieldAttribute.PROTECTED) != 0;
      faKnown = true;
    }
  }

  private static int highlight(int v) {
    int h = v & 0x0f;
    return h == 0 ? Attributes.HL_DEFAULT : 0xf0 | h;
  }

  private static int charset(int v) {
    return switch (v) {
      case Attributes.CS_APL -> Attributes.CS_APL;
      case Attributes.CS_DBCS -> Attributes.CS_DBCS;
      default -> Attributes.CS_DEFAULT;
    };
  }

  private int address(Cursor in, int p) {
    int b1 = in.at(p);
    int b2 = in.at(p + 1);
    return sixteenBitAddressing ? BufferAddress.decode16(b1, b2) : BufferAddress.decode(b1, b2);
  }

  /**
   * Applies a write command whose command byte is at {@code start} and WCC at {@code start + 1}, up
   * to {@code end}.
   */
  private void write(Cursor in, int start, int end, boolean erase) throws Rejected {
    if (end - start < 2) {
      throw new Rejected(
          new ProtocolException(start + 1 - in.base, "write without WCC"),
          Rejection.OPERATION_CHECK);
    }
    int wcc = in.at(start + 1);
    if ((wcc & WCC_RESET) != 0 && erase) {
      state.setReplyMode(ReplyMode.FIELD, new int[0]);
    }
    ScreenBuffer s = state.screen();
    if ((wcc & WCC_RESET_MDT) != 0) {
      s.resetAllModified();
    }
    Write w = new Write();
    ProtocolException error = null;
    try {
      orders(in, start + 2, end, w);
    } catch (ProtocolException e) {
      error = e;
    }
    if (w.icAddress >= 0) {
      s.setCursor(w.icAddress);
    }
    state.unlock(LockReason.AWAITING_FIRST);
    if ((wcc & WCC_RESTORE) != 0) {
      restoreKeyboard();
    }
    if ((wcc & WCC_ALARM) != 0) {
      state.soundAlarm();
      alarmed = true;
    }
    if (error != null) {
      throw new Rejected(error, Rejection.OPERATION_CHECK);
    }
  }

  private ProtocolException bad(Cursor in, int p, String reason) {
    return new ProtocolException(p - in.base, reason);
  }

  /** Applies the orders and data from {@code p} to {@code end}. */
  private void orders(Cursor in, int p, int end, Write w) throws ProtocolException {
    ScreenBuffer s = w.s;
    int n = w.n;
    byte[] b = in.b();
    while (p < end) {
      int c = b[p] & 0xff;
      if (STORED[c] != STORED_NOT) {
        // A run of bytes stored as they are (characters, NUL, format controls): written in bulk.
        int q = p + 1;
        while (q < end && STORED[b[q] & 0xff] != STORED_NOT) {
          q++;
        }
        w.putRun(in, p, q - p);
        w.lastCmd = STORED[b[q - 1] & 0xff] == STORED_CONTROL;
        w.lastZpt = false;
        p = q;
        continue;
      }
      switch (c) {
        case ORDER_SF -> {
          if (p + 1 >= end) {
            throw bad(in, p, "record too short: missing SF attribute");
          }
          w.startField(in.at(p + 1));
          w.ba = inc(w.ba, n);
          w.lastCmd = true;
          w.lastZpt = false;
          p += 2;
        }
        case ORDER_SBA -> {
          if (p + 2 >= end) {
            throw bad(in, p, "record too short: missing SBA address");
          }
          int a = address(in, p + 1);
          if (a >= n) {
            throw bad(in, p, "SBA address " + a + " > maximum " + (n - 1));
          }
          w.ba = a;
          w.faKnown = false;
          w.lastCmd = true;
          w.lastZpt = false;
          p += 3;
        }
        case ORDER_IC -> {
          w.icAddress = w.ba;
          w.lastCmd = true;
          w.lastZpt = false;
          p++;
        }
        case ORDER_PT -> {
          programTab(w);
          p++;
        }
        case ORDER_RA -> p = repeatToAddress(in, p, end, w);
        case ORDER_EUA -> {
          if (p + 2 >= end) {
            throw bad(in, p, "record too short: missing EUA address");
          }
          int a = address(in, p + 1);
          if (a >= n) {
            throw bad(in, p, "EUA address " + a + " > maximum " + (n - 1));
          }
          if (!w.faKnown) {
            w.currentFaProtected = w.protectedFieldAt(w.ba);
            w.faKnown = true;
          }
          do {
            if (s.isFieldAttribute(w.ba)) {
              w.currentFaProtected = (s.fieldAttributeByte(w.ba) & FieldAttribute.PROTECTED) != 0;
            } else if (!w.currentFaProtected) {
              s.setCharCode(w.ba, 0, Attributes.CS_DEFAULT);
            }
            w.ba = inc(w.ba, n);
          } while (w.ba != a);
          w.faKnown = false;
          w.lastCmd = true;
          w.lastZpt = false;
          p += 3;
        }
        case ORDER_GE -> {
          if (p + 1 >= end) {
            throw bad(in, p, "record too short: missing GE character");
          }
          w.put(in.at(p + 1), Attributes.CS_APL);
          w.faKnown = false;
          w.lastCmd = false;
          w.lastZpt = false;
          p += 2;
        }
        case ORDER_MF -> p = modifyField(in, p, end, w);
        case ORDER_SFE -> p = startFieldExtended(in, p, end, w);
        case ORDER_SA -> {
          if (p + 2 >= end) {
            throw bad(in, p, "record too short: missing SA attribute");
          }
          int type = in.at(p + 1);
          int v = in.at(p + 2);
          switch (type) {
            case Attributes.TYPE_FOREGROUND -> w.fg = w.color(v);
            case Attributes.TYPE_BACKGROUND -> w.bg = w.color(v);
            case Attributes.TYPE_HIGHLIGHT -> w.hl = highlight(v);
            case Attributes.TYPE_CHARSET -> w.cs = charset(v);
            case Attributes.TYPE_ALL -> {
              w.fg = 0;
              w.bg = 0;
              w.hl = 0;
              w.cs = 0;
            }
            default -> {
              // input control, transparency and others: accepted, not kept (as x3270)
            }
          }
          w.lastCmd = true;
          w.lastZpt = false;
          p += 3;
        }
        case FC_SI -> {
          shiftIn(in, p, w);
          w.put(c, w.cs);
          w.lastCmd = true;
          w.lastZpt = false;
          p++;
        }
        default -> {
          // An unsupported order below X'40': x3270 skips the byte.
          w.lastCmd = true;
          w.lastZpt = false;
          p++;
        }
      }
    }
  }

  /** SI must close an SO earlier in the same field (x3270 rejects the write otherwise). */
  private void shiftIn(Cursor in, int p, Write w) throws ProtocolException {
    ScreenBuffer s = w.s;
    int n = w.n;
    int fa = s.fieldStart(w.ba);
    int stop = fa >= 0 ? fa : n - 1;
    int a = dec(w.ba, n);
    for (int i = 0; i < n && a != stop; i++) {
      if (!s.isFieldAttribute(a) && s.charAt(a) == FC_SI) {
        throw bad(in, p, "double SI");
      }
      if (!s.isFieldAttribute(a) && s.charAt(a) == FC_SO) {
        return;
      }
      a = dec(a, n);
    }
    if (s.isFieldAttribute(a) || s.charAt(a) != FC_SO) {
      throw bad(in, p, "SI without SO");
    }
  }

  private void programTab(Write w) {
    ScreenBuffer s = w.s;
    int n = w.n;
    if (s.isFieldAttribute(w.ba) && (s.fieldAttributeByte(w.ba) & FieldAttribute.PROTECTED) == 0) {
      w.ba = inc(w.ba, n);
      w.lastZpt = false;
      w.lastCmd = true;
      return;
    }
    int target = nextUnprotected(s, w.ba);
    if (target < w.ba) {
      target = 0;
    }
    // After data (not right after a command or order), PT nulls the rest of the field.
    if (!w.lastCmd || w.lastZpt) {
      int steps = 0;
      while (w.ba != target && !s.isFieldAttribute(w.ba) && steps++ < n) {
        s.setChar(w.ba, 0, 0, 0, 0, 0);
        w.ba = inc(w.ba, n);
      }
      if (target == 0) {
        w.lastZpt = true;
      }
    } else {
      w.lastZpt = false;
    }
    w.ba = target;
    w.lastCmd = true;
  }

  /**
   * The first position of the next unprotected field at or after {@code from} (its attribute must
   * be followed by a character position), or 0 when there is none.
   */
  private static int nextUnprotected(ScreenBuffer s, int from) {
    int n = s.size();
    int next = from;
    do {
      int a = next;
      next = inc(next, n);
      if (s.isFieldAttribute(a)
          && (s.fieldAttributeByte(a) & FieldAttribute.PROTECTED) == 0
          && !s.isFieldAttribute(next)) {
        return next;
      }
    } while (next != from);
    return 0;
  }

  private int repeatToAddress(Cursor in, int p, int end, Write w) throws ProtocolException {
    int n = w.n;
    if (p + 2 >= end) {
      throw bad(in, p, "record too short: missing RA address");
    }
    int a = address(in, p + 1);
    if (a >= n) {
      throw bad(in, p, "RA address " + a + " > maximum " + (n - 1));
    }
    int q = p + 3;
    if (q >= end) {
      throw bad(in, p, "record too short: missing RA character");
    }
    int charset = w.cs;
    if (in.at(q) == ORDER_GE) {
      q++;
      if (q >= end) {
        throw bad(in, p, "record too short: missing RA GE character");
      }
      charset = Attributes.CS_APL;
    }
    int c = in.at(q);
    // RA to the current address fills the whole buffer.
    int count = a > w.ba ? a - w.ba : a - w.ba + n;
    w.ba = w.s.fillChars(w.ba, count, c, charset, w.fg, w.bg, w.hl);
    w.faKnown = false;
    w.lastCmd = true;
    w.lastZpt = false;
    return q + 1;
  }

  private int modifyField(Cursor in, int p, int end, Write w) throws ProtocolException {
    ScreenBuffer s = w.s;
    if (p + 1 >= end) {
      throw bad(in, p, "record too short: missing MF count");
    }
    int count = in.at(p + 1);
    int q = p + 2;
    if (!s.isFieldAttribute(w.ba)) {
      // Not at a field attribute: the pairs are skipped.
      if (q + 2 * count > end) {
        throw bad(in, p, "record too short: missing MF attribute");
      }
      w.lastCmd = true;
      w.lastZpt = false;
      return q + 2 * count;
    }
    for (int i = 0; i < count; i++, q += 2) {
      if (q + 1 >= end) {
        throw bad(in, q, "record too short: missing MF attribute");
      }
      int type = in.at(q);
      int v = in.at(q + 1);
      switch (type) {
        case Attributes.TYPE_FIELD -> s.setFieldAttributeByte(w.ba, v);
        case Attributes.TYPE_FOREGROUND, Attributes.TYPE_BACKGROUND ->
            s.setExtendedAttribute(w.ba, type, w.color(v));
        case Attributes.TYPE_HIGHLIGHT -> s.setExtendedAttribute(w.ba, type, highlight(v));
        case Attributes.TYPE_CHARSET -> s.setExtendedAttribute(w.ba, type, charset(v));
        case Attributes.TYPE_VALIDATION -> s.setExtendedAttribute(w.ba, type, v);
        default -> {
          // type 0x00, input control, transparency, outlining: accepted, not kept
        }
      }
    }
    w.ba = inc(w.ba, w.n);
    w.lastCmd = true;
    w.lastZpt = false;
    return q;
  }

  private int startFieldExtended(Cursor in, int p, int end, Write w) throws ProtocolException {
    ScreenBuffer s = w.s;
    if (p + 1 >= end) {
      throw bad(in, p, "record too short: missing SFE count");
    }
    int count = in.at(p + 1);
    int q = p + 2;
    boolean anyFa = false;
    int efg = 0;
    int ebg = 0;
    int ehl = 0;
    int ecs = 0;
    int validation = 0;
    for (int i = 0; i < count; i++, q += 2) {
      if (q + 1 >= end) {
        throw bad(in, q, "record too short: missing SFE attribute");
      }
      int type = in.at(q);
      int v = in.at(q + 1);
      switch (type) {
        case Attributes.TYPE_FIELD -> {
          w.startField(v);
          anyFa = true;
        }
        case Attributes.TYPE_FOREGROUND -> efg = w.color(v);
        case Attributes.TYPE_BACKGROUND -> ebg = w.color(v);
        case Attributes.TYPE_HIGHLIGHT -> ehl = highlight(v);
        case Attributes.TYPE_CHARSET -> ecs = charset(v);
        case Attributes.TYPE_VALIDATION -> validation = v;
        default -> {
          // type 0x00, input control, transparency, outlining: accepted, not kept
        }
      }
    }
    if (!anyFa) {
      w.startField(0);
    }
    s.setExtendedAttribute(w.ba, Attributes.TYPE_CHARSET, ecs);
    s.setExtendedAttribute(w.ba, Attributes.TYPE_FOREGROUND, efg);
    s.setExtendedAttribute(w.ba, Attributes.TYPE_BACKGROUND, ebg);
    s.setExtendedAttribute(w.ba, Attributes.TYPE_HIGHLIGHT, ehl);
    s.setExtendedAttribute(w.ba, Attributes.TYPE_VALIDATION, validation);
    w.ba = inc(w.ba, w.n);
    w.lastCmd = true;
    w.lastZpt = false;
    return q;
  }

  // ---------------------------------------------------------------------------------------------
  // Write Structured Field

  private byte[] writeStructuredField(Cursor in, int start) throws Rejected {
    int p = start + 1;
    byte[] reply = null;
    Rejected firstError = null;
    while (p < in.end) {
      int remaining = in.end - p;
      if (remaining < 2) {
        if (reply != null) {
          return reply;
        }
        throw reject(in, p, "structured field: single byte at end of record");
      }
      int len = (in.at(p) << 8) | in.at(p + 1);
      if (len == 0) {
        len = remaining;
      }
      if (len < 3 || len > remaining) {
        if (reply != null) {
          return reply;
        }
        throw reject(
            in,
            p,
            len < 3
                ? "structured field length " + len + " too small"
                : "structured field length " + len + " exceeds remaining " + remaining);
      }
      try {
        byte[] r = structuredField(in, p, len);
        if (r != null) {
          reply = r;
        }
      } catch (Rejected e) {
        if (firstError == null) {
          firstError = e;
        }
      }
      p += len;
    }
    if (firstError != null && reply == null) {
      throw new Rejected(firstError.error, Rejection.COMMAND_REJECT);
    }
    return reply;
  }

  /** One structured field: {@code len} bytes at {@code p} (length, ID, data). */
  private byte[] structuredField(Cursor in, int p, int len) throws Rejected {
    int id = in.at(p + 2);
    switch (id) {
      case SF_READ_PARTITION -> {
        return readPartition(in, p, len);
      }
      case SF_ERASE_RESET -> {
        if (len != 4) {
          throw reject(in, p, "Erase/Reset: wrong field length " + len);
        }
        erase((in.at(p + 3) & 0x80) != 0);
      }
      case SF_SET_REPLY_MODE -> setReplyMode(in, p, len);
      case SF_CREATE_PARTITION -> createPartition(in, p, len);
      case SF_OUTBOUND_3270DS -> outbound3270ds(in, p, len);
      case SF_TRANSFER_DATA ->
          others.add(new StructuredField(id, Arrays.copyOfRange(in.b, p, p + len)));
      default ->
          // x3270 rejects unknown IDs (after processing the other fields of the record).
          throw reject(in, p, String.format("unsupported structured field ID X'%02X'", id));
    }
    return null;
  }

  private byte[] readPartition(Cursor in, int p, int len) throws Rejected {
    if (len < 5) {
      throw reject(in, p, "Read Partition: field length " + len + " too small");
    }
    int partition = in.at(p + 3);
    int type = in.at(p + 4);
    switch (type) {
      case RP_QUERY -> {
        if (partition != 0xff) {
          throw reject(in, p + 3, "Read Partition Query: illegal partition");
        }
        return replies.query(state);
      }
      case RP_QUERY_LIST -> {
        if (partition != 0xff) {
          throw reject(in, p + 3, "Read Partition Query List: illegal partition");
        }
        if (len < 6) {
          throw reject(in, p, "Read Partition Query List: missing request type");
        }
        int requestType = in.at(p + 5);
        if (requestType != 0x00 && requestType != 0x40 && requestType != 0x80) {
          throw reject(
              in, p + 5, String.format("Query List: unknown request type X'%02X'", requestType));
        }
        byte[] codes = Arrays.copyOfRange(in.b, p + 6, p + len);
        return replies.queryList(state, requestType, codes);
      }
      case SNA_RB, SNA_RM, SNA_RMA -> {
        if (partition != 0x00) {
          throw reject(in, p + 3, "Read Partition: illegal partition");
        }
        return type == SNA_RB
            ? replies.readBuffer(state, Aid.READ_PARTITION)
            : replies.readModified(state, Aid.READ_PARTITION, type == SNA_RMA);
      }
      default ->
          throw reject(in, p + 4, String.format("Read Partition: unknown type X'%02X'", type));
    }
  }

  private void setReplyMode(Cursor in, int p, int len) throws Rejected {
    if (len < 5) {
      throw reject(in, p, "Set Reply Mode: wrong field length " + len);
    }
    if (in.at(p + 3) != 0x00) {
      throw reject(in, p + 3, "Set Reply Mode: illegal partition");
    }
    ReplyMode mode = ReplyMode.of(in.at(p + 4));
    if (mode == null) {
      throw reject(in, p + 4, String.format("Set Reply Mode: unknown mode X'%02X'", in.at(p + 4)));
    }
    int[] types = new int[0];
    if (mode == ReplyMode.CHARACTER) {
      types = new int[len - 5];
      for (int i = 0; i < types.length; i++) {
        types[i] = in.at(p + 5 + i);
      }
    }
    state.setReplyMode(mode, types);
  }

  private void createPartition(Cursor in, int p, int len) throws Rejected {
    // Only the implicit partition 0 exists: accepted (as x3270), homes the cursor.
    if (len > 3 && in.at(p + 3) != 0x00) {
      throw reject(in, p + 3, "Create Partition: illegal partition");
    }
    if (len > 4) {
      int uom = in.at(p + 4) >> 4;
      int am = in.at(p + 4) & 0x0f;
      if ((uom != 0 && uom != 2) || am > 2) {
        throw reject(in, p + 4, "Create Partition: illegal units or addressing mode");
      }
    }
    state.screen().setCursor(0);
  }

  private void outbound3270ds(Cursor in, int p, int len) throws Rejected {
    if (len < 5) {
      throw reject(in, p, "Outbound 3270DS: field length " + len + " too short");
    }
    if (in.at(p + 3) != 0x00) {
      throw reject(in, p + 3, "Outbound 3270DS: illegal partition");
    }
    int cmdPos = p + 4;
    int end = p + len;
    int cmd = in.at(cmdPos);
    switch (cmd) {
      case SNA_W, CMD_W -> {
        if (len > 5) {
          write(in, cmdPos, end, false);
        }
      }
      case SNA_EW, CMD_EW, SNA_EWA, CMD_EWA -> {
        // x3270 erases the partition at its current size.
        erase(state.screen().isAlternate());
        if (len > 5) {
          write(in, cmdPos, end, true);
        }
      }
      case SNA_EAU, CMD_EAU -> eraseAllUnprotected();
      default ->
          throw reject(in, cmdPos, String.format("Outbound 3270DS: unknown command X'%02X'", cmd));
    }
  }
}
