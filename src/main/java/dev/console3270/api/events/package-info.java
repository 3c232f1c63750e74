/**
 * The console's event stream, independent of HTTP: {@link dev.console3270.api.events.EventHub}
 * numbers and buffers {@link dev.console3270.api.events.ConsoleEvent}s from the pool, the endpoint
 * registry and the audit log; {@link dev.console3270.api.events.EventStreamHandler} serves them as
 * Server-Sent Events.
 */
package dev.console3270.api.events;
