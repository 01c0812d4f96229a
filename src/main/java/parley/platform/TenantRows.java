package parley.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Times;
import parley.tenant.TenantSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Tenants as the platform sees them: counts and host names, and how many of their people are online now, as
 * presence counts them from the live connections of every node (one read for all tenants, whatever their size).
 */
final class TenantRows {

  private static final String COLUMNS = """
    t.id, t.slug, t.name, t.created_at, t.delete_after, t.suspended_at, t.settings,
           (SELECT count(*) FROM users u WHERE u.tenant_id = t.id AND u.deactivated_at IS NULL) AS people,
           (SELECT count(*) FROM rooms r WHERE r.tenant_id = t.id) AS rooms,
           (SELECT count(*) FROM messages m WHERE m.tenant_id = t.id AND m.created_at > now() - interval '7 days') AS messages_this_week,
           (SELECT coalesce(sum(f.size), 0) FROM files f WHERE f.tenant_id = t.id AND f.stored) AS storage_bytes,
           ARRAY(SELECT d.domain FROM tenant_domains d WHERE d.tenant_id = t.id ORDER BY d.domain) AS domains""";
  private static final String ALL = "SELECT " + COLUMNS + " FROM tenants t ORDER BY t.id";
  private static final String ONE = "SELECT " + COLUMNS + " FROM tenants t WHERE t.id = $1";

  private TenantRows() {
  }

  static Future<JsonArray> all(Vertx vertx, SqlClient sql) {
    return sql.query(ALL).execute().compose(rows -> {
      List<JsonObject> tenants = new ArrayList<>();
      rows.forEach(row -> tenants.add(json(row)));
      return withOnline(vertx, tenants).map(JsonArray::new);
    });
  }

  /** {@code {tenant}}, or {@code 404 tenant_not_found}. */
  static Future<JsonObject> one(Vertx vertx, SqlClient sql, long tenantId) {
    return sql.preparedQuery(ONE).execute(Tuple.of(tenantId)).compose(rows -> rows.size() == 0
      ? Future.failedFuture(ApiError.TENANT_NOT_FOUND.exception())
      : withOnline(vertx, List.of(json(rows.iterator().next()))).map(tenants -> new JsonObject().put("tenant", tenants.get(0))));
  }

  /** Each with {@code onlineNow}: null while presence cannot tell, which leaves the rest of the answer standing. */
  private static Future<List<JsonObject>> withOnline(Vertx vertx, List<JsonObject> tenants) {
    JsonArray ids = new JsonArray(tenants.stream().map(tenant -> tenant.getString("id")).toList());
    return vertx.eventBus().<JsonObject>request(Addresses.PRESENCE_ONLINE_COUNTS, new JsonObject().put("tenantIds", ids),
        new DeliveryOptions())
      .map(answer -> answer.body().getJsonObject("online"))
      .otherwise(new JsonObject())
      .map(online -> {
        tenants.forEach(tenant -> tenant.put("onlineNow", online.getInteger(tenant.getString("id"))));
        return tenants;
      });
  }

  private static JsonObject json(Row row) {
    return new JsonObject().put("id", Long.toString(row.getLong("id"))).put("slug", row.getString("slug"))
      .put("name", row.getString("name")).put("createdAt", Times.iso(row.getOffsetDateTime("created_at")))
      .put("suspendedAt", Times.iso(row.getOffsetDateTime("suspended_at")))
      .put("deleteAfter", Times.iso(row.getOffsetDateTime("delete_after")))
      .put("domains", new JsonArray(List.of(row.getArrayOfStrings("domains"))))
      .put("people", row.getLong("people")).put("rooms", row.getLong("rooms"))
      .put("messagesThisWeek", row.getLong("messages_this_week")).put("storageBytes", row.getLong("storage_bytes"))
      .put("settings", TenantSettings.fromStored((JsonObject) row.getValue("settings")).toFullJson())
      .put("onlineNow", null);
  }
}
