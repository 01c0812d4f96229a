package parley.message;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the messages older than their tenant's {@code retentionDays} (tenant/TenantSettings), a room and a batch at a
 * time, exactly as a person's deletion does ({@link ChangeRepository}): the room is locked first, each message keeps
 * its row and seq, loses what it said, and takes the room's next change number, so that a client syncing from its
 * cursor sees the deletion as it would any other. Files it carried are detached, for the file sweep to remove.
 */
final class Retention {

  static final int ROOMS_PER_SWEEP = 100;
  static final int MESSAGES_PER_ROOM = 500;

  private static final String CUTOFF = "now() - make_interval(days => (t.settings ->> 'retentionDays')::int)";
  private static final String ROOMS = """
    SELECT DISTINCT m.room_id FROM messages m JOIN tenants t ON t.id = m.tenant_id
    WHERE t.settings ? 'retentionDays' AND m.deleted_at IS NULL AND m.created_at < %s
    LIMIT $1""".formatted(CUTOFF);
  private static final String LOCK = "SELECT id FROM rooms WHERE id = $1 FOR UPDATE";
  private static final String EXPIRE = """
    WITH due AS (
      SELECT m.id FROM messages m JOIN tenants t ON t.id = m.tenant_id
      WHERE m.room_id = $1 AND m.deleted_at IS NULL AND m.created_at < %s
      ORDER BY m.seq LIMIT $2
    ), m AS (
      UPDATE messages SET content = '', deleted_at = now(), reactions = '{}', reaction_order = '{}', mentions = '{}',
        pinned_at = NULL, pinned_by = NULL,
        mentions_room = false, poll = NULL, attachments = '[]',
        reply_to = NULL, change_seq = next_change_seq(room_id)
      WHERE id IN (SELECT id FROM due)
      RETURNING *
    ), detached AS (
      UPDATE files f SET message_id = NULL FROM m WHERE f.message_id = m.id
    )
    %s""".formatted(CUTOFF, Message.select("m"));

  private Retention() {
  }

  /** The messages deleted by this sweep, each as it is now (deleted, with its new change number). */
  static Future<List<Message>> sweep(Pool pool) {
    return pool.preparedQuery(ROOMS).execute(Tuple.of(ROOMS_PER_SWEEP)).compose(rooms -> {
      List<Long> roomIds = new ArrayList<>();
      rooms.forEach(row -> roomIds.add(row.getLong("room_id")));
      Future<List<Message>> all = Future.succeededFuture(new ArrayList<>());
      for (long roomId : roomIds) {
        all = all.compose(deleted -> expire(pool, roomId).map(more -> {
          deleted.addAll(more);
          return deleted;
        }));
      }
      return all;
    });
  }

  private static Future<List<Message>> expire(Pool pool, long roomId) {
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(roomId))
      .compose(locked -> tx.preparedQuery(EXPIRE).execute(Tuple.of(roomId, MESSAGES_PER_ROOM)))
      .map(rows -> {
        List<Message> deleted = new ArrayList<>();
        for (Row row : rows) {
          deleted.add(Message.fromRow(row));
        }
        return deleted;
      }));
  }
}
