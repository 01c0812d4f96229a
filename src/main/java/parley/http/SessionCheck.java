package parley.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * After the signature and expiry are checked: the token must name a user, a tenant and a session that has not
 * ended. Whether a session lives is asked once and cached on this event loop; every node drops what it cached
 * when {@link Addresses#SESSIONS_ENDED} is published, so a revoked token fails on its next request anywhere.
 */
final class SessionCheck implements Handler<RoutingContext> {

  private static final int MAX_CACHED = 100_000;
  private static final long SEEN_EVERY_MILLIS = 60_000;

  private final Vertx vertx;
  private final Map<String, Session> live = new HashMap<>();
  private final Map<String, Long> seenReportedAt = new HashMap<>();
  /** Moves on at every ended session, so that an answer asked for before the end is not cached after it. */
  private long endings;

  /** What is known of a session: whether it lives, and what the ID token of its single sign-on granted, if anything. */
  private record Session(boolean live, String tokenGrant) {
    static final Session ENDED = new Session(false, null);
  }

  SessionCheck(Vertx vertx) {
    this.vertx = vertx;
    vertx.eventBus().<JsonObject>consumer(Addresses.SESSIONS_ENDED, message -> {
      endings++;
      JsonObject ended = message.body();
      String whose = ended.getString("tenantId") + ":" + ended.getString("userId") + ":";
      ended.getJsonArray("sessionIds").forEach(id -> {
        live.put(whose + id, Session.ENDED);
        seenReportedAt.remove((String) id);
      });
    });
  }

  @Override
  public void handle(RoutingContext ctx) {
    Http.whenAnswered(ctx, admit(ctx, ctx.user()), admitted -> proceed(ctx, admitted));
  }

  /** Who a signed-in user is to the services, and the session their token names. */
  record Admitted(Caller caller, String session) {
  }

  /**
   * Whether {@code user}'s token may go on: it names a user, the tenant of the request's host and a session that lives
   * (asked once and cached).
   * A session that single sign-on began carries what its ID token granted, put on the user (for the bridge, which
   * reads it there) and on the caller; a provider's token carries its own grant, and its session none. Every request
   * is asked through here, and so is a token handed to an open bridge connection ({@code auth.token}).
   */
  Future<Admitted> admit(RoutingContext ctx, User user) {
    JsonObject claims = user.principal();
    Long userId = positive(claims.getValue("sub"));
    Long tenantId = positive(claims.getValue("tid"));
    String session = uuid(claims.getValue("jti"));
    // A token works only on its own tenant's hosts: another tenant's is as good as none there.
    if (userId == null || tenantId == null || session == null || tenantId != Http.tenantOf(ctx)) {
      return Future.failedFuture(ApiError.UNAUTHENTICATED.exception());
    }
    Caller caller = new Caller(userId, tenantId, user.attributes().getString(Caller.TOKEN_GRANT_ATTRIBUTE));
    // The whole identity, not the session alone: an answer for one user and tenant says nothing of another's.
    String key = tenantId + ":" + userId + ":" + session;
    Session known = live.get(key);
    return (known != null ? Future.succeededFuture(known) : ask(ctx, caller, session, key)).compose(state -> {
      if (!state.live()) {
        return Future.failedFuture(ApiError.UNAUTHENTICATED.exception());
      }
      if (state.tokenGrant() == null || caller.tokenGrant() != null) {
        return Future.succeededFuture(new Admitted(caller, session));
      }
      user.attributes().put(Caller.TOKEN_GRANT_ATTRIBUTE, state.tokenGrant());
      return Future.succeededFuture(new Admitted(new Caller(userId, tenantId, state.tokenGrant()), session));
    });
  }

  private Future<Session> ask(RoutingContext ctx, Caller caller, String session, String key) {
    long asked = endings;
    DeliveryOptions options = caller.deliveryOptions().addHeader(Caller.SESSION_HEADER, session);
    return Http.ask(ctx, Addresses.SESSION_LIVE, new JsonObject(), options).map(answer -> {
      Session state = new Session(answer.getBoolean("live"), answer.getString("tokenGrant"));
      if (asked == endings) {
        if (live.size() >= MAX_CACHED) {
          live.clear();
        }
        live.put(key, state);
      }
      return state;
    });
  }

  /** An admitted request goes on, its session's use told at most once a minute. */
  private void proceed(RoutingContext ctx, Future<Admitted> admitted) {
    if (admitted.failed()) {
      ctx.fail(admitted.cause());
      return;
    }
    String session = admitted.result().session();
    Http.signedIn(ctx, admitted.result().caller(), session);
    long now = System.currentTimeMillis();
    Long reported = seenReportedAt.get(session);
    if (reported == null || now - reported >= SEEN_EVERY_MILLIS) {
      if (seenReportedAt.size() >= MAX_CACHED) {
        seenReportedAt.clear();
      }
      seenReportedAt.put(session, now);
      vertx.eventBus().send(Addresses.SESSION_SEEN, session);
    }
    ctx.next();
  }

  private static Long positive(Object claim) {
    return claim instanceof String text && text.matches("[1-9][0-9]{0,17}") ? Long.valueOf(text) : null;
  }

  private static String uuid(Object claim) {
    try {
      return claim instanceof String text ? UUID.fromString(text).toString() : null;
    } catch (IllegalArgumentException notAUuid) {
      return null;
    }
  }
}
