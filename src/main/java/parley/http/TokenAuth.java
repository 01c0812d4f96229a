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
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import parley.bus.ApiError;
import parley.identity.IdentityProvider;
import parley.tenant.EffectiveSettings;
import parley.tenant.TenantSettings;

/**
 * Session tokens: an HS256 JWT naming the user, tenant and session, carried in an HttpOnly cookie for the browser and as a
 * Bearer token for bots. Roles are not in the token: services look them up, so a change takes effect at once. Where the
 * host's tenant trusts an identity provider's tokens (its own, else AUTH_MODE external or both), they are taken
 * wherever these are ({@link ExternalSignIn}).
 */
final class TokenAuth {

  static final String COOKIE = "parley_token";
  static final String VIA_COOKIE = "parley.viaCookie";
  private static final String PROVIDER = "parley.identityProvider";

  private final JWTAuth jwt;
  private final JWTAuth jwtSignature;
  private final int ttlHours;
  private final boolean trustProxy;
  private final EffectiveSettings tenants;
  private final ExternalSignIn external;

  /**
   * {@code jwt} checks Parley's own tokens whole, {@code jwtSignature} (the same secret) only their signature;
   * {@code tenants} says whose tokens each tenant takes, and {@code external} signs in with them.
   */
  TokenAuth(JWTAuth jwt, JWTAuth jwtSignature, int ttlHours, boolean trustProxy, EffectiveSettings tenants, ExternalSignIn external) {
    this.jwt = jwt;
    this.jwtSignature = jwtSignature;
    this.ttlHours = ttlHours;
    this.trustProxy = trustProxy;
    this.tenants = tenants;
    this.external = external;
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

  /**
   * A well-signed, unexpired token; a missing or malformed Authorization header is a 401 like a bad token. Where the
   * tenant takes a provider's tokens, a refused one's 401 names the check it failed.
   */
  Handler<RoutingContext> required() {
    Handler<RoutingContext> parleysOnly = JWTAuthHandler.create(jwt);
    Handler<RoutingContext> either = SimpleAuthenticationHandler.create()
      .authenticate(ctx -> authenticate(ctx, Http.bearer(ctx), ctx.get(PROVIDER)));
    return ctx -> {
      String token = Http.bearer(ctx);
      if (token == null || token.isEmpty() || token.contains(" ")) {
        ctx.fail(ApiError.UNAUTHENTICATED.exception());
        return;
      }
      Http.whenAnswered(ctx, providerAt(ctx), provider -> {
        if (provider.failed()) {
          ctx.fail(provider.cause());
        } else if (provider.result().takesTokens()) {
          ctx.put(PROVIDER, provider.result());
          either.handle(ctx);
        } else {
          parleysOnly.handle(ctx);
        }
      });
    };
  }

  private Future<IdentityProvider> providerAt(RoutingContext ctx) {
    return tenants.of(Http.tenantOf(ctx)).map(TenantSettings::identity);
  }

  /**
   * Which of the two a token is follows from whose signature holds: Parley's own secret, or the provider's keys. One
   * of Parley's own is then checked as where no provider's tokens are taken, and never goes on to be tried as the
   * provider's. Parley's own are taken in every mode: single sign-on and the platform's operators sign in with them.
   */
  private Future<User> authenticate(RoutingContext ctx, String token, IdentityProvider provider) {
    TokenCredentials credentials = new TokenCredentials(token);
    return jwtSignature.authenticate(credentials).transform(signed -> signed.succeeded()
      ? jwt.authenticate(credentials).recover(invalid -> Future.failedFuture(ApiError.UNAUTHENTICATED.exception()))
      : external.authenticate(ctx, token, provider));
  }

  /**
   * A token handed to an open bridge connection ({@code auth.token}), authenticated as {@link #required()} does;
   * {@code opening} is the connection's opening request. Its session is {@link SessionCheck}'s to admit.
   */
  Future<User> renewal(RoutingContext opening, String token) {
    return providerAt(opening).compose(provider -> provider.takesTokens() ? authenticate(opening, token, provider)
      : jwt.authenticate(new TokenCredentials(token)).recover(invalid -> Future.failedFuture(ApiError.UNAUTHENTICATED.exception())));
  }

  /**
   * The token's claims when it is well signed, unexpired and of the tenant of the request's host ({@code ctx}); says
   * nothing of its session.
   */
  Future<JsonObject> verifyAt(RoutingContext ctx, String token) {
    return jwt.authenticate(new TokenCredentials(token)).map(User::principal).compose(claims ->
      Long.toString(Http.tenantOf(ctx)).equals(claims.getString("tid")) ? Future.succeededFuture(claims)
        : Future.failedFuture(ApiError.UNAUTHENTICATED.exception()));
  }

  /** {@code jti} names the session, whose row must still be there for the token to work (see {@link SessionCheck}). */
  String issue(String userId, long tenantId, String sessionId) {
    return jwt.generateToken(new JsonObject().put("sub", userId).put("tid", Long.toString(tenantId))
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
