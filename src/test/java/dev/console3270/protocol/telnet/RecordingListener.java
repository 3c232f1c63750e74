package dev.console3270.protocol.telnet;

import dev.console3270.protocol.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A listener that records everything, for tests. */
final class RecordingListener implements TelnetListener {

  /** One delivered record. */
  record Rec(Tn3270eHeader header, byte[] data) {}

  final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  final List<byte[]> sends = new ArrayList<>();
  final List<Rec> records = new ArrayList<>();
  final ByteArrayOutputStream nvt = new ByteArrayOutputStream();
  final List<TelnetMode> modes = new ArrayList<>();
  final List<BindImage> binds = new ArrayList<>();
  final List<Integer> unbinds = new ArrayList<>();
  final List<ProtocolException> errors = new ArrayList<>();
  final List<Tn3270eHeader> bids = new ArrayList<>();
  int startTlsRequests;
  int startTlsFollows;
  int timingMarks;

  @Override
  public void send(byte[] bytes) {
    sends.add(bytes.clone());
    sent.write(bytes, 0, bytes.length);
  }

  @Override
  public void record(Tn3270eHeader header, byte[] data) {
    records.add(new Rec(header, data.clone()));
  }

  @Override
  public void nvtData(byte[] data) {
    nvt.write(data, 0, data.length);
  }

  @Override
  public void modeChanged(TelnetMode mode) {
    modes.add(mode);
  }

  @Override
  public void bind(BindImage bind) {
    binds.add(bind);
  }

  @Override
  public void unbind(int reason) {
    unbinds.add(reason);
  }

  @Override
  public void startTlsRequested() {
    startTlsRequests++;
  }

  @Override
  public void startTlsFollows() {
    startTlsFollows++;
  }

  @Override
  public void timingMark() {
    timingMarks++;
  }

  @Override
  public void bid(Tn3270eHeader header) {
    bids.add(header);
  }

  @Override
  public void protocolError(ProtocolException error) {
    errors.add(error);
  }

  /** Returns and clears what was sent so far. */
  byte[] takeSent() {
    byte[] b = sent.toByteArray();
    sent.reset();
    sends.clear();
    return b;
  }
}
