package parley.tenant;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.Caller;
import parley.file.BlobStores;
import parley.role.Permission;
import parley.service.ServiceVerticle;

/**
 * Organisations as a whole: who took an organisation's data away, and when; and the deletion of those whose time has
 * come, looked for every {@link #SWEEP_EVERY_MS}.
 */
public class TenantVerticle extends ServiceVerticle {

  private static final int EXPORTS_LISTED = 50;
  private static final long SWEEP_EVERY_MS = 10 * 60 * 1000;
  private static final System.Logger LOG = System.getLogger(TenantVerticle.class.getName());

  private TenantRemoval removal;

  @Override
  protected void serveAll() {
    removal = new TenantRemoval(pool, BlobStores.create(vertx, settings, pool));
    serve(Addresses.TENANT_EXPORTS, this::exports);
    serve(Addresses.TENANT_SWEEP, message -> sweep());
    vertx.setPeriodic(SWEEP_EVERY_MS, tick -> sweep());
  }

  private Future<JsonObject> sweep() {
    return removal.removeDue()
      .onSuccess(removed -> {
        if (removed > 0) {
          TenantHosts.changed(vertx.eventBus());
        }
      })
      .onFailure(failed -> LOG.log(System.Logger.Level.WARNING, "Deleting a tenant failed; the next sweep tries again: " + failed.getMessage()))
      .map(removed -> new JsonObject().put("removed", removed));
  }

  private Future<JsonObject> exports(Message<Object> message) {
    Caller caller = Caller.of(message);
    return permissions.require(caller, Permission.EXPORT_TENANT)
      .compose(grant -> ExportRecords.list(pool, caller.tenantId(), EXPORTS_LISTED, grant.seesDeactivated()))
      .map(exports -> new JsonObject().put("exports", new JsonArray(exports)));
  }
}
