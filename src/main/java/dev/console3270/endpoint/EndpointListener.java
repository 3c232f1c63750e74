package dev.console3270.endpoint;

/**
 * Hears about registry changes. Called on the thread that made the change, after the registry
 * released its lock (so listeners may call the registry); different threads may call it at once.
 * Must return quickly; an exception is logged and the other listeners still run.
 */
public interface EndpointListener {
  /** An endpoint was added. */
  default void endpointAdded(EndpointView view) {}

  /** An endpoint's definition was replaced. */
  default void endpointUpdated(EndpointView view, Endpoint previous) {}

  /** An endpoint was removed. */
  default void endpointRemoved(Endpoint endpoint) {}

  /** An endpoint went UP or DOWN. */
  default void healthChanged(EndpointView view, Health previous) {}

  /** An endpoint was enabled, drained or disabled. */
  default void adminStateChanged(EndpointView view, AdminState previous) {}
}
