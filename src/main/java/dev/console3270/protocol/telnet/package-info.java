/**
 * Telnet (RFC 854, RFC 1143 option negotiation) and TN3270/TN3270E (RFC 1576, RFC 2355) framing:
 * {@link dev.console3270.protocol.telnet.TelnetCodec} turns host bytes into 3270 records and
 * produces the bytes to send back. No I/O, no threads.
 */
package dev.console3270.protocol.telnet;
