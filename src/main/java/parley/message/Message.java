package parley.message;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * A stored message in its latest state, in the form every client receives it. Its kind is text (what someone wrote),
 * action ({@code /me}) or system (what a command did, in words). {@code seq} is the room change that created it and
 * never moves; {@code changeSeq} is the room change that last changed it (an edit, a deletion, a reaction).
 */
record Message(long id, long roomId, long seq, long changeSeq, Person author, String content, OffsetDateTime createdAt,
               String clientMsgId, String kind, OffsetDateTime editedAt, boolean deleted, Quote replyTo,
               JsonObject reactions, List<String> reactionOrder, Long[] mentions, boolean mentionsRoom, JsonObject poll,
               JsonObject pollVotes, JsonArray attachments) {

  static final String TEXT = "text";
  static final String ACTION = "action";
  static final String SYSTEM = "system";
  static final String POLL = "poll";
  /** How much of a message a quote of it (in a reply) or a preview (in mention.new) carries, in characters. */
  static final int PREVIEW_LENGTH = 140;
  /** What stands for the text of a message that has files but no text, before the first file's name. */
  static final String FILES_PREVIEW = "\uD83D\uDCCE ";

  record Person(long id, String username, String displayName) {
    JsonObject toJson() {
      return new JsonObject().put("id", Long.toString(id)).put("username", username).put("displayName", displayName);
    }
  }

  /** The message a reply answers, as it is now: a deleted original shows as deleted, without its text. */
  record Quote(long id, long seq, Person author, String preview, boolean deleted) {
    JsonObject toJson() {
      return new JsonObject().put("id", Long.toString(id)).put("seq", seq).put("author", author.toJson())
        .put("preview", deleted ? "" : preview).put("deleted", deleted);
    }
  }

  /** The select list {@link #fromRow} reads, over a message source aliased {@code m} joined as in {@link #from}. */
  static final String COLUMNS = """
    m.id, m.room_id, m.seq, m.change_seq, m.author_id, u.username AS author_username,
    u.display_name AS author_display_name, m.content, m.created_at, m.client_msg_id, m.kind, m.edited_at,
    m.deleted_at IS NOT NULL AS deleted, m.reactions, m.reaction_order, m.mentions, m.mentions_room,
    q.id AS quote_id, q.seq AS quote_seq, left(CASE WHEN q.content = '' AND jsonb_array_length(q.attachments) > 0
      THEN '%2$s' || (q.attachments -> 0 ->> 'name') ELSE q.content END, %1$d) AS quote_preview, q.deleted_at IS NOT NULL AS quote_deleted,
    q.author_id AS quote_author_id, qu.username AS quote_author_username, qu.display_name AS quote_author_display_name,
    m.attachments, m.poll, CASE WHEN m.kind = 'poll' THEN (
      SELECT jsonb_object_agg(v.option_id::text, v.user_ids) FROM (
        SELECT option_id, jsonb_agg(user_id::text ORDER BY user_id) AS user_ids FROM poll_votes
        WHERE message_id = m.id GROUP BY option_id) v) END AS poll_votes
    """.formatted(PREVIEW_LENGTH, FILES_PREVIEW);

  /**
   * The joins {@link #COLUMNS} needs, over a message source aliased {@code m}: the table ({@code "messages m"}) or a
   * data-modifying CTE named {@code m} whose {@code RETURNING *} holds the new state (the table would not show it yet).
   */
  static String from(String source) {
    return "FROM " + source + """
       LEFT JOIN users u ON u.id = m.author_id
      LEFT JOIN messages q ON q.id = m.reply_to LEFT JOIN users qu ON qu.id = q.author_id
      """;
  }

  static String select(String source) {
    return "SELECT " + COLUMNS + from(source);
  }

  static Message fromRow(Row row) {
    Long quoteId = row.getLong("quote_id");
    Quote quote = quoteId == null ? null : new Quote(quoteId, row.getLong("quote_seq"),
      new Person(row.getLong("quote_author_id"), row.getString("quote_author_username"), row.getString("quote_author_display_name")),
      row.getString("quote_preview"), row.getBoolean("quote_deleted"));
    Object reactions = row.getValue("reactions");
    return new Message(row.getLong("id"), row.getLong("room_id"), row.getLong("seq"), row.getLong("change_seq"),
      new Person(row.getLong("author_id"), row.getString("author_username"), row.getString("author_display_name")),
      row.getString("content"), row.getOffsetDateTime("created_at"), row.getString("client_msg_id"), row.getString("kind"),
      row.getOffsetDateTime("edited_at"), row.getBoolean("deleted"), quote,
      reactions instanceof JsonObject object ? object : new JsonObject(), List.of(row.getArrayOfStrings("reaction_order")),
      row.getArrayOfLongs("mentions"),
      row.getBoolean("mentions_room"), json(row.getValue("poll")), json(row.getValue("poll_votes")),
      row.getValue("attachments") instanceof JsonArray files ? files : new JsonArray());
  }

  private static JsonObject json(Object value) {
    return value instanceof JsonObject object ? object : null;
  }

  boolean mentions(long userId) {
    return !deleted && (mentionsRoom || Arrays.asList(mentions).contains(userId)) && author.id() != userId;
  }

  /** The users named in this message's reactions to {@code emoji}, in the order they reacted. */
  JsonArray reactionUserIds(String emoji) {
    JsonArray userIds = reactions.getJsonArray(emoji);
    return userIds == null ? new JsonArray() : userIds;
  }

  /** The message as everyone sees it: what events carry. */
  JsonObject toJson() {
    return toJson(null);
  }

  /** The message as {@code viewerId} sees it, in answers to them: a poll also says what they chose ({@code mine}). */
  JsonObject toJsonFor(long viewerId) {
    return toJson(viewerId);
  }

  private JsonObject toJson(Long viewerId) {
    JsonArray reactionList = new JsonArray();
    reactionOrder.stream().filter(reactions::containsKey).forEach(emoji -> reactionList.add(new JsonObject().put("emoji", emoji)
      .put("count", reactionUserIds(emoji).size()).put("userIds", reactionUserIds(emoji))));
    return new JsonObject()
      .put("id", Long.toString(id))
      .put("roomId", Long.toString(roomId))
      .put("seq", seq)
      .put("changeSeq", changeSeq)
      .put("author", author.toJson())
      .put("content", content)
      .put("createdAt", parley.bus.Times.iso(createdAt))
      .put("clientMsgId", clientMsgId)
      .put("kind", kind)
      .put("editedAt", editedAt == null ? null : parley.bus.Times.iso(editedAt))
      .put("deleted", deleted)
      .put("replyTo", replyTo == null ? null : replyTo.toJson())
      .put("reactions", reactionList)
      .put("mentions", new JsonArray(Arrays.stream(mentions).map(id -> Long.toString(id)).toList()))
      .put("mentionsRoom", mentionsRoom)
      .put("poll", poll == null || deleted ? null : Polls.toJson(poll, pollVotes, viewerId))
      .put("attachments", deleted ? new JsonArray() : attachments);
  }

  /** The answer to {@code viewerId}'s request that stored or changed this message: {@code {message}}. */
  JsonObject asReplyTo(long viewerId) {
    return new JsonObject().put("message", toJsonFor(viewerId));
  }
}
