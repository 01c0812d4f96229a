package parley.user;

import io.vertx.core.Future;
import parley.service.ServiceVerticle;
import parley.tenant.EffectiveSettings;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import parley.auth.Credentials;
import parley.auth.PasswordResets;
import parley.auth.UserRepository;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.tenant.TenantHosts;
import parley.bus.EventTypes;
import parley.bus.Fields;
import parley.bus.Services;
import parley.name.Skeletons;
import parley.limit.Budget;
import parley.limit.RateLimiter;
import parley.role.Grant;
import parley.role.Permission;


/**
 * The people of a tenant: the directory, roles ({@code promote_users}) and display names (oneself, or
 * {@code change_display_names}; either spends the renamer's {@link Budget#RENAMES}). A change takes effect at once and
 * every room the user is in hears {@code member.updated}.
 */
public class UserVerticle extends ServiceVerticle {

  private static final System.Logger LOG = System.getLogger(UserVerticle.class.getName());

  private RateLimiter renameBudget;
  private EffectiveSettings tenantSettings;

  @Override
  protected void serveAll() {
    tenantSettings = new EffectiveSettings(vertx, pool, settings);
    renameBudget = Budget.RENAMES.limiter(vertx, settings);
    vertx.eventBus().<JsonObject>consumer(Addresses.USERS_CHANGED, message -> announce(message.body()));
    serve(Addresses.USER_LIST, this::list);
    serve(Addresses.USER_FIND, this::find);
    serve(Addresses.USER_SET_ROLE, this::setRole);
    serve(Addresses.USER_SET_DISPLAY_NAME, this::setDisplayName);
    serve(Addresses.USER_GRANT, this::grant);
    serve(Addresses.USER_PASSWORD_RESET, this::passwordReset);
    serve(Addresses.USER_DEACTIVATE, message -> setDeactivated(message, true));
    serve(Addresses.USER_REACTIVATE, message -> setDeactivated(message, false));
  }

  /** Deactivated people are in it only for those who may reactivate them. */
  private Future<JsonObject> list(Message<Object> message) {
    Caller caller = Caller.of(message);
    return permissions.of(caller)
      .compose(grant -> UserDirectory.list(pool, caller.tenantId(), grant.has(Permission.MANAGE_USERS)))
      .map(users -> new JsonObject().put("users", users));
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
    Caller caller = Caller.of(message);
    return permissions.of(caller).compose(grant -> tenantSettings.of(caller.tenantId()).map(tenant -> new JsonObject()
      .put("tenantId", Long.toString(grant.tenantId()))
      .put("roleId", Long.toString(grant.roleId())).put("role", grant.roleName()).put("rank", grant.rank())
      .put("permissions", new JsonArray(grant.permissions().stream().map(Permission::apiName).toList()))
      .put("maxUploadBytes", tenant.maxUploadBytes())));
  }

  private Future<JsonObject> setRole(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    long userId = Fields.id(body.getValue("userId"));
    long roleId = Fields.id(body.getValue("roleId"));
    return permissions.require(caller, Permission.PROMOTE_USERS)
      .compose(actor -> userId == caller.userId()
        ? Future.failedFuture(ApiError.OWN_ROLE.exception())
        : target(caller, actor, userId)
        .compose(target -> UserDirectory.role(pool, caller.tenantId(), roleId).compose(role -> {
          if (role == null) {
            return Future.failedFuture(ApiError.ROLE_NOT_FOUND.exception());
          }
          if (role.rank() > actor.rank()) {
            return Future.failedFuture(ApiError.RANK_TOO_HIGH.exception());
          }
          // As when creating a role: nobody hands out a permission they do not hold themself.
          if (!actor.permissions().containsAll(role.permissions())) {
            return Future.failedFuture(ApiError.FORBIDDEN.exception());
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
    Future<?> allowed = userId == caller.userId()
      ? Future.succeededFuture()
      : permissions.require(caller, Permission.CHANGE_DISPLAY_NAMES).compose(actor -> target(caller, actor, userId));
    return allowed
      .compose(ok -> renameBudget.spend(Long.toString(caller.userId())))
      .compose(spent -> pool.withTransaction(tx -> rename(tx, caller.tenantId(), userId,
        Credentials.displayName(Fields.string(body, "displayName", ApiError.INVALID_DISPLAY_NAME)))))
      .compose(done -> changed(caller.tenantId(), userId));
  }

  /** Refuses a display name that looks like another person's name or username; one's own username is fine. */
  private Future<Void> rename(SqlClient tx, long tenantId, long userId, String displayName) {
    return UserDirectory.lockTenant(tx, tenantId)
      .compose(locked -> UserDirectory.withRank(tx, tenantId, userId))
      .compose(target -> target == null
        ? Future.failedFuture(ApiError.USER_NOT_FOUND.exception())
        : UserRepository.looksLikeAnother(tx, tenantId, userId, Skeletons.of(displayName)).compose(lookalike -> lookalike
          ? Future.failedFuture(ApiError.NAME_CONFUSABLE.exception())
          : UserDirectory.setDisplayName(tx, tenantId, userId, displayName, Skeletons.of(target.user().username(), displayName))));
  }

  /** {@code {userId}}: a one-time link for someone not ranked above the caller; its code is shown here and never again. */
  private Future<JsonObject> passwordReset(Message<Object> message) {
    Caller caller = Caller.of(message);
    long userId = Fields.id(Services.body(message).getValue("userId"));
    return tenantSettings.of(caller.tenantId()).compose(tenant -> tenant.identity().localAccounts() ? Future.succeededFuture()
        : Future.failedFuture(ApiError.LOCAL_ACCOUNTS_DISABLED.exception()))
      .compose(passwords -> permissions.require(caller, Permission.MANAGE_USERS))
      .compose(actor -> target(caller, actor, userId))
      .compose(target -> target.user().deactivated()
        ? Future.failedFuture(ApiError.USER_NOT_FOUND.exception())
        : PasswordResets.issue(pool, caller.tenantId(), userId, caller.userId()))
      .map(issued -> {
        String path = "/?reset=" + issued.code();
        JsonObject reset = new JsonObject().put("path", path).put("expiresAt", issued.expiresAt());
        // PUBLIC_URL is the default tenant's address; another tenant's link is its path, on the host it was asked at.
        if (!settings.publicUrl().isBlank() && caller.tenantId() == TenantHosts.DEFAULT_TENANT) {
          reset.put("url", settings.publicUrl().replaceAll("/+$", "") + path);
        }
        return new JsonObject().put("reset", reset);
      });
  }

  /** {@link Deactivation}, for someone not ranked above the caller, and never oneself. */
  private Future<JsonObject> setDeactivated(Message<Object> message, boolean deactivated) {
    Caller caller = Caller.of(message);
    long userId = Fields.id(Services.body(message).getValue("userId"));
    return permissions.require(caller, Permission.MANAGE_USERS)
      .compose(actor -> userId == caller.userId()
        ? Future.failedFuture(ApiError.DEACTIVATE_SELF.exception())
        : target(caller, actor, userId))
      .compose(target -> Deactivation.set(vertx, pool, caller.tenantId(), target.user(), deactivated))
      .compose(done -> UserDirectory.withRank(pool, caller.tenantId(), userId))
      .map(updated -> new JsonObject().put("user", updated.user().toJson()));
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
    Deactivation.changed(vertx, tenantId, userId);
    return UserDirectory.withRank(pool, tenantId, userId).map(updated -> new JsonObject().put("user", updated.user().toJson()));
  }

  /**
   * Tells every room each changed user is in. Events go to everyone alike, so a deactivated person goes out without
   * their name, as everyone but those who may reactivate them sees them (who see it again when they next ask).
   */
  private void announce(JsonObject change) {
    long tenantId = Long.parseLong(change.getString("tenantId"));
    Long[] userIds = change.getJsonArray("userIds").stream().map(id -> Long.parseLong((String) id)).toArray(Long[]::new);
    UserDirectory.roomsOf(pool, tenantId, userIds).onSuccess(rooms -> rooms.forEach((user, roomIds) -> roomIds.forEach(roomId ->
      vertx.eventBus().publish(Addresses.room(roomId), new JsonObject().put("type", EventTypes.MEMBER_UPDATED)
        .put("roomId", Long.toString(roomId)).put("user", user.shownTo(false).toJson())))))
      .onFailure(failure -> LOG.log(System.Logger.Level.ERROR, "Cannot tell rooms about changed users " + userIds, failure));
  }
}
