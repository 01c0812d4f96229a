package parley.loadgen;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one run measured, on the generator's one clock: each message carries the time it was due to be sent (the
 * open-loop schedule's, not the moment the generator got round to it, so a slow server cannot hide its latency),
 * and both its acknowledgement and each delivery are timed from that. Only messages due inside the measured window
 * are timed; every message is counted, for loss and order.
 */
final class Measurements {

  private static final long MAX_MICROS = 120_000_000;

  final Histogram delivery = new ConcurrentHistogram(MAX_MICROS, 3);
  final Histogram ack = new ConcurrentHistogram(MAX_MICROS, 3);
  final LongAdder sent = new LongAdder();
  final LongAdder acked = new LongAdder();
  final LongAdder ackedInWindow = new LongAdder();
  final LongAdder refused = new LongAdder();
  final LongAdder delivered = new LongAdder();
  final LongAdder deliveredInWindow = new LongAdder();
  final LongAdder gaps = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final LongAdder reordered = new LongAdder();
  private final java.util.concurrent.atomic.AtomicLongArray worstBySecond = new java.util.concurrent.atomic.AtomicLongArray(600);
  volatile long windowStart = Long.MAX_VALUE;
  volatile long windowEnd = Long.MAX_VALUE;

  boolean inWindow(long due) {
    return due >= windowStart && due < windowEnd;
  }

  void acknowledged(long due, long now) {
    acked.increment();
    if (inWindow(due)) {
      ackedInWindow.increment();
      ack.recordValue(Math.min(MAX_MICROS, Math.max(0, (now - due) / 1000)));
    }
  }

  void delivered(long due, long now) {
    delivered.increment();
    if (inWindow(due)) {
      deliveredInWindow.increment();
      long micros = Math.min(MAX_MICROS, Math.max(0, (now - due) / 1000));
      delivery.recordValue(micros);
      int second = (int) ((due - windowStart) / 1_000_000_000L);
      if (second < worstBySecond.length()) {
        worstBySecond.accumulateAndGet(second, micros, Math::max);
      }
    }
  }

  /** The slowest delivery of the messages due in each second of the window, in ms: when the slow ones happen. */
  io.vertx.core.json.JsonArray worstBySecond() {
    io.vertx.core.json.JsonArray worst = new io.vertx.core.json.JsonArray();
    int seconds = (int) Math.min(worstBySecond.length(), (windowEnd - windowStart) / 1_000_000_000L);
    for (int i = 0; i < seconds; i++) {
      worst.add(ms(worstBySecond.get(i)));
    }
    return worst;
  }

  /**
   * One connection's view of its room: the sequence numbers it has seen. Messages of one room may arrive out of
   * order (docs/protocol.md, "Order and delivery": changes are stored in parallel), which is counted but is no
   * fault; a number seen twice is, and so is one never seen below the highest seen ({@link #gaps}).
   */
  final class RoomView {
    private final java.util.BitSet seen = new java.util.BitSet();
    private long highest;

    synchronized void arrived(long seq) {
      if (seen.get((int) seq)) {
        duplicates.increment();
        return;
      }
      seen.set((int) seq);
      if (seq < highest) {
        reordered.increment();
      }
      highest = Math.max(highest, seq);
    }

    /** Numbers below the highest seen that never came, counting from the first message of the room (seq 1). */
    synchronized long missing() {
      return highest - seen.cardinality();
    }
  }

  static JsonObject percentiles(Histogram histogram) {
    return new JsonObject().put("count", histogram.getTotalCount())
      .put("p50", ms(histogram.getValueAtPercentile(50))).put("p90", ms(histogram.getValueAtPercentile(90)))
      .put("p99", ms(histogram.getValueAtPercentile(99))).put("p999", ms(histogram.getValueAtPercentile(99.9)))
      .put("max", ms(histogram.getMaxValue()));
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
