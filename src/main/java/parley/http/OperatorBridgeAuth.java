package parley.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import parley.bus.Addresses;
import parley.bus.ApiError;

/**
 * How the platform's operators reach the bridge, beside the tenants' people: the console connects to
 * {@code /eventbus?scope=platform}, which takes the {@code parley_platform} cookie instead of a tenant's, and an
 * operator's token (of the platform's scope, however given) is admitted while its platform session lives. What such
 * a connection may then do is the bridge's to decide (bridge.OperatorConnections): watch, never act.
 */
final class OperatorBridgeAuth {

  /** The query parameter, {@code ?scope=platform}, that names the operator's cookie as the one to use. */
  static final String SCOPE_PARAMETER = "scope";

  private OperatorBridgeAuth() {
  }

  /**
   * Before {@link TokenAuth#promote}: an explicit token still wins (as there), else the platform's cookie, which a
   * browser sends along with a tenant's when one person is both on one site. Never the tenant's cookie: a console
   * whose platform session is gone must not reconnect as the operator's other self.
   */
  static Handler<RoutingContext> promote() {
    return ctx -> {
      if (!PlatformApi.SCOPE.equals(ctx.request().getParam(SCOPE_PARAMETER)) || ctx.request().getHeader("Authorization") != null
        || ctx.request().getParam("token") != null) {
        ctx.next();
        return;
      }
      Cookie cookie = ctx.request().getCookie(PlatformApi.COOKIE);
      if (cookie == null || cookie.getValue().isEmpty()) {
        ctx.fail(ApiError.UNAUTHENTICATED.exception());
        return;
      }
      ctx.request().headers().set("Authorization", "Bearer " + cookie.getValue());
      ctx.put(TokenAuth.VIA_COOKIE, true);
      ctx.next();
    };
  }

  /** In place of {@code sessions} on the bridge: an operator's token goes on while its platform session lives. */
  static Handler<RoutingContext> admit(SessionCheck sessions) {
    return ctx -> {
      JsonObject claims = ctx.user() == null ? null : ctx.user().principal();
      if (claims == null || !PlatformApi.SCOPE.equals(claims.getValue("scope"))) {
        sessions.handle(ctx);
        return;
      }
      Http.whenAnswered(ctx, live(ctx, claims), done -> {
        if (done.succeeded()) {
          ctx.next();
        } else {
          ctx.fail(done.cause());
        }
      });
    };
  }

  private static Future<Void> live(RoutingContext ctx, JsonObject claims) {
    if (!(claims.getValue("jti") instanceof String session)) {
      return Future.failedFuture(ApiError.UNAUTHENTICATED.exception());
    }
    return Http.ask(ctx, Addresses.PLATFORM_LIVE, new JsonObject().put("sessionId", session), new DeliveryOptions())
      .compose(answer -> answer.getBoolean("live") && claims.getString("sub", "").equals(String.valueOf(answer.getLong("operatorId")))
        ? Future.<Void>succeededFuture() : Future.failedFuture(ApiError.UNAUTHENTICATED.exception()));
  }
}
