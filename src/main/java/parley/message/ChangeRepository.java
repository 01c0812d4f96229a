package parley.message;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Edits, deletions and reactions. Each is a transaction that first locks the message's room row, then changes the
 * message row, gives it the room's next change number (next_change_seq) and returns its new state. Locking the room
 * first queues every change of a room before it reads the message: were two changes of one message to meet at the
 * message row instead, PostgreSQL would re-evaluate the waiting statement on the new row version, calling
 * next_change_seq a second time (or after the change had become a no-op) and leaving a number no change has.
 * No row comes back when the change is not allowed or would change nothing.
 */
final class ChangeRepository {

  private static final String MEMBER = "EXISTS (SELECT 1 FROM room_members WHERE room_id = messages.room_id AND user_id = $2)";

  private static final String EDIT = """
    WITH m AS (
      UPDATE messages SET content = $4, edited_at = now(), change_seq = next_change_seq(room_id),
        mentions = ARRAY(SELECT u.id FROM users u JOIN room_members rm ON rm.user_id = u.id AND rm.room_id = messages.room_id
                         WHERE u.tenant_id = $3 AND u.username = ANY ($5::text[]) AND u.id <> $2
                         AND u.deactivated_at IS NULL ORDER BY u.id),
        mentions_room = $6
      WHERE id = $1 AND tenant_id = $3 AND author_id = $2 AND deleted_at IS NULL AND kind IN ('text', 'action') AND content <> $4
        AND %s
      RETURNING *
    )
    %s""".formatted(MEMBER, Message.select("m"));

  /** A deletion keeps the row and its seq (so replies and history keep their place) and clears what it said and quoted. */
  private static final String DELETE = """
    WITH m AS (
      UPDATE messages SET content = '', deleted_at = now(), reactions = '{}', reaction_order = '{}', mentions = '{}',
        mentions_room = false, poll = NULL, attachments = '[]', pinned_at = NULL, pinned_by = NULL,
        reply_to = NULL, change_seq = next_change_seq(room_id)
      WHERE id = $1 AND tenant_id = $3 AND deleted_at IS NULL AND (author_id = $2 OR $4) AND %s
      RETURNING *
    ), detached AS (
      UPDATE files f SET message_id = NULL FROM m WHERE f.message_id = m.id
    )
    %s""".formatted(MEMBER, Message.select("m"));

  /**
   * Adds or removes the caller's id in {@code reactions[$4]}; the WHERE clause is re-checked on the locked row, so
   * racing toggles by one user cannot add them twice. An emoji whose last reactor leaves disappears; reaction_order
   * keeps the emoji in the order of first use (the SET expressions all read the row as it was).
   */
  private static final String REACT = """
    WITH m AS (
      UPDATE messages SET change_seq = next_change_seq(room_id), reactions = CASE
          WHEN $5 THEN jsonb_set(reactions, ARRAY[$4], COALESCE(reactions -> $4, '[]'::jsonb) || to_jsonb($2::text))
          WHEN jsonb_array_length(reactions -> $4) = 1 THEN reactions - $4
          ELSE jsonb_set(reactions, ARRAY[$4], (reactions -> $4) - $2::text) END,
        reaction_order = CASE
          WHEN $5 AND NOT reactions ? $4 THEN array_append(reaction_order, $4::text)
          WHEN NOT $5 AND jsonb_array_length(reactions -> $4) = 1 THEN array_remove(reaction_order, $4::text)
          ELSE reaction_order END
      WHERE id = $1 AND tenant_id = $3 AND deleted_at IS NULL AND %s
        AND COALESCE((reactions -> $4) ? $2::text, false) <> $5
        AND (NOT $5 OR reactions ? $4 OR (SELECT count(*) FROM jsonb_object_keys(reactions)) < $6)
      RETURNING *
    )
    %s""".formatted(MEMBER, Message.select("m"));

  /** Pins ($4) or unpins the message for the room, by $2; nothing when it is deleted, a system line, or already so. */
  private static final String PIN = """
    WITH m AS (
      UPDATE messages SET pinned_at = CASE WHEN $4 THEN now() END, pinned_by = CASE WHEN $4 THEN $2::bigint END,
        change_seq = next_change_seq(room_id)
      WHERE id = $1 AND tenant_id = $3 AND deleted_at IS NULL AND kind <> 'system' AND (pinned_at IS NOT NULL) <> $4 AND %s
      RETURNING *
    )
    %s""".formatted(MEMBER, Message.select("m"));

  private static final String LOCK_ROOM = """
    SELECT r.id FROM rooms r JOIN messages m ON m.room_id = r.id WHERE m.id = $1 AND m.tenant_id = $2 FOR UPDATE OF r""";

  private static final String CURRENT = Message.select("messages m") + " WHERE m.id = $1 AND m.tenant_id = $2";

  private ChangeRepository() {
  }

  static Future<Message> edit(Pool pool, long tenantId, long userId, long messageId, String content, Mentions mentions) {
    return change(pool, EDIT, tenantId, messageId,
      Tuple.of(messageId, userId, tenantId, content, mentions.usernameArray(), mentions.room()));
  }

  static Future<Message> delete(Pool pool, long tenantId, long userId, long messageId, boolean mayDeleteAny) {
    return change(pool, DELETE, tenantId, messageId, Tuple.of(messageId, userId, tenantId, mayDeleteAny));
  }

  static Future<Message> react(Pool pool, long tenantId, long userId, long messageId, String emoji, boolean on, int maxEmoji) {
    return change(pool, REACT, tenantId, messageId, Tuple.of(messageId, userId, tenantId, emoji, on, maxEmoji));
  }

  static Future<Message> pin(Pool pool, long tenantId, long userId, long messageId, boolean pinned) {
    return change(pool, PIN, tenantId, messageId, Tuple.of(messageId, userId, tenantId, pinned));
  }

  private static Future<Message> change(Pool pool, String statement, long tenantId, long messageId, Tuple arguments) {
    return pool.withTransaction(sql -> lockRoom(sql, tenantId, messageId)
      .compose(locked -> sql.preparedQuery(statement).execute(arguments))
      .map(MessageRepository::first));
  }

  /** Locks the room of the message (if it exists in the tenant) until the transaction ends; see the class comment. */
  static Future<Void> lockRoom(SqlClient sql, long tenantId, long messageId) {
    return sql.preparedQuery(LOCK_ROOM).execute(Tuple.of(messageId, tenantId)).mapEmpty();
  }

  /** The message as it is now, or null when it does not exist in the tenant. */
  static Future<Message> current(SqlClient sql, long tenantId, long messageId) {
    return sql.preparedQuery(CURRENT).execute(Tuple.of(messageId, tenantId)).map(MessageRepository::first);
  }
}
