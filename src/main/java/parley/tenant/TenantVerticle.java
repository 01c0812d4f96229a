package parley.tenant;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Services;
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
  private EffectiveSettings effective;

  @Override
  protected void serveAll() {
    removal = new TenantRemoval(pool, BlobStores.create(vertx, settings, pool));
    effective = new EffectiveSettings(vertx, pool, settings);
    serve(Addresses.TENANT_EXPORTS, this::exports);
    serve(Addresses.TENANT_SETTINGS, this::settings);
    serve(Addresses.TENANT_SET_SETTINGS, this::setSettings);
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

  private Future<JsonObject> settings(Message<Object> message) {
    Caller caller = Caller.of(message);
    return permissions.require(caller, Permission.VIEW_ADMIN)
      .compose(grant -> EffectiveSettings.stored(pool, caller.tenantId()))
      .map(own -> settingsJson(own));
  }

  /** What a tenant may change of its own settings: not the upload limit or the storage quota, which are the platform's. */
  private Future<JsonObject> setSettings(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject change = Services.body(message);
    return permissions.require(caller, Permission.MANAGE_TENANT_SETTINGS)
      .compose(grant -> change.fieldNames().stream().anyMatch(TenantSettings.PLATFORM_KEYS::contains)
        ? Future.failedFuture(ApiError.PLATFORM_SETTING.exception())
        : pool.withTransaction(tx -> EffectiveSettings.change(tx, caller.tenantId(), change)))
      .onSuccess(changed -> EffectiveSettings.changed(vertx.eventBus()))
      .map(this::settingsJson);
  }

  private JsonObject settingsJson(TenantSettings own) {
    return new JsonObject().put("settings", own.effective(settings).toFullJson()).put("own", own.toFullJson());
  }

  private Future<JsonObject> exports(Message<Object> message) {
    Caller caller = Caller.of(message);
    return permissions.require(caller, Permission.EXPORT_TENANT)
      .compose(grant -> ExportRecords.list(pool, caller.tenantId(), EXPORTS_LISTED, grant.seesDeactivated()))
      .map(exports -> new JsonObject().put("exports", new JsonArray(exports)));
  }
}
