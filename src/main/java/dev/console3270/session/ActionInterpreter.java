package dev.console3270.session;

import dev.console3270.protocol.LockReason;
import dev.console3270.protocol.Terminal;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.datastream.QueryReplies;
import dev.console3270.protocol.keyboard.Failure;
import dev.console3270.protocol.keyboard.KeyResult;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.protocol.telnet.TelnetMode;
import dev.console3270.protocol.telnet.Tn3270eFunction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs x3270 actions ({@code String("abc")}, {@code Enter}, {@code Wait(5,InputField)}, {@code
 * Ascii()}, ...) against a {@link ScriptableSession}: the one way the keyboard map, macros, scripts
 * and the REST API type into a session. Each line of actions gives one {@link ActionResult} shaped
 * as s3270's: output lines, the 12-field status line, then success or failure, with s3270 4.1's
 * texts. Actions run in order; the first failure ends the line.
 *
 * <p>As in s3270, AID actions (Enter, PF, PA, Clear; also {@code \n} and friends inside String)
 * wait until the host unlocks the keyboard, and Connect waits until the telnet negotiation is done
 * (not for the first screen: use {@code Wait(InputField)}). Unlike x3270, keys given while the
 * keyboard is locked are refused ("Keyboard locked"), not queued as typeahead.
 *
 * <p>Not thread-safe: one caller at a time (each script or client has its own interpreter). Calls
 * block the caller while waiting; they never run on the session's thread.
 */
public final class ActionInterpreter implements AutoCloseable {

  /** How long a single request to the session's thread may take before the action fails. */
  private static final Duration TERMINAL_TIMEOUT = Duration.ofSeconds(30);

  /** The longest the wait loop sleeps between checks when no listener event arrives. */
  private static final long POLL_MILLIS = 50;

  private final Function<SessionProfile, ScriptableSession> factory;
  private final SessionProfile baseProfile;
  private final Object monitor = new Object();
  private final SessionListener wakeUp =
      new SessionListener() {
        @Override
        public void stateChanged(ConnectionState state) {
          wake();
        }

        @Override
        public void disconnected(String reason) {
          wake();
        }

        @Override
        public void screenChanged(long version) {
          wake();
        }

        @Override
        public void keyboardLockChanged(boolean locked) {
          wake();
        }

        @Override
        public void oiaChanged() {
          wake();
        }
      };
  private ScriptableSession session;
  private Duration aidTimeout;
  private long outputBaseline;
  private boolean quit;

  /**
   * An interpreter for an existing session (keyboard map, REST API). Connect uses this session;
   * {@code Connect(L:...)} needs a session whose profile is already TLS.
   */
  public ActionInterpreter(ScriptableSession session) {
    this.factory = null;
    this.baseProfile = session.profile();
    attach(session);
  }

  /**
   * An interpreter that opens its session on the script's own {@code Connect}: the factory gets
   * {@code profile} with the host, port and TLS mode the Connect names.
   */
  public ActionInterpreter(
      SessionProfile profile, Function<SessionProfile, ScriptableSession> factory) {
    this.factory = factory;
    this.baseProfile = profile;
  }

  /**
   * Limits how long an AID action waits for the host to unlock the keyboard (null: forever, as
   * x3270). When the limit passes, the action still succeeds, as it was sent.
   */
  public void setAidTimeout(Duration timeout) {
    this.aidTimeout = timeout;
  }

  /**
   * Stops listening to the session (the session itself stays as it is). Call when the interpreter
   * is no longer used with a session that lives on.
   */
  public void close() {
    attach(null);
  }

  /** True once {@code Quit()} has run. */
  public boolean quitRequested() {
    return quit;
  }

  /** The session, or null when a factory-backed interpreter has not connected yet. */
  public ScriptableSession session() {
    return session;
  }

  /** Parses and runs one line of actions. */
  public ActionResult execute(String line) {
    long start = System.nanoTime();
    ActionParser.Parsed parsed = ActionParser.parse(line);
    List<String> out = new ArrayList<>();
    boolean ok = runAll(parsed.calls(), out);
    if (ok && !parsed.ok()) {
      out.add(parsed.error());
      ok = false;
    }
    return new ActionResult(out, statusLine(System.nanoTime() - start), ok);
  }

  /** Runs parsed actions in order, as one line. */
  public ActionResult execute(List<ActionCall> calls) {
    long start = System.nanoTime();
    List<String> out = new ArrayList<>();
    boolean ok = runAll(calls, out);
    return new ActionResult(out, statusLine(System.nanoTime() - start), ok);
  }

  private boolean runAll(List<ActionCall> calls, List<String> out) {
    for (ActionCall call : calls) {
      try {
        run(call, out);
      } catch (ActionError e) {
        out.addAll(e.lines);
        return false;
      } catch (RuntimeException e) {
        // A session that fails unexpectedly fails the action, never the script.
        out.add(
            canonical(call.name())
                + "(): "
                + (e.getMessage() == null ? e.toString() : e.getMessage()));
        return false;
      }
      if (quit) {
        return true;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- errors and plumbing

  /** An action failed; its lines are the error text. */
  private static final class ActionError extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<String> lines;

    ActionError(String... lines) {
      super(String.join("\n", lines), null, false, false);
      this.lines = List.of(lines);
    }
  }

  /** A script's trace asked for before its first Connect (scripts only), or null. */
  private Path pendingTrace;

  private void attach(ScriptableSession s) {
    if (session != null) {
      session.removeListener(wakeUp);
    }
    session = s;
    if (s != null) {
      s.addListener(wakeUp);
    }
  }

  private void wake() {
    synchronized (monitor) {
      monitor.notifyAll();
    }
  }

  private SessionProfile profile() {
    return session != null ? session.profile() : baseProfile;
  }

  private boolean connected() {
    return session != null && session.status().state().isConnected();
  }

  private static <T> T get(CompletableFuture<T> future, Duration timeout) throws ActionError {
    try {
      return timeout == null ? future.get() : future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ActionError("Canceled");
    } catch (TimeoutException e) {
      throw new ActionError("Timed out");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ActionError(cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }
  }

  private <T> T onTerminal(Function<Terminal, T> task) throws ActionError {
    if (session == null) {
      throw new ActionError("Not connected");
    }
    return get(session.submit(task), TERMINAL_TIMEOUT);
  }

  /**
   * Waits until {@code condition} holds, checking after every session event; false when the
   * deadline (nanoTime; Long.MAX_VALUE for none) passes first.
   */
  private boolean await(BooleanSupplier condition, long deadline) throws ActionError {
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      long left =
          deadline == Long.MAX_VALUE ? POLL_MILLIS : (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return condition.getAsBoolean();
      }
      synchronized (monitor) {
        try {
          monitor.wait(Math.min(left, POLL_MILLIS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ActionError("Canceled");
        }
      }
    }
  }

  private static long deadline(Duration timeout) {
    return timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
  }

  /** A snapshot of what the status line and the waits need, taken on the session's thread. */
  private record TermView(
      boolean locked,
      boolean operatorError,
      boolean formatted,
      boolean protectedAtCursor,
      int rows,
      int cols,
      int cursor,
      TelnetMode mode,
      long records) {}

  private static TermView view(Terminal t) {
    TerminalState st = t.state();
    ScreenSnapshot s = st.screen().snapshot();
    boolean oerr = false;
    for (LockReason r : st.lockReasons()) {
      oerr |= r.isOperatorError();
    }
    int cursor = s.cursor();
    boolean prot;
    if (s.isFieldAttribute(cursor)) {
      prot = true;
    } else {
      FieldAttribute fa = s.fieldAttributeAt(cursor);
      prot = fa != null && fa.isProtected();
    }
    return new TermView(
        st.isKeyboardLocked(),
        oerr,
        s.isFormatted(),
        prot,
        s.rows(),
        s.cols(),
        cursor,
        t.telnet().mode(),
        t.recordsApplied());
  }

  private TermView viewOrNull() {
    if (session == null) {
      return null;
    }
    try {
      return get(session.submit(ActionInterpreter::view), TERMINAL_TIMEOUT);
    } catch (ActionError e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- the status line

  /**
   * The s3270 status line now: keyboard (U unlocked, L locked), formatting (F/U), protection at the
   * cursor (P/U), connection ({@code C(host)} or N), mode (I 3270, L NVT, P pending, N not
   * connected), model number, rows, columns, cursor row and column (0-origin), window id {@code
   * 0x0}, and the command's time in seconds.
   */
  public String statusLine(long elapsedNanos) {
    SessionProfile p = profile();
    TermView v = viewOrNull();
    SessionStatus st = session == null ? null : session.status();
    ConnectionState cs = st == null ? ConnectionState.NOT_CONNECTED : st.state();
    int rows = v == null ? 24 : v.rows();
    int cols = v == null ? 80 : v.cols();
    // s3270 4.1 prints L for every lock, operator errors included (its E is never seen there).
    char kb = v == null || !cs.isConnected() || v.locked() ? 'L' : 'U';
    char fmt = v != null && v.formatted() ? 'F' : 'U';
    char prot = v != null && v.formatted() && v.protectedAtCursor() ? 'P' : 'U';
    boolean socket =
        cs.isConnected()
            || cs == ConnectionState.TELNET_PENDING
            || cs == ConnectionState.TLS_PENDING;
    String host = st == null || st.host() == null ? p.host() : st.host();
    String conn = socket ? "C(" + host + ")" : "N";
    char mode =
        switch (cs) {
          case CONNECTED_3270, CONNECTED_TN3270E, CONNECTED_SSCP -> 'I';
          case CONNECTED_NVT, CONNECTED_E_NVT -> 'L';
          case NOT_CONNECTED, RESOLVING, TCP_PENDING, RECONNECTING -> 'N';
          default -> 'P';
        };
    int cursor = v == null ? 0 : v.cursor();
    int model = p.model().number() == 0 ? 2 : p.model().number();
    return String.format(
        Locale.ROOT,
        "%c %c %c %s %c %d %d %d %d %d 0x0 %.3f",
        kb,
        fmt,
        prot,
        conn,
        mode,
        model,
        rows,
        cols,
        cursor / cols,
        cursor % cols,
        elapsedNanos / 1e9);
  }

  // ---------------------------------------------------------------- dispatch

  private void run(ActionCall call, List<String> out) throws ActionError {
    List<String> a = call.args();
    switch (call.key()) {
      case "connect" -> connect(a);
      case "disconnect" -> {
        arity(call, 0);
        if (session != null) {
          get(session.disconnect(), TERMINAL_TIMEOUT);
        }
      }
      case "reconnect" -> {
        arity(call, 0);
        if (session == null) {
          throw new ActionError("Reconnect(): no previous host");
        }
        get(session.reconnect(), profile().connectTimeout());
        awaitConnected();
      }
      case "string" -> {
        for (String s : a) {
          typeString(s);
        }
      }
      case "enter" -> aid(call, kb -> kb.enter());
      case "clear" -> aid(call, Keyboard::clear);
      case "pf" -> {
        int n = oneNumber(call, "PF");
        aid(kb -> kb.pf(n), "PF(): Invalid argument '" + a.get(0) + "'");
      }
      case "pa" -> {
        int n = oneNumber(call, "PA");
        aid(kb -> kb.pa(n), "PA(): Invalid argument '" + a.get(0) + "'");
      }
      case "sysreq" -> aid(call, Keyboard::sysReq);
      case "attn" -> aid(call, Keyboard::attn);
      case "tab" -> simple(call, Keyboard::tab);
      case "backtab" -> simple(call, Keyboard::backTab);
      case "home" -> simple(call, Keyboard::home);
      case "newline" -> simple(call, Keyboard::newline);
      case "up" -> simple(call, Keyboard::up);
      case "down" -> simple(call, Keyboard::down);
      case "left" -> simple(call, Keyboard::left);
      case "right" -> simple(call, Keyboard::right);
      case "eraseeof" -> simple(call, Keyboard::eraseEof);
      case "eraseinput" -> simple(call, Keyboard::eraseInput);
      case "erase" -> simple(call, Keyboard::erase);
      case "delete" -> simple(call, Keyboard::delete);
      case "backspace" -> simple(call, Keyboard::backSpace);
      case "insert" -> simple(call, Keyboard::insert);
      case "toggleinsert" -> simple(call, Keyboard::toggleInsert);
      case "dup" -> simple(call, Keyboard::dup);
      case "fieldmark" -> simple(call, Keyboard::fieldMark);
      case "reset" -> simple(call, Keyboard::reset);
      case "movecursor" -> moveCursor(call, 0);
      case "movecursor1" -> moveCursor(call, 1);
      case "key" -> {
        for (String k : a) {
          int cp = keysym(k);
          if (cp < 0) {
            throw new ActionError("Key(): Nonexistent or invalid name: " + k);
          }
          key(kb -> kb.key(cp), "Key", false);
        }
      }
      case "hexstring" -> hexString(a);
      case "wait" -> waitAction(a);
      case "ascii" -> out.addAll(region(call, 0, false));
      case "ascii1" -> out.addAll(region(call, 1, false));
      case "ebcdic" -> out.addAll(region(call, 0, true));
      case "ebcdic1" -> out.addAll(region(call, 1, true));
      case "asciifield" -> out.addAll(field(call, false));
      case "ebcdicfield" -> out.addAll(field(call, true));
      case "readbuffer" -> out.addAll(readBuffer(a));
      case "query" -> out.addAll(query(a));
      case "printtext" -> out.addAll(printText(a));
      case "trace" -> out.addAll(trace(a));
      case "quit" -> quit = true;
      default -> throw new ActionError("Unknown action: " + call.name());
    }
  }

  private static void arity(ActionCall call, int n) throws ActionError {
    if (call.args().size() != n) {
      throw new ActionError(
          canonical(call.name()) + "() requires " + n + " argument" + (n == 1 ? "" : "s"));
    }
  }

  /** True when {@code name} is an action this interpreter runs (case-insensitive). */
  public static boolean isKnownAction(String name) {
    if (name == null) {
      return false;
    }
    for (String n : NAMES) {
      if (n.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** The action's name as x3270 spells it, for messages. */
  private static String canonical(String name) {
    for (String n : NAMES) {
      if (n.equalsIgnoreCase(name)) {
        return n;
      }
    }
    return name;
  }

  private static final List<String> NAMES =
      List.of(
          "Connect",
          "Disconnect",
          "Reconnect",
          "String",
          "Enter",
          "Clear",
          "PF",
          "PA",
          "SysReq",
          "Attn",
          "Tab",
          "BackTab",
          "Home",
          "Newline",
          "Up",
          "Down",
          "Left",
          "Right",
          "EraseEOF",
          "EraseInput",
          "Erase",
          "Delete",
          "BackSpace",
          "Insert",
          "ToggleInsert",
          "Dup",
          "FieldMark",
          "Reset",
          "MoveCursor",
          "MoveCursor1",
          "Key",
          "HexString",
          "Wait",
          "Ascii",
          "Ascii1",
          "Ebcdic",
          "Ebcdic1",
          "AsciiField",
          "EbcdicField",
          "ReadBuffer",
          "Query",
          "PrintText",
          "Trace",
          "Quit");

  /** x3270's atoi: an optional sign and leading digits; anything else counts as 0. */
  static int atoi(String s) {
    String t = s.trim();
    int i = 0;
    boolean neg = false;
    if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
      neg = t.charAt(i) == '-';
      i++;
    }
    long v = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i)) && v < Integer.MAX_VALUE) {
      v = v * 10 + (t.charAt(i) - '0');
      i++;
    }
    v = Math.min(v, Integer.MAX_VALUE);
    return (int) (neg ? -v : v);
  }

  private static int oneNumber(ActionCall call, String name) throws ActionError {
    if (call.args().size() != 1) {
      throw new ActionError(name + "() requires 1 argument");
    }
    String s = call.args().get(0).trim();
    if (!s.matches("\\d+")) {
      throw new ActionError(name + "(): Invalid argument '" + call.args().get(0) + "'");
    }
    return atoi(s);
  }

  // ---------------------------------------------------------------- keys

  private static String failureText(Failure f) {
    return switch (f) {
      case LOCKED, PROTECTED, NUMERIC, OVERFLOW, MINUS_FUNCTION -> "Keyboard locked";
      case NOT_CONNECTED -> "Not connected";
      case NOT_3270 -> "Not in 3270 mode";
      case NO_TRANSLATION -> "Cannot translate character";
      case INVALID_ARGUMENT -> "Invalid argument";
    };
  }

  private KeyResult key(Function<Keyboard, KeyResult> action, String name, boolean string)
      throws ActionError {
    if (!connected()) {
      throw new ActionError(
          name.equals("String") || name.equals("Key") || name.equals("HexString")
              ? "Canceled"
              : "Not connected");
    }
    KeyResult r = get(session.key(action), TERMINAL_TIMEOUT);
    if (r instanceof KeyResult.Failed f) {
      if (f.reason() == Failure.INVALID_ARGUMENT) {
        throw new ActionError(name + "(): Invalid argument");
      }
      if (string && f.reason().lockReason() != null) {
        throw new ActionError("Keyboard locked", "Operator error");
      }
      throw new ActionError(failureText(f.reason()));
    }
    if (r instanceof KeyResult.SendAid) {
      awaitUnlock();
    }
    return r;
  }

  private void simple(ActionCall call, Function<Keyboard, KeyResult> action) throws ActionError {
    arity(call, 0);
    key(action, canonical(call.name()), false);
  }

  private void aid(ActionCall call, Function<Keyboard, KeyResult> action) throws ActionError {
    arity(call, 0);
    aid(action, null);
  }

  private void aid(Function<Keyboard, KeyResult> action, String invalid) throws ActionError {
    long before = records();
    try {
      key(action, "AID", false);
    } catch (ActionError e) {
      if (invalid != null && e.getMessage().startsWith("AID(): Invalid")) {
        throw new ActionError(invalid);
      }
      throw e;
    }
    outputBaseline = before;
  }

  private long records() throws ActionError {
    return session == null ? 0 : onTerminal(Terminal::recordsApplied);
  }

  /** After an AID: waits until the host unlocks the keyboard or the connection ends. */
  private void awaitUnlock() throws ActionError {
    long deadline = deadline(aidTimeout);
    await(
        () -> {
          TermView v = viewOrNull();
          return v == null || !connected() || !v.locked();
        },
        deadline);
  }

  private void moveCursor(ActionCall call, int origin) throws ActionError {
    List<String> a = call.args();
    String name = canonical(call.name());
    TermView v = onTermView();
    int address;
    if (a.size() == 1) {
      address = atoi(a.get(0)); // a buffer offset is 0-origin in both forms
      if (address < 0 || address >= v.rows() * v.cols()) {
        throw new ActionError(name + "(): Invalid argument");
      }
    } else if (a.size() == 2) {
      int row = Math.max(0, Math.min(v.rows() - 1, atoi(a.get(0)) - origin));
      int col = Math.max(0, Math.min(v.cols() - 1, atoi(a.get(1)) - origin));
      address = row * v.cols() + col;
    } else {
      throw new ActionError(name + "() requires 1 or 2 arguments");
    }
    key(kb -> kb.moveCursor(address), name, false);
  }

  private TermView onTermView() throws ActionError {
    return onTerminal(ActionInterpreter::view);
  }

  /**
   * HexString: types EBCDIC codes given as hex pairs (a {@code 0x} prefix on an argument is
   * dropped); {@code \E} before a pair types it as a graphic-escape (APL) character. Texts of
   * x3270's validation errors.
   */
  private void hexString(List<String> args) throws ActionError {
    StringBuilder hex = new StringBuilder();
    for (String s : args) {
      String t = s;
      if (t.startsWith("0x") || t.startsWith("0X")) {
        t = t.substring(2);
      }
      hex.append(t);
    }
    String h = hex.toString();
    if (h.length() % 2 != 0) {
      throw new ActionError("HexString: Odd number of characters in specification");
    }
    List<int[]> codes = new ArrayList<>(); // {code, ge ? 1 : 0}
    boolean escaped = false;
    for (int i = 0; i < h.length(); i += 2) {
      char c0 = h.charAt(i);
      char c1 = h.charAt(i + 1);
      if (isHex(c0) && isHex(c1)) {
        codes.add(new int[] {Integer.parseInt(h.substring(i, i + 2), 16), escaped ? 1 : 0});
        escaped = false;
      } else if (c0 == '\\' && (c1 == 'e' || c1 == 'E')) {
        if (escaped) {
          throw new ActionError("HexString: Double \\E");
        }
        escaped = true;
      } else {
        throw new ActionError("HexString: Illegal character in specification");
      }
    }
    if (escaped) {
      throw new ActionError("HexString: Nothing follows \\E");
    }
    for (int[] c : codes) {
      if (c[1] == 1) {
        key(kb -> kb.keyGe(c[0]), "HexString", true);
      } else {
        key(kb -> kb.keyEbcdic(c[0]), "HexString", true);
      }
    }
  }

  /**
   * Types a String argument with x3270's escapes: {@code \n} Enter, {@code \t} Tab, {@code \T}
   * BackTab, {@code \b} Left, {@code \f} Clear, {@code \r} Newline, {@code \pfNN}, {@code \paN},
   * {@code \eXX} (EBCDIC), {@code \xXX} and backslash-u XXXX (Unicode), {@code \\}, {@code \"}. An
   * unknown escape types the character without the backslash (as s3270 4.1).
   */
  private void typeString(String s) throws ActionError {
    StringBuilder run = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        if (c == '\n') {
          flush(run);
          aid(kb -> kb.enter(), null);
        } else {
          run.append(c);
        }
        i++;
        continue;
      }
      char e = s.charAt(i + 1);
      i += 2;
      switch (e) {
        case '\\' -> run.append('\\');
        case '"' -> run.append('"');
        case 'n' -> {
          flush(run);
          aid(kb -> kb.enter(), null);
        }
        case 't' -> {
          flush(run);
          stringKey(Keyboard::tab);
        }
        case 'T' -> {
          flush(run);
          stringKey(Keyboard::backTab);
        }
        case 'b' -> {
          flush(run);
          stringKey(Keyboard::left);
        }
        case 'f' -> {
          flush(run);
          aid(Keyboard::clear, null);
        }
        case 'r' -> {
          flush(run);
          stringKey(Keyboard::newline);
        }
        case 'p' -> {
          flush(run);
          int end = i + 1;
          boolean pf = s.regionMatches(true, i, "f", 0, 1);
          boolean pa = s.regionMatches(true, i, "a", 0, 1);
          while (end < s.length() && end < i + 3 && Character.isDigit(s.charAt(end))) {
            end++;
          }
          if ((!pf && !pa) || end == i + 1) {
            throw new ActionError("String(): Unknown character after \\p");
          }
          int n = Integer.parseInt(s.substring(i + 1, end));
          i = end;
          if (pf) {
            aid(kb -> kb.pf(n), "String(): Invalid PF key number");
          } else {
            aid(kb -> kb.pa(n), "String(): Invalid PA key number");
          }
        }
        case 'e', 'x', 'u' -> {
          int max = e == 'u' ? 4 : e == 'e' ? 2 : 4;
          int end = i;
          while (end < s.length() && end < i + max && isHex(s.charAt(end))) {
            end++;
          }
          if (end == i) {
            throw new ActionError("String(): Missing hex digits after \\" + e);
          }
          int v = Integer.parseInt(s.substring(i, end), 16);
          i = end;
          if (e == 'e') {
            flush(run);
            key(kb -> kb.keyEbcdic(v), "String", true);
          } else {
            run.append((char) v);
          }
        }
        default -> run.append(e); // as s3270 4.1: an unknown escape is the character itself
      }
    }
    flush(run);
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  private void flush(StringBuilder run) throws ActionError {
    if (run.length() > 0) {
      String text = run.toString();
      run.setLength(0);
      key(kb -> kb.type(text), "String", true);
    }
  }

  private void stringKey(Function<Keyboard, KeyResult> action) throws ActionError {
    key(action, "String", true);
  }

  /**
   * A Key() argument as a code point: one character, an X keysym name ({@code space}, {@code
   * comma}, ...), {@code U+XXXX}, or {@code 0xNN}; -1 when it is none of those.
   */
  static int keysym(String name) {
    if (name.codePointCount(0, name.length()) == 1) {
      return name.codePointAt(0);
    }
    String lower = name.toLowerCase(Locale.ROOT);
    try {
      if (lower.startsWith("u+")) {
        return Integer.parseInt(name.substring(2), 16);
      }
      if (lower.startsWith("0x")) {
        return Integer.parseInt(name.substring(2), 16);
      }
    } catch (NumberFormatException e) {
      return -1;
    }
    Integer v = KEYSYMS.get(name);
    return v == null ? -1 : v;
  }

  private static final Map<String, Integer> KEYSYMS = keysyms();

  private static Map<String, Integer> keysyms() {
    String[] names = {
      "space",
      "exclam",
      "quotedbl",
      "numbersign",
      "dollar",
      "percent",
      "ampersand",
      "apostrophe",
      "parenleft",
      "parenright",
      "asterisk",
      "plus",
      "comma",
      "minus",
      "period",
      "slash",
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "colon",
      "semicolon",
      "less",
      "equal",
      "greater",
      "question",
      "at"
    };
    Map<String, Integer> m = new TreeMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], 0x20 + i);
    }
    m.put("bracketleft", (int) '[');
    m.put("backslash", (int) '\\');
    m.put("bracketright", (int) ']');
    m.put("asciicircum", (int) '^');
    m.put("underscore", (int) '_');
    m.put("grave", (int) '`');
    m.put("quoteleft", (int) '`');
    m.put("quoteright", (int) '\'');
    m.put("braceleft", (int) '{');
    m.put("bar", (int) '|');
    m.put("braceright", (int) '}');
    m.put("asciitilde", (int) '~');
    m.put("nobreakspace", 0xa0);
    m.put("cent", 0xa2);
    m.put("sterling", 0xa3);
    m.put("yen", 0xa5);
    m.put("section", 0xa7);
    m.put("notsign", 0xac);
    m.put("degree", 0xb0);
    m.put("plusminus", 0xb1);
    return m;
  }

  // ---------------------------------------------------------------- Connect and Wait

  /** A parsed Connect argument. */
  record Target(String host, int port, boolean tls, String lu) {}

  /**
   * Parses x3270 host forms: {@code [prefix:]...[lu@]host[:port]}, {@code [ipv6]:port}, or {@code
   * host port} as two arguments; prefix {@code L:} means TLS, the others are accepted and ignored.
   */
  static Target parseTarget(List<String> args) {
    if (args.isEmpty() || args.size() > 2) {
      throw new IllegalArgumentException("Connect() requires 1 or 2 arguments");
    }
    String s = args.get(0).trim();
    boolean tls = false;
    while (s.length() > 2
        && s.charAt(1) == ':'
        && "ACLNPSBYTacl npsbyt".indexOf(s.charAt(0)) >= 0) {
      if (Character.toUpperCase(s.charAt(0)) == 'L') {
        tls = true;
      }
      s = s.substring(2);
    }
    String lu = null;
    int at = s.indexOf('@');
    if (at >= 0) {
      lu = s.substring(0, at);
      s = s.substring(at + 1);
    }
    String host;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("Connect(): Invalid host name");
      }
      host = s.substring(1, close);
      if (close + 1 < s.length() && s.charAt(close + 1) == ':') {
        port = s.substring(close + 2);
      }
    } else {
      int colon = s.lastIndexOf(':');
      if (colon > 0 && s.indexOf(':') == colon) {
        host = s.substring(0, colon);
        port = s.substring(colon + 1);
      } else {
        host = s;
      }
    }
    if (args.size() == 2) {
      port = args.get(1).trim();
    }
    int p = 23;
    if (port != null) {
      if (!port.matches("\\d{1,5}")
          || Integer.parseInt(port) < 1
          || Integer.parseInt(port) > 65535) {
        throw new IllegalArgumentException("Connect(): Invalid port '" + port + "'");
      }
      p = Integer.parseInt(port);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("Connect(): Invalid host name");
    }
    return new Target(host, p, tls, lu);
  }

  private void connect(List<String> args) throws ActionError {
    Target t;
    try {
      t = parseTarget(args);
    } catch (IllegalArgumentException e) {
      throw new ActionError(e.getMessage());
    }
    if (connected()) {
      throw new ActionError("Already connected");
    }
    if (factory != null) {
      SessionProfile p = baseProfile.withAddress(t.host(), t.port());
      if (t.tls()) {
        p = p.withTlsMode(TlsMode.TLS);
      }
      if (t.lu() != null) {
        p = withLu(p, t.lu());
      }
      ScriptableSession previous = session;
      attach(null);
      if (previous instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          // the old session is gone either way
        }
      }
      ScriptableSession s = factory.apply(p);
      attach(s);
      if (pendingTrace != null) {
        try {
          s.startTrace(pendingTrace); // non-display input redacted, always
        } catch (RuntimeException e) {
          throw new ActionError("Trace(): " + e.getMessage());
        }
        pendingTrace = null;
      }
      get(s.connect(p.host(), p.port()), p.connectTimeout().plusSeconds(1));
    } else {
      if (t.tls() && session.profile().tlsMode() != TlsMode.TLS) {
        throw new ActionError("Connect(): this session's profile is not TLS (L: prefix)");
      }
      get(session.connect(t.host(), t.port()), session.profile().connectTimeout().plusSeconds(1));
    }
    awaitConnected();
  }

  private static SessionProfile withLu(SessionProfile p, String lu) {
    return new SessionProfile(
        p.name(),
        p.host(),
        p.port(),
        p.model(),
        p.codePage(),
        List.of(lu),
        p.tlsMode(),
        p.verifyCertificate(),
        p.trustStore(),
        p.trustStorePassword(),
        p.acceptedCertificateSha256(),
        p.clientKeyStore(),
        p.clientKeyStorePassword(),
        p.connectTimeout(),
        p.keepalive(),
        p.tn3270e());
  }

  /**
   * As s3270 4.1's Connect: done once the telnet negotiation has reached a connected state (3270,
   * NVT or SSCP-LU; the first screen may still be on its way: {@code Wait(InputField)} waits for
   * it). A TN3270E session that stays unbound is accepted when the connect timeout passes. Fails
   * when the connection ended instead.
   */
  private void awaitConnected() throws ActionError {
    long deadline = deadline(profile().connectTimeout());
    await(
        () -> {
          ConnectionState cs = session.status().state();
          return cs == ConnectionState.NOT_CONNECTED
              || (cs.isConnected() && cs != ConnectionState.CONNECTED_UNBOUND);
        },
        deadline);
    if (!connected()) {
      throw new ActionError("Connection failed");
    }
    outputBaseline = records();
  }

  private static final String WAIT_SYNTAX = "Too many arguments to Wait ()or invalid timeout value";
  private static final String WAIT_PARAMS =
      "Wait(): Parameter must be inputfield, nvtmode, 3270mode, output, seconds, disconnect,"
          + " unlock, cursorat, stringat or inputfieldat";

  private void waitAction(List<String> args) throws ActionError {
    List<String> a = new ArrayList<>(args);
    Duration timeout = null;
    if (!a.isEmpty() && a.get(0).trim().matches("\\d+(\\.\\d*)?|\\.\\d+")) {
      timeout = Duration.ofNanos((long) (Double.parseDouble(a.remove(0).trim()) * 1e9));
    }
    String what = a.isEmpty() ? "inputfield" : a.remove(0).toLowerCase(Locale.ROOT);
    int extra =
        switch (what) {
          case "cursorat", "inputfieldat" -> 2;
          case "stringat" -> 3;
          default -> 0;
        };
    if (a.size() != extra) {
      throw new ActionError(WAIT_SYNTAX);
    }
    if (what.equals("seconds")) {
      double secs = timeout == null ? 1 : timeout.toNanos() / 1e9;
      long until = System.nanoTime() + (long) (secs * 1e9);
      await(() -> false, until);
      return;
    }
    BooleanSupplier cond;
    switch (what) {
      case "inputfield" -> cond = () -> inputReady();
      case "nvtmode" -> cond = () -> nvt();
      case "3270mode" -> cond = () -> connected() && session.status().state().is3270() || sscp();
      case "unlock" -> cond = () -> unlocked();
      case "disconnect" -> cond = () -> !connected();
      case "output" -> {
        long base = outputBaseline;
        cond =
            () -> {
              TermView v = viewOrNull();
              return v != null && v.records() > base;
            };
      }
      case "cursorat", "inputfieldat" -> {
        int row = atoi(a.get(0)) - 1;
        int col = atoi(a.get(1)) - 1;
        boolean input = what.equals("inputfieldat");
        cond =
            () -> {
              TermView v = viewOrNull();
              return v != null
                  && v.cursor() == row * v.cols() + col
                  && (!input || (inputReady() && !v.protectedAtCursor()));
            };
      }
      case "stringat" -> {
        int row = atoi(a.get(0)) - 1;
        int col = atoi(a.get(1)) - 1;
        String text = a.get(2);
        cond = () -> text.equals(textAt(row, col, text.length()));
      }
      default -> throw new ActionError(WAIT_PARAMS);
    }
    if (!connected() && !what.equals("disconnect")) {
      return; // s3270 4.1 answers at once when there is no connection
    }
    long deadline = deadline(timeout);
    boolean wantDisconnect = what.equals("disconnect");
    boolean done = await(() -> cond.getAsBoolean() || (!wantDisconnect && !connected()), deadline);
    if (!done) {
      throw new ActionError("Wait(): Timed out");
    }
    if (!wantDisconnect && !connected() && !cond.getAsBoolean()) {
      throw new ActionError("Wait(): Host disconnected");
    }
    // As s3270 4.1: host output seen before a completed Wait does not satisfy a later Wait(Output).
    outputBaseline = records();
  }

  private boolean sscp() {
    return connected() && session.status().state() == ConnectionState.CONNECTED_SSCP;
  }

  private boolean nvt() {
    if (!connected()) {
      return false;
    }
    ConnectionState cs = session.status().state();
    return cs == ConnectionState.CONNECTED_NVT || cs == ConnectionState.CONNECTED_E_NVT;
  }

  private boolean unlocked() {
    TermView v = viewOrNull();
    return v != null && connected() && !v.locked();
  }

  /**
   * x3270's "ready for input": a formatted 3270 screen with the keyboard unlocked, SSCP-LU mode
   * unlocked, or NVT mode.
   */
  private boolean inputReady() {
    if (nvt()) {
      return true;
    }
    if (!connected()) {
      return false;
    }
    ConnectionState cs = session.status().state();
    if (cs == ConnectionState.CONNECTED_SSCP) {
      return unlocked();
    }
    TermView v = viewOrNull();
    // x3270's CAN_PROCEED: a formatted screen whose cursor is not at address 0
    return cs.is3270() && v != null && v.formatted() && v.cursor() != 0 && !v.locked();
  }

  private String textAt(int row, int col, int length) {
    try {
      return onTerminal(
          t -> {
            ScreenSnapshot s = t.snapshot();
            if (row < 0 || col < 0 || row >= s.rows() || col >= s.cols()) {
              return null;
            }
            int start = row * s.cols() + col;
            char[] chars = ScreenText.displayChars(s, t.state().codePage());
            if (start + length > chars.length) {
              return null;
            }
            return new String(chars, start, length);
          });
    } catch (ActionError e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- screen output

  private List<String> region(ActionCall call, int origin, boolean ebcdic) throws ActionError {
    String name = canonical(call.name());
    List<String> a = call.args();
    if (a.size() == 2 || a.size() > 4) {
      throw new ActionError(name + " requires 0, 1, 3 or 4 arguments");
    }
    int[] n = new int[a.size()];
    for (int i = 0; i < n.length; i++) {
      n[i] = atoi(a.get(i));
    }
    if (session == null) {
      return blankScreen(n, ebcdic);
    }
    return onTerminal(
        t -> {
          ScreenSnapshot s = t.snapshot();
          CodePage cp = t.state().codePage();
          try {
            int off = origin;
            if (origin == 1 && n.length >= 3 && (n[0] < 1 || n[1] < 1)) {
              return null;
            }
            return switch (n.length) {
              case 0 -> ebcdic ? ScreenText.ebcdic(s) : ScreenText.ascii(s, cp);
              case 1 -> {
                int c = s.cursor();
                yield ebcdic
                    ? ScreenText.ebcdic(s, c / s.cols(), c % s.cols(), n[0])
                    : ScreenText.ascii(s, cp, n[0]);
              }
              case 3 ->
                  ebcdic
                      ? ScreenText.ebcdic(s, n[0] - off, n[1] - off, n[2])
                      : ScreenText.ascii(s, cp, n[0] - off, n[1] - off, n[2]);
              default ->
                  ebcdic
                      ? ScreenText.ebcdic(s, n[0] - off, n[1] - off, n[2], n[3])
                      : ScreenText.ascii(s, cp, n[0] - off, n[1] - off, n[2], n[3]);
            };
          } catch (IllegalArgumentException e) {
            return null;
          }
        },
        name + ": Invalid argument");
  }

  private <T> T onTerminal(Function<Terminal, T> task, String errorIfNull) throws ActionError {
    T v = onTerminal(task);
    if (v == null) {
      throw new ActionError(errorIfNull);
    }
    return v;
  }

  /** Before any connection: a blank 24x80 screen, as s3270 shows it. */
  private List<String> blankScreen(int[] n, boolean ebcdic) {
    String cell = ebcdic ? "00" : " ";
    int cols = 80;
    int rows = 24;
    int width = n.length == 4 ? n[3] : n.length == 0 ? cols : Math.min(cols, n[n.length - 1]);
    int count = n.length == 4 ? n[2] : n.length == 0 ? rows : 1;
    List<String> out = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      out.add(ebcdic ? String.join(" ", Collections.nCopies(width, cell)) : cell.repeat(width));
    }
    return out;
  }

  private List<String> field(ActionCall call, boolean ebcdic) throws ActionError {
    arity(call, 0);
    return onTerminal(
        t -> ActionScreenDump.field(t.snapshot(), t.state().codePage(), ebcdic),
        canonical(call.name()) + ": Screen is not formatted");
  }

  private List<String> readBuffer(List<String> args) throws ActionError {
    boolean ebcdic = false;
    if (args.size() > 1) {
      throw new ActionError("ReadBuffer() requires 0 or 1 arguments");
    }
    if (args.size() == 1) {
      String m = args.get(0).toLowerCase(Locale.ROOT);
      if (m.equals("ebcdic")) {
        ebcdic = true;
      } else if (!m.equals("ascii")) {
        throw new ActionError("ReadBuffer(): Parameter must be Ascii or Ebcdic");
      }
    }
    boolean e = ebcdic;
    return onTerminal(t -> ActionScreenDump.readBuffer(t.snapshot(), t.state().codePage(), e));
  }

  private List<String> printText(List<String> args) throws ActionError {
    boolean html = false;
    boolean append = false;
    boolean toString = false;
    Path file = null;
    for (int i = 0; i < args.size(); i++) {
      String w = args.get(i).toLowerCase(Locale.ROOT);
      switch (w) {
        case "html" -> html = true;
        case "text", "gdi", "wordpad", "nodialog", "replace", "printer" -> {
          // plain text is the default; printer choices do not apply here
        }
        case "append" -> append = true;
        case "string" -> toString = true;
        case "file" -> {
          if (i + 1 >= args.size()) {
            throw new ActionError("PrintText(): file requires a file name");
          }
          file = Path.of(args.get(++i));
        }
        case "rtf", "modi", "caption" ->
            throw new ActionError("PrintText(): " + args.get(i) + " is not supported");
        default -> {
          if (file == null && i == args.size() - 1) {
            file = Path.of(args.get(i));
          } else {
            throw new ActionError("PrintText(): Unknown keyword '" + args.get(i) + "'");
          }
        }
      }
    }
    boolean h = html;
    String text =
        onTerminal(t -> ActionScreenDump.printText(t.snapshot(), t.state().codePage(), h));
    if (toString) {
      return List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
    }
    if (file == null) {
      throw new ActionError("PrintText(): printing needs file,<name> or string");
    }
    try {
      if (append) {
        Files.writeString(
            file,
            text,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } else {
        Files.writeString(file, text, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new ActionError("PrintText(): " + file + ": " + e.getMessage());
    }
    return List.of();
  }

  private List<String> trace(List<String> args) throws ActionError {
    List<String> a = new ArrayList<>(args);
    if (!a.isEmpty() && a.get(0).equalsIgnoreCase("data")) {
      a.remove(0);
    }
    if (a.isEmpty()) {
      ScriptableSession s = session;
      Path f = s == null ? pendingTrace : s.traceFile();
      return List.of(f == null ? "Trace is off" : "Trace is on, file " + f);
    }
    String onOff = a.remove(0).toLowerCase(Locale.ROOT);
    if (session == null) {
      if (factory == null) {
        throw new ActionError("Trace(): Not connected");
      }
      // a script's Trace(On) before its Connect: the trace starts with the connection, so it
      // holds the negotiation and can be replayed to a new client
      switch (onOff) {
        case "on" -> {
          if (a.size() > 1) {
            throw new ActionError("Trace(): Too many arguments");
          }
          pendingTrace = traceFile(a);
          return List.of("Trace file is " + pendingTrace);
        }
        case "off" -> {
          Path f = pendingTrace;
          pendingTrace = null;
          return f == null ? List.of() : List.of("Tracing complete. Trace file is " + f);
        }
        default -> throw new ActionError("Trace(): Parameter must be On or Off");
      }
    }
    switch (onOff) {
      case "on" -> {
        if (a.size() > 1) {
          throw new ActionError("Trace(): Too many arguments");
        }
        Path file = traceFile(a);
        session.startTrace(file); // non-display input redacted, always
        return List.of("Trace file is " + file);
      }
      case "off" -> {
        Path f = session.traceFile();
        session.stopTrace();
        return f == null ? List.of() : List.of("Tracing complete. Trace file is " + f);
      }
      default -> throw new ActionError("Trace(): Parameter must be On or Off");
    }
  }

  /** The trace file an action names, or x3270's default {@code x3trc.<pid>} in the temp dir. */
  private static Path traceFile(List<String> args) throws ActionError {
    try {
      return args.isEmpty()
          ? Path.of(System.getProperty("java.io.tmpdir"), "x3trc." + ProcessHandle.current().pid())
          : Path.of(args.get(0));
    } catch (java.nio.file.InvalidPathException e) {
      throw new ActionError("Trace(): " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- Query

  private static final List<String> QUERY_KEYS =
      List.of(
          "CodePage",
          "ConnectionState",
          "Cursor",
          "Cursor1",
          "Formatted",
          "Host",
          "LuName",
          "Model",
          "ScreenCurSize",
          "ScreenMaxSize",
          "TerminalName",
          "Tls",
          "Tn3270eOptions");

  private List<String> query(List<String> args) throws ActionError {
    if (args.isEmpty()) {
      List<String> out = new ArrayList<>();
      for (String k : QUERY_KEYS) {
        String label =
            switch (k) {
              case "ScreenCurSize" -> "ScreenSizeCurrent";
              case "ScreenMaxSize" -> "ScreenSizeMax";
              default -> k;
            };
        String v = queryOne(k.toLowerCase(Locale.ROOT));
        if (k.equals("Cursor") || k.equals("Model")) {
          continue; // s3270 lists Cursor1 and TerminalName, not these
        }
        if (k.startsWith("Screen")) {
          String[] rc = v.split(" ");
          v = "rows " + rc[0] + " columns " + rc[1];
        }
        out.add(label + ": " + v);
      }
      return out;
    }
    if (args.size() > 1) {
      throw new ActionError("Query() requires 0 or 1 arguments");
    }
    return List.of(queryOne(args.get(0).toLowerCase(Locale.ROOT)));
  }

  private String queryOne(String key) throws ActionError {
    SessionProfile p = profile();
    SessionStatus st = session == null ? null : session.status();
    boolean conn = connected();
    return switch (key) {
      case "cursor" -> {
        TermView v = session == null ? null : onTermView();
        yield v == null ? "0 0" : (v.cursor() / v.cols()) + " " + (v.cursor() % v.cols());
      }
      case "cursor1" -> {
        TermView v = session == null ? null : onTermView();
        int c = v == null ? 0 : v.cursor();
        int cols = v == null ? 80 : v.cols();
        yield "row " + (c / cols + 1) + " column " + (c % cols + 1) + " offset " + c;
      }
      case "connectionstate" -> st == null ? "not-connected" : st.state().x3270Name();
      case "formatted" -> {
        TermView v = session == null ? null : onTermView();
        yield v != null && v.formatted() ? "formatted" : "unformatted";
      }
      case "host" -> conn ? "host " + st.host() + " " + st.port() : "";
      case "luname" -> conn && st.luName() != null ? st.luName() : "";
      case "model", "terminalname" ->
          key.equals("terminalname") && st != null && st.terminalName() != null
              ? st.terminalName()
              : p.model().terminalType();
      case "screencursize" -> {
        TermView v = session == null ? null : onTermView();
        yield v == null ? "24 80" : v.rows() + " " + v.cols();
      }
      case "screenmaxsize" -> p.model().altRows() + " " + p.model().altCols();
      case "codepage" -> {
        CodePage cp =
            session == null
                ? dev.console3270.protocol.codepage.CodePages.get(p.codePage())
                : onTerminal(t -> t.state().codePage());
        int id = QueryReplies.cgcsgid(cp);
        yield cp.name() + " sbcs gcsgid " + (id >>> 16) + " cpgid " + (id & 0xffff);
      }
      case "tls" -> {
        if (!conn) {
          yield "";
        }
        yield st.tls()
            ? "secure" + (st.tlsDescription() == null ? "" : " " + st.tlsDescription())
            : "not secure";
      }
      case "tn3270eoptions" -> conn ? tn3270eOptions(st.tn3270eFunctions()) : "";
      default -> throw new ActionError("Query: Unknown parameter");
    };
  }

  /**
   * TN3270E functions as s3270 lists them: upper case with dashes, in function-code order ({@code
   * BIND-IMAGE RESPONSES SYSREQ}).
   */
  static String tn3270eOptions(java.util.Set<String> functions) {
    List<String> order = new ArrayList<>();
    for (Tn3270eFunction f : Tn3270eFunction.values()) {
      order.add(f.name().replace('_', '-'));
    }
    return functions.stream()
        .map(f -> f.toUpperCase(Locale.ROOT).replace('_', '-'))
        .sorted(
            java.util.Comparator.<String>comparingInt(
                    f -> order.contains(f) ? order.indexOf(f) : order.size())
                .thenComparing(java.util.Comparator.naturalOrder()))
        .collect(java.util.stream.Collectors.joining(" "));
  }
}
