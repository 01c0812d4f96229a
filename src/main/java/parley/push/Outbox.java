package parley.push;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The persistent push queue: one row per (device, item). Every statement here is one short autocommit: claiming
 * takes rows with {@code FOR UPDATE SKIP LOCKED}, so several nodes share the queue without taking a row twice, and
 * no transaction stays open while a provider is asked.
 */
final class Outbox {

  static final String CHANNEL = "parley_push";
  private static final String ENQUEUE = """
    WITH queued AS (
      INSERT INTO push_outbox (tenant_id, user_id, subscription_id, provider, item_key, payload)
      SELECT s.tenant_id, s.user_id, s.id, s.kind, $3, $4 FROM push_subscriptions s WHERE s.tenant_id = $1 AND s.user_id = ANY ($2)
      ON CONFLICT (subscription_id, item_key) DO NOTHING RETURNING id)
    SELECT count(*) AS queued, pg_notify('""" + CHANNEL + "', '') FROM queued";
  private static final String CLAIM = """
    UPDATE push_outbox o SET state = 'sending', attempts = o.attempts + 1, claimed_until = now() + make_interval(secs => $2)
    FROM (SELECT id FROM push_outbox
          WHERE state = 'pending' AND next_attempt_at <= now() OR state = 'sending' AND claimed_until < now()
          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) due, push_subscriptions s
    WHERE o.id = due.id AND s.id = o.subscription_id
    RETURNING o.id, o.subscription_id, o.provider, s.endpoint, s.p256dh, s.auth, o.item_key, o.payload, o.attempts""";
  private static final String NEXT_DUE = """
    SELECT extract(epoch FROM least(
      (SELECT min(next_attempt_at) FROM push_outbox WHERE state = 'pending'),
      (SELECT min(claimed_until) FROM push_outbox WHERE state = 'sending')) - now()) * 1000 AS wait""";
  private static final String SENT = """
    UPDATE push_outbox SET state = 'sent', finished_at = now(), claimed_until = NULL, ticket = $2, last_status = $3, last_error = NULL
    WHERE id = $1 AND state = 'sending'""";
  // Past 24 h since it was queued, a retry becomes a failure.
  private static final String RETRY = """
    UPDATE push_outbox SET claimed_until = NULL, last_status = $3,
      state = CASE WHEN created_at < now() - interval '24 hours' THEN 'failed' ELSE 'pending' END,
      finished_at = CASE WHEN created_at < now() - interval '24 hours' THEN now() END,
      last_error = CASE WHEN created_at < now() - interval '24 hours' THEN 'gave up after 24 h: ' || $4 ELSE $4 END,
      next_attempt_at = now() + make_interval(secs => $2 / 1000.0)
    WHERE id = $1 AND state = 'sending'""";
  private static final String FAILED = """
    UPDATE push_outbox SET state = 'failed', finished_at = now(), claimed_until = NULL, last_status = $2, last_error = $3
    WHERE id = $1""";
  private static final String RECEIPTS_DUE = """
    UPDATE push_outbox o SET receipt_checked_at = now()
    FROM (SELECT id FROM push_outbox WHERE ticket IS NOT NULL AND receipt_checked_at IS NULL AND provider = 'expo'
            AND state = 'sent' AND finished_at < now() - make_interval(secs => $1)
          ORDER BY finished_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
    WHERE o.id = due.id RETURNING o.id, o.ticket, o.subscription_id""";
  private static final String RECEIPT_UNCHECKED = "UPDATE push_outbox SET receipt_checked_at = NULL WHERE id = $1";
  private static final String DEPTHS = "SELECT state, count(*) AS rows FROM push_outbox GROUP BY state";
  private static final String CLEAN_UP = "DELETE FROM push_outbox WHERE finished_at < now() - interval '7 days'";

  /** A sent Expo push whose receipt is due. */
  record Ticket(long rowId, String ticket, Long subscriptionId) {
  }

  private Outbox() {
  }

  /** Queues the item for every device of the users; answers how many rows are new. */
  static Future<Long> enqueue(SqlClient sql, long tenantId, List<Long> userIds, String itemKey, JsonObject payload) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture(0L);
    }
    return sql.preparedQuery(ENQUEUE).execute(Tuple.of(tenantId, userIds.toArray(Long[]::new), itemKey, payload))
      .map(rows -> rows.iterator().next().getLong("queued"));
  }

  static Future<List<PushDelivery>> claim(SqlClient sql, int batch, int claimSeconds) {
    return sql.preparedQuery(CLAIM).execute(Tuple.of(batch, claimSeconds)).map(rows -> {
      List<PushDelivery> claimed = new ArrayList<>(rows.size());
      rows.forEach(row -> claimed.add(new PushDelivery(row.getLong("id"), row.getLong("subscription_id"), row.getString("provider"),
        row.getString("endpoint"), row.getString("p256dh"), row.getString("auth"), row.getString("item_key"),
        (JsonObject) row.getValue("payload"), row.getInteger("attempts"))));
      return claimed;
    });
  }

  /** Milliseconds until a row is due (a retry, or a claim running out), or null when none waits. */
  static Future<Double> nextDue(SqlClient sql) {
    return sql.preparedQuery(NEXT_DUE).execute().map(rows -> {
      Object wait = rows.iterator().next().getValue("wait");
      return wait == null ? null : ((Number) wait).doubleValue();
    });
  }

  static Future<Void> sent(SqlClient sql, long rowId, PushOutcome.Sent sent) {
    return sql.preparedQuery(SENT).execute(Tuple.of(rowId, sent.ticket(), sent.status())).mapEmpty();
  }

  static Future<Void> retry(SqlClient sql, long rowId, long delayMillis, int status, String error) {
    return sql.preparedQuery(RETRY).execute(Tuple.of(rowId, delayMillis, status, error)).mapEmpty();
  }

  static Future<Void> failed(SqlClient sql, long rowId, int status, String error) {
    return sql.preparedQuery(FAILED).execute(Tuple.of(rowId, status, error)).mapEmpty();
  }

  static Future<List<Ticket>> receiptsDue(SqlClient sql, int delaySeconds, int batch) {
    return sql.preparedQuery(RECEIPTS_DUE).execute(Tuple.of(delaySeconds, batch)).map(Outbox::tickets);
  }

  static Future<Void> receiptUnchecked(SqlClient sql, long rowId) {
    return sql.preparedQuery(RECEIPT_UNCHECKED).execute(Tuple.of(rowId)).mapEmpty();
  }

  /** How many rows are in each state (those finished are kept for 7 days). */
  static Future<Map<String, Long>> depths(SqlClient sql) {
    return sql.query(DEPTHS).execute().map(rows -> {
      Map<String, Long> depths = new HashMap<>();
      rows.forEach(row -> depths.put(row.getString("state"), row.getLong("rows")));
      return depths;
    });
  }

  static Future<Void> cleanUp(SqlClient sql) {
    return sql.preparedQuery(CLEAN_UP).execute().mapEmpty();
  }

  private static List<Ticket> tickets(RowSet<Row> rows) {
    List<Ticket> tickets = new ArrayList<>(rows.size());
    rows.forEach(row -> tickets.add(new Ticket(row.getLong("id"), row.getString("ticket"), row.getLong("subscription_id"))));
    return tickets;
  }
}
