package dev.console3270.api;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/** Request counters and the latency histogram behind {@code /metrics}. */
final class ApiMetrics {
  /** Upper bounds of the latency buckets, in seconds. */
  static final double[] BUCKETS = {
    0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length);
  private final AtomicLongArray classes = new AtomicLongArray(6);
  private final DoubleAdder sum = new DoubleAdder();

  void record(int status, long nanos) {
    double secs = nanos / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (secs <= BUCKETS[i]) {
        buckets.incrementAndGet(i);
      }
    }
    sum.add(secs);
    int c = status / 100;
    classes.incrementAndGet(c >= 1 && c <= 5 ? c : 0);
  }

  void write(StringBuilder sb) {
    sb.append("# HELP console3270_api_requests_total API requests by status class.\n");
    sb.append("# TYPE console3270_api_requests_total counter\n");
    for (int c = 1; c <= 5; c++) {
      sb.append("console3270_api_requests_total{code=\"")
          .append(c)
          .append("xx\"} ")
          .append(classes.get(c))
          .append('\n');
    }
    sb.append("# HELP console3270_api_request_duration_seconds API request latency.\n");
    sb.append("# TYPE console3270_api_request_duration_seconds histogram\n");
    long count = 0;
    for (int c = 0; c <= 5; c++) {
      count += classes.get(c);
    }
    for (int i = 0; i < BUCKETS.length; i++) {
      sb.append("console3270_api_request_duration_seconds_bucket{le=\"")
          .append(java.math.BigDecimal.valueOf(BUCKETS[i]).stripTrailingZeros().toPlainString())
          .append("\"} ")
          .append(buckets.get(i))
          .append('\n');
    }
    sb.append("console3270_api_request_duration_seconds_bucket{le=\"+Inf\"} ")
        .append(count)
        .append('\n');
    sb.append("console3270_api_request_duration_seconds_sum ").append(sum.sum()).append('\n');
    sb.append("console3270_api_request_duration_seconds_count ").append(count).append('\n');
  }
}
