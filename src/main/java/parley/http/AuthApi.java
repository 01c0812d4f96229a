package parley.http;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import parley.bus.Addresses;
import parley.bus.Caller;
import parley.session.Device;

import java.util.List;

/** {@code /api/auth}: register, login, logout, password reset links, and signing out everywhere. */
final class AuthApi {

  private final TokenAuth tokens;
  private final boolean trustProxy;

  AuthApi(TokenAuth tokens, boolean trustProxy) {
    this.tokens = tokens;
    this.trustProxy = trustProxy;
  }

  /**
   * The routes where someone could guess a password or a code, or make accounts: each client address gets
   * AUTH_RATE_LIMIT_PER_MINUTE of them. The signed-in ones that only read or end sessions are not among them, so
   * that people behind one address who reload the app do not lock each other out.
   */
  static final List<String> GUESSABLE = List.of("/api/auth/register", "/api/auth/login", "/api/auth/reset",
    "/api/auth/reset/:code", "/api/auth/invite/:code", "/api/auth/password");

  /** The public routes; those that need a token are in {@link ApiRoutes} and {@link #mountSignedIn}. */
  void mountPublic(Router router) {
    router.get("/api/auth/invite/:code").handler(ctx -> Http.answer(ctx, 200, Http.ask(ctx, Addresses.INVITE_CHECK,
      new JsonObject().put("code", ctx.pathParam("code")), Caller.tenantOnly(Http.DEFAULT_TENANT))));
    router.post("/api/auth/register").handler(ctx -> signIn(ctx, Addresses.AUTH_REGISTER, 201));
    router.post("/api/auth/login").handler(ctx -> signedInAs(ctx).onComplete(user -> signIn(ctx, Addresses.AUTH_LOGIN, 200,
      user.result() == null ? null : Long.toString(user.result()))));
    router.get("/api/auth/reset/:code").handler(ctx -> Http.answer(ctx, 200, Http.ask(ctx, Addresses.AUTH_RESET_CHECK,
      new JsonObject().put("code", ctx.pathParam("code")), Caller.tenantOnly(Http.DEFAULT_TENANT))));
    // Sets the new password and signs in, as a login does.
    router.post("/api/auth/reset").handler(ctx -> signIn(ctx, Addresses.AUTH_RESET_REDEEM, 200));
    // Public, so that a browser whose token has already expired can still drop its cookie.
    router.post("/api/auth/logout").handler(this::logout);
  }

  void mountSignedIn(Router router) {
    router.post("/api/auth/logout-everywhere").handler(ctx -> Http.answer(ctx, 200,
      Http.ask(ctx, Addresses.SESSION_END_ALL, new JsonObject()).onSuccess(ended -> tokens.clearCookie(ctx))));
  }

  private void signIn(RoutingContext ctx, String address, int status) {
    signIn(ctx, address, status, null);
  }

  /** {@code signedInAs}: on a login, the user whose live session the request carried too (see {@link #signedInAs}). */
  private void signIn(RoutingContext ctx, String address, int status, String signedInAs) {
    JsonObject body = Http.body(ctx);
    Device device = Device.of(ctx.request().getHeader("User-Agent"), ClientIp.of(ctx, trustProxy));
    DeliveryOptions options = Caller.tenantOnly(Http.DEFAULT_TENANT);
    if (signedInAs != null) {
      options.addHeader(Caller.SIGNED_IN_AS_HEADER, signedInAs);
    }
    Http.answer(ctx, status, Http.ask(ctx, address, body, options).compose(reply -> {
      JsonObject user = reply.getJsonObject("user");
      JsonObject start = new JsonObject().put("userId", user.getString("id"));
      return Http.ask(ctx, Addresses.SESSION_START, start, device.addTo(Caller.tenantOnly(Http.DEFAULT_TENANT))).map(session -> {
        String token = tokens.issue(user, Http.DEFAULT_TENANT, session.getString("sessionId"));
        tokens.setCookie(ctx, token);
        return new JsonObject().put("user", user).put("token", token);
      });
    }));
  }

  /**
   * Whose live session a request carries (its cookie or Bearer token), or null: a person signing in again from a
   * device where they are signed in is not held back by a lock on their account.
   */
  private Future<Long> signedInAs(RoutingContext ctx) {
    String token = Http.bearer(ctx);
    if (token == null) {
      return Future.succeededFuture(null);
    }
    return tokens.verify(token).compose(claims -> {
      Caller caller = new Caller(Long.parseLong(claims.getString("sub")), Long.parseLong(claims.getString("tid")));
      DeliveryOptions options = caller.deliveryOptions().addHeader(Caller.SESSION_HEADER, claims.getString("jti"));
      return Http.ask(ctx, Addresses.SESSION_LIVE, new JsonObject(), options)
        .map(answer -> answer.getBoolean("live") ? caller.userId() : null);
    }).otherwise((Long) null);
  }

  /** Ends the session of a token that still works; the cookie goes either way. */
  private void logout(RoutingContext ctx) {
    String token = Http.bearer(ctx);
    Future<Void> ended = token == null ? Future.succeededFuture() : tokens.verify(token).compose(claims -> {
      Caller caller = new Caller(Long.parseLong(claims.getString("sub")), Long.parseLong(claims.getString("tid")));
      JsonObject which = new JsonObject().put("sessionId", claims.getString("jti"));
      return Http.ask(ctx, Addresses.SESSION_END, which, caller.deliveryOptions()).<Void>mapEmpty();
    }).otherwiseEmpty();
    ended.onComplete(done -> {
      tokens.clearCookie(ctx);
      Http.json(ctx, 200, new JsonObject().put("loggedOut", true));
    });
  }
}
