package parley.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.auth.User;
import parley.role.Permission;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The people of a tenant, their roles and names, and the rooms that hear about changes to them. */
final class UserDirectory {

  private static final String FROM = " FROM users u JOIN roles r ON r.id = u.role_id ";
  private static final String LIST = "SELECT " + User.COLUMNS + FROM
    + "WHERE u.tenant_id = $1 AND (u.deactivated_at IS NULL OR $2) ORDER BY lower(u.display_name), u.id";
  private static final String WITH_RANK = "SELECT " + User.COLUMNS + ", r.rank" + FROM + "WHERE u.tenant_id = $1 AND u.id = $2";
  private static final String BY_USERNAME = "SELECT " + User.COLUMNS + FROM
    + "WHERE u.tenant_id = $1 AND u.username = $2 AND u.deactivated_at IS NULL";
  private static final String ROLE_RANK = "SELECT id, name, rank, permissions FROM roles WHERE tenant_id = $1 AND id = $2";
  private static final String LOCK_TENANT = "SELECT id FROM tenants WHERE id = $1 FOR UPDATE";
  private static final String SUPERADMINS = """
    SELECT count(*) AS n FROM users u JOIN roles r ON r.id = u.role_id
    WHERE u.tenant_id = $1 AND r.system AND r.name = 'superadmin' AND u.deactivated_at IS NULL""";
  private static final String SET_ROLE = "UPDATE users SET role_id = $3 WHERE tenant_id = $1 AND id = $2";
  private static final String SET_DISPLAY_NAME =
    "UPDATE users SET display_name = $3, name_skeletons = $4 WHERE tenant_id = $1 AND id = $2";
  private static final String SET_DEACTIVATED = """
    UPDATE users SET deactivated_at = CASE WHEN $3 THEN coalesce(deactivated_at, now()) END WHERE tenant_id = $1 AND id = $2""";
  private static final String ROOMS_OF = """
    SELECT %s, m.room_id FROM users u JOIN roles r ON r.id = u.role_id JOIN room_members m ON m.user_id = u.id
    WHERE u.tenant_id = $1 AND u.id = ANY($2)""".formatted(User.COLUMNS);

  record Ranked(User user, int rank) {
  }

  record RoleRank(long id, String name, int rank, Set<Permission> permissions) {
  }

  private UserDirectory() {
  }

  /** Everyone active in the tenant, and the deactivated too when {@code withDeactivated}. */
  static Future<JsonArray> list(SqlClient sql, long tenantId, boolean withDeactivated) {
    return sql.preparedQuery(LIST).execute(Tuple.of(tenantId, withDeactivated)).map(rows -> {
      JsonArray users = new JsonArray();
      rows.forEach(row -> users.add(User.fromRow(row).toJson()));
      return users;
    });
  }

  static Future<Ranked> withRank(SqlClient sql, long tenantId, long userId) {
    return sql.preparedQuery(WITH_RANK).execute(Tuple.of(tenantId, userId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Ranked(User.fromRow(row), row.getInteger("rank"));
    });
  }

  static Future<User> byUsername(SqlClient sql, long tenantId, String username) {
    return sql.preparedQuery(BY_USERNAME).execute(Tuple.of(tenantId, username))
      .map(rows -> rows.size() == 0 ? null : User.fromRow(rows.iterator().next()));
  }

  static Future<RoleRank> role(SqlClient sql, long tenantId, long roleId) {
    return sql.preparedQuery(ROLE_RANK).execute(Tuple.of(tenantId, roleId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new RoleRank(row.getLong("id"), row.getString("name"), row.getInteger("rank"),
        Permission.fromNames(Arrays.asList(row.getArrayOfStrings("permissions"))));
    });
  }

  /** Locks the tenant until the transaction ends, so two demotions cannot both pass the last-superadmin check. */
  static Future<Long> lockTenantAndCountSuperadmins(SqlClient sql, long tenantId) {
    return sql.preparedQuery(LOCK_TENANT).execute(Tuple.of(tenantId))
      .compose(locked -> sql.preparedQuery(SUPERADMINS).execute(Tuple.of(tenantId)))
      .map(rows -> rows.iterator().next().getLong("n"));
  }

  static Future<Void> setRole(SqlClient sql, long tenantId, long userId, long roleId) {
    return sql.preparedQuery(SET_ROLE).execute(Tuple.of(tenantId, userId, roleId)).mapEmpty();
  }

  /** Locks the tenant until the transaction ends, so that two people cannot take look-alike names at once. */
  static Future<Void> lockTenant(SqlClient sql, long tenantId) {
    return sql.preparedQuery(LOCK_TENANT).execute(Tuple.of(tenantId)).mapEmpty();
  }

  /** {@code skeletons}: those of the user's username and new display name together. */
  static Future<Void> setDisplayName(SqlClient sql, long tenantId, long userId, String displayName, String[] skeletons) {
    return sql.preparedQuery(SET_DISPLAY_NAME).execute(Tuple.of(tenantId, userId, displayName).addArrayOfString(skeletons)).mapEmpty();
  }

  static Future<Void> setDeactivated(SqlClient sql, long tenantId, long userId, boolean deactivated) {
    return sql.preparedQuery(SET_DEACTIVATED).execute(Tuple.of(tenantId, userId, deactivated)).mapEmpty();
  }

  /** Each user with the ids of the rooms they are in. */
  static Future<Map<User, List<Long>>> roomsOf(SqlClient sql, long tenantId, Long[] userIds) {
    return sql.preparedQuery(ROOMS_OF).execute(Tuple.tuple().addLong(tenantId).addArrayOfLong(userIds)).map(rows -> {
      Map<User, List<Long>> rooms = new java.util.HashMap<>();
      rows.forEach(row -> rooms.computeIfAbsent(User.fromRow(row), user -> new ArrayList<>()).add(row.getLong("room_id")));
      return rooms;
    });
  }
}
