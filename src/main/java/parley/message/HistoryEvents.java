package parley.message;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.bus.Addresses;
import parley.bus.EventTypes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Publishes what changed in a room's history, after the change committed. Every such event has the same envelope,
 * {@code {type, roomId, changeSeq, message, …}}, so a client applies any of them the same way: keep the message if
 * its changeSeq is newer than the copy it has.
 */
final class HistoryEvents {

  private static final String MEMBERS = "SELECT user_id FROM room_members WHERE room_id = $1";

  private final Vertx vertx;
  private final SqlClient sql;

  HistoryEvents(Vertx vertx, SqlClient sql) {
    this.vertx = vertx;
    this.sql = sql;
  }

  void publish(String type, Message message) {
    publish(type, message, new JsonObject());
  }

  void publish(String type, Message message, JsonObject extra) {
    JsonObject event = new JsonObject().put("type", type).put("roomId", Long.toString(message.roomId()))
      .put("changeSeq", message.changeSeq()).mergeIn(extra).put("message", message.toJson());
    vertx.eventBus().publish(Addresses.room(message.roomId()), event);
  }

  /**
   * Tells each member the message names. After an edit ({@code before} is the message as it was), only members it
   * did not name before hear of it, so fixing a typo does not ping anyone twice.
   */
  void notifyMentioned(Message message, Message before) {
    if (message.deleted() || !message.mentionsRoom() && message.mentions().length == 0
      || before != null && before.mentionsRoom()) {
      return;
    }
    Set<Long> told = before == null ? Set.of() : Set.of(before.mentions());
    JsonObject mention = mention(message);
    membersNamed(message).onSuccess(userIds -> userIds.stream()
      .filter(userId -> userId != message.author().id() && !told.contains(userId))
      .forEach(userId -> vertx.eventBus().publish(Addresses.user(userId), mention)));
  }

  /**
   * Hands a new message to the push queue on this node, which pushes it to the members who want it and are not
   * connected. System messages (what a command did) are not pushed.
   */
  void pushToOffline(long tenantId, Message message) {
    if (Message.SYSTEM.equals(message.kind())) {
      return;
    }
    String preview = message.content().isEmpty() && !message.attachments().isEmpty()
      ? Message.FILES_PREVIEW + message.attachments().getJsonObject(0).getString("name") : message.content();
    JsonObject body = new JsonObject().put("roomId", Long.toString(message.roomId())).put("messageId", Long.toString(message.id()))
      .put("authorId", Long.toString(message.author().id())).put("authorName", message.author().displayName())
      .put("preview", preview).put("mentionsRoom", message.mentionsRoom())
      .put("mentions", new io.vertx.core.json.JsonArray(Arrays.stream(message.mentions()).map(id -> Long.toString(id)).toList()));
    vertx.eventBus().send(Addresses.PUSH_MESSAGE, body, parley.bus.Caller.tenantOnly(tenantId));
  }

  private Future<List<Long>> membersNamed(Message message) {
    if (!message.mentionsRoom()) {
      return Future.succeededFuture(Arrays.asList(message.mentions()));
    }
    return sql.preparedQuery(MEMBERS).execute(Tuple.of(message.roomId())).map(rows -> {
      List<Long> members = new ArrayList<>();
      rows.forEach(row -> members.add(row.getLong("user_id")));
      return members;
    });
  }

  private static JsonObject mention(Message message) {
    String content = message.content();
    String preview = content.codePointCount(0, content.length()) <= Message.PREVIEW_LENGTH
      ? content : content.substring(0, content.offsetByCodePoints(0, Message.PREVIEW_LENGTH));
    return new JsonObject().put("type", EventTypes.MENTION_NEW).put("roomId", Long.toString(message.roomId()))
      .put("messageId", Long.toString(message.id())).put("seq", message.seq())
      .put("from", message.author().toJson(false)).put("preview", preview);
  }
}
