package dev.console3270.ui;

import dev.console3270.session.SavedProfile;
import dev.console3270.session.SessionEngine;
import java.nio.file.Path;

/**
 * What the window needs from the application around it.
 *
 * @param configDir the user's configuration directory (profiles, keymaps, macros)
 * @param engine the engine that runs the sessions
 * @param demoHost starts the built-in demo host (once) and gives a profile for it
 */
public record ConsoleContext(Path configDir, SessionEngine engine, DemoHostStarter demoHost) {

  /** Starts the embedded demo host on demand. */
  @FunctionalInterface
  public interface DemoHostStarter {
    /**
     * Starts the demo host if it is not running and returns a profile that reaches it.
     *
     * @throws Exception when it cannot start (the window shows the reason)
     */
    SavedProfile start() throws Exception;
  }
}
