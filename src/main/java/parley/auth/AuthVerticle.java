package parley.auth;

import io.vertx.core.Future;
import parley.service.ServiceVerticle;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import parley.invite.InviteRepository;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Services;
import parley.db.SqlErrors;
import parley.name.Skeletons;
import parley.room.RoomEvents;

/** Accounts: registration, login and "who am I". Tokens are issued by the HTTP verticle, which owns the secret. */
public class AuthVerticle extends ServiceVerticle {

  private Passwords passwords;
  private boolean requireInvite;

  @Override
  protected void serveAll() {
    passwords = new Passwords(vertx, settings.bcryptCost());
    requireInvite = settings.requireInvite();
    serve(Addresses.AUTH_REGISTER, this::register);
    serve(Addresses.AUTH_LOGIN, this::login);
    serve(Addresses.AUTH_ME, this::me);
  }

  private Future<JsonObject> register(Message<Object> message) {
    long tenantId = Caller.tenantOf(message);
    Credentials credentials = Credentials.forRegistration(Services.body(message));
    // The username too: it is shown beside display names to tell people apart, so it may not look like anyone's name.
    String[] skeletons = Skeletons.of(credentials.username(), credentials.displayName());
    return UserRepository.usernameExists(pool, tenantId, credentials.username())
      .compose(taken -> taken ? Future.failedFuture(ApiError.USERNAME_TAKEN.exception()) : passwords.hash(credentials.password()))
      .compose(hash -> pool.withTransaction(tx -> UserRepository.lockTenantAndCheckForUsers(tx, tenantId)
        .compose(anyUser -> UserRepository.looksLikeAnother(tx, tenantId, UserRepository.NOBODY, skeletons)
          .compose(lookalike -> lookalike
            ? Future.failedFuture(ApiError.NAME_CONFUSABLE.exception())
            : redeemInvite(tx, tenantId, anyUser, credentials.inviteCode()))
          // The first account of a fresh install owns it; nobody could have invited them.
          .compose(inviteCode -> UserRepository.insert(tx, tenantId, credentials, skeletons, hash,
            anyUser ? "member" : "superadmin", inviteCode)))))
      .recover(failure -> Future.failedFuture(SqlErrors.isUniqueViolation(failure, "users_tenant_id_username_key")
        ? ApiError.USERNAME_TAKEN.exception() : failure))
      .map(registered -> {
        registered.defaultRoomIds().forEach(roomId -> RoomEvents.memberJoined(vertx.eventBus(), roomId, registered.user()));
        return new JsonObject().put("user", registered.user().toJson())
          .put("defaultRoomIds", new JsonArray(registered.defaultRoomIds().stream().map(String::valueOf).toList()));
      });
  }

  /** The invite code used (null for none); fails when REQUIRE_INVITE is on and the code is missing or spent. */
  private Future<String> redeemInvite(SqlClient tx, long tenantId, boolean anyUser, String code) {
    boolean required = requireInvite && anyUser;
    if (code == null) {
      return required ? Future.failedFuture(ApiError.INVITE_REQUIRED.exception()) : Future.succeededFuture(null);
    }
    return InviteRepository.consume(tx, tenantId, code).compose(used -> {
      if (used) {
        return Future.succeededFuture(code);
      }
      return required ? Future.failedFuture(ApiError.INVALID_INVITE.exception()) : Future.succeededFuture(null);
    });
  }

  private Future<JsonObject> login(Message<Object> message) {
    long tenantId = Caller.tenantOf(message);
    Credentials credentials = Credentials.forLogin(Services.body(message));
    return UserRepository.byUsername(pool, tenantId, credentials.username())
      .compose(found -> passwords.matches(credentials.password(), found == null ? null : found.passwordHash())
        .compose(ok -> ok
          ? Future.succeededFuture(new JsonObject().put("user", found.user().toJson()))
          : Future.failedFuture(ApiError.INVALID_CREDENTIALS.exception())));
  }

  private Future<JsonObject> me(Message<Object> message) {
    Caller caller = Caller.of(message);
    return UserRepository.byId(pool, caller.tenantId(), caller.userId())
      .compose(user -> user == null
        ? Future.failedFuture(ApiError.UNAUTHENTICATED.exception())
        : Future.succeededFuture(new JsonObject().put("user", user.toJson())));
  }
}
