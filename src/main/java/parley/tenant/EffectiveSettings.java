package parley.tenant;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.bus.Addresses;
import parley.config.AppConfig;


/**
 * Each tenant's settings in force ({@link TenantSettings#effective}), kept a minute on the event loop that asked;
 * {@link #changed} makes every node of the cluster forget them at once, as {@link TenantHosts} does for hosts.
 */
public final class EffectiveSettings {

  private static final String READ = "SELECT settings FROM tenants WHERE id = $1";
  private static final String READ_FOR_UPDATE = "SELECT settings FROM tenants WHERE id = $1 FOR UPDATE";
  private static final String WRITE = "UPDATE tenants SET settings = $2 WHERE id = $1";

  private final SqlClient sql;
  private final AppConfig install;
  private final TenantCache<Long, TenantSettings> known;

  /** One per verticle instance: its cache is read and written on that instance's event loop only. */
  public EffectiveSettings(Vertx vertx, SqlClient sql, AppConfig install) {
    this.sql = sql;
    this.install = install;
    this.known = new TenantCache<>(vertx, Addresses.TENANT_SETTINGS_CHANGED);
  }

  /** Tells every node that a tenant's settings changed; call it once the change is committed. */
  public static void changed(EventBus bus) {
    bus.publish(Addresses.TENANT_SETTINGS_CHANGED, new JsonObject());
  }

  /** The tenant's own settings as stored (none for a tenant that does not exist). */
  public static Future<TenantSettings> stored(SqlClient sql, long tenantId) {
    return sql.preparedQuery(READ).execute(Tuple.of(tenantId)).map(rows -> rows.size() == 0 ? TenantSettings.NONE
      : TenantSettings.fromStored((JsonObject) rows.iterator().next().getValue("settings")));
  }

  /**
   * Applies {@code change} ({@link TenantSettings#with}) to the tenant's own settings, in {@code tx} (the row locked,
   * so that two changes never lose one another's keys), and answers the settings stored. The caller publishes
   * {@link #changed} once committed.
   */
  public static Future<TenantSettings> change(SqlClient tx, long tenantId, JsonObject change) {
    return tx.preparedQuery(READ_FOR_UPDATE).execute(Tuple.of(tenantId)).compose(rows -> {
      TenantSettings own = rows.size() == 0 ? TenantSettings.NONE
        : TenantSettings.fromStored((JsonObject) rows.iterator().next().getValue("settings"));
      TenantSettings changed = own.with(change);
      return tx.preparedQuery(WRITE).execute(Tuple.of(tenantId, changed.toJson())).map(changed);
    });
  }

  /** The settings in force at the tenant. */
  public Future<TenantSettings> of(long tenantId) {
    return known.get(tenantId, id -> stored(sql, id).map(own -> own.effective(install)));
  }
}
