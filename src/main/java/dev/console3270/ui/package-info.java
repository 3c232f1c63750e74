/** JavaFX views and their view models; the only package that imports JavaFX. */
package dev.console3270.ui;
