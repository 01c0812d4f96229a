package parley.bridge;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Services;
import parley.shutdown.Draining;

/**
 * {@code auth.token}: a client hands its open connection a renewed token. The guard verifies it as the connection's
 * opening request was ({@link Bridge.TokenVerifier}, from the HTTP side) and only then lets the request go on, carrying its
 * outcome in {@link #REFUSED_HEADER}; the answer comes from {@link #answer}, so that it reaches the client as every
 * service's does. Clients cannot write that header: the guard replaces all of a request's headers.
 */
final class TokenRenewal {

  /** The slug of a refused renewal; absent when the token was taken. */
  static final String REFUSED_HEADER = "parley-token-refused";

  /** Who a renewed token signs in, in which session, with what it grants. */
  record Renewed(Caller caller, String session) {
  }

  private final Bridge.TokenVerifier verifier;

  TokenRenewal(Bridge.TokenVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * Answers what the guard decided; stateless, so every HTTP instance may answer any connection's renewal. Served as
   * every public address is ({@link Services}), so that a stopping node waits for its answer too.
   */
  static void listen(EventBus bus, Draining draining) {
    Services.serve(bus, Addresses.AUTH_TOKEN, TokenRenewal::answer, draining::answered);
  }

  private static Future<JsonObject> answer(Message<Object> message) {
    String refused = message.headers().get(REFUSED_HEADER);
    return refused == null ? Future.succeededFuture(new JsonObject().put("renewed", true))
      : Future.failedFuture(ApiError.bySlug(refused).exception());
  }

  /** The token in {@code body}, verified, if it is {@code current}'s person's; else a failure with the slug to answer. */
  Future<Renewed> verify(RoutingContext opening, Caller current, Object body) {
    if (!(body instanceof JsonObject json)) {
      return Future.failedFuture(ApiError.INVALID_REQUEST.exception());
    }
    if (!(json.getValue("token") instanceof String text) || text.isBlank() || text.contains(" ")) {
      return Future.failedFuture(ApiError.UNAUTHENTICATED.exception());
    }
    return verifier.verify(opening, text).compose(user -> {
      JsonObject claims = user.principal();
      if (!Long.toString(current.userId()).equals(claims.getString("sub"))
        || !Long.toString(current.tenantId()).equals(claims.getString("tid"))) {
        return Future.failedFuture(ApiError.TOKEN_OTHER_PERSON.exception());
      }
      return Future.succeededFuture(new Renewed(new Caller(current.userId(), current.tenantId(),
        user.attributes().getString(Caller.TOKEN_GRANT_ATTRIBUTE)), claims.getString("jti")));
    });
  }
}
