package parley.auth;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import parley.service.ServiceVerticle;
import parley.tenant.EffectiveSettings;
import parley.tenant.Suspension;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import parley.invite.InviteRepository;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.bus.RateLimited;
import parley.bus.Services;
import parley.db.SqlErrors;
import parley.limit.Lockout;
import parley.metrics.ParleyMetrics;
import parley.name.Skeletons;
import parley.room.RoomEvents;
import parley.session.SessionEvents;
import parley.session.SessionRepository;

import java.util.UUID;
import java.util.function.Function;

/** Accounts: registration, login and "who am I". Tokens are issued by the HTTP verticle, which owns the secret. */
public class AuthVerticle extends ServiceVerticle {

  private Passwords passwords;
  private Lockout lockout;
  private Counter lockedOut;
  private EffectiveSettings tenantSettings;

  @Override
  protected void serveAll() {
    passwords = new Passwords(vertx, settings.bcryptCost());
    lockout = Lockout.create(vertx, settings);
    lockedOut = ParleyMetrics.of(vertx).rateLimitRefusals("login");
    tenantSettings = new EffectiveSettings(vertx, pool, settings);
    serve(Addresses.AUTH_REGISTER, message -> withLocalAccounts(message, this::register));
    serve(Addresses.AUTH_LOGIN, message -> withLocalAccounts(message, this::login));
    serve(Addresses.AUTH_ME, this::me);
    serve(Addresses.AUTH_CHANGE_PASSWORD, message -> withLocalAccounts(message, this::changePassword));
    serve(Addresses.AUTH_RESET_CHECK, message -> withLocalAccounts(message, this::checkReset));
    serve(Addresses.AUTH_RESET_REDEEM, message -> withLocalAccounts(message, this::redeemReset));
  }

  /**
   * Where the tenant's provider alone signs people in (its own mode, else AUTH_MODE, external) there are no passwords:
   * whatever needs one is refused before its request is read.
   */
  private Future<JsonObject> withLocalAccounts(Message<Object> message, Function<Message<Object>, Future<JsonObject>> action) {
    return tenantSettings.of(Caller.tenantOf(message)).compose(tenant -> tenant.identity().localAccounts()
      ? action.apply(message) : Future.failedFuture(ApiError.LOCAL_ACCOUNTS_DISABLED.exception()));
  }

  private Future<JsonObject> register(Message<Object> message) {
    long tenantId = Caller.tenantOf(message);
    Credentials credentials = Credentials.forRegistration(Services.body(message));
    // The username too: it is shown beside display names to tell people apart, so it may not look like anyone's name.
    String[] skeletons = Skeletons.of(credentials.username(), credentials.displayName());
    return Suspension.requireActive(pool, tenantId).compose(active -> UserRepository.usernameExists(pool, tenantId, credentials.username()))
      .compose(taken -> taken ? Future.failedFuture(ApiError.USERNAME_TAKEN.exception()) : passwords.hash(credentials.password()))
      .compose(hash -> tenantSettings.of(tenantId).compose(tenant -> pool.withTransaction(tx -> UserRepository.lockTenantAndCheckForUsers(tx, tenantId)
        .compose(anyUser -> UserRepository.looksLikeAnother(tx, tenantId, UserRepository.NOBODY, skeletons)
          .compose(lookalike -> lookalike
            ? Future.failedFuture(ApiError.NAME_CONFUSABLE.exception())
            : redeemInvite(tx, tenantId, tenant.requireInvite() && anyUser, credentials.inviteCode()))
          // The first account of a fresh install owns it; nobody could have invited them.
          .compose(inviteCode -> UserRepository.insert(tx, tenantId, credentials, skeletons, hash,
            anyUser ? "member" : "superadmin", inviteCode))))))
      .recover(failure -> Future.failedFuture(SqlErrors.isUniqueViolation(failure, "users_tenant_id_username_key")
        ? ApiError.USERNAME_TAKEN.exception() : failure))
      .map(registered -> {
        registered.defaultRoomIds().forEach(roomId -> RoomEvents.memberJoined(vertx.eventBus(), roomId, registered.user()));
        return new JsonObject().put("user", registered.user().toJson())
          .put("defaultRoomIds", new JsonArray(registered.defaultRoomIds().stream().map(String::valueOf).toList()));
      });
  }

  /** The invite code used (null for none); fails when one is {@code required} and the code is missing or spent. */
  private Future<String> redeemInvite(SqlClient tx, long tenantId, boolean required, String code) {
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
    // Unknown usernames are counted and locked too, so that a lock tells nothing of who exists.
    String account = tenantId + ":" + credentials.username();
    Long signedInAs = Caller.signedInAs(message);
    return Suspension.requireActive(pool, tenantId).compose(active -> UserRepository.byUsername(pool, tenantId, credentials.username()))
      .compose(found -> lockout.lockedFor(account)
      .compose(wait -> {
        // A live session of the account's own is not stopped by a lock meant for guessers elsewhere.
        boolean owner = found != null && signedInAs != null && signedInAs == found.user().id();
        if (wait > 0 && !owner) {
          lockedOut.increment();
          return Future.failedFuture(new RateLimited(wait));
        }
        return passwords.matches(credentials.password(), found == null ? null : found.passwordHash()).compose(ok -> {
          if (!ok) {
            return lockout.failed(account).compose(counted -> Future.failedFuture(ApiError.INVALID_CREDENTIALS.exception()));
          }
          if (wait == 0) {
            lockout.succeeded(account);
          }
          // Said only to whoever knows the password: to anyone else, a deactivated account is a wrong password.
          return found.user().deactivated()
            ? Future.failedFuture(ApiError.ACCOUNT_DEACTIVATED.exception())
            : Future.succeededFuture(new JsonObject().put("user", found.user().toJson()));
        });
      }));
  }

  private Future<JsonObject> me(Message<Object> message) {
    Caller caller = Caller.of(message);
    return UserRepository.byId(pool, caller.tenantId(), caller.userId())
      .compose(user -> user == null || user.deactivated()
        ? Future.failedFuture(ApiError.UNAUTHENTICATED.exception())
        : asSignedIn(caller, user).map(shown -> new JsonObject().put("user", shown.toJson())));
  }

  /** With a provider's token that names roles, the role is the token's for this request, not the stored one. */
  private Future<User> asSignedIn(Caller caller, User user) {
    return caller.tokenGrant() == null ? Future.succeededFuture(user) : permissions.of(caller).map(grant ->
      new User(user.id(), user.tenantId(), user.username(), user.displayName(), grant.roleId(), grant.roleName(), user.deactivated()));
  }

  /** {@code {current, new}}: the other sessions end, so whoever knew the old password is out; this one goes on. */
  private Future<JsonObject> changePassword(Message<Object> message) {
    Caller caller = Caller.of(message);
    UUID session = Caller.sessionOf(message);
    JsonObject body = Services.body(message);
    String current = Fields.string(body, "current", ApiError.WRONG_PASSWORD);
    String fresh = Credentials.newPassword(Fields.string(body, "new", ApiError.INVALID_PASSWORD));
    return UserRepository.passwordHash(pool, caller.tenantId(), caller.userId())
      .compose(hash -> hash == null ? Future.failedFuture(ApiError.UNAUTHENTICATED.exception()) : passwords.matches(current, hash))
      .compose(ok -> ok ? passwords.hash(fresh) : Future.failedFuture(ApiError.WRONG_PASSWORD.exception()))
      .compose(hash -> pool.withTransaction(tx -> UserRepository.setPassword(tx, caller.tenantId(), caller.userId(), hash)
        .compose(set -> SessionRepository.endAll(tx, caller.tenantId(), caller.userId(), session))))
      .map(ended -> {
        SessionEvents.ended(vertx.eventBus(), caller.tenantId(), caller.userId(), ended);
        return new JsonObject().put("changed", true).put("endedSessions", ended.size());
      });
  }

  private Future<JsonObject> checkReset(Message<Object> message) {
    String code = Fields.string(Services.body(message), "code", ApiError.INVALID_RESET);
    return PasswordResets.usableFor(pool, Caller.tenantOf(message), code).map(username -> username == null
      ? new JsonObject().put("valid", false)
      : new JsonObject().put("valid", true).put("username", username));
  }

  /** {@code {code, password}}: every session of the account ends, whoever had them; the caller then signs in anew. */
  private Future<JsonObject> redeemReset(Message<Object> message) {
    long tenantId = Caller.tenantOf(message);
    JsonObject body = Services.body(message);
    String code = Fields.string(body, "code", ApiError.INVALID_RESET);
    String fresh = Credentials.newPassword(Fields.string(body, "password", ApiError.INVALID_PASSWORD));
    return passwords.hash(fresh)
      .compose(hash -> pool.withTransaction(tx -> PasswordResets.redeem(tx, tenantId, code).compose(userId -> userId == null
        ? Future.failedFuture(ApiError.INVALID_RESET.exception())
        : UserRepository.setPassword(tx, tenantId, userId, hash)
          .compose(set -> SessionRepository.endAll(tx, tenantId, userId, null))
          .compose(ended -> UserRepository.byId(tx, tenantId, userId).map(user -> {
            SessionEvents.ended(vertx.eventBus(), tenantId, userId, ended);
            return new JsonObject().put("user", user.toJson());
          })))));
  }
}
