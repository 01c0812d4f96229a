package parley.http;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.config.AppConfig;
import parley.identity.ExternalTokens;
import parley.identity.IdentityProvider;
import parley.identity.PerProvider;
import parley.identity.ServiceCredentials;
import parley.tenant.EffectiveSettings;
import parley.tenant.TenantSettings;

/**
 * The identity provider's admin calls, {@code /api/idp/users/{externalId}/…}: made by its service client
 * ({@link ServiceCredentials}), never in a person's session, so they are mounted before the session checks. The
 * provider is the one the host's tenant trusts, and the credential is checked before anything of the request is read.
 * Where the tenant takes no provider's tokens, every one answers {@code 404 not_found}, whatever it carries.
 */
final class IdpApi {

  static final String USER = "/api/idp/users/:externalId";

  private final ServiceCredentials credentials;
  private final EffectiveSettings tenants;
  private final PerProvider<ExternalTokens> tokens;
  private final IdentityProvider installs;

  IdpApi(ServiceCredentials credentials, EffectiveSettings tenants, PerProvider<ExternalTokens> tokens, AppConfig config) {
    this.credentials = credentials;
    this.tenants = tenants;
    this.tokens = tokens;
    this.installs = IdentityProvider.ofInstall(config);
  }

  void mount(Router router) {
    router.post(USER + "/deactivate").handler(ctx -> call(ctx, Addresses.IDENTITY_DEACTIVATE));
    router.post(USER + "/reactivate").handler(ctx -> call(ctx, Addresses.IDENTITY_REACTIVATE));
    router.post(USER + "/vacation").handler(ctx -> call(ctx, Addresses.IDENTITY_VACATION));
    router.delete(USER + "/vacation").handler(ctx -> call(ctx, Addresses.IDENTITY_END_VACATION));
  }

  /** The body is read only once the caller is known to be the provider's (a bad one then answers {@code 400 invalid_json}). */
  private void call(RoutingContext ctx, String address) {
    long tenantId = Http.tenantOf(ctx);
    Http.answer(ctx, 200, tenants.of(tenantId).map(TenantSettings::identity).compose(provider -> !provider.takesTokens()
        ? Future.failedFuture(ApiError.NOT_FOUND.exception())
        : credentials.verify(Http.bearer(ctx), tokens.of(provider), provider.equals(installs)))
      .compose(allowed -> Http.ask(ctx, address, Http.body(ctx).copy().put("externalId", ctx.pathParam("externalId")),
        Caller.tenantOnly(tenantId))));
  }
}
