package parley.identity;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import parley.auth.User;
import parley.auth.UserRepository;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Services;
import parley.name.Skeletons;
import parley.presence.ProviderVacation;
import parley.room.RoomEvents;
import parley.service.ServiceVerticle;
import parley.tenant.Suspension;
import parley.user.Deactivation;
import parley.session.Device;
import parley.session.SessionRepository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * People an external identity provider signs in. The HTTP verticle verifies the token and asks here, at the token's
 * first use on its event loop, who it names: the first token of a subject makes its user (a username made from the
 * claims, the default rooms, as any new account; the superadmin when the tenant has nobody yet, as with registration);
 * every new token brings the profile up to date; and each token opens a Parley session of its own, so that signing
 * out, ending sessions and deactivation work on these tokens as on Parley's own. Single sign-on's ID tokens come the
 * same way ({@link SsoVerticle}), so that one subject is one user however they arrive; they open no session here.
 */
public class IdentityVerticle extends ServiceVerticle {

  private static final int MAX_USERNAME_TRIES = 200;

  /** What signing in did to the user: rooms they were put into, and whether others should hear of a new name. */
  private record Outcome(User user, List<Long> joinedRoomIds, boolean renamed) {
  }

  @Override
  protected void serveAll() {
    serve(Addresses.IDENTITY_SIGN_IN, this::signIn);
    serve(Addresses.IDENTITY_DEACTIVATE, message -> setDeactivated(message, true));
    serve(Addresses.IDENTITY_REACTIVATE, message -> setDeactivated(message, false));
    serve(Addresses.IDENTITY_VACATION, this::vacation);
    serve(Addresses.IDENTITY_END_VACATION, this::endVacation);
  }

  /**
   * The provider's vacation ({@code {until?, text?}}, checked before anyone is made): it holds whatever the person or
   * an admin chooses, until the provider ends it or {@code until} passes. A subject nobody signed in with yet gets
   * their user now, as for a deactivation, so that they are away from their first day.
   */
  private Future<JsonObject> vacation(Message<Object> message) {
    long tenantId = Caller.tenantOf(message);
    JsonObject body = Services.body(message);
    String externalId = externalId(body);
    ProviderVacation vacation = ProviderVacation.fromJson(body);
    return ExternalUsers.find(pool, tenantId, externalId)
      .compose(known -> known != null ? Future.succeededFuture(known.user())
        : pool.withTransaction(tx -> provision(tx, tenantId, externalId, Profile.NOTHING, true)).map(Outcome::user))
      .compose(user -> vertx.eventBus().<JsonObject>request(Addresses.PRESENCE_PROVIDER_VACATION,
          vacation.toJson().put("userId", Long.toString(user.id())), Caller.tenantOnly(tenantId))
        .map(done -> vacationAnswer(externalId, user, vacation)));
  }

  /** Ends the provider's vacation; for a subject nobody signed in with, there is none to end. */
  private Future<JsonObject> endVacation(Message<Object> message) {
    long tenantId = Caller.tenantOf(message);
    String externalId = externalId(Services.body(message));
    return ExternalUsers.find(pool, tenantId, externalId).compose(known -> known == null
      ? Future.succeededFuture(vacationAnswer(externalId, null, null))
      : vertx.eventBus().<JsonObject>request(Addresses.PRESENCE_END_PROVIDER_VACATION,
          new JsonObject().put("userId", Long.toString(known.user().id())), Caller.tenantOnly(tenantId))
        .map(done -> vacationAnswer(externalId, known.user(), null)));
  }

  private static JsonObject vacationAnswer(String externalId, User user, ProviderVacation vacation) {
    return new JsonObject().put("externalId", externalId).put("userId", user == null ? null : Long.toString(user.id()))
      .put("vacation", vacation == null ? null : vacation.toJson());
  }

  private static String externalId(JsonObject body) {
    String externalId = TokenClaims.subject(body.getValue("externalId"));
    if (externalId == null) {
      throw ApiError.INVALID_EXTERNAL_ID.exception();
    }
    return externalId;
  }

  /**
   * The provider's call, which it alone may make (the HTTP layer checked its credential): {@link Deactivation}, as
   * an admin's. A subject nobody signed in with yet is provisioned first, as their first token would be, so that the
   * user they will be is born deactivated and the one user of their subject stays the one (the tenant's lock and the
   * external id's uniqueness hold that, as for racing first tokens); their name then comes with their first token
   * after reactivation. Reactivating a subject nobody signed in with has nothing to do.
   */
  private Future<JsonObject> setDeactivated(Message<Object> message, boolean deactivated) {
    long tenantId = Caller.tenantOf(message);
    String externalId = externalId(Services.body(message));
    Future<User> target = ExternalUsers.find(pool, tenantId, externalId)
      .compose(known -> known != null || !deactivated ? Future.succeededFuture(known == null ? null : known.user())
        : pool.withTransaction(tx -> provision(tx, tenantId, externalId, Profile.NOTHING, true)).map(Outcome::user));
    return target.compose(user -> user == null ? Future.succeededFuture(answer(externalId, null, false))
      : Deactivation.set(vertx, pool, tenantId, user, deactivated).map(done -> answer(externalId, user, deactivated)));
  }

  private static JsonObject answer(String externalId, User user, boolean deactivated) {
    return new JsonObject().put("externalId", externalId).put("userId", user == null ? null : Long.toString(user.id()))
      .put("deactivated", deactivated);
  }

  private Future<JsonObject> signIn(Message<Object> message) {
    long tenantId = Caller.tenantOf(message);
    ExternalIdentity identity = ExternalIdentity.fromJson(Services.body(message));
    // Most tokens are of someone known whose profile has not changed: no lock for them.
    // A token belongs to the tenant of the host it was first used at: elsewhere it makes nobody.
    return Suspension.requireActive(pool, tenantId).compose(active -> identity.opensTokenSession()
        ? SessionRepository.tokenTakenElsewhere(pool, identity.sessionId(), tenantId) : Future.succeededFuture(false))
      .compose(taken -> taken ? Future.failedFuture(ApiError.UNAUTHENTICATED.exception()) : ExternalUsers.find(pool, tenantId, identity.subject()))
      .compose(known -> known != null && (known.user().deactivated() || unchanged(known, identity.profile()))
        ? Future.succeededFuture(new Outcome(known.user(), List.of(), false))
        : pool.withTransaction(tx -> provision(tx, tenantId, identity.subject(), identity.profile(), false)))
      .compose(outcome -> {
        User user = outcome.user();
        if (user.deactivated()) {
          // A token used before answers as on a node that remembers it: its session is over. A new one learns why.
          return !identity.opensTokenSession() ? Future.failedFuture(ApiError.ACCOUNT_DEACTIVATED.exception())
            : SessionRepository.tokenTaken(pool, identity.sessionId()).compose(taken -> Future.failedFuture(
              (taken ? ApiError.UNAUTHENTICATED : ApiError.ACCOUNT_DEACTIVATED).exception()));
        }
        announce(tenantId, outcome);
        if (!identity.opensTokenSession()) {
          // Single sign-on: the HTTP layer starts a session of Parley's own, as after a login.
          return Future.succeededFuture(new JsonObject().put("userId", Long.toString(user.id())));
        }
        OffsetDateTime expiresAt = OffsetDateTime.ofInstant(Instant.ofEpochSecond(identity.expiresAt()), ZoneOffset.UTC);
        return SessionRepository.startForToken(pool, identity.sessionId(), tenantId, user.id(), Device.of(message), expiresAt)
          .map(started -> new JsonObject().put("userId", Long.toString(user.id())));
      });
  }

  /**
   * Under the tenant's lock, which every name change takes, so that the names chosen here are checked against
   * everyone's; and so that two first requests of one subject make one user (the insert's ON CONFLICT holds that too).
   */
  private Future<Outcome> provision(SqlClient tx, long tenantId, String subject, Profile profile, boolean forProvider) {
    return UserRepository.lockTenantAndCheckForUsers(tx, tenantId)
      .compose(anyUser -> ExternalUsers.find(tx, tenantId, subject).compose(known -> known != null
        ? (forProvider ? Future.succeededFuture(new Outcome(known.user(), List.of(), false)) : update(tx, tenantId, known, profile))
        : create(tx, tenantId, subject, profile, anyUser || forProvider)));
  }

  /** {@code anyUser}: somebody has signed in already, so this user is a member, not the tenant's first superadmin. */
  private Future<Outcome> create(SqlClient tx, long tenantId, String subject, Profile profile, boolean anyUser) {
    String base = Usernames.base(profile.username(), subject);
    return freeUsername(tx, tenantId, base, 1)
      .compose(username -> unlike(tx, tenantId, UserRepository.NOBODY, displayNames(profile.displayName(), username), 0)
        .compose(displayName -> ExternalUsers.insert(tx, tenantId, subject, username, displayName,
          Skeletons.of(username, displayName), anyUser ? "member" : "superadmin", profile)))
      .compose(created -> created == null
        ? ExternalUsers.find(tx, tenantId, subject).compose(known -> update(tx, tenantId, known, profile))
        : UserRepository.joinDefaultRooms(tx, tenantId, created.id()).map(rooms -> new Outcome(created, rooms, false)));
  }

  private Future<Outcome> update(SqlClient tx, long tenantId, ExternalUsers.Known known, Profile profile) {
    User user = known.user();
    if (user.deactivated()) {
      return Future.succeededFuture(new Outcome(user, List.of(), false));
    }
    Future<String> displayName = profile.displayName() == null
      ? Future.succeededFuture(user.displayName())
      : unlike(tx, tenantId, user.id(), displayNames(profile.displayName(), user.username()), 0);
    return displayName.compose(name -> {
      if (name.equals(user.displayName()) && sameDetails(known, profile)) {
        return Future.succeededFuture(new Outcome(user, List.of(), false));
      }
      User renamed = new User(user.id(), user.tenantId(), user.username(), name, user.roleId(), user.role(), false);
      return ExternalUsers.update(tx, tenantId, user.id(), name, Skeletons.of(user.username(), name), profile)
        .map(updated -> new Outcome(renamed, List.of(), !name.equals(user.displayName())));
    });
  }

  /** The first {@code base}, {@code base2}, … that nobody has and that looks like nobody's name. */
  private Future<String> freeUsername(SqlClient tx, long tenantId, String base, int n) {
    if (n > MAX_USERNAME_TRIES) {
      return Future.failedFuture(ApiError.USERNAME_TAKEN.exception());
    }
    String candidate = Usernames.candidate(base, n);
    return ExternalUsers.usernameTaken(tx, tenantId, candidate)
      .compose(taken -> taken ? Future.succeededFuture(true)
        : UserRepository.looksLikeAnother(tx, tenantId, UserRepository.NOBODY, Skeletons.of(candidate)))
      .compose(unusable -> unusable ? freeUsername(tx, tenantId, base, n + 1) : Future.succeededFuture(candidate));
  }

  /**
   * The provider's name for them, unless it looks like someone else's (two colleagues can share a name): then that
   * name with their username, else the username itself, which was chosen to look like nobody's.
   */
  private static List<String> displayNames(String claimed, String username) {
    List<String> names = new ArrayList<>();
    if (claimed != null) {
      names.add(claimed);
      String withUsername = claimed + " (" + username + ")";
      if (withUsername.codePointCount(0, withUsername.length()) <= 64) {
        names.add(withUsername);
      }
    }
    names.add(username);
    return names;
  }

  private Future<String> unlike(SqlClient tx, long tenantId, long userId, List<String> names, int i) {
    if (i == names.size() - 1) {
      return Future.succeededFuture(names.get(i));
    }
    return UserRepository.looksLikeAnother(tx, tenantId, userId, Skeletons.of(names.get(i)))
      .compose(lookalike -> lookalike ? unlike(tx, tenantId, userId, names, i + 1) : Future.succeededFuture(names.get(i)));
  }

  /**
   * Whether a token changes nothing: its name is the one they have (or, taken by another, it with their username).
   * Someone named by their username alone goes the slow way: they may have been made before any token named them
   * (deactivated in advance by the provider), or their name may have been taken, which only the lock can tell.
   */
  private static boolean unchanged(ExternalUsers.Known known, Profile profile) {
    List<String> names = profile.displayName() == null ? List.of()
      : displayNames(profile.displayName(), known.user().username());
    return (profile.displayName() == null || names.subList(0, names.size() - 1).contains(known.user().displayName()))
      && sameDetails(known, profile);
  }

  private static boolean sameDetails(ExternalUsers.Known known, Profile profile) {
    return Objects.equals(known.email(), profile.email()) && Objects.equals(known.avatarUrl(), profile.avatarUrl())
      && Objects.equals(known.locale(), profile.locale());
  }

  /** After the commit, as registration and renames do: the default rooms hear of a newcomer, their rooms of a new name. */
  private void announce(long tenantId, Outcome outcome) {
    outcome.joinedRoomIds().forEach(roomId -> RoomEvents.memberJoined(vertx.eventBus(), roomId, outcome.user()));
    if (outcome.renamed()) {
      vertx.eventBus().send(Addresses.USERS_CHANGED, new JsonObject().put("tenantId", Long.toString(tenantId))
        .put("userIds", new JsonArray().add(Long.toString(outcome.user().id()))));
    }
  }
}
