package dev.console3270.api;

import com.sun.net.httpserver.HttpHandler;
import java.util.Objects;

/**
 * A response body meaning "hand the exchange to this handler": the server runs it on a thread of
 * its own after the checks, the audit record and the rate limit (used for the event stream).
 *
 * @param handler writes the whole response and closes the exchange
 */
record Streaming(HttpHandler handler) {
  Streaming {
    Objects.requireNonNull(handler, "handler");
  }
}
