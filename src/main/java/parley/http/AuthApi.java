package parley.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import parley.bus.Addresses;
import parley.bus.Caller;

/** {@code /api/auth}: register, login, logout, me. */
final class AuthApi {

  private final TokenAuth tokens;

  AuthApi(TokenAuth tokens) {
    this.tokens = tokens;
  }

  /** The public routes; those that need a token are in {@link ApiRoutes}. */
  void mountPublic(Router router) {
    router.get("/api/auth/invite/:code").handler(ctx -> Http.answer(ctx, 200, Http.ask(ctx, Addresses.INVITE_CHECK,
      new JsonObject().put("code", ctx.pathParam("code")), Caller.tenantOnly(Http.DEFAULT_TENANT))));
    router.post("/api/auth/register").handler(ctx -> signIn(ctx, Addresses.AUTH_REGISTER, 201));
    router.post("/api/auth/login").handler(ctx -> signIn(ctx, Addresses.AUTH_LOGIN, 200));
    router.post("/api/auth/logout").handler(ctx -> {
      tokens.clearCookie(ctx);
      Http.json(ctx, 200, new JsonObject().put("loggedOut", true));
    });
  }

  private void signIn(RoutingContext ctx, String address, int status) {
    JsonObject body = Http.body(ctx);
    Http.answer(ctx, status, Http.ask(ctx, address, body, Caller.tenantOnly(Http.DEFAULT_TENANT)).map(reply -> {
      JsonObject user = reply.getJsonObject("user");
      String token = tokens.issue(user, Http.DEFAULT_TENANT);
      tokens.setCookie(ctx, token);
      return new JsonObject().put("user", user).put("token", token);
    }));
  }
}
