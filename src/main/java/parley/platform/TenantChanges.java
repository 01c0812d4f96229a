package parley.platform;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.bus.ApiError;
import parley.db.SqlErrors;
import parley.name.Skeletons;
import parley.tenant.EffectiveSettings;
import parley.tenant.TenantSettings;

import java.util.List;

/**
 * Making and changing tenants, each in the caller's transaction. A new tenant is ready for its first person, who
 * becomes its superadmin as on a fresh install: its system roles and its default room, #general, are made with it.
 */
final class TenantChanges {

  private static final String INSERT = "INSERT INTO tenants (slug, name) VALUES ($1, $2) RETURNING id";
  private static final String ROLES = "SELECT create_system_roles($1)";
  private static final String GENERAL = """
    INSERT INTO rooms (tenant_id, name, description, is_default, name_skeletons)
    VALUES ($1, 'general', 'Everyone, everything', true, $2)""";
  private static final String RENAME = "UPDATE tenants SET name = $2 WHERE id = $1 RETURNING id";
  private static final String LOCK = "SELECT id FROM tenants WHERE id = $1 FOR UPDATE";
  private static final String FORGET_DOMAINS = "DELETE FROM tenant_domains WHERE tenant_id = $1";
  private static final String ADD_DOMAINS = "INSERT INTO tenant_domains (domain, tenant_id) SELECT unnest($2::text[]), $1";
  private static final String[] GENERAL_SKELETONS = Skeletons.of("general");

  private TenantChanges() {
  }

  /** The new tenant's id; {@code 409 slug_taken} or {@code domain_taken}. */
  static Future<Long> create(SqlClient tx, TenantForm form) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(form.slug(), form.name()))
      .map(rows -> rows.iterator().next().getLong("id"))
      .compose(tenantId -> tx.preparedQuery(ROLES).execute(Tuple.of(tenantId))
        .compose(roles -> tx.preparedQuery(GENERAL).execute(Tuple.of(tenantId).addArrayOfString(GENERAL_SKELETONS)))
        .compose(general -> form.domains() == null ? Future.succeededFuture() : addDomains(tx, tenantId, form.domains()))
        .compose(domains -> form.settings() == null ? Future.succeededFuture() : EffectiveSettings.change(tx, tenantId, form.settings()))
        .map(done -> tenantId))
      .recover(TenantChanges::taken);
  }

  /**
   * Changes what the form names; {@code 404 tenant_not_found}, {@code 409 domain_taken}. Answers the tenant's own
   * settings when the form changed them, else null.
   */
  static Future<TenantSettings> update(SqlClient tx, long tenantId, TenantForm form) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(tenantId))
      .compose(locked -> locked.size() == 0 ? Future.failedFuture(ApiError.TENANT_NOT_FOUND.exception()) : Future.succeededFuture())
      .compose(found -> form.name() == null ? Future.succeededFuture() : tx.preparedQuery(RENAME).execute(Tuple.of(tenantId, form.name())))
      .compose(renamed -> form.domains() == null ? Future.succeededFuture()
        : tx.preparedQuery(FORGET_DOMAINS).execute(Tuple.of(tenantId)).compose(forgotten -> addDomains(tx, tenantId, form.domains())))
      .compose(domains -> form.settings() == null ? Future.<TenantSettings>succeededFuture() : EffectiveSettings.change(tx, tenantId, form.settings()))
      .recover(TenantChanges::taken);
  }

  private static Future<Void> addDomains(SqlClient tx, long tenantId, List<String> domains) {
    return tx.preparedQuery(ADD_DOMAINS).execute(Tuple.of(tenantId).addArrayOfString(domains.toArray(String[]::new))).mapEmpty();
  }

  private static <T> Future<T> taken(Throwable failure) {
    if (SqlErrors.isUniqueViolation(failure, "tenants_slug_key")) {
      return Future.failedFuture(ApiError.SLUG_TAKEN.exception());
    }
    if (SqlErrors.isUniqueViolation(failure, "tenant_domains_pkey")) {
      return Future.failedFuture(ApiError.DOMAIN_TAKEN.exception());
    }
    return Future.failedFuture(failure);
  }
}
