/**
 * Endpoints (TN3270 hosts), their active and passive health checks and the balancer that picks one
 * for a new session. Depends on nothing of ours except {@code session.TlsMode}; no JavaFX.
 */
package dev.console3270.endpoint;
