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

import java.util.UUID;

/**
 * Single sign-on in the web app (OIDC_ISSUER): begins a sign-in at the provider, and finishes it once when the
 * browser comes back, the provider's answer checked against what this sign-in began with (state, PKCE verifier,
 * nonce). The person is provisioned as every identity provider's person is ({@code svc.identity.signIn}); the HTTP
 * layer then starts a session of Parley's own. Without OIDC_ISSUER every request answers {@code 404 not_found}.
 */
public class SsoVerticle extends ServiceVerticle {

  private static final long CLEAN_UP_EVERY_MILLIS = 3_600_000;

  private SingleSignOn sso;

  @Override
  protected void serveAll() {
    sso = SingleSignOn.create(vertx, settings);
    serve(Addresses.SSO_START, message -> enabled().compose(on -> start(message)));
    serve(Addresses.SSO_FINISH, message -> enabled().compose(on -> finish(message)));
    serve(Addresses.SSO_LOGOUT_URL, message -> enabled().compose(on -> {
      JsonObject body = Services.body(message);
      return sso.logoutUrl(Fields.string(body, "idToken", ApiError.INVALID_REQUEST),
        Fields.string(body, "postLogoutRedirectUri", ApiError.INVALID_REQUEST)).map(url -> new JsonObject().put("logoutUrl", url));
    }));
    if (sso != null) {
      vertx.setPeriodic(CLEAN_UP_EVERY_MILLIS, tick -> SsoLogins.forgetExpired(pool));
    }
  }

  private Future<Void> enabled() {
    return sso == null ? Future.failedFuture(ApiError.NOT_FOUND.exception()) : Future.succeededFuture();
  }

  private Future<JsonObject> start(Message<Object> message) {
    SsoLogin login = SsoLogin.begin(Fields.string(Services.body(message), "redirectUri", ApiError.INVALID_REQUEST));
    // The provider first: when it cannot be reached, nothing is kept.
    return sso.authorizeUrl(login).compose(url -> SsoLogins.insert(pool, Caller.tenantOf(message), login)
      .map(kept -> new JsonObject().put("loginId", login.id().toString()).put("authorizeUrl", url)));
  }

  /**
   * The sign-in of the browser's cookie, taken once; its state must be the one the provider sent back, so that a
   * provider's answer meant for another browser (someone's link, say) signs nobody in here.
   */
  private Future<JsonObject> finish(Message<Object> message) {
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
