package parley.tenant;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.Caller;
import parley.role.Permission;
import parley.service.ServiceVerticle;

/** What an organisation's superadmins see of it as a whole: for now, who took its data away, and when. */
public class TenantVerticle extends ServiceVerticle {

  private static final int EXPORTS_LISTED = 50;

  @Override
  protected void serveAll() {
    serve(Addresses.TENANT_EXPORTS, this::exports);
  }

  private Future<JsonObject> exports(Message<Object> message) {
    Caller caller = Caller.of(message);
    return permissions.require(caller, Permission.EXPORT_TENANT)
      .compose(grant -> ExportRecords.list(pool, caller.tenantId(), EXPORTS_LISTED, grant.seesDeactivated()))
      .map(exports -> new JsonObject().put("exports", new JsonArray(exports)));
  }
}
