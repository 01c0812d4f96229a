package parley.push;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.bus.Times;

/**
 * How the push queue is doing: for an admin, the tenant's queue, the last hour per provider and the last errors;
 * for a person, what became of the pushes to their own devices, so "why was I not notified?" has an answer.
 */
final class PushReports {

  private static final String QUEUE = """
    SELECT count(*) FILTER (WHERE state = 'pending') AS pending, count(*) FILTER (WHERE state = 'sending') AS sending,
      min(created_at) FILTER (WHERE state IN ('pending', 'sending')) AS oldest
    FROM push_outbox WHERE tenant_id = $1""";
  private static final String LAST_HOUR = """
    SELECT provider, count(*) FILTER (WHERE state = 'sent') AS sent, count(*) FILTER (WHERE state = 'failed') AS failed
    FROM push_outbox WHERE tenant_id = $1 AND finished_at > now() - interval '1 hour' GROUP BY provider""";
  private static final String LAST_ERRORS = """
    SELECT id, provider, user_id, state, attempts, last_status, last_error, coalesce(finished_at, next_attempt_at) AS at
    FROM push_outbox WHERE tenant_id = $1 AND last_error IS NOT NULL ORDER BY id DESC LIMIT 20""";
  private static final String DEVICES = "SELECT kind, count(*) AS devices FROM push_subscriptions WHERE tenant_id = $1 GROUP BY kind";
  private static final String MINE = """
    SELECT id, provider, subscription_id, item_key, state, attempts, last_status, last_error, created_at, next_attempt_at, finished_at
    FROM push_outbox WHERE tenant_id = $1 AND user_id = $2 ORDER BY id DESC LIMIT 50""";

  private PushReports() {
  }

  static Future<JsonObject> admin(SqlClient sql, long tenantId) {
    Tuple tenant = Tuple.of(tenantId);
    return Future.all(sql.preparedQuery(QUEUE).execute(tenant), sql.preparedQuery(LAST_HOUR).execute(tenant),
        sql.preparedQuery(LAST_ERRORS).execute(tenant), sql.preparedQuery(DEVICES).execute(tenant))
      .map(all -> {
        Row queue = all.<io.vertx.sqlclient.RowSet<Row>>resultAt(0).iterator().next();
        JsonObject lastHour = new JsonObject().put("webpush", counts(0, 0)).put("expo", counts(0, 0));
        all.<io.vertx.sqlclient.RowSet<Row>>resultAt(1)
          .forEach(row -> lastHour.put(row.getString("provider"), counts(row.getLong("sent"), row.getLong("failed"))));
        JsonArray errors = new JsonArray();
        all.<io.vertx.sqlclient.RowSet<Row>>resultAt(2).forEach(row -> errors.add(new JsonObject()
          .put("id", Long.toString(row.getLong("id"))).put("provider", row.getString("provider"))
          .put("userId", Long.toString(row.getLong("user_id"))).put("state", row.getString("state"))
          .put("attempts", row.getInteger("attempts")).put("status", row.getInteger("last_status"))
          .put("error", row.getString("last_error")).put("at", Times.iso(row.getOffsetDateTime("at")))));
        JsonObject devices = new JsonObject().put("webpush", 0L).put("expo", 0L);
        all.<io.vertx.sqlclient.RowSet<Row>>resultAt(3).forEach(row -> devices.put(row.getString("kind"), row.getLong("devices")));
        return new JsonObject()
          .put("queue", new JsonObject().put("pending", queue.getLong("pending")).put("sending", queue.getLong("sending"))
            .put("oldestQueuedAt", Times.iso(queue.getOffsetDateTime("oldest"))))
          .put("lastHour", lastHour).put("lastErrors", errors).put("devices", devices);
      });
  }

  private static JsonObject counts(long sent, long failed) {
    return new JsonObject().put("sent", sent).put("failed", failed);
  }

  /** The last 50 pushes to the caller's devices, newest first. */
  static Future<JsonObject> mine(SqlClient sql, long tenantId, long userId) {
    return sql.preparedQuery(MINE).execute(Tuple.of(tenantId, userId)).map(rows -> {
      JsonArray deliveries = new JsonArray();
      rows.forEach(row -> deliveries.add(new JsonObject().put("id", Long.toString(row.getLong("id")))
        .put("provider", row.getString("provider"))
        .put("subscriptionId", row.getLong("subscription_id") == null ? null : Long.toString(row.getLong("subscription_id")))
        .put("item", row.getString("item_key")).put("state", row.getString("state")).put("attempts", row.getInteger("attempts"))
        .put("status", row.getInteger("last_status")).put("error", row.getString("last_error"))
        .put("queuedAt", Times.iso(row.getOffsetDateTime("created_at")))
        .put("nextAttemptAt", "pending".equals(row.getString("state")) ? Times.iso(row.getOffsetDateTime("next_attempt_at")) : null)
        .put("finishedAt", Times.iso(row.getOffsetDateTime("finished_at")))));
      return new JsonObject().put("deliveries", deliveries);
    });
  }
}
