package parley.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * A person or bot account. Ids leave the server as JSON strings; {@code role} is the role's name; a deactivated
 * account cannot sign in.
 */
public record User(long id, long tenantId, String username, String displayName, long roleId, String role, boolean deactivated) {

  /** Columns a query must select, from {@code users u JOIN roles r ON r.id = u.role_id}. */
  public static final String COLUMNS =
    "u.id, u.tenant_id, u.username, u.display_name, u.role_id, r.name AS role, u.deactivated_at IS NOT NULL AS deactivated";

  public static User fromRow(Row row) {
    return new User(row.getLong("id"), row.getLong("tenant_id"), row.getString("username"),
      row.getString("display_name"), row.getLong("role_id"), row.getString("role"), row.getBoolean("deactivated"));
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("id", Long.toString(id))
      .put("username", username)
      .put("displayName", displayName)
      .put("role", role)
      .put("roleId", Long.toString(roleId))
      .put("deactivated", deactivated);
  }

  public Person person() {
    return new Person(id, username, displayName, deactivated);
  }

  /** The account as a viewer may see it: a deactivated one without its name unless they may see it (see {@link Person#shownTo}). */
  public User shownTo(boolean seesDeactivated) {
    Person shown = person().shownTo(seesDeactivated);
    return new User(id, tenantId, shown.username(), shown.displayName(), roleId, role, deactivated);
  }
}
