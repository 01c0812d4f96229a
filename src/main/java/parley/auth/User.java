package parley.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** A person or bot account. Ids leave the server as JSON strings. */
public record User(long id, long tenantId, String username, String displayName, Role role) {

  public static User fromRow(Row row) {
    return new User(row.getLong("id"), row.getLong("tenant_id"), row.getString("username"),
      row.getString("display_name"), Role.of(row.getString("role")));
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("id", Long.toString(id))
      .put("username", username)
      .put("displayName", displayName)
      .put("role", role.id());
  }

  /** The short form carried inside events and messages. */
  public JsonObject toAuthorJson() {
    return new JsonObject().put("id", Long.toString(id)).put("username", username).put("displayName", displayName);
  }
}
