package parley.role;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.Arrays;
import java.util.Set;

/** A named set of permissions with a rank; system roles ship with every tenant and keep their names. */
record Role(long id, String name, int rank, Set<Permission> permissions, boolean system, long userCount) {

  static final String COLUMNS = "r.id, r.name, r.rank, r.permissions, r.system, "
    + "(SELECT count(*) FROM users u WHERE u.role_id = r.id) AS user_count";

  static Role fromRow(Row row) {
    return new Role(row.getLong("id"), row.getString("name"), row.getInteger("rank"),
      Permission.fromNames(Arrays.asList(row.getArrayOfStrings("permissions"))), row.getBoolean("system"),
      row.getLong("user_count"));
  }

  JsonObject toJson() {
    return new JsonObject()
      .put("id", Long.toString(id))
      .put("name", name)
      .put("rank", rank)
      .put("permissions", new JsonArray(permissions.stream().map(Permission::apiName).toList()))
      .put("system", system)
      .put("userCount", userCount);
  }
}
