package parley.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import parley.bus.ApiError;

import java.util.ArrayList;
import java.util.List;

/** Users in PostgreSQL. Takes any SqlClient so it works inside and outside a transaction. */
public final class UserRepository {

  private static final String FROM = " FROM users u JOIN roles r ON r.id = u.role_id ";

  private static final String LOCK_TENANT = "SELECT id FROM tenants WHERE id = $1 FOR UPDATE";

  private static final String ANY_USER = "SELECT EXISTS (SELECT 1 FROM users WHERE tenant_id = $1) AS any";

  private static final String INSERT = """
    WITH u AS (
      INSERT INTO users (tenant_id, username, display_name, password_hash, role_id, invite_code, name_skeletons)
      SELECT $1, $2, $3, $4, id, $6, $7 FROM roles WHERE tenant_id = $1 AND system AND name = $5
      RETURNING *
    )
    SELECT %s FROM u JOIN roles r ON r.id = u.role_id""".formatted(User.COLUMNS);

  private static final String JOIN_DEFAULT_ROOMS = """
    INSERT INTO room_members (room_id, user_id, tenant_id, read_seq)
    SELECT id, $2, $1, last_seq FROM rooms WHERE tenant_id = $1 AND is_default
    RETURNING room_id""";

  private static final String BY_USERNAME = "SELECT " + User.COLUMNS + ", u.password_hash" + FROM
    + "WHERE u.tenant_id = $1 AND u.username = $2";

  private static final String BY_ID = "SELECT " + User.COLUMNS + FROM + "WHERE u.tenant_id = $1 AND u.id = $2";

  private static final String USERNAME_EXISTS = "SELECT 1 FROM users WHERE tenant_id = $1 AND username = $2";

  private static final String HASH = "SELECT password_hash FROM users WHERE tenant_id = $1 AND id = $2 AND deactivated_at IS NULL";

  private static final String SET_PASSWORD = "UPDATE users SET password_hash = $3 WHERE tenant_id = $1 AND id = $2";

  private static final String LOOKALIKE =
    "SELECT EXISTS (SELECT 1 FROM users WHERE tenant_id = $1 AND id <> $2 AND name_skeletons && $3) AS found";

  /** What {@link #looksLikeAnother} is given for someone not registered yet: no user has this id. */
  public static final long NOBODY = 0;

  record Registered(User user, List<Long> defaultRoomIds) {
  }

  record WithHash(User user, String passwordHash) {
  }

  private UserRepository() {
  }

  static Future<Boolean> usernameExists(SqlClient sql, long tenantId, String username) {
    return sql.preparedQuery(USERNAME_EXISTS).execute(Tuple.of(tenantId, username)).map(rows -> rows.size() > 0);
  }

  /**
   * Whether someone of the tenant other than {@code userId} has a username or display name with one of these
   * {@link parley.name.Skeletons skeletons}. Only conclusive under the tenant's lock, which every name change takes.
   */
  public static Future<Boolean> looksLikeAnother(SqlClient sql, long tenantId, long userId, String[] skeletons) {
    return sql.preparedQuery(LOOKALIKE).execute(Tuple.of(tenantId, userId).addArrayOfString(skeletons))
      .map(rows -> rows.iterator().next().getBoolean("found"));
  }

  /** Locks the tenant row until the transaction ends and answers whether it has any user yet. */
  public static Future<Boolean> lockTenantAndCheckForUsers(SqlClient sql, long tenantId) {
    return sql.preparedQuery(LOCK_TENANT).execute(Tuple.of(tenantId))
      .compose(locked -> sql.preparedQuery(ANY_USER).execute(Tuple.of(tenantId)))
      .map(rows -> rows.iterator().next().getBoolean("any"));
  }

  static Future<Registered> insert(SqlClient sql, long tenantId, Credentials credentials, String[] skeletons, String hash,
                                   String systemRole, String inviteCode) {
    return sql.preparedQuery(INSERT)
      .execute(Tuple.of(tenantId, credentials.username(), credentials.displayName(), hash, systemRole, inviteCode)
        .addArrayOfString(skeletons))
      .map(rows -> User.fromRow(rows.iterator().next()))
      .compose(user -> joinDefaultRooms(sql, tenantId, user.id()).map(rooms -> new Registered(user, rooms)));
  }

  /** Puts a new user into the tenant's default rooms, as every new account is; answers their ids. */
  public static Future<List<Long>> joinDefaultRooms(SqlClient sql, long tenantId, long userId) {
    return sql.preparedQuery(JOIN_DEFAULT_ROOMS).execute(Tuple.of(tenantId, userId)).map(UserRepository::roomIds);
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

  /**
   * The password hash of an active account, or null; {@code 403 external_account} for one the identity provider signs
   * in, which has none.
   */
  static Future<String> passwordHash(SqlClient sql, long tenantId, long userId) {
    return sql.preparedQuery(HASH).execute(Tuple.of(tenantId, userId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      String hash = rows.iterator().next().getString("password_hash");
      if (hash == null) {
        throw ApiError.EXTERNAL_ACCOUNT.exception();
      }
      return hash;
    });
  }

  static Future<Void> setPassword(SqlClient sql, long tenantId, long userId, String hash) {
    return sql.preparedQuery(SET_PASSWORD).execute(Tuple.of(tenantId, userId, hash)).mapEmpty();
  }

  public static Future<User> byId(SqlClient sql, long tenantId, long userId) {
    return sql.preparedQuery(BY_ID).execute(Tuple.of(tenantId, userId))
      .map(rows -> rows.size() == 0 ? null : User.fromRow(rows.iterator().next()));
  }

  private static List<Long> roomIds(RowSet<Row> rows) {
    List<Long> ids = new ArrayList<>();
    rows.forEach(row -> ids.add(row.getLong("room_id")));
    return ids;
  }
}
