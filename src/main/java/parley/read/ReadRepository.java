package parley.read;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.auth.Person;

/** Read cursors ({@code room_members.read_seq}) in PostgreSQL; every query is scoped to the caller's tenant. */
final class ReadRepository {

  /**
   * Forward only, and never past the room's newest change. The condition is checked again on the locked row, so
   * two racing reads cannot move the cursor back. No row comes back when nothing moved (or the caller is not a member).
   */
  private static final String ADVANCE = """
    UPDATE room_members rm SET read_seq = LEAST($4, r.last_seq) FROM rooms r
    WHERE rm.room_id = $1 AND rm.user_id = $2 AND rm.tenant_id = $3 AND r.id = rm.room_id
      AND rm.read_seq < LEAST($4, r.last_seq)
    RETURNING rm.read_seq""";

  private static final String CURSOR = """
    SELECT rm.read_seq, counts.unread, counts.mentions,
           (SELECT count(*) FROM room_members a WHERE a.room_id = rm.room_id) AS member_count
    FROM room_members rm %s
    WHERE rm.room_id = $1 AND rm.user_id = $2 AND rm.tenant_id = $3""".formatted(UnreadCounts.join("rm", "counts"));

  private static final String ACCESS = """
    SELECT EXISTS (SELECT 1 FROM room_members WHERE room_id = r.id AND user_id = $2) AS member,
           EXISTS (SELECT 1 FROM messages WHERE id = $4 AND room_id = r.id) AS message
    FROM rooms r WHERE r.id = $1 AND r.tenant_id = $3""";

  /** Members other than the author whose cursor has reached the message. */
  private static final String READERS = """
    SELECT %s
    FROM messages m
    JOIN room_members rm ON rm.room_id = m.room_id AND rm.read_seq >= m.seq AND rm.user_id <> m.author_id
    JOIN users u ON u.id = rm.user_id
    WHERE m.id = $2 AND m.room_id = $1 AND m.tenant_id = $3
    ORDER BY %s""".formatted(Person.COLUMNS, Person.ORDER);

  /** Where a member's cursor is, and what it leaves unread; {@code memberCount} decides whether the room hears of it. */
  record Cursor(long readSeq, long unread, long mentions, long memberCount) {
    JsonObject toJson(long roomId) {
      return new JsonObject().put("roomId", Long.toString(roomId)).put("seq", readSeq).put("unread", unread)
        .put("mentions", mentions);
    }
  }

  /** Whether the room exists, the caller is in it, and (when asked) the message is in it. */
  record Access(boolean room, boolean member, boolean message) {
  }

  private ReadRepository() {
  }

  /** True when the cursor moved. */
  static Future<Boolean> advance(SqlClient sql, long tenantId, long userId, long roomId, long seq) {
    return sql.preparedQuery(ADVANCE).execute(Tuple.of(roomId, userId, tenantId, seq)).map(rows -> rows.size() > 0);
  }

  /** The caller's cursor in the room, or null when they are not a member. */
  static Future<Cursor> cursor(SqlClient sql, long tenantId, long userId, long roomId) {
    return sql.preparedQuery(CURSOR).execute(Tuple.of(roomId, userId, tenantId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Cursor(row.getLong("read_seq"), row.getLong("unread"), row.getLong("mentions"), row.getLong("member_count"));
    });
  }

  static Future<Access> access(SqlClient sql, long tenantId, long userId, long roomId, long messageId) {
    return sql.preparedQuery(ACCESS).execute(Tuple.of(roomId, userId, tenantId, messageId)).map(rows -> {
      if (rows.size() == 0) {
        return new Access(false, false, false);
      }
      Row row = rows.iterator().next();
      return new Access(true, row.getBoolean("member"), row.getBoolean("message"));
    });
  }

  /** Deactivated readers by name only when the viewer {@code seesDeactivated} ({@link Person#shownTo}). */
  static Future<JsonArray> readers(SqlClient sql, long tenantId, long roomId, long messageId, boolean seesDeactivated) {
    return sql.preparedQuery(READERS).execute(Tuple.of(roomId, messageId, tenantId)).map(rows -> {
      JsonArray readers = new JsonArray();
      rows.forEach(row -> readers.add(Person.fromRow(row).toJson(seesDeactivated)));
      return readers;
    });
  }
}
