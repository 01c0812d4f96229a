package parley.push;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.bus.Times;

import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/** A person's push devices and what they want pushed: their level, previews, and each room's own level. */
final class Devices {

  static final int MAX_PER_USER = 20;
  // What was still to be sent to the devices a statement deletes goes with them: once a device is gone no worker
  // could send it, and only a device this statement did delete takes anything along.
  private static final String WITH_UNSENT = """
    WITH forgotten AS (%s RETURNING id),
      unsent AS (DELETE FROM push_outbox WHERE subscription_id IN (SELECT id FROM forgotten) AND state IN ('pending', 'sending'))
    SELECT count(*) AS forgotten FROM forgotten""";
  // A device registered again, by anyone, is that person's from now on; the keys may have changed too. What was
  // queued for the one it belonged to is not for the next: it goes. Every node's push queue hears of the owner at commit.
  private static final String UPSERT = """
    WITH device AS (
      INSERT INTO push_subscriptions (tenant_id, user_id, kind, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (kind, endpoint) DO UPDATE SET tenant_id = excluded.tenant_id, user_id = excluded.user_id,
        p256dh = excluded.p256dh, auth = excluded.auth
      RETURNING id, kind, endpoint, created_at),
      theirs AS (DELETE FROM push_outbox WHERE subscription_id = (SELECT id FROM device) AND state IN ('pending', 'sending')
        AND (tenant_id <> $1 OR user_id <> $2))
    SELECT *, pg_notify('""" + DeviceOwners.CHANNEL + "', $2::text) FROM device";
  private static final String TRIM = WITH_UNSENT.formatted("""
    DELETE FROM push_subscriptions WHERE tenant_id = $1 AND user_id = $2 AND id NOT IN (
      SELECT id FROM push_subscriptions WHERE tenant_id = $1 AND user_id = $2 ORDER BY id DESC LIMIT $3)""");
  private static final String LIST = "SELECT id, kind, endpoint, created_at FROM push_subscriptions WHERE tenant_id = $1 AND user_id = $2 ORDER BY id";
  private static final String FORGET_MINE =
    WITH_UNSENT.formatted("DELETE FROM push_subscriptions WHERE id = $1 AND tenant_id = $2 AND user_id = $3");
  private static final String FORGET_GONE = WITH_UNSENT.formatted("DELETE FROM push_subscriptions WHERE id = $1");
  private static final String SETTINGS = """
    SELECT coalesce(s.level, 'direct') AS level, coalesce(s.previews, true) AS previews,
      (SELECT coalesce(jsonb_object_agg(l.room_id::text, l.level), '{}') FROM push_room_levels l WHERE l.user_id = $1) AS room_levels
    FROM (SELECT $1::bigint AS user_id) me LEFT JOIN push_settings s ON s.user_id = me.user_id""";
  private static final String SET = """
    INSERT INTO push_settings (user_id, level, previews) VALUES ($1, coalesce($2, 'direct'), coalesce($3, true))
    ON CONFLICT (user_id) DO UPDATE SET level = coalesce($2, push_settings.level), previews = coalesce($3, push_settings.previews)""";
  private static final String SET_ROOM_LEVEL = """
    INSERT INTO push_room_levels (user_id, room_id, level) VALUES ($1, $2, $3)
    ON CONFLICT (user_id, room_id) DO UPDATE SET level = excluded.level""";
  private static final String CLEAR_ROOM_LEVEL = "DELETE FROM push_room_levels WHERE user_id = $1 AND room_id = $2";

  private Devices() {
  }

  static Future<JsonObject> register(SqlClient sql, long tenantId, long userId, String kind, String endpoint, String p256dh,
                                     String auth) {
    return sql.preparedQuery(UPSERT).execute(Tuple.of(tenantId, userId, kind, endpoint, p256dh, auth))
      .compose(rows -> sql.preparedQuery(TRIM).execute(Tuple.of(tenantId, userId, MAX_PER_USER))
        .map(trimmed -> toJson(rows.iterator().next())));
  }

  static Future<JsonArray> list(SqlClient sql, long tenantId, long userId) {
    return sql.preparedQuery(LIST).execute(Tuple.of(tenantId, userId)).map(rows -> {
      JsonArray devices = new JsonArray();
      rows.forEach(row -> devices.add(toJson(row)));
      return devices;
    });
  }

  /** Forgets one of the caller's devices, and what was still to be sent to it; false when it is not theirs. */
  static Future<Boolean> forget(SqlClient sql, long tenantId, long userId, long subscriptionId) {
    return sql.preparedQuery(FORGET_MINE).execute(Tuple.of(subscriptionId, tenantId, userId)).map(Devices::forgotten);
  }

  /** Forgets a device its push service reports gone, whoever's it is, and what was still to be sent to it. */
  static Future<Boolean> forgetGone(SqlClient sql, long subscriptionId) {
    return sql.preparedQuery(FORGET_GONE).execute(Tuple.of(subscriptionId)).map(Devices::forgotten);
  }

  private static boolean forgotten(RowSet<Row> rows) {
    return rows.iterator().next().getLong("forgotten") == 1;
  }

  /** {@code mutedRoomIds}, the rooms at "nothing", is for clients that know muting only. */
  static Future<JsonObject> settings(SqlClient sql, long userId) {
    return sql.preparedQuery(SETTINGS).execute(Tuple.of(userId)).map(rows -> {
      Row row = rows.iterator().next();
      JsonObject roomLevels = (JsonObject) row.getValue("room_levels");
      JsonArray muted = new JsonArray(roomLevels.stream().filter(room -> PushAudience.NOTHING.equals(room.getValue()))
        .map(Map.Entry::getKey).sorted(Comparator.comparingLong(Long::parseLong)).collect(Collectors.toList()));
      return new JsonObject().put("level", row.getString("level")).put("previews", row.getBoolean("previews"))
        .put("roomLevels", roomLevels).put("mutedRoomIds", muted);
    });
  }

  /** Null leaves a setting as it is. */
  static Future<Void> set(SqlClient sql, long userId, String level, Boolean previews) {
    return sql.preparedQuery(SET).execute(Tuple.of(userId, level, previews)).mapEmpty();
  }

  /** Null: the room follows the person's own level again. */
  static Future<Void> setRoomLevel(SqlClient sql, long userId, long roomId, String level) {
    return (level == null ? sql.preparedQuery(CLEAR_ROOM_LEVEL).execute(Tuple.of(userId, roomId))
      : sql.preparedQuery(SET_ROOM_LEVEL).execute(Tuple.of(userId, roomId, level))).mapEmpty();
  }

  /** What a person sees of a device: never its keys. */
  private static JsonObject toJson(Row row) {
    boolean web = "webpush".equals(row.getString("kind"));
    return new JsonObject().put("id", Long.toString(row.getLong("id"))).put("kind", row.getString("kind"))
      .put(web ? "endpoint" : "token", row.getString("endpoint")).put("createdAt", Times.iso(row.getOffsetDateTime("created_at")));
  }
}
