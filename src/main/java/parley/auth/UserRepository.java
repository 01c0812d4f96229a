package parley.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** Users in PostgreSQL. Takes any SqlClient so it works inside and outside a transaction. */
public final class UserRepository {

  private static final String COLUMNS = "id, tenant_id, username, display_name, role";

  private static final String LOCK_TENANT = "SELECT id FROM tenants WHERE id = $1 FOR UPDATE";

  // The tenant row is locked first, so two racing first registrations cannot both become superadmin.
  private static final String INSERT = """
    INSERT INTO users (tenant_id, username, display_name, password_hash, role)
    VALUES ($1, $2, $3, $4,
            CASE WHEN EXISTS (SELECT 1 FROM users WHERE tenant_id = $1) THEN 'member' ELSE 'superadmin' END)
    RETURNING %s""".formatted(COLUMNS);

  private static final String JOIN_DEFAULT_ROOMS = """
    INSERT INTO room_members (room_id, user_id, tenant_id)
    SELECT id, $2, $1 FROM rooms WHERE tenant_id = $1 AND is_default
    RETURNING room_id""";

  private static final String BY_USERNAME =
    "SELECT " + COLUMNS + ", password_hash FROM users WHERE tenant_id = $1 AND username = $2";

  private static final String BY_ID = "SELECT " + COLUMNS + " FROM users WHERE tenant_id = $1 AND id = $2";

  private static final String USERNAME_EXISTS = "SELECT 1 FROM users WHERE tenant_id = $1 AND username = $2";

  record Registered(User user, java.util.List<Long> defaultRoomIds) {
  }

  record WithHash(User user, String passwordHash) {
  }

  static Future<Boolean> usernameExists(SqlClient sql, long tenantId, String username) {
    return sql.preparedQuery(USERNAME_EXISTS).execute(Tuple.of(tenantId, username)).map(rows -> rows.size() > 0);
  }

  static Future<Registered> insert(SqlClient sql, long tenantId, String username, String displayName, String hash) {
    return sql.preparedQuery(LOCK_TENANT).execute(Tuple.of(tenantId))
      .compose(locked -> sql.preparedQuery(INSERT).execute(Tuple.of(tenantId, username, displayName, hash)))
      .map(rows -> User.fromRow(rows.iterator().next()))
      .compose(user -> sql.preparedQuery(JOIN_DEFAULT_ROOMS).execute(Tuple.of(tenantId, user.id()))
        .map(rooms -> new Registered(user, roomIds(rooms))));
  }

  static Future<WithHash> byUsername(SqlClient sql, long tenantId, String username) {
    return sql.preparedQuery(BY_USERNAME).execute(Tuple.of(tenantId, username)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new WithHash(User.fromRow(row), row.getString("password_hash"));
    });
  }

  public static Future<User> byId(SqlClient sql, long tenantId, long userId) {
    return sql.preparedQuery(BY_ID).execute(Tuple.of(tenantId, userId))
      .map(rows -> rows.size() == 0 ? null : User.fromRow(rows.iterator().next()));
  }

  private static java.util.List<Long> roomIds(RowSet<Row> rows) {
    java.util.List<Long> ids = new java.util.ArrayList<>();
    rows.forEach(row -> ids.add(row.getLong("room_id")));
    return ids;
  }
}
