package parley.tenant;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import parley.bus.Addresses;
import parley.bus.Caller;
import parley.file.BlobStore;
import parley.http.Http;
import parley.log.LogFields;
import parley.role.Permission;
import parley.role.Permissions;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code GET /api/tenant/export}: the caller's whole organisation as a JSON-lines archive, to those with
 * {@code export_tenant}; and the same archive of any organisation to a platform operator
 * ({@code GET /api/platform/tenants/:tenantId/export}), for one that asked. Every export is recorded, with who started
 * it, before its first byte, so that none goes unseen by the organisation's superadmins; one cut short
 * (the reader went away, the database failed) is recorded as failed and its connection reset, since a 200 already
 * went out, and the archive then lacks its {@code end} line.
 */
public final class ExportDownload {

  public static final String PATH = "/api/tenant/export";
  private static final System.Logger LOG = System.getLogger(ExportDownload.class.getName());

  private final Permissions permissions;
  private final ExportRecords records;
  private final TenantExport export;

  public ExportDownload(Permissions permissions, Pool pool, BlobStore blobs) {
    this.permissions = permissions;
    this.records = new ExportRecords(pool);
    this.export = new TenantExport(pool, blobs);
  }

  public void handle(RoutingContext ctx) {
    Caller caller = Http.caller(ctx);
    send(ctx, caller.tenantId(), permissions.require(caller, Permission.EXPORT_TENANT)
      .compose(allowed -> records.start(caller.tenantId(), caller.userId())));
  }

  /**
   * An operator's export, once {@code operatorId} is known: {@code 404 tenant_not_found} for a {@code tenantId} of no
   * tenant (not an id at all reads as id 0, which none has).
   */
  public void forOperator(RoutingContext ctx, Future<Long> operatorId, String tenantId) {
    long id = tenantId.matches(Addresses.ID_REGEX) ? Long.parseLong(tenantId) : 0;
    send(ctx, id, operatorId.compose(operator -> records.startByOperator(id, operator)));
  }

  private void send(RoutingContext ctx, long tenantId, Future<ExportRecords.Started> start) {
    start.onFailure(ctx::fail)
      .onSuccess(started -> {
        HttpServerResponse response = ctx.response().setChunked(true)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .putHeader("Content-Disposition", "attachment; filename=\"parley-" + started.slug() + "-"
            + LocalDate.now(ZoneOffset.UTC) + ".jsonl\"");
        export.write(tenantId, response).onComplete(written -> {
          if (written.succeeded()) {
            response.end();
            records.completed(started.id(), written.result());
          } else {
            LogFields.of("exportId", started.id()).log(LOG, System.Logger.Level.WARNING,
              "A tenant export was cut short: " + written.cause().getMessage());
            response.reset();
            records.failed(started.id());
          }
        });
      });
  }
}
