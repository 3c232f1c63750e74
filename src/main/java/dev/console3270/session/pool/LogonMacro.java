package dev.console3270.session.pool;

import dev.console3270.session.ActionCall;
import dev.console3270.session.MacroStore;
import java.util.List;
import java.util.Objects;

/**
 * The action-language script that signs on to a new connection, ending with a check such as {@code
 * Wait(10,StringAt,1,1,"...")}. Secrets are written {@code ${secret:NAME}} inside {@code
 * String("...")} arguments and filled in from a {@link SecretStore} only in memory, when it runs.
 *
 * @param name a display name
 * @param script the script text (as {@link MacroStore#parseScript} reads it)
 */
public record LogonMacro(String name, String script) {
  public LogonMacro {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(script, "script");
  }

  /**
   * The parsed actions, secrets still as placeholders.
   *
   * @throws IllegalArgumentException {@code line N: ...} when the script does not parse
   */
  public List<ActionCall> parse() {
    return MacroStore.parseScript(script);
  }
}
