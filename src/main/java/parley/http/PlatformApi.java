package parley.http;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.platform.Operator;
import parley.tenant.ExportDownload;

/**
 * {@code /api/platform}: the platform console's API, for its operators alone, mounted before every tenant's session
 * checks. An operator's token is Parley's JWT with {@code scope: platform}, naming a platform session and no tenant:
 * a tenant's token is refused here ({@code 401}), and this one is refused everywhere a tenant's is asked for
 * (SessionCheck wants a tenant). The browser keeps it in a cookie of its own, {@code parley_platform}.
 */
final class PlatformApi {

  static final String LOGIN = "/api/platform/auth/login";
  static final String TENANTS = "/api/platform/tenants";
  static final String TENANT = TENANTS + "/:tenantId";
  /** The one platform route that answers a tenant's content: its whole archive, recorded for its superadmins to see. */
  static final String EXPORT = TENANT + "/export";
  static final String COOKIE = "parley_platform";
  static final String SCOPE = "platform";

  private final JWTAuth jwt;
  private final int ttlHours;
  private final boolean trustProxy;
  private final ExportDownload exports;

  PlatformApi(JWTAuth jwt, int ttlHours, boolean trustProxy, ExportDownload exports) {
    this.jwt = jwt;
    this.ttlHours = ttlHours;
    this.trustProxy = trustProxy;
    this.exports = exports;
  }

  void mount(Router router) {
    router.post(LOGIN).handler(this::login);
    router.post("/api/platform/auth/logout").handler(this::logout);
    router.get(TENANTS).handler(ctx -> Http.answer(ctx, 200,
      operator(ctx).compose(operator -> Http.ask(ctx, Addresses.PLATFORM_TENANTS, new JsonObject(), operator.deliveryOptions()))));
    router.post(TENANTS).handler(ctx -> Http.answer(ctx, 201,
      operator(ctx).compose(operator -> Http.ask(ctx, Addresses.PLATFORM_CREATE, Http.body(ctx), operator.deliveryOptions()))));
    router.patch(TENANT).handler(ctx -> Http.answer(ctx, 200, operator(ctx).compose(operator -> Http.ask(ctx,
      Addresses.PLATFORM_UPDATE, new JsonObject().put("tenantId", ctx.pathParam("tenantId")).put("change", Http.body(ctx)),
      operator.deliveryOptions()))));
    router.get(TENANT + "/people").handler(ctx -> asOperator(ctx, Addresses.PLATFORM_PEOPLE));
    router.get(TENANT + "/rooms").handler(ctx -> asOperator(ctx, Addresses.PLATFORM_ROOMS));
    router.get(EXPORT).handler(ctx -> exports.forOperator(ctx, operator(ctx).map(Operator::id), ctx.pathParam("tenantId")));
    router.post(TENANT + "/suspend").handler(ctx -> asOperator(ctx, Addresses.PLATFORM_SUSPEND));
    router.post(TENANT + "/resume").handler(ctx -> asOperator(ctx, Addresses.PLATFORM_RESUME));
    router.delete(TENANT).handler(ctx -> asOperator(ctx, Addresses.PLATFORM_DELETE));
    router.route("/api/platform/*").handler(ctx -> ctx.fail(ApiError.NOT_FOUND.exception()));
  }

  /** A look at, or a change to, one tenant by an operator: who asks is known before anything of the request is read. */
  private void asOperator(RoutingContext ctx, String address) {
    Http.answer(ctx, 200, operator(ctx).compose(operator -> Http.ask(ctx, address,
      new JsonObject().put("tenantId", ctx.pathParam("tenantId")), operator.deliveryOptions())));
  }

  private void login(RoutingContext ctx) {
    Http.answer(ctx, 200, Http.ask(ctx, Addresses.PLATFORM_LOGIN, Http.body(ctx), new DeliveryOptions())
      .map(started -> {
        JsonObject operator = started.getJsonObject("operator");
        String token = jwt.generateToken(new JsonObject().put("sub", operator.getString("id")).put("scope", SCOPE)
          .put("jti", started.getString("sessionId")), new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(ttlHours * 60));
        ctx.response().addCookie(cookie(ctx, token).setMaxAge(ttlHours * 3600L));
        return new JsonObject().put("operator", operator).put("token", token);
      }));
  }

  /** Ends the token's platform session if it still works; the cookie goes either way. */
  private void logout(RoutingContext ctx) {
    session(ctx).compose(claims -> Http.ask(ctx, Addresses.PLATFORM_LOGOUT, new JsonObject().put("sessionId", claims.getString("jti")),
        new DeliveryOptions()))
      .otherwiseEmpty()
      .onComplete(done -> {
        ctx.response().addCookie(cookie(ctx, "").setMaxAge(0));
        Http.json(ctx, 200, new JsonObject().put("loggedOut", true));
      });
  }

  /** The operator of a live platform session, or {@code 401 unauthenticated}. */
  private Future<Operator> operator(RoutingContext ctx) {
    return session(ctx).compose(claims -> Http.ask(ctx, Addresses.PLATFORM_LIVE, new JsonObject().put("sessionId", claims.getString("jti")),
        new DeliveryOptions()))
      .compose(live -> live.getBoolean("live") ? Future.succeededFuture(new Operator(live.getLong("operatorId")))
        : Future.failedFuture(ApiError.UNAUTHENTICATED.exception()));
  }

  /**
   * The claims of the request's platform token: its own cookie, or a Bearer token given explicitly (not a tenant's
   * cookie moved there by TokenAuth.promote), well signed, unexpired, of the platform's scope.
   */
  private Future<JsonObject> session(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    String token = cookie != null && !cookie.getValue().isEmpty() ? cookie.getValue() : TokenAuth.viaCookie(ctx) ? null : Http.bearer(ctx);
    if (token == null || token.isEmpty()) {
      return Future.failedFuture(ApiError.UNAUTHENTICATED.exception());
    }
    return jwt.authenticate(new TokenCredentials(token)).map(user -> user.principal())
      .recover(invalid -> Future.failedFuture(ApiError.UNAUTHENTICATED.exception()))
      .compose(claims -> SCOPE.equals(claims.getValue("scope")) && claims.getValue("jti") instanceof String
        ? Future.succeededFuture(claims) : Future.failedFuture(ApiError.UNAUTHENTICATED.exception()));
  }

  /** Strict: nothing of another site ever carries it, not even a link followed to the console. */
  private Cookie cookie(RoutingContext ctx, String value) {
    return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
      .setSecure(ClientIp.isHttps(ctx, trustProxy));
  }
}
