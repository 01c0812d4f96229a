package parley.push;

import io.vertx.core.json.JsonObject;

/**
 * What a push says, as little as will do: who and where, a short preview unless the person turned previews off,
 * and the page to open. The same for every device of a person.
 */
final class PushPayloads {

  static final int PREVIEW_LENGTH = 140;

  private PushPayloads() {
  }

  /** {@code roomKind}: channel, dm or group; {@code roomName}: a channel's or group's name, empty for a DM. */
  static JsonObject message(long roomId, long messageId, String roomKind, String roomName, String authorName,
                            String preview, boolean withPreview, boolean urgent) {
    String title = switch (roomKind) {
      case "dm" -> authorName;
      case "group" -> authorName + " in " + (roomName.isBlank() ? "your group" : roomName);
      default -> authorName + " in #" + roomName;
    };
    return new JsonObject().put("kind", "message").put("title", title)
      .put("body", withPreview ? shorten(preview) : "New message").put("url", "/#/room/" + roomId)
      .put("roomId", Long.toString(roomId)).put("messageId", Long.toString(messageId)).put("urgency", urgent ? "high" : "normal");
  }

  static JsonObject announcement(long announcementId, String title, String senderName, String body, boolean withPreview) {
    return new JsonObject().put("kind", "announcement").put("title", shorten(title))
      .put("body", withPreview ? shorten(body) : "New announcement from " + senderName)
      .put("url", "/#/announcements/" + announcementId).put("announcementId", Long.toString(announcementId)).put("urgency", "high");
  }

  static String shorten(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.codePointCount(0, line.length()) <= PREVIEW_LENGTH ? line
      : line.substring(0, line.offsetByCodePoints(0, PREVIEW_LENGTH - 1)) + "…";
  }
}
