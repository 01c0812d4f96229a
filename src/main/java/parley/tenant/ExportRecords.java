package parley.tenant;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.auth.Person;
import parley.bus.Times;

import java.util.ArrayList;
import java.util.List;

/** The record of every export of a tenant: who started it, when, and how it ended. */
final class ExportRecords {

  private static final String START = """
    INSERT INTO tenant_exports (tenant_id, started_by) VALUES ($1, $2)
    RETURNING id, (SELECT slug FROM tenants WHERE id = $1) AS slug""";
  private static final String LIST = "SELECT e.id AS export_id, e.started_by, e.started_at, e.finished_at, e.outcome, e.lines, e.bytes, " + Person.COLUMNS + """
     FROM tenant_exports e LEFT JOIN users u ON u.id = e.started_by
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
    return pool.preparedQuery(START).execute(Tuple.of(tenantId, userId)).map(rows -> {
      Row row = rows.iterator().next();
      return new Started(row.getLong("id"), row.getString("slug"));
    });
  }

  Future<Void> completed(long id, TenantExport.Written written) {
    return pool.preparedQuery(FINISH).execute(Tuple.of(id, "complete", written.lines(), written.bytes())).mapEmpty();
  }

  /**
   * The newest {@code limit} exports: {@code {id, startedBy, startedAt, finishedAt, outcome, lines, bytes}}, {@code startedBy}
   * a person as {@code seesDeactivated} may see them.
   */
  static Future<List<JsonObject>> list(SqlClient sql, long tenantId, int limit, boolean seesDeactivated) {
    return sql.preparedQuery(LIST).execute(Tuple.of(tenantId, limit)).map(rows -> {
      List<JsonObject> exports = new ArrayList<>();
      rows.forEach(row -> exports.add(new JsonObject().put("id", Long.toString(row.getLong("export_id")))
        .put("startedBy", row.getLong("started_by") == null ? null : Person.fromRow(row).toJson(seesDeactivated))
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
