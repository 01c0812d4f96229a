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
  private final PublicOrigin origins;

  AuthApi(TokenAuth tokens, boolean trustProxy, PublicOrigin origins) {
    this.tokens = tokens;
    this.trustProxy = trustProxy;
    this.origins = origins;
  }

  /**
   * The routes where someone could guess a password or a code, make accounts, or begin sign-ins that are kept for a
   * while (single sign-on): each client address gets AUTH_RATE_LIMIT_PER_MINUTE of them. The signed-in ones that only
   * read or end sessions are not among them, so that people behind one address who reload the app do not lock each
   * other out.
   */
  static final List<String> GUESSABLE = List.of("/api/auth/register", "/api/auth/login", "/api/auth/reset",
    "/api/auth/reset/:code", "/api/auth/invite/:code", "/api/auth/password", SsoApi.START, SsoApi.CALLBACK);

  /** The public routes; those that need a token are in {@link ApiRoutes} and {@link #mountSignedIn}. */
  void mountPublic(Router router) {
    router.get("/api/auth/invite/:code").handler(ctx -> Http.answer(ctx, 200, Http.ask(ctx, Addresses.INVITE_CHECK,
      new JsonObject().put("code", ctx.pathParam("code")), Caller.tenantOnly(Http.tenantOf(ctx)))));
    router.post("/api/auth/register").handler(ctx -> signIn(ctx, Addresses.AUTH_REGISTER, 201));
    router.post("/api/auth/login").handler(ctx -> signedInAs(ctx).onComplete(user -> signIn(ctx, Addresses.AUTH_LOGIN, 200,
      user.result() == null ? null : Long.toString(user.result()))));
    router.get("/api/auth/reset/:code").handler(ctx -> Http.answer(ctx, 200, Http.ask(ctx, Addresses.AUTH_RESET_CHECK,
      new JsonObject().put("code", ctx.pathParam("code")), Caller.tenantOnly(Http.tenantOf(ctx)))));
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
    DeliveryOptions options = Caller.tenantOnly(Http.tenantOf(ctx));
    if (signedInAs != null) {
      options.addHeader(Caller.SIGNED_IN_AS_HEADER, signedInAs);
    }
    Http.answer(ctx, status, Http.ask(ctx, address, body, options).compose(reply -> {
      JsonObject user = reply.getJsonObject("user");
      return startSession(ctx, user.getString("id"), null, null).map(token -> new JsonObject().put("user", user).put("token", token));
    }));
  }

  /**
   * A session of Parley's own for a user just signed in (a login, a registration, a reset, single sign-on), its token
   * set as the cookie; answers the token. {@code idToken}: the identity provider's, when single sign-on signed them in,
   * and {@code tokenGrant} what it granted (both else null).
   */
  Future<String> startSession(RoutingContext ctx, String userId, String idToken, String tokenGrant) {
    Device device = Device.of(ctx.request().getHeader("User-Agent"), ClientIp.of(ctx, trustProxy));
    JsonObject start = new JsonObject().put("userId", userId).put("idToken", idToken).put("tokenGrant", tokenGrant);
    return Http.ask(ctx, Addresses.SESSION_START, start, device.addTo(Caller.tenantOnly(Http.tenantOf(ctx)))).map(session -> {
      String token = tokens.issue(userId, Http.tenantOf(ctx), session.getString("sessionId"));
      tokens.setCookie(ctx, token);
      return token;
    });
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
    return tokens.verifyAt(ctx, token).compose(claims -> {
      Caller caller = new Caller(Long.parseLong(claims.getString("sub")), Long.parseLong(claims.getString("tid")));
      DeliveryOptions options = caller.deliveryOptions().addHeader(Caller.SESSION_HEADER, claims.getString("jti"));
      return Http.ask(ctx, Addresses.SESSION_LIVE, new JsonObject(), options)
        .map(answer -> answer.getBoolean("live") ? caller.userId() : null);
    }).otherwise((Long) null);
  }

  /**
   * Ends the session of a token that still works; the cookie goes either way. When single sign-on started that
   * session and the provider has an end_session_endpoint, the answer's {@code logoutUrl} is where the browser goes
   * next to end the provider's session too (RP-initiated logout), coming back to the app.
   */
  private void logout(RoutingContext ctx) {
    String token = Http.bearer(ctx);
    Future<String> idToken = token == null ? Future.succeededFuture() : tokens.verifyAt(ctx, token).compose(claims -> {
      Caller caller = new Caller(Long.parseLong(claims.getString("sub")), Long.parseLong(claims.getString("tid")));
      JsonObject which = new JsonObject().put("sessionId", claims.getString("jti"));
      return Http.ask(ctx, Addresses.SESSION_SIGN_OUT, which, caller.deliveryOptions()).map(ended -> ended.getString("idToken"));
    }).otherwiseEmpty();
    idToken.compose(hint -> hint == null ? Future.succeededFuture() : Http.ask(ctx, Addresses.SSO_LOGOUT_URL,
        new JsonObject().put("idToken", hint).put("postLogoutRedirectUri", origins.of(ctx) + "/"), Caller.tenantOnly(Http.tenantOf(ctx)))
      .map(answer -> answer.getString("logoutUrl")))
      .otherwiseEmpty()
      .onComplete(logoutUrl -> {
        tokens.clearCookie(ctx);
        JsonObject answer = new JsonObject().put("loggedOut", true);
        if (logoutUrl.result() != null) {
          answer.put("logoutUrl", logoutUrl.result());
        }
        Http.json(ctx, 200, answer);
      });
  }
}
