package parley.tenant;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** The record of every export of a tenant: who started it, when, and how it ended. */
final class ExportRecords {

  private static final String START = """
    INSERT INTO tenant_exports (tenant_id, started_by) VALUES ($1, $2)
    RETURNING id, (SELECT slug FROM tenants WHERE id = $1) AS slug""";
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

  Future<Void> failed(long id) {
    return pool.preparedQuery(FINISH).execute(Tuple.of(id, "failed", null, null)).mapEmpty();
  }
}
