/** Entry point, command line, configuration and wiring. */
package dev.console3270.app;
