/**
 * The embedded REST API: an HTTP server on the JDK's {@code com.sun.net.httpserver} bound to
 * loopback, bearer-token authentication, Host/Origin allowlists, body limits, rate limiting, RFC
 * 9457 problem responses, and the resources (sessions, screens, actions, endpoints, balancer,
 * metrics). The {@link dev.console3270.api.Router} is the single source of the routes and of the
 * generated OpenAPI description.
 */
package dev.console3270.api;
