package parley.message;

import io.vertx.core.json.JsonObject;
import parley.bus.ApiError;
import parley.bus.Fields;

import io.vertx.core.json.JsonArray;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A {@code chat.send} request, checked before anything is stored; {@code replyTo} is the id of the message it answers,
 * {@code attachments} the uploaded files it carries (then its text may be empty).
 */
record Outgoing(long roomId, String content, String clientMsgId, Long replyTo, List<UUID> attachments) {

  static final int MAX_CONTENT = 4000;
  static final int MAX_ATTACHMENTS = 10;
  private static final int MAX_CLIENT_MSG_ID = 64;

  static Outgoing from(JsonObject body) {
    long roomId = Fields.id(body.getValue("roomId"));
    List<UUID> attachments = attachments(body.getValue("attachments"));
    Object text = body.getValue("content");
    String content = !attachments.isEmpty() && (text == null || text instanceof String blank && blank.isBlank())
      ? "" : content(body);
    String clientMsgId = Fields.optionalString(body, "clientMsgId", ApiError.INVALID_CLIENT_MSG_ID);
    if (clientMsgId != null && (clientMsgId.isEmpty() || clientMsgId.length() > MAX_CLIENT_MSG_ID
      || clientMsgId.indexOf('\0') >= 0)) {
      throw ApiError.INVALID_CLIENT_MSG_ID.exception();
    }
    Object replyTo = body.getValue("replyTo");
    return new Outgoing(roomId, content, clientMsgId, replyTo == null ? null : Fields.id(replyTo), attachments);
  }

  /** Absent, or 1 to {@link #MAX_ATTACHMENTS} different file ids. */
  private static List<UUID> attachments(Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray ids) || ids.isEmpty() || ids.size() > MAX_ATTACHMENTS) {
      throw ApiError.INVALID_ATTACHMENTS.exception();
    }
    Set<UUID> distinct = new LinkedHashSet<>();
    for (Object id : ids) {
      try {
        distinct.add(UUID.fromString((String) id));
      } catch (RuntimeException e) {
        throw ApiError.INVALID_ATTACHMENTS.exception();
      }
    }
    if (distinct.size() != ids.size()) {
      throw ApiError.INVALID_ATTACHMENTS.exception();
    }
    return List.copyOf(distinct);
  }

  /** The {@code content} of a new or edited message: some text, no NUL, at most {@link #MAX_CONTENT} characters. */
  static String content(JsonObject body) {
    String content = Fields.string(body, "content", ApiError.INVALID_CONTENT);
    if (content.isBlank() || content.indexOf('\0') >= 0) {
      throw ApiError.INVALID_CONTENT.exception();
    }
    if (content.codePointCount(0, content.length()) > MAX_CONTENT) {
      throw ApiError.CONTENT_TOO_LONG.exception();
    }
    return content;
  }

  /** Two slashes escape one: {@code //shrug} is the text {@code /shrug}, not a command. Files are never a command's. */
  boolean isCommand() {
    return attachments.isEmpty() && content.startsWith("/") && !content.startsWith("//");
  }

  /** What to store: the content without its escaping slash. */
  Outgoing unescaped() {
    return content.startsWith("//") ? new Outgoing(roomId, content.substring(1), clientMsgId, replyTo, attachments) : this;
  }

  /** The word after the slash, as the commands verticle reads it. */
  String commandName() {
    return content.substring(1).split("\\s", 2)[0].toLowerCase(Locale.ROOT);
  }

  JsonObject toJson() {
    return new JsonObject().put("roomId", Long.toString(roomId)).put("content", content).put("clientMsgId", clientMsgId)
      .put("replyTo", replyTo == null ? null : Long.toString(replyTo));
  }
}
