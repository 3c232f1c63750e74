/**
 * The operator's keyboard and the Operator Information Area: the 3270 key rules (typing, field
 * navigation, editing, AID keys, keyboard lock) as x3270 4.x applies them, on a {@link
 * dev.console3270.protocol.TerminalState}.
 */
package dev.console3270.protocol.keyboard;
