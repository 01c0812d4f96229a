package parley.tenant;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.bus.Addresses;

import java.util.Optional;

/**
 * Which tenant a host name belongs to: the one whose domain it is ({@code tenant_domains}), else the one whose slug
 * names it as {@code <slug>.<TENANT_BASE_DOMAIN>}, else (any other host: localhost, an IP, the base domain itself) the
 * default tenant. A subdomain of the base domain that names no tenant belongs to none. Answers are kept a minute on
 * the event loop that asked; {@link #changed} makes every node forget them at once.
 */
public final class TenantHosts {

  public static final long DEFAULT_TENANT = 1;

  private static final String RESOLVE = """
    SELECT t.id, t.slug, t.name, d.domain IS NOT NULL AS by_domain
    FROM tenants t LEFT JOIN tenant_domains d ON d.tenant_id = t.id AND d.domain = $1
    WHERE d.domain IS NOT NULL OR t.slug = $2 OR t.id = $3
    ORDER BY by_domain DESC LIMIT 1""";

  /** A tenant as a host shows it; {@code named}: the host named it (its domain or slug), rather than falling to the default. */
  public record TenantHost(long id, String slug, String name, boolean named) {
    public JsonObject toJson() {
      return new JsonObject().put("slug", slug).put("name", name);
    }
  }

  private final SqlClient sql;
  private final String baseSuffix;
  private final TenantCache<String, Optional<TenantHost>> known;

  /** One per event loop: its cache is read and written there only. {@code baseDomain}: TENANT_BASE_DOMAIN, or empty. */
  public TenantHosts(Vertx vertx, SqlClient sql, String baseDomain) {
    this.sql = sql;
    this.baseSuffix = baseDomain.isEmpty() ? null : "." + baseDomain;
    this.known = new TenantCache<>(vertx, Addresses.TENANT_HOSTS_CHANGED);
  }

  /** Tells every node that a tenant's slug or domains changed; call it once the change is committed. */
  public static void changed(EventBus bus) {
    bus.publish(Addresses.TENANT_HOSTS_CHANGED, new JsonObject());
  }

  /** The tenant of {@code host} (lower-case, without a port), or empty when it is a subdomain that names none. */
  public Future<Optional<TenantHost>> of(String host) {
    return known.get(host, this::resolve);
  }

  private Future<Optional<TenantHost>> resolve(String host) {
    String slug = baseSuffix != null && host.endsWith(baseSuffix) ? host.substring(0, host.length() - baseSuffix.length()) : null;
    Tuple params = Tuple.of(host, slug, slug == null ? DEFAULT_TENANT : 0);
    return sql.preparedQuery(RESOLVE).execute(params)
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(fromRow(rows.iterator().next(), slug)));
  }

  private static TenantHost fromRow(Row row, String slug) {
    boolean named = row.getBoolean("by_domain") || slug != null;
    return new TenantHost(row.getLong("id"), row.getString("slug"), row.getString("name"), named);
  }
}
