package dev.console3270.protocol;

import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.screen.ScreenBuffer;
import java.util.EnumSet;
import java.util.Set;

/**
 * The mutable state of one emulated 3270 that the data stream and the keyboard both work on: the
 * screen buffer, the keyboard lock, insert mode, the last AID, the reply mode and the code page.
 * Single-threaded, like the buffer.
 */
public final class TerminalState {
  private final TerminalModel model;
  private final ScreenBuffer screen;
  private final CodePage codePage;
  private final EnumSet<LockReason> locks = EnumSet.noneOf(LockReason.class);
  private boolean insertMode;
  private Aid lastAid = Aid.NONE;
  private ReplyMode replyMode = ReplyMode.FIELD;
  private int[] replyModeAttributes = new int[0];
  private boolean alarm;
  private long oiaVersion;

  public TerminalState(TerminalModel model, CodePage codePage) {
    this.model = model;
    this.codePage = codePage;
    this.screen = new ScreenBuffer(model);
  }

  public TerminalModel model() {
    return model;
  }

  public ScreenBuffer screen() {
    return screen;
  }

  public CodePage codePage() {
    return codePage;
  }

  /** True when any lock reason is set. */
  public boolean isKeyboardLocked() {
    return !locks.isEmpty();
  }

  /** The lock reasons currently set (a copy). */
  public Set<LockReason> lockReasons() {
    return EnumSet.copyOf(locks);
  }

  /** The lock reason to show: an operator error first, else the first system reason. */
  public LockReason primaryLockReason() {
    for (LockReason r : locks) {
      if (r.isOperatorError()) {
        return r;
      }
    }
    return locks.isEmpty() ? null : locks.iterator().next();
  }

  public void lock(LockReason reason) {
    if (locks.add(reason)) {
      oiaVersion++;
    }
  }

  public void unlock(LockReason reason) {
    if (locks.remove(reason)) {
      oiaVersion++;
    }
  }

  /** Clears the operator-error reasons (the Reset key). */
  public void clearOperatorErrors() {
    if (locks.removeIf(LockReason::isOperatorError)) {
      oiaVersion++;
    }
  }

  /** Clears every reason but NOT_CONNECTED (a WCC keyboard restore). */
  public void restoreKeyboard() {
    if (locks.removeIf(r -> r != LockReason.NOT_CONNECTED)) {
      oiaVersion++;
    }
  }

  public boolean isInsertMode() {
    return insertMode;
  }

  public void setInsertMode(boolean on) {
    if (insertMode != on) {
      insertMode = on;
      oiaVersion++;
    }
  }

  /** The AID of the last operator action (Read Modified sent by the host repeats it). */
  public Aid lastAid() {
    return lastAid;
  }

  public void setLastAid(Aid aid) {
    lastAid = aid;
  }

  public ReplyMode replyMode() {
    return replyMode;
  }

  /** The character attribute types selected for character reply mode (a copy). */
  public int[] replyModeAttributes() {
    return replyModeAttributes.clone();
  }

  public void setReplyMode(ReplyMode mode, int[] attributeTypes) {
    replyMode = mode;
    replyModeAttributes = attributeTypes.clone();
  }

  /** True when a WCC sounded the alarm since the last {@link #takeAlarm()}. */
  public boolean takeAlarm() {
    boolean a = alarm;
    alarm = false;
    return a;
  }

  public void soundAlarm() {
    alarm = true;
  }

  /** Goes up whenever the lock, insert mode or other OIA-visible state changes. */
  public long oiaVersion() {
    return oiaVersion;
  }
}
