package parley.message;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A stored message, in the form every client receives it. Its kind is text (what someone wrote), action
 * ({@code /me}) or system (what a command did, in words).
 */
record Message(long id, long roomId, long seq, long authorId, String authorUsername, String authorDisplayName,
               String content, OffsetDateTime createdAt, String clientMsgId, String kind) {

  static final String TEXT = "text";
  static final String ACTION = "action";
  static final String SYSTEM = "system";

  /** Columns a query must select (aliased as here) for {@link #fromRow}. */
  static final String COLUMNS = """
    m.id, m.room_id, m.seq, m.author_id, u.username AS author_username, u.display_name AS author_display_name,
    m.content, m.created_at, m.client_msg_id, m.kind""";

  static Message fromRow(Row row) {
    return new Message(row.getLong("id"), row.getLong("room_id"), row.getLong("seq"), row.getLong("author_id"),
      row.getString("author_username"), row.getString("author_display_name"), row.getString("content"),
      row.getOffsetDateTime("created_at"), row.getString("client_msg_id"), row.getString("kind"));
  }

  JsonObject toJson() {
    return new JsonObject()
      .put("id", Long.toString(id))
      .put("roomId", Long.toString(roomId))
      .put("seq", seq)
      .put("author", new JsonObject().put("id", Long.toString(authorId)).put("username", authorUsername)
        .put("displayName", authorDisplayName))
      .put("content", content)
      .put("createdAt", DateTimeFormatter.ISO_INSTANT.format(createdAt.withOffsetSameInstant(ZoneOffset.UTC)))
      .put("clientMsgId", clientMsgId)
      .put("kind", kind);
  }
}
