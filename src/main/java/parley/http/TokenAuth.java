package parley.http;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;

/**
 * Session tokens: an HS256 JWT naming the user and tenant, carried in an HttpOnly cookie for the browser and as a
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
   * set headers, a {@code ?token=}) is moved there first. An explicit Authorization header wins.
   */
  Handler<RoutingContext> promote(boolean allowQueryToken) {
    return ctx -> {
      if (ctx.request().getHeader("Authorization") == null) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        String queryToken = allowQueryToken ? ctx.request().getParam("token") : null;
        if (cookie != null && !cookie.getValue().isEmpty()) {
          ctx.request().headers().set("Authorization", "Bearer " + cookie.getValue());
          ctx.put(VIA_COOKIE, true);
        } else if (queryToken != null && !queryToken.isEmpty()) {
          ctx.request().headers().set("Authorization", "Bearer " + queryToken);
        }
      }
      ctx.next();
    };
  }

  static boolean viaCookie(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(VIA_COOKIE));
  }

  Handler<RoutingContext> required() {
    return JWTAuthHandler.create(jwt);
  }

  String issue(JsonObject user, long tenantId) {
    return jwt.generateToken(new JsonObject().put("sub", user.getString("id")).put("tid", Long.toString(tenantId)),
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
