package parley.tenant;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.bus.ApiError;

/**
 * A suspended tenant signs nobody in: registration, logins, provider tokens and single sign-on are refused with
 * {@code 403 tenant_suspended}, before anything is made. Sessions start under a share lock on the tenant's row too
 * (SessionRepository), so a sign-in racing the suspension either ends with it or is refused.
 */
public final class Suspension {

  private static final String SUSPENDED = "SELECT suspended_at IS NOT NULL AS suspended FROM tenants WHERE id = $1";

  private Suspension() {
  }

  public static Future<Void> requireActive(SqlClient sql, long tenantId) {
    return sql.preparedQuery(SUSPENDED).execute(Tuple.of(tenantId)).compose(rows ->
      rows.size() == 1 && !rows.iterator().next().getBoolean("suspended") ? Future.succeededFuture()
        : Future.failedFuture(ApiError.TENANT_SUSPENDED.exception()));
  }
}
