package parley.tenant;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.auth.Person;
import parley.bus.ApiError;
import parley.bus.Times;

import java.util.ArrayList;
import java.util.List;

/** The record of every export of a tenant: who started it, when, and how it ended. */
final class ExportRecords {

  /** By one of the tenant's people ({@code $2}) or by a platform operator ({@code $3}); nothing when there is no such tenant. */
  private static final String START = """
    INSERT INTO tenant_exports (tenant_id, started_by, started_by_operator) SELECT id, $2, $3 FROM tenants WHERE id = $1
    RETURNING id, (SELECT slug FROM tenants WHERE id = $1) AS slug""";
  private static final String LIST = "SELECT e.id AS export_id, e.started_by, e.started_at, e.finished_at, e.outcome, e.lines, e.bytes, "
    + "o.username AS operator_username, " + Person.COLUMNS + """
     FROM tenant_exports e LEFT JOIN users u ON u.id = e.started_by LEFT JOIN platform_operators o ON o.id = e.started_by_operator
    WHERE e.tenant_id = $1 ORDER BY e.id DESC LIMIT $2""";
  private static final String FINISH = """
    UPDATE tenant_exports SET finished_at = now(), outcome = $2, lines = $3, bytes = $4 WHERE id = $1""";

  /** A started export: its record's id, and the tenant's slug, which names the archive. */
  record Started(long id, String slug) {
  }

  private final Pool pool;

  ExportRecords(Pool pool) {
    this.pool = pool;
  }

  Future<Started> start(long tenantId, long userId) {
    return start(Tuple.of(tenantId, userId, null));
  }

  /** {@code 404 tenant_not_found} when there is no such tenant. */
  Future<Started> startByOperator(long tenantId, long operatorId) {
    return start(Tuple.of(tenantId, null, operatorId));
  }

  private Future<Started> start(Tuple who) {
    return pool.preparedQuery(START).execute(who).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ApiError.TENANT_NOT_FOUND.exception());
      }
      Row row = rows.iterator().next();
      return Future.succeededFuture(new Started(row.getLong("id"), row.getString("slug")));
    });
  }

  Future<Void> completed(long id, TenantExport.Written written) {
    return pool.preparedQuery(FINISH).execute(Tuple.of(id, "complete", written.lines(), written.bytes())).mapEmpty();
  }

  /**
   * The newest {@code limit} exports: {@code {id, startedBy, startedByOperator, startedAt, finishedAt, outcome, lines, bytes}},
   * {@code startedBy} a person as {@code seesDeactivated} may see them, {@code startedByOperator} {@code {username}} of
   * the platform operator who started it instead.
   */
  static Future<List<JsonObject>> list(SqlClient sql, long tenantId, int limit, boolean seesDeactivated) {
    return sql.preparedQuery(LIST).execute(Tuple.of(tenantId, limit)).map(rows -> {
      List<JsonObject> exports = new ArrayList<>();
      rows.forEach(row -> exports.add(new JsonObject().put("id", Long.toString(row.getLong("export_id")))
        .put("startedBy", row.getLong("started_by") == null ? null : Person.fromRow(row).toJson(seesDeactivated))
        .put("startedByOperator", row.getString("operator_username") == null ? null
          : new JsonObject().put("username", row.getString("operator_username")))
        .put("startedAt", Times.iso(row.getOffsetDateTime("started_at")))
        .put("finishedAt", Times.iso(row.getOffsetDateTime("finished_at")))
        .put("outcome", row.getString("outcome")).put("lines", row.getLong("lines")).put("bytes", row.getLong("bytes"))));
      return exports;
    });
  }

  Future<Void> failed(long id) {
    return pool.preparedQuery(FINISH).execute(Tuple.of(id, "failed", null, null)).mapEmpty();
  }
}
