package parley.identity;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.bus.Services;
import parley.service.ServiceVerticle;
import parley.session.Device;
import parley.tenant.EffectiveSettings;

import java.util.UUID;

/**
 * Single sign-on in the web app, at the provider of the caller's tenant (its own, else OIDC_ISSUER): begins a sign-in
 * there, and finishes it once when the browser comes back, the provider's answer checked against what this sign-in
 * began with (state, PKCE verifier, nonce). The person is provisioned as every identity provider's person is
 * ({@code svc.identity.signIn}); the HTTP layer then starts a session of Parley's own. Where the tenant's provider has
 * no client, every request answers {@code 404 not_found}.
 */
public class SsoVerticle extends ServiceVerticle {

  private static final long CLEAN_UP_EVERY_MILLIS = 3_600_000;

  private EffectiveSettings tenants;
  private PerProvider<SingleSignOn> clients;

  @Override
  protected void serveAll() {
    tenants = new EffectiveSettings(vertx, pool, settings);
    clients = new PerProvider<>(provider -> SingleSignOn.create(vertx, settings, provider));
    serve(Addresses.SSO_START, message -> signInAt(message).compose(sso -> start(message, sso)));
    serve(Addresses.SSO_FINISH, message -> signInAt(message).compose(sso -> finish(message, sso)));
    serve(Addresses.SSO_LOGOUT_URL, message -> signInAt(message).compose(sso -> {
      JsonObject body = Services.body(message);
      return sso.logoutUrl(Fields.string(body, "idToken", ApiError.INVALID_REQUEST),
        Fields.string(body, "postLogoutRedirectUri", ApiError.INVALID_REQUEST)).map(url -> new JsonObject().put("logoutUrl", url));
    }));
    vertx.setPeriodic(CLEAN_UP_EVERY_MILLIS, tick -> SsoLogins.forgetExpired(pool));
  }

  /** The client of the caller's tenant's provider; {@code 404 not_found} where it offers no single sign-on. */
  private Future<SingleSignOn> signInAt(Message<Object> message) {
    return tenants.of(Caller.tenantOf(message)).compose(tenant -> tenant.identity().singleSignOn()
      ? Future.succeededFuture(clients.of(tenant.identity())) : Future.failedFuture(ApiError.NOT_FOUND.exception()));
  }

  private Future<JsonObject> start(Message<Object> message, SingleSignOn sso) {
    SsoLogin login = SsoLogin.begin(Fields.string(Services.body(message), "redirectUri", ApiError.INVALID_REQUEST));
    // The provider first: when it cannot be reached, nothing is kept.
    return sso.authorizeUrl(login).compose(url -> SsoLogins.insert(pool, Caller.tenantOf(message), login)
      .map(kept -> new JsonObject().put("loginId", login.id().toString()).put("authorizeUrl", url)));
  }

  /**
   * The sign-in of the browser's cookie, taken once; its state must be the one the provider sent back, so that a
   * provider's answer meant for another browser (someone's link, say) signs nobody in here.
   */
  private Future<JsonObject> finish(Message<Object> message, SingleSignOn sso) {
    JsonObject body = Services.body(message);
    UUID loginId = loginId(body.getValue("loginId"));
    String state = body.getValue("state") instanceof String text ? text : "";
    String code = body.getValue("code") instanceof String text ? text : "";
    long tenantId = Caller.tenantOf(message);
    Future<SsoLogin> taken = loginId == null ? Future.succeededFuture(null) : SsoLogins.take(pool, tenantId, loginId);
    return taken.compose(login -> {
      if (login == null || !SsoLogin.matches(login.state(), state)) {
        return Future.failedFuture(ApiError.SSO_STATE.exception());
      }
      if (!login.fresh()) {
        return Future.failedFuture(ApiError.SSO_EXPIRED.exception());
      }
      if (code.isEmpty()) {
        return Future.failedFuture(ApiError.SSO_EXCHANGE.exception());
      }
      return sso.exchange(login, code);
    }).compose(signedIn -> {
      DeliveryOptions options = Device.of(message).addTo(Caller.tenantOnly(tenantId));
      return vertx.eventBus().<JsonObject>request(Addresses.IDENTITY_SIGN_IN, signedIn.identity().toJson(), options)
        .map(answer -> new JsonObject().put("userId", answer.body().getString("userId")).put("idToken", signedIn.idToken())
          .put("tokenGrant", signedIn.identity().grant() == null ? null : signedIn.identity().grant().encode()));
    });
  }

  private static UUID loginId(Object value) {
    try {
      return value instanceof String text ? UUID.fromString(text) : null;
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }
}
