package parley.room;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** A named channel. {@code lastSeq} is the seq of its newest message, so a client can tell what it has missed. */
public record Room(long id, String name, String description, String topic, boolean isPrivate, boolean isDefault, long lastSeq) {

  static final String COLUMNS = "r.id, r.name, r.description, r.topic, r.private, r.is_default, r.last_seq";

  static Room fromRow(Row row) {
    return new Room(row.getLong("id"), row.getString("name"), row.getString("description"), row.getString("topic"),
      row.getBoolean("private"), row.getBoolean("is_default"), row.getLong("last_seq"));
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("id", Long.toString(id))
      .put("name", name)
      .put("description", description)
      .put("topic", topic)
      .put("private", isPrivate)
      .put("default", isDefault)
      .put("lastSeq", lastSeq);
  }
}
