package dev.console3270.protocol.datastream;

/** A growing big-endian byte buffer for the body of one Query Reply. */
final class QueryBody {
  private final ByteSink out = new ByteSink();

  void u8(int v) {
    out.write(v & 0xff);
  }

  void u16(int v) {
    u8(v >> 8);
    u8(v);
  }

  void u32(int v) {
    u16(v >>> 16);
    u16(v);
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
