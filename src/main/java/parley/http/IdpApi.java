package parley.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.identity.ServiceCredentials;

/**
 * The identity provider's admin calls, {@code /api/idp/users/{externalId}/…}: made by its service client
 * ({@link ServiceCredentials}), never in a person's session, so they are mounted before the session checks. The
 * credential is checked before anything of the request is read. With AUTH_MODE local there is no provider: every one
 * answers {@code 404 not_found}, whatever it carries.
 */
final class IdpApi {

  static final String USER = "/api/idp/users/:externalId";

  private final ServiceCredentials credentials;

  /** {@code credentials}: null when AUTH_MODE is local. */
  IdpApi(ServiceCredentials credentials) {
    this.credentials = credentials;
  }

  void mount(Router router) {
    router.post(USER + "/deactivate").handler(ctx -> call(ctx, Addresses.IDENTITY_DEACTIVATE));
    router.post(USER + "/reactivate").handler(ctx -> call(ctx, Addresses.IDENTITY_REACTIVATE));
    router.post(USER + "/vacation").handler(ctx -> call(ctx, Addresses.IDENTITY_VACATION));
    router.delete(USER + "/vacation").handler(ctx -> call(ctx, Addresses.IDENTITY_END_VACATION));
  }

  /** The body is read only once the caller is known to be the provider's (a bad one then answers {@code 400 invalid_json}). */
  private void call(RoutingContext ctx, String address) {
    if (credentials == null) {
      ctx.fail(ApiError.NOT_FOUND.exception());
      return;
    }
    Http.answer(ctx, 200, credentials.verify(Http.bearer(ctx)).compose(allowed -> Http.ask(ctx, address,
      Http.body(ctx).copy().put("externalId", ctx.pathParam("externalId")), Caller.tenantOnly(Http.tenantOf(ctx)))));
  }
}
