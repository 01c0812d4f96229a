package parley.room;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.List;

/**
 * A channel, DM or group. {@code lastSeq} is the number of its latest change (see 003-history-changes.sql), the
 * cursor a client starts from.
 * A DM or group carries its members, so that a client can name it; a channel carries none (they may be thousands).
 */
public record Room(long id, RoomKind kind, String name, String description, String topic, boolean isPrivate,
                   boolean isDefault, long lastSeq, List<Member> members) {

  static final String COLUMNS = "r.id, r.kind, r.name, r.description, r.topic, r.private, r.is_default, r.last_seq";

  /** Someone in a DM or group, in the short form events carry. */
  public record Member(long id, String username, String displayName) {
    /** From a row with {@code id}, {@code username} and {@code display_name}. */
    static Member fromRow(Row row) {
      return new Member(row.getLong("id"), row.getString("username"), row.getString("display_name"));
    }

    JsonObject toJson() {
      return new JsonObject().put("id", Long.toString(id)).put("username", username).put("displayName", displayName);
    }
  }

  static Room fromRow(Row row) {
    return new Room(row.getLong("id"), RoomKind.of(row.getString("kind")), row.getString("name"),
      row.getString("description"), row.getString("topic"), row.getBoolean("private"), row.getBoolean("is_default"),
      row.getLong("last_seq"), List.of());
  }

  boolean isChannel() {
    return kind == RoomKind.CHANNEL;
  }

  Room withMembers(List<Member> list) {
    return new Room(id, kind, name, description, topic, isPrivate, isDefault, lastSeq, List.copyOf(list));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("id", Long.toString(id))
      .put("kind", kind.apiName())
      .put("name", name)
      .put("description", description)
      .put("topic", topic)
      .put("private", isPrivate)
      .put("default", isDefault)
      .put("lastSeq", lastSeq);
    if (!isChannel()) {
      json.put("members", new JsonArray(members.stream().map(Member::toJson).toList()));
    }
    return json;
  }
}
