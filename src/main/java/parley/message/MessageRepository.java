package parley.message;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Messages in PostgreSQL, with the per-room seq that clients use as their cursor. */
final class MessageRepository {

  /**
   * One statement, so it commits before it returns. Bumping {@code rooms.last_seq} locks the room row until commit,
   * so seqs are gapless and in commit order; a racing repeat of the same clientMsgId fails on the unique index and
   * the whole statement (bump included) rolls back. No row comes back when the caller is not a member or the
   * clientMsgId was already used.
   */
  private static final String INSERT = """
    WITH target AS (
      SELECT r.id FROM rooms r JOIN room_members rm ON rm.room_id = r.id AND rm.user_id = $2
      WHERE r.id = $1 AND r.tenant_id = $3
        AND NOT EXISTS (SELECT 1 FROM messages WHERE room_id = $1 AND author_id = $2 AND client_msg_id = $5)
    ), bumped AS (
      UPDATE rooms SET last_seq = rooms.last_seq + 1 FROM target WHERE rooms.id = target.id
      RETURNING rooms.id, rooms.last_seq
    ), m AS (
      INSERT INTO messages (tenant_id, room_id, seq, author_id, content, client_msg_id, kind)
      SELECT $3, id, last_seq, $2, $4, $5, $6 FROM bumped
      RETURNING *
    )
    SELECT %s FROM m JOIN users u ON u.id = m.author_id""".formatted(Message.COLUMNS);

  private static final String BY_CLIENT_MSG_ID = """
    SELECT %s FROM messages m JOIN users u ON u.id = m.author_id
    WHERE m.tenant_id = $3 AND m.room_id = $1 AND m.author_id = $2 AND m.client_msg_id = $4""".formatted(Message.COLUMNS);

  private static final String ACCESS = """
    SELECT EXISTS (SELECT 1 FROM room_members WHERE room_id = r.id AND user_id = $2) AS member
    FROM rooms r WHERE r.id = $1 AND r.tenant_id = $3""";

  private static final String BEFORE = """
    SELECT %s FROM messages m JOIN users u ON u.id = m.author_id
    WHERE m.room_id = $1 AND m.seq < $2 ORDER BY m.seq DESC LIMIT $3""".formatted(Message.COLUMNS);

  /** Every cursor in one query: a row per member room even when nothing is new (then m.id is null). */
  private static final String SINCE = """
    SELECT c.room_id AS cursor_room_id, %s
    FROM unnest($2::bigint[], $3::bigint[]) AS c(room_id, after_seq)
    JOIN room_members rm ON rm.room_id = c.room_id AND rm.user_id = $1 AND rm.tenant_id = $4
    LEFT JOIN LATERAL (
      SELECT * FROM messages WHERE room_id = c.room_id AND seq > c.after_seq ORDER BY seq LIMIT $5
    ) m ON true
    LEFT JOIN users u ON u.id = m.author_id
    ORDER BY c.room_id, m.seq""".formatted(Message.COLUMNS);

  enum Access { NO_ROOM, NOT_MEMBER, MEMBER }

  private MessageRepository() {
  }

  /** The stored message, or null when nothing was stored (see {@link #INSERT}). */
  static Future<Message> insert(SqlClient sql, long tenantId, long authorId, Outgoing outgoing, String kind) {
    return sql.preparedQuery(INSERT)
      .execute(Tuple.of(outgoing.roomId(), authorId, tenantId, outgoing.content(), outgoing.clientMsgId(), kind))
      .map(rows -> rows.size() == 0 ? null : Message.fromRow(rows.iterator().next()));
  }

  static Future<Message> byClientMsgId(SqlClient sql, long tenantId, long authorId, long roomId, String clientMsgId) {
    return sql.preparedQuery(BY_CLIENT_MSG_ID).execute(Tuple.of(roomId, authorId, tenantId, clientMsgId))
      .map(rows -> rows.size() == 0 ? null : Message.fromRow(rows.iterator().next()));
  }

  static Future<Access> access(SqlClient sql, long tenantId, long userId, long roomId) {
    return sql.preparedQuery(ACCESS).execute(Tuple.of(roomId, userId, tenantId)).map(rows -> {
      if (rows.size() == 0) {
        return Access.NO_ROOM;
      }
      return rows.iterator().next().getBoolean("member") ? Access.MEMBER : Access.NOT_MEMBER;
    });
  }

  /** Up to {@code limit} messages before {@code beforeSeq}, oldest first. */
  static Future<List<Message>> before(SqlClient sql, long roomId, long beforeSeq, int limit) {
    return sql.preparedQuery(BEFORE).execute(Tuple.of(roomId, beforeSeq, limit)).map(rows -> {
      List<Message> messages = new ArrayList<>();
      rows.forEach(row -> messages.add(0, Message.fromRow(row)));
      return messages;
    });
  }

  /** Per member room among the cursors, up to {@code limit} messages after its cursor, oldest first. */
  static Future<Map<Long, List<Message>>> since(SqlClient sql, long tenantId, long userId, Map<Long, Long> cursors, int limit) {
    Long[] roomIds = cursors.keySet().toArray(Long[]::new);
    Long[] afterSeqs = cursors.values().toArray(Long[]::new);
    return sql.preparedQuery(SINCE).execute(Tuple.of(userId, roomIds, afterSeqs, tenantId, limit)).map(rows -> {
      Map<Long, List<Message>> byRoom = new LinkedHashMap<>();
      for (Row row : rows) {
        List<Message> messages = byRoom.computeIfAbsent(row.getLong("cursor_room_id"), id -> new ArrayList<>());
        if (row.getLong("id") != null) {
          messages.add(Message.fromRow(row));
        }
      }
      return byRoom;
    });
  }
}
