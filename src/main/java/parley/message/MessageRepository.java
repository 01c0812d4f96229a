package parley.message;

import io.micrometer.core.instrument.DistributionSummary;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.read.UnreadCounts;
import parley.room.Access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** New messages, history and sync in PostgreSQL; changes to stored messages are in {@link ChangeRepository}. */
final class MessageRepository {

  /**
   * One statement, so it commits before it returns. Taking the room's next change number locks the room row until
   * commit (see 003-history-changes.sql); it is taken here in the statement itself, since a call of next_change_seq
   * planned its UPDATE afresh for every message, half the statement's time. A racing repeat of the same clientMsgId
   * fails on the unique index and the whole statement rolls back. No row comes back when the caller is not a member,
   * the clientMsgId was already used, or the message replied to is not in this room. Mentions resolve to active
   * members of the room other than the author, looked up name by name: a message names a few people at most, and a
   * tenant may have thousands. The sender has read what they answer: their read cursor moves (forward only) to the
   * new message.
   */
  private static final String INSERT = """
    WITH attachable AS MATERIALIZED (
      SELECT * FROM files WHERE id = ANY ($11::uuid[]) AND tenant_id = $3 AND uploader_id = $2 AND stored
        AND message_id IS NULL
      FOR UPDATE
    ), numbered AS (
      UPDATE rooms r SET last_seq = r.last_seq + 1
      WHERE r.id = $1 AND r.tenant_id = $3
        AND EXISTS (SELECT 1 FROM room_members WHERE room_id = $1 AND user_id = $2)
        AND NOT EXISTS (SELECT 1 FROM messages WHERE room_id = $1 AND author_id = $2 AND client_msg_id = $5)
        AND ($7::bigint IS NULL OR EXISTS (SELECT 1 FROM messages WHERE id = $7 AND room_id = $1))
        AND (SELECT count(*) FROM attachable) = cardinality($11::uuid[])
      RETURNING r.id, r.last_seq AS change_seq
    ), m AS (
      INSERT INTO messages (tenant_id, room_id, seq, change_seq, author_id, content, client_msg_id, kind, reply_to,
                            mentions, mentions_room, poll, attachments)
      SELECT $3, id, change_seq, change_seq, $2, $4, $5, $6, $7,
        CASE WHEN cardinality($8::text[]) = 0 THEN '{}'::bigint[] ELSE ARRAY(
          SELECT u.id FROM unnest($8::text[]) AS named(username)
          JOIN users u ON u.tenant_id = $3 AND u.username = named.username
          JOIN room_members rm ON rm.user_id = u.id AND rm.room_id = $1
          WHERE u.id <> $2 AND u.deactivated_at IS NULL ORDER BY u.id) END,
      $9, $10::jsonb,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name, 'contentType', a.content_type,
                  'size', a.size, 'width', a.width, 'height', a.height, 'thumbnail', a.thumbnail_type IS NOT NULL)
                  ORDER BY array_position($11::uuid[], a.id)), '[]') FROM attachable a)
      FROM numbered
      RETURNING *
    ), attached AS (
      UPDATE files f SET message_id = m.id FROM m WHERE f.id IN (SELECT id FROM attachable)
    ), sender_read AS (
      UPDATE room_members rm SET read_seq = m.seq FROM m
      WHERE rm.room_id = m.room_id AND rm.user_id = $2 AND rm.read_seq < m.seq
    )
    %s""".formatted(Message.select("m"));

  private static final String BY_CLIENT_MSG_ID = Message.select("messages m") + """
    WHERE m.tenant_id = $3 AND m.room_id = $1 AND m.author_id = $2 AND m.client_msg_id = $4""";

  private static final String ATTACHABLE = """
    SELECT count(*) = cardinality($3::uuid[]) AS attachable FROM files
    WHERE id = ANY ($3::uuid[]) AND tenant_id = $1 AND uploader_id = $2 AND stored AND message_id IS NULL""";

  /**
   * The caller's access to the room and, for a member, the LIMIT messages before seq $4, in one statement (one
   * snapshot, one round trip): no row when there is no such room; else rows whose {@code member} says which, with the
   * message columns null when there is no message to show. {@link #history} puts them in order: a sort of these wide
   * rows was a tenth of PostgreSQL's time for the statement. The limit is written into the statement
   * ({@link #historyStatement}): as a parameter, the generic plan's estimate assumes a tenth of the room, always looks
   * dearer than a custom plan, and PostgreSQL planned every execution afresh, which took longer than running it.
   */
  private static final String HISTORY = inRoomAsMember("seq < $4 ORDER BY seq DESC LIMIT LIMIT");
  private static final Map<Integer, String> HISTORY_BY_LIMIT = new ConcurrentHashMap<>();

  /** The caller's access to the room and, for a member, its pinned messages, as {@link #HISTORY} answers a page. */
  private static final String PINS = inRoomAsMember("pinned_at IS NOT NULL ORDER BY pinned_at DESC LIMIT 200");
  /** The caller's access to the room and, for a member, the message $4 if it is the room's. */
  private static final String ONE = inRoomAsMember("id = $4");

  /**
   * Every cursor in one statement, so the room's change number and the changes come from one snapshot: a row per
   * member room, with up to $5 messages whose latest change is past the cursor (none: the message columns are null),
   * and the caller's read cursor in the room with what it leaves unread.
   */
  private static final String SINCE = """
    WITH c AS (
      SELECT c.room_id, c.after, r.last_seq AS room_change_seq, rm.read_seq, counts.unread, counts.mentions AS mentioned
      FROM unnest($2::bigint[], $3::bigint[]) AS c(room_id, after)
      JOIN room_members rm ON rm.room_id = c.room_id AND rm.user_id = $1 AND rm.tenant_id = $4
      JOIN rooms r ON r.id = c.room_id %s
    ), m AS (
      SELECT c.room_id AS cursor_room_id, c.room_change_seq, c.read_seq AS reader_read_seq, c.unread AS reader_unread,
             c.mentioned AS reader_mentions, p.*
      FROM c LEFT JOIN LATERAL (
        SELECT * FROM messages WHERE room_id = c.room_id AND change_seq > c.after ORDER BY change_seq LIMIT $5
      ) p ON true
    )
    SELECT m.cursor_room_id, m.room_change_seq, m.reader_read_seq, m.reader_unread, m.reader_mentions, %s %s
    ORDER BY m.cursor_room_id, m.change_seq""".formatted(UnreadCounts.join("rm", "counts"), Message.COLUMNS, Message.from("m"));

  /** Enough to spread a commit over many messages; a batch of these takes a few milliseconds. */
  private static final int MAX_BATCH = 100;

  /** What {@link #history} found: the caller's access, and for a member the messages, oldest first. */
  record Page(Access access, List<Message> messages) {
  }

  /**
   * One room's part of a sync: changed messages in change order, the room's change number at that moment, and the
   * caller's read cursor with what it leaves unread.
   */
  record Changes(List<Message> messages, long roomChangeSeq, long readSeq, long unread, long mentions) {
  }

  private MessageRepository() {
  }

  /**
   * One statement that says whether the caller ($2) is a member of room $1 of tenant $3 (no row: no such room) and,
   * for a member, gives the room's messages that {@code which} picks (a condition, its order and limit).
   */
  private static String inRoomAsMember(String which) {
    return """
      WITH access AS (
        SELECT r.id, rm.user_id IS NOT NULL AS member
        FROM rooms r LEFT JOIN room_members rm ON rm.room_id = r.id AND rm.user_id = $2
        WHERE r.id = $1 AND r.tenant_id = $3
      )
      SELECT a.member, %s %s""".formatted(Message.COLUMNS, Message.from("""
      access a LEFT JOIN LATERAL (
        SELECT * FROM messages WHERE a.member AND room_id = a.id AND %s
      ) m ON true""".formatted(which)));
  }

  /** New messages go in batches, a transaction each, by room (see {@link GroupCommit}). */
  static GroupCommit inserts(SqlClient sql, int maxInFlight, DistributionSummary batchSizes) {
    return new GroupCommit(sql, INSERT, MAX_BATCH, maxInFlight, batchSizes);
  }

  /**
   * The stored message, or null when nothing was stored (see {@link #INSERT}); it has committed when this completes.
   * {@code poll}: what messages.poll stores for a poll, else null.
   */
  static Future<Message> insert(GroupCommit inserts, long tenantId, long authorId, Outgoing outgoing, String kind,
                                Mentions mentions, JsonObject poll) {
    return inserts.execute(outgoing.roomId(), Tuple.from(new Object[] {outgoing.roomId(), authorId, tenantId,
        outgoing.content(), outgoing.clientMsgId(), kind, outgoing.replyTo(), mentions.usernameArray(), mentions.room(),
        poll, outgoing.attachments().toArray(UUID[]::new)}))
      .map(MessageRepository::first);
  }

  static Future<Message> byClientMsgId(SqlClient sql, long tenantId, long authorId, long roomId, String clientMsgId) {
    return sql.preparedQuery(BY_CLIENT_MSG_ID).execute(Tuple.of(roomId, authorId, tenantId, clientMsgId))
      .map(MessageRepository::first);
  }

  /** Whether the caller may attach all these files: their own, stored, not attached yet. */
  static Future<Boolean> attachable(SqlClient sql, long tenantId, long userId, List<UUID> fileIds) {
    return sql.preparedQuery(ATTACHABLE).execute(Tuple.tuple().addLong(tenantId).addLong(userId).addArrayOfUUID(fileIds.toArray(UUID[]::new)))
      .map(rows -> rows.iterator().next().getBoolean("attachable"));
  }

  /** Up to {@code limit} messages before {@code beforeSeq}, oldest first, each in its latest state, if the caller may see them. */
  static Future<Page> history(SqlClient sql, long tenantId, long userId, long roomId, long beforeSeq, int limit) {
    return sql.preparedQuery(historyStatement(limit)).execute(Tuple.of(roomId, userId, tenantId, beforeSeq))
      .map(rows -> page(rows, Comparator.comparingLong(Message::seq)));
  }

  /** The room's pinned messages (at most 200), the latest pin first, if the caller may see them. */
  static Future<Page> pins(SqlClient sql, long tenantId, long userId, long roomId) {
    return sql.preparedQuery(PINS).execute(Tuple.of(roomId, userId, tenantId))
      .map(rows -> page(rows, Comparator.comparing((Message message) -> message.pinned().at()).reversed()));
  }

  /** The room's message of that id (none when it is not the room's), if the caller may see it. */
  static Future<Page> one(SqlClient sql, long tenantId, long userId, long roomId, long messageId) {
    return sql.preparedQuery(ONE).execute(Tuple.of(roomId, userId, tenantId, messageId))
      .map(rows -> page(rows, Comparator.comparingLong(Message::seq)));
  }

  private static Page page(RowSet<Row> rows, Comparator<Message> order) {
    if (rows.size() == 0) {
      return new Page(Access.NO_ROOM, List.of());
    }
    Function<Row, Message> reader = Message.reader(rows);
    List<Message> messages = new ArrayList<>(rows.size());
    boolean member = false;
    for (Row row : rows) {
      member = row.getBoolean("member");
      if (row.getLong("id") != null) {
        messages.add(reader.apply(row));
      }
    }
    messages.sort(order);
    return new Page(member ? Access.MEMBER : Access.NOT_MEMBER, messages);
  }

  private static String historyStatement(int limit) {
    return HISTORY_BY_LIMIT.computeIfAbsent(limit, n -> HISTORY.replace("LIMIT LIMIT", "LIMIT " + n));
  }

  /** Per member room among the cursors, up to {@code limit} changed messages after its cursor, in change order. */
  static Future<Map<Long, Changes>> since(SqlClient sql, long tenantId, long userId, Map<Long, Long> cursors, int limit) {
    Long[] roomIds = cursors.keySet().toArray(Long[]::new);
    Long[] afters = cursors.values().toArray(Long[]::new);
    return sql.preparedQuery(SINCE).execute(Tuple.of(userId, roomIds, afters, tenantId, limit)).map(rows -> {
      Map<Long, Changes> byRoom = new LinkedHashMap<>();
      for (Row row : rows) {
        Changes changes = byRoom.computeIfAbsent(row.getLong("cursor_room_id"),
          id -> new Changes(new ArrayList<>(), row.getLong("room_change_seq"), row.getLong("reader_read_seq"),
            row.getLong("reader_unread"), row.getLong("reader_mentions")));
        if (row.getLong("id") != null) {
          changes.messages().add(Message.fromRow(row));
        }
      }
      return byRoom;
    });
  }

  static Message first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : Message.fromRow(rows.iterator().next());
  }
}
