package parley.session;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.bus.ApiError;
import parley.bus.Times;
import parley.tenant.Suspension;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sign-in sessions in PostgreSQL: a token is good while its row is there and unexpired. */
public final class SessionRepository {

  /**
   * Taken first by whatever starts a session: a deactivation holds the tenant's row FOR UPDATE and then changes the
   * person's, so a start that held the person's row first and then waited for the tenant's would deadlock with it.
   */
  private static final String SHARE_TENANT = "SELECT 1 FROM tenants WHERE id = $1 FOR SHARE";
  // Only for someone not deactivated of a tenant not suspended, read under share locks on both rows: a deactivation or
  // suspension that has updated its row makes this wait and then find it so; one that comes after finds this session
  // to end.
  private static final String START = """
    INSERT INTO sessions (id, tenant_id, user_id, user_agent, ip, expires_at, id_token, token_grant)
    SELECT $1, $2, $3, $4, $5, now() + make_interval(hours => $6), $7, $8
    FROM users u JOIN tenants t ON t.id = u.tenant_id
    WHERE u.id = $3 AND u.tenant_id = $2 AND u.deactivated_at IS NULL AND t.suspended_at IS NULL FOR SHARE
    RETURNING expires_at""";
  private static final String LIVE = """
    SELECT s.token_grant FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = $1 AND s.tenant_id = $2 AND s.user_id = $3 AND s.expires_at > now() AND u.deactivated_at IS NULL""";
  private static final String SEEN = "UPDATE sessions SET last_seen_at = now() WHERE id = $1";
  private static final String LIST = """
    SELECT id, user_agent, ip, created_at, last_seen_at FROM sessions
    WHERE tenant_id = $1 AND user_id = $2 AND expires_at > now() ORDER BY last_seen_at DESC""";
  private static final String END_ONE = "DELETE FROM sessions WHERE id = $1 AND tenant_id = $2 AND user_id = $3 RETURNING id_token";
  private static final String END_ALL = """
    DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2 AND ($3::uuid IS NULL OR id <> $3) RETURNING id""";
  private static final String END_OF_TENANT = "DELETE FROM sessions WHERE tenant_id = $1 RETURNING id, user_id";
  private static final String END_LOCAL_OF_TENANT = """
    DELETE FROM sessions s USING users u
     WHERE s.tenant_id = $1 AND u.id = s.user_id AND u.tenant_id = $1 AND u.external_id IS NULL
    RETURNING s.id, s.user_id""";
  private static final String END_EXPIRED = "DELETE FROM sessions WHERE expires_at < now()";
  private static final String FORGET_EXPIRED_TOKENS = "DELETE FROM external_tokens WHERE expires_at < now()";
  private static final String TOKEN_TAKEN = "SELECT 1 FROM external_tokens WHERE session_id = $1";
  private static final String TOKEN_TAKEN_ELSEWHERE = "SELECT 1 FROM external_tokens WHERE session_id = $1 AND tenant_id <> $2";
  private static final String START_FOR_TOKEN = """
    WITH taken AS (
      INSERT INTO external_tokens (session_id, tenant_id, user_id, expires_at)
      SELECT $1, $2, $3, $6 FROM users u JOIN tenants t ON t.id = u.tenant_id
      WHERE u.id = $3 AND u.tenant_id = $2 AND u.deactivated_at IS NULL AND t.suspended_at IS NULL FOR SHARE
      ON CONFLICT (session_id) DO NOTHING RETURNING session_id
    )
    INSERT INTO sessions (id, tenant_id, user_id, user_agent, ip, expires_at)
    SELECT session_id, $2, $3, $4, $5, $6 FROM taken""";

  private SessionRepository() {
  }

  /**
   * {@code idToken}: the identity provider's, when single sign-on started the session (else null); {@code tokenGrant}:
   * what that ID token granted (else null).
   */
  static Future<String> start(Pool pool, UUID id, long tenantId, long userId, Device device, int ttlHours, String idToken,
                              String tokenGrant) {
    return startUnderTenant(pool, tenantId, START, Tuple.of(id, tenantId, userId, device.userAgent(), device.ip(), ttlHours, idToken)
        .addString(tokenGrant))
      .compose(rows -> rows.size() == 0
        ? Suspension.requireActive(pool, tenantId).compose(active -> Future.failedFuture(ApiError.ACCOUNT_DEACTIVATED.exception()))
        : Future.succeededFuture(Times.iso(rows.iterator().next().getOffsetDateTime("expires_at"))));
  }

  /**
   * The session of an external token, started at its first use and never again: a token whose session has ended
   * (signed out everywhere, its person deactivated) stays refused until it expires, when both rows go.
   */
  public static Future<Void> startForToken(Pool pool, UUID id, long tenantId, long userId, Device device, OffsetDateTime expiresAt) {
    return startUnderTenant(pool, tenantId, START_FOR_TOKEN, Tuple.of(id, tenantId, userId, device.userAgent(), device.ip(), expiresAt))
      .mapEmpty();
  }

  /** A session start, in a transaction that takes the tenant's row first ({@link #SHARE_TENANT}). */
  private static Future<RowSet<Row>> startUnderTenant(Pool pool, long tenantId, String start, Tuple arguments) {
    return pool.withTransaction(tx -> tx.preparedQuery(SHARE_TENANT).execute(Tuple.of(tenantId))
      .compose(shared -> tx.preparedQuery(start).execute(arguments)));
  }

  /** Whether an external token has opened its session before (and may have seen it ended since). */
  public static Future<Boolean> tokenTaken(SqlClient sql, UUID id) {
    return sql.preparedQuery(TOKEN_TAKEN).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  /** Whether an external token opened its session in a tenant other than {@code tenantId}: it works there alone. */
  public static Future<Boolean> tokenTakenElsewhere(SqlClient sql, UUID id, long tenantId) {
    return sql.preparedQuery(TOKEN_TAKEN_ELSEWHERE).execute(Tuple.of(id, tenantId)).map(rows -> rows.size() > 0);
  }

  /** Whether a session lives, and what its single sign-on granted (see {@link #start}). */
  record Live(boolean live, String tokenGrant) {
  }

  static Future<Live> live(SqlClient sql, UUID id, long tenantId, long userId) {
    return sql.preparedQuery(LIVE).execute(Tuple.of(id, tenantId, userId))
      .map(rows -> rows.size() == 0 ? new Live(false, null) : new Live(true, rows.iterator().next().getString("token_grant")));
  }

  static Future<Void> seen(SqlClient sql, UUID id) {
    return sql.preparedQuery(SEEN).execute(Tuple.of(id)).mapEmpty();
  }

  /** The caller's sessions, {@code current} marking the one asking. */
  static Future<JsonArray> list(SqlClient sql, long tenantId, long userId, UUID current) {
    return sql.preparedQuery(LIST).execute(Tuple.of(tenantId, userId)).map(rows -> {
      JsonArray sessions = new JsonArray();
      rows.forEach(row -> sessions.add(toJson(row, current)));
      return sessions;
    });
  }

  /** Whether the session was there to end, and its provider's ID token (see {@link #start}). */
  record Ended(boolean ended, String idToken) {
  }

  static Future<Ended> endOne(SqlClient sql, UUID id, long tenantId, long userId) {
    return sql.preparedQuery(END_ONE).execute(Tuple.of(id, tenantId, userId)).map(rows -> rows.size() == 1
      ? new Ended(true, rows.iterator().next().getString("id_token")) : new Ended(false, null));
  }

  /** Ends every session of a user but {@code except} (null: all of them); answers the ids ended. */
  public static Future<List<String>> endAll(SqlClient sql, long tenantId, long userId, UUID except) {
    return sql.preparedQuery(END_ALL).execute(Tuple.of(tenantId, userId, except)).map(SessionRepository::ids);
  }

  /** Ends every session of a tenant (suspended); answers the ids ended, by user, for {@link SessionEvents#ended}. */
  public static Future<Map<Long, List<String>>> endAllOfTenant(SqlClient sql, long tenantId) {
    return sql.preparedQuery(END_OF_TENANT).execute(Tuple.of(tenantId)).map(SessionRepository::byUser);
  }

  /** Ends the sessions of a tenant's own accounts (not its provider's people), as {@link #endAllOfTenant} answers. */
  public static Future<Map<Long, List<String>>> endLocalAccountsOfTenant(SqlClient sql, long tenantId) {
    return sql.preparedQuery(END_LOCAL_OF_TENANT).execute(Tuple.of(tenantId)).map(SessionRepository::byUser);
  }

  private static Map<Long, List<String>> byUser(RowSet<Row> rows) {
    Map<Long, List<String>> byUser = new HashMap<>();
    rows.forEach(row -> byUser.computeIfAbsent(row.getLong("user_id"), id -> new ArrayList<>()).add(row.getUUID("id").toString()));
    return byUser;
  }

  static Future<Integer> endExpired(SqlClient sql) {
    return sql.preparedQuery(FORGET_EXPIRED_TOKENS).execute()
      .compose(forgotten -> sql.preparedQuery(END_EXPIRED).execute()).map(RowSet::rowCount);
  }

  private static List<String> ids(RowSet<Row> rows) {
    List<String> ids = new ArrayList<>();
    rows.forEach(row -> ids.add(row.getUUID("id").toString()));
    return ids;
  }

  private static JsonObject toJson(Row row, UUID current) {
    UUID id = row.getUUID("id");
    return new JsonObject().put("id", id.toString()).put("userAgent", row.getString("user_agent"))
      .put("ip", row.getString("ip")).put("createdAt", Times.iso(row.getOffsetDateTime("created_at")))
      .put("lastSeenAt", Times.iso(row.getOffsetDateTime("last_seen_at"))).put("current", id.equals(current));
  }
}
