/**
 * Live sessions: a connection (TCP, TLS, STARTTLS) around the protocol core, its thread, listeners,
 * trace recording and replay, and the x3270 action language.
 */
package dev.console3270.session;
