package parley.room;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import parley.auth.Person;

import java.util.List;

/**
 * A channel, DM or group. {@code lastSeq} is the number of its latest change (see 003-history-changes.sql), the
 * cursor a client starts from.
 * A DM or group carries its members, so that a client can name it; a channel carries none (they may be thousands).
 */
public record Room(long id, RoomKind kind, String name, String description, String topic, boolean isPrivate,
                   boolean isDefault, long lastSeq, List<Person> members) {

  static final String COLUMNS = "r.id, r.kind, r.name, r.description, r.topic, r.private, r.is_default, r.last_seq";

  static Room fromRow(Row row) {
    return new Room(row.getLong("id"), RoomKind.of(row.getString("kind")), row.getString("name"),
      row.getString("description"), row.getString("topic"), row.getBoolean("private"), row.getBoolean("is_default"),
      row.getLong("last_seq"), List.of());
  }

  boolean isChannel() {
    return kind == RoomKind.CHANNEL;
  }

  Room withMembers(List<Person> list) {
    return new Room(id, kind, name, description, topic, isPrivate, isDefault, lastSeq, List.copyOf(list));
  }

  /** As everyone sees it, deactivated members without their names: what events carry. */
  public JsonObject toJson() {
    return toJson(false);
  }

  /** As a viewer sees it: deactivated members by name only when they {@code seesDeactivated} ({@link Person#shownTo}). */
  public JsonObject toJson(boolean seesDeactivated) {
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
      json.put("members", new JsonArray(members.stream().map(member -> member.toJson(seesDeactivated)).toList()));
    }
    return json;
  }
}
