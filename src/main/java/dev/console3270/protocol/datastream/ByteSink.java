package dev.console3270.protocol.datastream;

import java.util.Arrays;

/**
 * A growable byte buffer for building inbound data: like {@code ByteArrayOutputStream} without its
 * synchronization, for the single-threaded encoders.
 */
final class ByteSink {
  private byte[] buf;
  private int count;

  ByteSink(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  ByteSink() {
    this(64);
  }

  private void ensure(int extra) {
    if (count + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + extra));
    }
  }

  void write(int b) {
    ensure(1);
    buf[count++] = (byte) b;
  }

  void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  void writeBytes(byte[] b) {
    write(b, 0, b.length);
  }

  int size() {
    return count;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, count);
  }
}
