package parley.role;

import io.vertx.core.Future;
import parley.service.ServiceVerticle;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.EventTypes;
import parley.bus.Fields;
import parley.bus.Services;
import parley.db.SqlErrors;

import java.util.EnumSet;
import java.util.Set;

/**
 * Custom roles ({@code manage_roles}). Nobody may create, edit or delete a role ranked at or above their own, nor
 * grant a permission they do not hold; system roles keep their names and cannot be deleted.
 */
public class RoleVerticle extends ServiceVerticle {


  @Override
  protected void serveAll() {
    serve(Addresses.ROLE_LIST, this::list);
    serve(Addresses.ROLE_CREATE, this::create);
    serve(Addresses.ROLE_UPDATE, this::update);
    serve(Addresses.ROLE_DELETE, this::delete);
  }

  /** Every signed-in user may see the roles (the web app names them); only managing them is guarded. */
  private Future<JsonObject> list(Message<Object> message) {
    Caller caller = Caller.of(message);
    return RoleRepository.list(pool, caller.tenantId())
      .map(roles -> new JsonObject().put("roles", new JsonArray(roles.stream().map(Role::toJson).toList()))
        .put("permissions", new JsonArray(EnumSet.allOf(Permission.class).stream().map(Permission::apiName).toList())));
  }

  private Future<JsonObject> create(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    String name = name(Fields.string(body, "name", ApiError.INVALID_ROLE_NAME));
    int rank = rank(body.getValue("rank"));
    Set<Permission> granted = permissionsOf(body.getValue("permissions"));
    return permissions.require(caller, Permission.MANAGE_ROLES)
      .compose(actor -> mayShape(actor, rank, granted))
      .compose(ok -> RoleRepository.insert(pool, caller.tenantId(), name, rank, granted))
      .recover(failure -> Future.failedFuture(SqlErrors.isUniqueViolation(failure, "roles_tenant_name")
        ? ApiError.ROLE_NAME_TAKEN.exception() : failure))
      .map(role -> {
        // Nobody holds it yet, but a provider's token may name it from now on.
        Permissions.changed(vertx, new JsonObject().put("roleId", Long.toString(role.id())));
        return new JsonObject().put("role", role.toJson());
      });
  }

  private Future<JsonObject> update(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    long roleId = Fields.id(body.getValue("roleId"));
    return permissions.require(caller, Permission.MANAGE_ROLES)
      .compose(actor -> existing(caller, roleId).compose(role -> {
        String name = body.containsKey("name") ? name(Fields.string(body, "name", ApiError.INVALID_ROLE_NAME)) : role.name();
        int rank = body.containsKey("rank") ? rank(body.getValue("rank")) : role.rank();
        Set<Permission> granted = body.containsKey("permissions") ? permissionsOf(body.getValue("permissions")) : role.permissions();
        if (role.system() && !name.equals(role.name())) {
          return Future.failedFuture(ApiError.SYSTEM_ROLE.exception());
        }
        if (role.system() && rank != role.rank()) {
          return Future.failedFuture(ApiError.SYSTEM_ROLE.exception());
        }
        return mayShape(actor, role.rank(), role.permissions())
          .compose(ok -> mayShape(actor, rank, granted))
          .compose(ok -> RoleRepository.update(pool, caller.tenantId(), roleId, name, rank, granted));
      }))
      .recover(failure -> Future.failedFuture(SqlErrors.isUniqueViolation(failure, "roles_tenant_name")
        ? ApiError.ROLE_NAME_TAKEN.exception() : failure))
      .map(role -> {
        Permissions.changed(vertx, new JsonObject().put("roleId", Long.toString(roleId)));
        // One event for the tenant, not one per holder: clients holding this role reload what they may do.
        vertx.eventBus().publish(Addresses.tenant(caller.tenantId()),
          new JsonObject().put("type", EventTypes.ROLE_UPDATED).put("role", role.toJson()));
        return new JsonObject().put("role", role.toJson());
      });
  }

  private Future<JsonObject> delete(Message<Object> message) {
    Caller caller = Caller.of(message);
    long roleId = Fields.id(Services.body(message).getValue("roleId"));
    return permissions.require(caller, Permission.MANAGE_ROLES)
      .compose(actor -> existing(caller, roleId).compose(role -> role.system()
        ? Future.failedFuture(ApiError.SYSTEM_ROLE.exception())
        : mayShape(actor, role.rank(), role.permissions())))
      .compose(ok -> pool.withTransaction(tx -> RoleRepository.delete(tx, caller.tenantId(), roleId)))
      .map(moved -> {
        Permissions.changed(vertx, new JsonObject().put("roleId", Long.toString(roleId)));
        moved.forEach(userId -> Permissions.changed(vertx, new JsonObject().put("userId", Long.toString(userId))));
        vertx.eventBus().send(Addresses.USERS_CHANGED, new JsonObject().put("tenantId", Long.toString(caller.tenantId()))
          .put("userIds", new JsonArray(moved.stream().map(String::valueOf).toList())));
        return new JsonObject().put("deleted", true).put("movedToMember", moved.size());
      });
  }

  private Future<Role> existing(Caller caller, long roleId) {
    return RoleRepository.find(pool, caller.tenantId(), roleId)
      .compose(role -> role == null ? Future.failedFuture(ApiError.ROLE_NOT_FOUND.exception()) : Future.succeededFuture(role));
  }

  /** A role the actor may create, edit or delete: ranked below them, granting nothing they lack. */
  private static Future<Void> mayShape(Grant actor, int rank, Set<Permission> granted) {
    if (rank >= actor.rank()) {
      return Future.failedFuture(ApiError.RANK_TOO_HIGH.exception());
    }
    if (!actor.permissions().containsAll(granted)) {
      return Future.failedFuture(ApiError.FORBIDDEN.exception());
    }
    return Future.succeededFuture();
  }

  private static String name(String raw) {
    String name = raw.strip();
    if (!name.matches("[\\p{L}\\p{N} _.-]{1,32}")) {
      throw ApiError.INVALID_ROLE_NAME.exception();
    }
    return name;
  }

  private static int rank(Object value) {
    if (value instanceof Integer rank && rank >= 0 && rank <= 999) {
      return rank;
    }
    throw ApiError.INVALID_RANK.exception();
  }

  private static Set<Permission> permissionsOf(Object value) {
    if (!(value instanceof JsonArray names)) {
      throw ApiError.INVALID_PERMISSION.exception();
    }
    EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
    for (Object name : names) {
      granted.add(Permission.byName(name instanceof String text ? text : "")
        .orElseThrow(ApiError.INVALID_PERMISSION::exception));
    }
    return granted;
  }
}
