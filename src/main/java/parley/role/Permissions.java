package parley.role;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Permission checks for one verticle, with a cache of grants. Parley's tokens carry no role, so a change of role takes
 * effect at once: every node drops what it cached when {@link Addresses#PERMISSIONS_CHANGED} is published. A request
 * with an identity provider's {@link TokenGrant} is decided by it, on top of the cached grant, at every request.
 * Confined to the owning verticle's event loop.
 */
public final class Permissions {

  /**
   * The PostgreSQL channel on which what changes roles outside the server (the command line) says so, as
   * {@link Addresses#PERMISSIONS_CHANGED}'s body; every node listens (parley.platform.OutsideChanges).
   */
  public static final String DATABASE_CHANNEL = "parley_permissions_changed";
  private static final int MAX_CACHED = 50_000;
  /** The system role new people get; see {@code AuthVerticle} and {@code IdentityVerticle}. */
  private static final String DEFAULT_ROLE = "member";
  private static final String GRANT = """
    SELECT u.id, u.tenant_id, r.id AS role_id, r.name AS role_name, r.rank, r.permissions
    FROM users u JOIN roles r ON r.id = u.role_id WHERE u.tenant_id = $1 AND u.id = $2""";

  private final SqlClient sql;
  private final Map<Long, Grant> cache = new HashMap<>();
  /** Each tenant's roles by name, for grants whose role a token names. */
  private final Map<Long, Map<String, Role>> rolesByTenant = new HashMap<>();
  /** Moves on at every change of roles, so that roles read before a change are not cached after it. */
  private long roleChanges;

  public Permissions(Vertx vertx, SqlClient sql) {
    this.sql = sql;
    vertx.eventBus().<JsonObject>consumer(Addresses.PERMISSIONS_CHANGED, message -> forget(message.body()));
  }

  /** Tells every node that grants changed: of one user ({@code userId}), of one role ({@code roleId}), or all. */
  public static void changed(Vertx vertx, JsonObject which) {
    vertx.eventBus().publish(Addresses.PERMISSIONS_CHANGED, which);
  }

  public Future<Grant> of(Caller caller) {
    TokenGrant token = TokenGrant.decode(caller.tokenGrant());
    if (token == null) {
      return stored(caller);
    }
    // The stored grant still says that the user exists in the tenant.
    return stored(caller).compose(grant -> token.roles() == null ? Future.succeededFuture(grant) : tokenRole(grant, token.roles()))
      .map(token::applyTo);
  }

  /**
   * The highest-ranked of the roles a token names that the tenant has; with none, the role new people get
   * ({@code member}). The stored role plays no part.
   */
  private Future<Grant> tokenRole(Grant stored, Set<String> names) {
    return roles(stored.tenantId()).compose(byName -> {
      Role role = names.stream().map(byName::get).filter(Objects::nonNull).max(Comparator.comparingInt(Role::rank))
        .orElse(byName.get(DEFAULT_ROLE));
      return role == null ? Future.failedFuture(ApiError.FORBIDDEN.exception())
        : Future.succeededFuture(new Grant(stored.userId(), stored.tenantId(), role.id(), role.name(), role.rank(), role.permissions()));
    });
  }

  private Future<Map<String, Role>> roles(long tenantId) {
    Map<String, Role> cached = rolesByTenant.get(tenantId);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    long read = roleChanges;
    return RoleRepository.list(sql, tenantId).map(roles -> {
      Map<String, Role> byName = new HashMap<>();
      roles.forEach(role -> byName.put(role.name(), role));
      if (rolesByTenant.size() >= MAX_CACHED) {
        rolesByTenant.clear();
      }
      if (read == roleChanges) {
        rolesByTenant.put(tenantId, byName);
      }
      return byName;
    });
  }

  private Future<Grant> stored(Caller caller) {
    Grant cached = cache.get(caller.userId());
    if (cached != null && cached.tenantId() == caller.tenantId()) {
      return Future.succeededFuture(cached);
    }
    return sql.preparedQuery(GRANT).execute(Tuple.of(caller.tenantId(), caller.userId())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ApiError.UNAUTHENTICATED.exception());
      }
      Grant grant = fromRow(rows.iterator().next());
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(grant.userId(), grant);
      return Future.succeededFuture(grant);
    });
  }

  /** The caller's grant, or {@code 403 forbidden} when their role (or their token) lacks the permission. */
  public Future<Grant> require(Caller caller, Permission permission) {
    return of(caller).compose(grant -> grant.has(permission)
      ? Future.succeededFuture(grant)
      : Future.failedFuture(ApiError.FORBIDDEN.exception()));
  }

  private void forget(JsonObject which) {
    if (which.containsKey("userId")) {
      cache.remove(Long.parseLong(which.getString("userId")));
    } else if (which.containsKey("roleId")) {
      long roleId = Long.parseLong(which.getString("roleId"));
      cache.values().removeIf(grant -> grant.roleId() == roleId);
      forgetRoles();
    } else {
      cache.clear();
      forgetRoles();
    }
  }

  private void forgetRoles() {
    roleChanges++;
    rolesByTenant.clear();
  }

  private static Grant fromRow(Row row) {
    return new Grant(row.getLong("id"), row.getLong("tenant_id"), row.getLong("role_id"), row.getString("role_name"),
      row.getInteger("rank"), Permission.fromNames(Arrays.asList(row.getArrayOfStrings("permissions"))));
  }
}
