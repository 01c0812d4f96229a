package parley.user;

import io.vertx.core.Future;
import parley.service.ServiceVerticle;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.auth.Credentials;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.EventTypes;
import parley.bus.Fields;
import parley.bus.Services;
import parley.limit.Budget;
import parley.limit.RateLimiter;
import parley.role.Grant;
import parley.role.Permission;
import parley.role.Permissions;


/**
 * The people of a tenant: the directory, roles ({@code promote_users}) and display names (oneself, or
 * {@code change_display_names}; either spends the renamer's {@link Budget#RENAMES}). A change takes effect at once and
 * every room the user is in hears {@code member.updated}.
 */
public class UserVerticle extends ServiceVerticle {

  private static final System.Logger LOG = System.getLogger(UserVerticle.class.getName());

  private RateLimiter renameBudget;

  @Override
  protected void serveAll() {
    renameBudget = Budget.RENAMES.limiter(vertx, settings);
    vertx.eventBus().<JsonObject>consumer(Addresses.USERS_CHANGED, message -> announce(message.body()));
    serve(Addresses.USER_LIST, this::list);
    serve(Addresses.USER_FIND, this::find);
    serve(Addresses.USER_SET_ROLE, this::setRole);
    serve(Addresses.USER_SET_DISPLAY_NAME, this::setDisplayName);
    serve(Addresses.USER_GRANT, this::grant);
  }

  private Future<JsonObject> list(Message<Object> message) {
    Caller caller = Caller.of(message);
    return UserDirectory.list(pool, caller.tenantId()).map(users -> new JsonObject().put("users", users));
  }

  /** One user of the caller's tenant by username ({@code @} allowed, any case), or {@code 404 user_not_found}. */
  private Future<JsonObject> find(Message<Object> message) {
    Caller caller = Caller.of(message);
    String username = Fields.string(Services.body(message), "username", ApiError.INVALID_USERNAME)
      .strip().replaceFirst("^@", "").toLowerCase(java.util.Locale.ROOT);
    return UserDirectory.byUsername(pool, caller.tenantId(), username).compose(user -> user == null
      ? Future.failedFuture(ApiError.USER_NOT_FOUND.exception())
      : Future.succeededFuture(new JsonObject().put("user", user.toJson())));
  }

  /**
   * The caller's own role and permissions, for clients that show only what one may do, and the largest file the
   * server takes, so that they can refuse a larger one before sending it.
   */
  private Future<JsonObject> grant(Message<Object> message) {
    return permissions.of(Caller.of(message)).map(grant -> new JsonObject()
      .put("tenantId", Long.toString(grant.tenantId()))
      .put("roleId", Long.toString(grant.roleId())).put("role", grant.roleName()).put("rank", grant.rank())
      .put("permissions", new JsonArray(grant.permissions().stream().map(Permission::apiName).toList()))
      .put("maxUploadBytes", settings.maxUploadBytes()));
  }

  private Future<JsonObject> setRole(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    long userId = Fields.id(body.getValue("userId"));
    long roleId = Fields.id(body.getValue("roleId"));
    return permissions.require(caller, Permission.PROMOTE_USERS)
      .compose(actor -> target(caller, actor, userId)
        .compose(target -> UserDirectory.role(pool, caller.tenantId(), roleId).compose(role -> {
          if (role == null) {
            return Future.failedFuture(ApiError.ROLE_NOT_FOUND.exception());
          }
          if (role.rank() > actor.rank()) {
            return Future.failedFuture(ApiError.RANK_TOO_HIGH.exception());
          }
          boolean demotingSuperadmin = "superadmin".equals(target.user().role()) && !"superadmin".equals(role.name());
          return pool.withTransaction(tx -> UserDirectory.lockTenantAndCountSuperadmins(tx, caller.tenantId())
            .compose(superadmins -> demotingSuperadmin && superadmins <= 1
              ? Future.failedFuture(ApiError.LAST_SUPERADMIN.exception())
              : UserDirectory.setRole(tx, caller.tenantId(), userId, roleId)));
        })))
      .compose(done -> changed(caller.tenantId(), userId));
  }

  private Future<JsonObject> setDisplayName(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    long userId = Fields.id(body.getValue("userId"));
    String displayName = Credentials.displayName(Fields.string(body, "displayName", ApiError.INVALID_DISPLAY_NAME));
    Future<?> allowed = userId == caller.userId()
      ? Future.succeededFuture()
      : permissions.require(caller, Permission.CHANGE_DISPLAY_NAMES).compose(actor -> target(caller, actor, userId));
    return allowed
      .compose(ok -> renameBudget.spend(Long.toString(caller.userId())))
      .compose(spent -> UserDirectory.setDisplayName(pool, caller.tenantId(), userId, displayName))
      .compose(done -> changed(caller.tenantId(), userId));
  }

  /** The user acted on, provided the actor is not ranked below them. */
  private Future<UserDirectory.Ranked> target(Caller caller, Grant actor, long userId) {
    return UserDirectory.withRank(pool, caller.tenantId(), userId).compose(target -> {
      if (target == null) {
        return Future.failedFuture(ApiError.USER_NOT_FOUND.exception());
      }
      return target.rank() > actor.rank()
        ? Future.failedFuture(ApiError.RANK_TOO_HIGH.exception())
        : Future.succeededFuture(target);
    });
  }

  private Future<JsonObject> changed(long tenantId, long userId) {
    Permissions.changed(vertx, new JsonObject().put("userId", Long.toString(userId)));
    vertx.eventBus().send(Addresses.USERS_CHANGED, new JsonObject().put("tenantId", Long.toString(tenantId))
      .put("userIds", new JsonArray().add(Long.toString(userId))));
    return UserDirectory.withRank(pool, tenantId, userId).map(updated -> new JsonObject().put("user", updated.user().toJson()));
  }

  /** Tells every room each changed user is in. */
  private void announce(JsonObject change) {
    long tenantId = Long.parseLong(change.getString("tenantId"));
    Long[] userIds = change.getJsonArray("userIds").stream().map(id -> Long.parseLong((String) id)).toArray(Long[]::new);
    UserDirectory.roomsOf(pool, tenantId, userIds).onSuccess(rooms -> rooms.forEach((user, roomIds) -> roomIds.forEach(roomId ->
      vertx.eventBus().publish(Addresses.room(roomId), new JsonObject().put("type", EventTypes.MEMBER_UPDATED)
        .put("roomId", Long.toString(roomId)).put("user", user.toJson())))))
      .onFailure(failure -> LOG.log(System.Logger.Level.ERROR, "Cannot tell rooms about changed users " + userIds, failure));
  }
}
