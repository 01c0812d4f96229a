package parley.push;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;
import parley.metrics.ParleyMetrics;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The push outbox's rows by state, for {@code parley.push.outbox}: counted every {@link #EVERY_MS} by the push
 * worker, never when a scrape comes, so that scrapes cost the database nothing. Only with metrics on.
 */
final class OutboxDepth {

  static final long EVERY_MS = 15_000;

  private final Map<String, AtomicLong> rows;

  private OutboxDepth(ParleyMetrics metrics) {
    rows = Map.of("pending", new AtomicLong(), "sending", new AtomicLong(), "sent", new AtomicLong(), "failed", new AtomicLong());
    rows.forEach((state, count) -> metrics.pushOutbox(state, count, AtomicLong::get));
  }

  /** Counts now and every {@link #EVERY_MS} from now on, when metrics are on. */
  static void start(Vertx vertx, SqlClient sql, ParleyMetrics metrics) {
    if (!metrics.enabled()) {
      return;
    }
    OutboxDepth depth = new OutboxDepth(metrics);
    depth.count(sql);
    vertx.setPeriodic(EVERY_MS, tick -> depth.count(sql));
  }

  private void count(SqlClient sql) {
    Outbox.depths(sql).onSuccess(counted -> rows.forEach((state, count) -> count.set(counted.getOrDefault(state, 0L))));
  }
}
