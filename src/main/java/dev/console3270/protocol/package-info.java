/**
 * The TN3270 protocol core: telnet and TN3270E negotiation, the 3270 data stream, the screen model,
 * keyboard rules and code pages. Pure Java: bytes in, model changes and bytes out; no JavaFX, no
 * sockets, no threads.
 */
package dev.console3270.protocol;
