package dev.console3270.session;

import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.codepage.CodePages;
import java.util.List;

/**
 * A connection profile as the user saves it (what the connect dialog edits and {@code
 * profiles.json} holds): no secrets, only what is needed to open a session.
 *
 * @param name the profile's unique display name
 * @param host host name or address
 * @param port TCP port, 1 to 65535
 * @param tlsMode none, TLS or STARTTLS
 * @param luNames LU names to ask for, in order (empty: any)
 * @param model terminal model name such as {@code 3279-4-E} (see {@link TerminalModel#parse})
 * @param codePage code page name (see {@link CodePages})
 * @param keymap keymap name ({@code default} for the built-in one)
 * @param verifyCertificate verify the host's certificate under TLS
 * @param acceptedCertificateSha256 fingerprint of a certificate the user accepted, or null
 * @param logonMacro the name of the macro (see {@code MacroStore}) that signs on after a migration
 *     or failover, or null for none (the operator signs on again)
 */
public record SavedProfile(
    String name,
    String host,
    int port,
    TlsMode tlsMode,
    List<String> luNames,
    String model,
    String codePage,
    String keymap,
    boolean verifyCertificate,
    String acceptedCertificateSha256,
    String logonMacro) {

  /** The name of the built-in keymap. */
  public static final String DEFAULT_KEYMAP = "default";

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException naming the first bad field
   */
  public SavedProfile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name is required");
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is required");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535: " + port);
    }
    tlsMode = tlsMode == null ? TlsMode.NONE : tlsMode;
    luNames = luNames == null ? List.of() : List.copyOf(luNames);
    model = model == null || model.isBlank() ? TerminalModel.defaultModel().name() : model;
    TerminalModel.parse(model);
    codePage = codePage == null || codePage.isBlank() ? CodePages.DEFAULT_NAME : codePage;
    if (CodePages.canonicalName(codePage).isEmpty()) {
      throw new IllegalArgumentException("unknown code page: " + codePage);
    }
    keymap = keymap == null || keymap.isBlank() ? DEFAULT_KEYMAP : keymap;
    logonMacro = logonMacro == null || logonMacro.isBlank() ? null : logonMacro.strip();
  }

  /** A profile with the defaults (3279-4-E, bracket, no TLS, default keymap). */
  public static SavedProfile of(String name, String host, int port) {
    return new SavedProfile(
        name, host, port, TlsMode.NONE, List.of(), null, null, null, true, null, null);
  }

  /** The session profile this describes. */
  public SessionProfile toSessionProfile() {
    return SessionProfile.of(host, port)
        .withName(name)
        .withTlsMode(tlsMode)
        .withLuNames(luNames)
        .withModel(TerminalModel.parse(model))
        .withCodePage(codePage)
        .withVerifyCertificate(verifyCertificate)
        .withAcceptedCertificate(acceptedCertificateSha256);
  }

  /** A copy with another name. */
  public SavedProfile withName(String value) {
    return new SavedProfile(
        value,
        host,
        port,
        tlsMode,
        luNames,
        model,
        codePage,
        keymap,
        verifyCertificate,
        acceptedCertificateSha256,
        logonMacro);
  }

  /** A copy that signs on with this macro after a migration or failover (null: none). */
  public SavedProfile withLogonMacro(String value) {
    return new SavedProfile(
        name,
        host,
        port,
        tlsMode,
        luNames,
        model,
        codePage,
        keymap,
        verifyCertificate,
        acceptedCertificateSha256,
        value);
  }
}
