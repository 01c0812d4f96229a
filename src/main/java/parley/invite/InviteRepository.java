package parley.invite;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Invite codes. {@link #consume} is the one place a use is counted, atomically, inside the registration. */
public final class InviteRepository {

  private static final String USABLE = "(max_uses IS NULL OR uses < max_uses) AND (expires_at IS NULL OR expires_at > now())";

  // One statement: two racing registrations cannot both take the last use.
  private static final String CONSUME =
    "UPDATE invites SET uses = uses + 1 WHERE tenant_id = $1 AND code = $2 AND " + USABLE + " RETURNING code";

  private static final String VALID = "SELECT 1 FROM invites WHERE tenant_id = $1 AND code = $2 AND " + USABLE;

  private static final String INSERT = """
    INSERT INTO invites (code, tenant_id, label, max_uses, expires_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)
    RETURNING """ + " " + Invite.COLUMNS;

  private static final String LIST = "SELECT " + Invite.COLUMNS + " FROM invites WHERE tenant_id = $1 ORDER BY created_at DESC";

  private static final String DELETE = "DELETE FROM invites WHERE tenant_id = $1 AND code = $2 RETURNING code";

  private InviteRepository() {
  }

  /** Counts one use of the code; false when it is unknown, used up or expired. */
  public static Future<Boolean> consume(SqlClient sql, long tenantId, String code) {
    return sql.preparedQuery(CONSUME).execute(Tuple.of(tenantId, code)).map(rows -> rows.size() > 0);
  }

  static Future<Boolean> valid(SqlClient sql, long tenantId, String code) {
    return sql.preparedQuery(VALID).execute(Tuple.of(tenantId, code)).map(rows -> rows.size() > 0);
  }

  static Future<Invite> insert(SqlClient sql, long tenantId, String code, String label, Integer maxUses,
                               OffsetDateTime expiresAt, long createdBy) {
    return sql.preparedQuery(INSERT).execute(Tuple.of(code, tenantId, label, maxUses, expiresAt, createdBy))
      .map(rows -> Invite.fromRow(rows.iterator().next()));
  }

  static Future<List<Invite>> list(SqlClient sql, long tenantId) {
    return sql.preparedQuery(LIST).execute(Tuple.of(tenantId)).map(rows -> {
      List<Invite> invites = new ArrayList<>();
      rows.forEach(row -> invites.add(Invite.fromRow(row)));
      return invites;
    });
  }

  static Future<Boolean> delete(SqlClient sql, long tenantId, String code) {
    return sql.preparedQuery(DELETE).execute(Tuple.of(tenantId, code)).map(rows -> rows.size() > 0);
  }
}
