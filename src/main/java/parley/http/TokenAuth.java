package parley.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import parley.bus.ApiError;

/**
 * Session tokens: an HS256 JWT naming the user, tenant and session, carried in an HttpOnly cookie for the browser and as a
 * Bearer token for bots. Roles are not in the token: services look them up, so a change takes effect at once.
 */
final class TokenAuth {

  static final String COOKIE = "parley_token";
  private static final String VIA_COOKIE = "parley.viaCookie";

  private final JWTAuth jwt;
  private final int ttlHours;
  private final boolean trustProxy;

  TokenAuth(JWTAuth jwt, int ttlHours, boolean trustProxy) {
    this.jwt = jwt;
    this.ttlHours = ttlHours;
    this.trustProxy = trustProxy;
  }

  /**
   * The JWT handler reads only the Authorization header, so a cookie (or, on the bridge, where browsers cannot
   * set headers, a {@code ?token=}) is moved there first. A token the client gives explicitly (the header, then
   * {@code ?token=}) wins over the cookie: a widget on a page of the same site as Parley carries the person's cookie
   * along with the host's token, and the cookie's connection would be refused (see {@link OriginGuard}).
   */
  Handler<RoutingContext> promote(boolean allowQueryToken) {
    return ctx -> {
      if (ctx.request().getHeader("Authorization") == null) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        String queryToken = allowQueryToken ? ctx.request().getParam("token") : null;
        if (queryToken != null && !queryToken.isEmpty()) {
          ctx.request().headers().set("Authorization", "Bearer " + queryToken);
        } else if (cookie != null && !cookie.getValue().isEmpty()) {
          ctx.request().headers().set("Authorization", "Bearer " + cookie.getValue());
          ctx.put(VIA_COOKIE, true);
        }
      }
      ctx.next();
    };
  }

  static boolean viaCookie(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(VIA_COOKIE));
  }

  /** A well-signed, unexpired token; a missing or malformed Authorization header is a 401 like a bad token. */
  Handler<RoutingContext> required() {
    JWTAuthHandler verify = JWTAuthHandler.create(jwt);
    return ctx -> {
      String token = Http.bearer(ctx);
      if (token == null || token.isEmpty() || token.contains(" ")) {
        ctx.fail(ApiError.UNAUTHENTICATED.exception());
      } else {
        verify.handle(ctx);
      }
    };
  }

  /** The token's claims when it is well signed and unexpired; says nothing of its session. */
  Future<JsonObject> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).map(User::principal);
  }

  /** {@code jti} names the session, whose row must still be there for the token to work (see {@link SessionCheck}). */
  String issue(JsonObject user, long tenantId, String sessionId) {
    return jwt.generateToken(new JsonObject().put("sub", user.getString("id")).put("tid", Long.toString(tenantId))
        .put("jti", sessionId),
      new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(ttlHours * 60));
  }

  void setCookie(RoutingContext ctx, String token) {
    ctx.response().addCookie(cookie(ctx, token).setMaxAge(ttlHours * 3600L));
  }

  void clearCookie(RoutingContext ctx) {
    ctx.response().addCookie(cookie(ctx, "").setMaxAge(0));
  }

  private Cookie cookie(RoutingContext ctx, String value) {
    return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
      .setSecure(ClientIp.isHttps(ctx, trustProxy));
  }
}
