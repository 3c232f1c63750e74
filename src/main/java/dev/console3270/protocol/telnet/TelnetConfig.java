package dev.console3270.protocol.telnet;

import dev.console3270.protocol.TerminalModel;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@link TelnetCodec} announces and accepts.
 *
 * @param terminalType the TERMINAL-TYPE string, e.g. {@code IBM-3279-4-E} (in TN3270E a leading
 *     {@code IBM-3279} is sent as {@code IBM-3278}, as RFC 2355 and x3270 do)
 * @param luNames LU names to try in order (TN3270E CONNECT, TN3270 {@code type@LU}); empty for none
 * @param associate printer session: the display LU to ASSOCIATE with in TN3270E, or null
 * @param tn3270e accept TN3270E (option 40); when false, DO TN3270E is refused
 * @param functions TN3270E functions to request
 * @param newEnviron accept NEW-ENVIRON (option 39)
 * @param user the NEW-ENVIRON VAR USER value, or null (an empty string is sent as an empty value)
 * @param userVars the NEW-ENVIRON USERVARs, in the order sent when the host asks for all of them
 *     (x3270 sends IBMELF=YES and IBMAPPLID=None, and CODEPAGE, CHARSET and KBDTYPE in 4.5+)
 * @param devName the NEW-ENVIRON USERVAR DEVNAME template, or null: trailing {@code =} characters
 *     are replaced by a counter of that many digits (e.g. {@code foo==} gives foo01, foo02, ...)
 * @param timingMark answer DO TIMING-MARK with WILL TIMING-MARK (BSD style) rather than WONT
 * @param maxRows the terminal's maximum (alternate) rows, for BIND sizes
 * @param maxCols the terminal's maximum (alternate) columns, for BIND sizes
 */
public record TelnetConfig(
    String terminalType,
    List<String> luNames,
    String associate,
    boolean tn3270e,
    Set<Tn3270eFunction> functions,
    boolean newEnviron,
    String user,
    List<EnvVar> userVars,
    String devName,
    boolean timingMark,
    int maxRows,
    int maxCols) {

  public TelnetConfig {
    if (terminalType == null || terminalType.isEmpty()) {
      throw new IllegalArgumentException("terminal type is required");
    }
    luNames = List.copyOf(luNames);
    userVars = List.copyOf(userVars);
    functions = functions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(functions));
    if (maxRows < 24 || maxCols < 80 || maxRows > 255 || maxCols > 255) {
      throw new IllegalArgumentException("bad maximum size " + maxRows + "x" + maxCols);
    }
  }

  /** The USERVARs x3270 4.4 sends: IBMELF=YES, IBMAPPLID=None. */
  public static final List<EnvVar> DEFAULT_USER_VARS =
      List.of(new EnvVar("IBMELF", "YES"), new EnvVar("IBMAPPLID", "None"));

  /** x3270's defaults for a display of this model: TN3270E, NEW-ENVIRON, x3270 4.2 functions. */
  public static TelnetConfig of(TerminalModel model) {
    return new TelnetConfig(
        model.terminalType(),
        List.of(),
        null,
        true,
        Tn3270eFunction.displayDefaults(),
        true,
        null,
        DEFAULT_USER_VARS,
        null,
        true,
        model.altRows(),
        model.altCols());
  }

  /** This config with another terminal type. */
  public TelnetConfig withTerminalType(String value) {
    return copy(c -> c.terminalType = value);
  }

  /** This config with LU names to try in order. */
  public TelnetConfig withLuNames(List<String> value) {
    return copy(c -> c.luNames = value);
  }

  /** This config with a printer ASSOCIATE name (null for none). */
  public TelnetConfig withAssociate(String value) {
    return copy(c -> c.associate = value);
  }

  /** This config with TN3270E accepted (true) or refused. */
  public TelnetConfig withTn3270e(boolean value) {
    return copy(c -> c.tn3270e = value);
  }

  /** This config with other TN3270E functions to request. */
  public TelnetConfig withFunctions(Set<Tn3270eFunction> value) {
    return copy(c -> c.functions = value);
  }

  /** This config with NEW-ENVIRON accepted (true) or refused. */
  public TelnetConfig withNewEnviron(boolean value) {
    return copy(c -> c.newEnviron = value);
  }

  /** This config with a NEW-ENVIRON USER (null for none). */
  public TelnetConfig withUser(String value) {
    return copy(c -> c.user = value);
  }

  /** This config with other NEW-ENVIRON USERVARs. */
  public TelnetConfig withUserVars(List<EnvVar> value) {
    return copy(c -> c.userVars = value);
  }

  /** This config with a DEVNAME template (null for none). */
  public TelnetConfig withDevName(String value) {
    return copy(c -> c.devName = value);
  }

  /** This config with DO TIMING-MARK answered with WILL (true) or WONT. */
  public TelnetConfig withTimingMark(boolean value) {
    return copy(c -> c.timingMark = value);
  }

  /** This config with another maximum (alternate) size. */
  public TelnetConfig withMaxSize(int rows, int cols) {
    return copy(
        c -> {
          c.maxRows = rows;
          c.maxCols = cols;
        });
  }

  private TelnetConfig copy(java.util.function.Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return c.build();
  }

  /** The fields of a config being copied with changes. */
  private static final class Copy {
    String terminalType;
    List<String> luNames;
    String associate;
    boolean tn3270e;
    Set<Tn3270eFunction> functions;
    boolean newEnviron;
    String user;
    List<EnvVar> userVars;
    String devName;
    boolean timingMark;
    int maxRows;
    int maxCols;

    Copy(TelnetConfig t) {
      terminalType = t.terminalType;
      luNames = t.luNames;
      associate = t.associate;
      tn3270e = t.tn3270e;
      functions = t.functions;
      newEnviron = t.newEnviron;
      user = t.user;
      userVars = t.userVars;
      devName = t.devName;
      timingMark = t.timingMark;
      maxRows = t.maxRows;
      maxCols = t.maxCols;
    }

    TelnetConfig build() {
      return new TelnetConfig(
          terminalType,
          luNames,
          associate,
          tn3270e,
          functions,
          newEnviron,
          user,
          userVars,
          devName,
          timingMark,
          maxRows,
          maxCols);
    }
  }
}
