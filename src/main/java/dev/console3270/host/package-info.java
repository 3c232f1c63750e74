/**
 * The built-in demo host: a small TN3270E/TN3270 server whose screens are files under {@code
 * demo-host/} on the classpath. It may use sockets and threads; it builds its 3270 data with the
 * protocol core's addresses and code pages and parses inbound Read Modified data itself.
 */
package dev.console3270.host;
