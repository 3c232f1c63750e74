package dev.console3270.bench;

import dev.console3270.testing.S3270;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory of live s3270 sessions: {@code n} s3270 processes, each connected to the host and showing
 * its first screen, then PSS and RSS of each from {@code /proc/PID/smaps_rollup}.
 */
final class S3270Memory {
  private static final String SIGN_ON = "DEMO HOST SIGN-ON";

  private S3270Memory() {}

  /**
   * Per-process figures.
   *
   * @param processes processes measured
   * @param meanPssKb mean proportional set size (shared libraries split among the processes), kB
   * @param meanRssKb mean resident set size, kB
   */
  record Result(int processes, double meanPssKb, double meanRssKb) {}

  /** Starts {@code n} connected s3270 processes, measures them, and ends them. */
  static Result measure(int n, int port) throws Exception {
    List<S3270> all = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        S3270 s = S3270.start("3279-4-E", null);
        all.add(s);
        s.runOk("Connect(127.0.0.1:" + port + ")");
        s.runOk("Wait(10,InputField)");
        if (!String.join("\n", s.runOk("Ascii()").data()).contains(SIGN_ON)) {
          throw new IOException("s3270 " + i + " does not show the sign-on screen");
        }
      }
      long[] pss = new long[n];
      long[] rss = new long[n];
      for (int i = 0; i < n; i++) {
        ProcFiles.Memory m = ProcFiles.smapsRollup(all.get(i).pid());
        pss[i] = m.pssKb();
        rss[i] = m.rssKb();
      }
      return new Result(n, Stats.mean(pss), Stats.mean(rss));
    } finally {
      for (S3270 s : all) {
        s.close();
      }
    }
  }
}
