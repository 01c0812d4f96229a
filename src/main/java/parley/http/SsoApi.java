package parley.http;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.config.AppConfig;
import parley.identity.IdentityProvider;
import parley.session.Device;
import parley.tenant.EffectiveSettings;

/**
 * Single sign-on in the web app: {@code GET /api/auth/providers} tells the sign-in page what to offer;
 * {@code GET /api/auth/oidc/start} sends the browser to the identity provider with a short-lived cookie that binds
 * the sign-in to it, and the sign-in to the tenant of the host it started on; {@code GET /api/auth/oidc/callback} is
 * where the provider sends it back, and where a session of Parley's own begins, as after a login. Whatever goes wrong sends the browser to the sign-in page, saying why
 * ({@code /#/signin?error=<slug>}), never to an error page.
 */
final class SsoApi {

  private static final System.Logger LOG = System.getLogger(SsoApi.class.getName());
  static final String START = "/api/auth/oidc/start";
  static final String CALLBACK = "/api/auth/oidc/callback";
  private static final String COOKIE = "parley_sso";
  private static final int COOKIE_SECONDS = 600;

  private final AuthApi auth;
  private final PublicOrigin origins;
  private final boolean trustProxy;
  private final EffectiveSettings tenants;

  SsoApi(AuthApi auth, PublicOrigin origins, AppConfig config, EffectiveSettings tenants) {
    this.auth = auth;
    this.origins = origins;
    this.trustProxy = config.trustProxy();
    this.tenants = tenants;
  }

  /** The sign-in page's choices at the host's tenant: passwords or not, and its provider's button. */
  private static JsonObject offered(IdentityProvider provider) {
    JsonArray offered = new JsonArray();
    if (provider.singleSignOn()) {
      offered.add(new JsonObject().put("name", provider.signInName()).put("startUrl", START));
    }
    return new JsonObject().put("passwords", provider.localAccounts()).put("providers", offered);
  }

  void mount(Router router) {
    router.get("/api/auth/providers").handler(ctx -> Http.answer(ctx, 200, tenants.of(Http.tenantOf(ctx))
      .map(tenant -> offered(tenant.identity()).put("tenant", Http.tenantHostOf(ctx).toJson()))));
    router.get(START).handler(this::start);
    router.get(CALLBACK).handler(this::callback);
  }

  private void start(RoutingContext ctx) {
    JsonObject begin = new JsonObject().put("redirectUri", origins.of(ctx) + CALLBACK);
    Http.ask(ctx, Addresses.SSO_START, begin, Caller.tenantOnly(Http.tenantOf(ctx))).onComplete(started -> {
      if (started.failed() && ApiError.of(started.cause()) == ApiError.NOT_FOUND) {
        ctx.fail(started.cause());
      } else if (started.failed()) {
        toSignIn(ctx, started.cause());
      } else {
        ctx.response().addCookie(cookie(ctx, started.result().getString("loginId")).setMaxAge(COOKIE_SECONDS));
        redirect(ctx, started.result().getString("authorizeUrl"));
      }
    });
  }

  /**
   * The provider's answer: its {@code error} when it signed nobody in, else the code and state, which the sign-in of
   * this browser's cookie must have begun with. The cookie goes either way: a sign-in is finished once.
   */
  private void callback(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    ctx.response().addCookie(cookie(ctx, "").setMaxAge(0));
    if (ctx.request().getParam("error") != null) {
      redirect(ctx, "/#/signin?error=" + ApiError.SSO_DENIED.slug);
      return;
    }
    JsonObject finish = new JsonObject().put("loginId", cookie == null ? null : cookie.getValue())
      .put("state", ctx.request().getParam("state")).put("code", ctx.request().getParam("code"));
    Device device = Device.of(ctx.request().getHeader("User-Agent"), ClientIp.of(ctx, trustProxy));
    DeliveryOptions options = device.addTo(Caller.tenantOnly(Http.tenantOf(ctx)));
    Http.ask(ctx, Addresses.SSO_FINISH, finish, options)
      .compose(signedIn -> auth.startSession(ctx, signedIn.getString("userId"), signedIn.getString("idToken"),
        signedIn.getString("tokenGrant")))
      .onSuccess(token -> redirect(ctx, "/"))
      .onFailure(failure -> {
        if (ApiError.of(failure) == ApiError.NOT_FOUND) {
          ctx.fail(failure);
        } else {
          toSignIn(ctx, failure);
        }
      });
  }

  private static void toSignIn(RoutingContext ctx, Throwable failure) {
    ApiError error = ApiError.of(failure);
    if (error == ApiError.INTERNAL) {
      LOG.log(System.Logger.Level.ERROR, "Single sign-on failed", failure);
    }
    redirect(ctx, "/#/signin?error=" + error.slug);
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }

  /** Sent along when the provider sends the browser back: a top-level navigation, which SameSite=Lax lets through. */
  private Cookie cookie(RoutingContext ctx, String value) {
    return Cookie.cookie(COOKIE, value).setPath("/api/auth/oidc").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
      .setSecure(ClientIp.isHttps(ctx, trustProxy));
  }
}
