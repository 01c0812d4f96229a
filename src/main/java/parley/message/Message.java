package parley.message;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import parley.auth.Person;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A stored message in its latest state, in the form every client receives it. Its kind is text (what someone wrote),
 * action ({@code /me}) or system (what a command did, in words). {@code seq} is the room change that created it and
 * never moves; {@code changeSeq} is the room change that last changed it (an edit, a deletion, a reaction).
 */
record Message(long id, long roomId, long seq, long changeSeq, Person author, String content, OffsetDateTime createdAt,
               String clientMsgId, String kind, OffsetDateTime editedAt, boolean deleted, Quote replyTo,
               JsonObject reactions, List<String> reactionOrder, Long[] mentions, boolean mentionsRoom, JsonObject poll,
               JsonObject pollVotes, JsonArray attachments, Pin pinned) {

  static final String TEXT = "text";
  static final String ACTION = "action";
  static final String SYSTEM = "system";
  static final String POLL = "poll";
  /** How much of a message a quote of it (in a reply) or a preview (in mention.new) carries, in characters. */
  static final int PREVIEW_LENGTH = 140;
  /** What stands for the text of a message that has files but no text, before the first file's name. */
  static final String FILES_PREVIEW = "\uD83D\uDCCE ";

  /** Who pinned the message to its room, and when; a deleted message is never pinned. */
  record Pin(OffsetDateTime at, long byId) {
    JsonObject toJson() {
      return new JsonObject().put("at", parley.bus.Times.iso(at)).put("by", Long.toString(byId));
    }
  }

  /** The message a reply answers, as it is now: a deleted original shows as deleted, without its text. */
  record Quote(long id, long seq, Person author, String preview, boolean deleted) {
    JsonObject toJson(boolean seesDeactivated) {
      return new JsonObject().put("id", Long.toString(id)).put("seq", seq).put("author", author.toJson(seesDeactivated))
        .put("preview", deleted ? "" : preview).put("deleted", deleted);
    }
  }

  /**
   * The select list {@link #fromRow} reads, over a message source aliased {@code m} joined as in {@link #from}. Empty
   * reactions and attachments come as null, which fromRow reads as empty, rather than as JSON to parse twice a message.
   */
  static final String COLUMNS = """
    m.id, m.room_id, m.seq, m.change_seq, m.author_id, u.username AS author_username,
    u.display_name AS author_display_name, u.deactivated_at IS NOT NULL AS author_deactivated, m.content, m.created_at, m.client_msg_id, m.kind, m.edited_at,
    m.deleted_at IS NOT NULL AS deleted, NULLIF(m.reactions, '{}') AS reactions, m.reaction_order, m.mentions, m.mentions_room,
    q.id AS quote_id, q.seq AS quote_seq, left(CASE WHEN q.content = '' AND jsonb_array_length(q.attachments) > 0
      THEN '%2$s' || (q.attachments -> 0 ->> 'name') ELSE q.content END, %1$d) AS quote_preview, q.deleted_at IS NOT NULL AS quote_deleted,
    q.author_id AS quote_author_id, qu.username AS quote_author_username, qu.display_name AS quote_author_display_name,
    qu.deactivated_at IS NOT NULL AS quote_author_deactivated,
    NULLIF(m.attachments, '[]') AS attachments, m.poll, CASE WHEN m.kind = 'poll' THEN (
      SELECT jsonb_object_agg(v.option_id::text, v.user_ids) FROM (
        SELECT option_id, jsonb_agg(user_id::text ORDER BY user_id) AS user_ids FROM poll_votes
        WHERE message_id = m.id GROUP BY option_id) v) END AS poll_votes, m.pinned_at, m.pinned_by
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
    return new Reader(row::getColumnIndex).apply(row);
  }

  /** Reads the messages of a whole result with {@link #fromRow}'s rule, finding each column by name once, not per row. */
  static Function<Row, Message> reader(RowSet<Row> rows) {
    return new Reader(rows.columnsNames()::indexOf);
  }

  /** Where the columns of {@link #COLUMNS} are in one result's rows. */
  private static final class Reader implements Function<Row, Message> {
    private final int id;
    private final int roomId;
    private final int seq;
    private final int changeSeq;
    private final int authorId;
    private final int authorUsername;
    private final int authorDisplayName;
    private final int authorDeactivated;
    private final int content;
    private final int createdAt;
    private final int clientMsgId;
    private final int kind;
    private final int editedAt;
    private final int deleted;
    private final int reactions;
    private final int reactionOrder;
    private final int mentions;
    private final int mentionsRoom;
    private final int quoteId;
    private final int quoteSeq;
    private final int quotePreview;
    private final int quoteDeleted;
    private final int quoteAuthorId;
    private final int quoteAuthorUsername;
    private final int quoteAuthorDisplayName;
    private final int quoteAuthorDeactivated;
    private final int attachments;
    private final int poll;
    private final int pollVotes;
    private final int pinnedAt;
    private final int pinnedBy;

    Reader(ToIntFunction<String> column) {
      id = column.applyAsInt("id");
      roomId = column.applyAsInt("room_id");
      seq = column.applyAsInt("seq");
      changeSeq = column.applyAsInt("change_seq");
      authorId = column.applyAsInt("author_id");
      authorUsername = column.applyAsInt("author_username");
      authorDisplayName = column.applyAsInt("author_display_name");
      authorDeactivated = column.applyAsInt("author_deactivated");
      content = column.applyAsInt("content");
      createdAt = column.applyAsInt("created_at");
      clientMsgId = column.applyAsInt("client_msg_id");
      kind = column.applyAsInt("kind");
      editedAt = column.applyAsInt("edited_at");
      deleted = column.applyAsInt("deleted");
      reactions = column.applyAsInt("reactions");
      reactionOrder = column.applyAsInt("reaction_order");
      mentions = column.applyAsInt("mentions");
      mentionsRoom = column.applyAsInt("mentions_room");
      quoteId = column.applyAsInt("quote_id");
      quoteSeq = column.applyAsInt("quote_seq");
      quotePreview = column.applyAsInt("quote_preview");
      quoteDeleted = column.applyAsInt("quote_deleted");
      quoteAuthorId = column.applyAsInt("quote_author_id");
      quoteAuthorUsername = column.applyAsInt("quote_author_username");
      quoteAuthorDisplayName = column.applyAsInt("quote_author_display_name");
      quoteAuthorDeactivated = column.applyAsInt("quote_author_deactivated");
      attachments = column.applyAsInt("attachments");
      poll = column.applyAsInt("poll");
      pollVotes = column.applyAsInt("poll_votes");
      pinnedAt = column.applyAsInt("pinned_at");
      pinnedBy = column.applyAsInt("pinned_by");
    }

    @Override
    public Message apply(Row row) {
      Long quote = row.getLong(quoteId);
      Quote replyTo = quote == null ? null : new Quote(quote, row.getLong(quoteSeq),
        new Person(row.getLong(quoteAuthorId), row.getString(quoteAuthorUsername), row.getString(quoteAuthorDisplayName),
          row.getBoolean(quoteAuthorDeactivated)),
        row.getString(quotePreview), row.getBoolean(quoteDeleted));
      return new Message(row.getLong(id), row.getLong(roomId), row.getLong(seq), row.getLong(changeSeq),
        new Person(row.getLong(authorId), row.getString(authorUsername), row.getString(authorDisplayName),
          row.getBoolean(authorDeactivated)),
        row.getString(content), row.getOffsetDateTime(createdAt), row.getString(clientMsgId), row.getString(kind),
        row.getOffsetDateTime(editedAt), row.getBoolean(deleted), replyTo,
        row.getValue(reactions) instanceof JsonObject object ? object : new JsonObject(),
        List.of(row.getArrayOfStrings(reactionOrder)), row.getArrayOfLongs(mentions),
        row.getBoolean(mentionsRoom), json(row.getValue(poll)), json(row.getValue(pollVotes)),
        row.getValue(attachments) instanceof JsonArray files ? files : new JsonArray(),
        row.getOffsetDateTime(pinnedAt) == null ? null : new Pin(row.getOffsetDateTime(pinnedAt), row.getLong(pinnedBy)));
    }
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

  /** The message as everyone sees it, a deactivated author without their name: what events carry. */
  JsonObject toJson() {
    return toJson(null, false);
  }

  /**
   * The message as {@code viewerId} sees it, in answers to them: a poll also says what they chose ({@code mine}), and
   * deactivated people show by name only when the viewer {@code seesDeactivated} ({@link Person#shownTo}).
   * {@link HistoryJson} writes the same straight to bytes; HistoryJsonTest holds the two together, so change both.
   */
  JsonObject toJsonFor(long viewerId, boolean seesDeactivated) {
    return toJson(viewerId, seesDeactivated);
  }

  private JsonObject toJson(Long viewerId, boolean seesDeactivated) {
    JsonArray reactionList = new JsonArray();
    reactionOrder.stream().filter(reactions::containsKey).forEach(emoji -> reactionList.add(new JsonObject().put("emoji", emoji)
      .put("count", reactionUserIds(emoji).size()).put("userIds", reactionUserIds(emoji))));
    return new JsonObject()
      .put("id", Long.toString(id))
      .put("roomId", Long.toString(roomId))
      .put("seq", seq)
      .put("changeSeq", changeSeq)
      .put("author", author.toJson(seesDeactivated))
      .put("content", content)
      .put("createdAt", parley.bus.Times.iso(createdAt))
      .put("clientMsgId", clientMsgId)
      .put("kind", kind)
      .put("editedAt", editedAt == null ? null : parley.bus.Times.iso(editedAt))
      .put("deleted", deleted)
      .put("replyTo", replyTo == null ? null : replyTo.toJson(seesDeactivated))
      .put("reactions", reactionList)
      .put("mentions", new JsonArray(Arrays.stream(mentions).map(id -> Long.toString(id)).toList()))
      .put("mentionsRoom", mentionsRoom)
      .put("poll", poll == null || deleted ? null : Polls.toJson(poll, pollVotes, viewerId))
      .put("attachments", deleted ? new JsonArray() : attachments)
      .put("pinned", pinned == null ? null : pinned.toJson());
  }

  /**
   * The answer to {@code viewerId}'s request that stored or changed this message: {@code {message}}, with names as
   * the change's event carries them, so that the reply and the event of one change are the same message.
   */
  JsonObject asReplyTo(long viewerId) {
    return new JsonObject().put("message", toReplyJson(viewerId));
  }

  /** The message in a reply to {@code viewerId}'s request that stored or changed it: see {@link #asReplyTo}. */
  JsonObject toReplyJson(long viewerId) {
    return toJsonFor(viewerId, false);
  }
}
