package parley.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import parley.bus.Addresses;
import parley.bus.Caller;
import parley.config.AppConfig;
import parley.identity.ExternalIdentity;
import parley.identity.ExternalTokens;
import parley.identity.IdentityProvider;
import parley.identity.PerProvider;
import parley.session.Device;

import java.util.HashMap;
import java.util.Map;

/**
 * An external token made into what the rest of Parley knows: claims {@code sub} (the internal user id), {@code tid}
 * and {@code jti} (the token's own Parley session), as Parley's own tokens carry, so that {@link SessionCheck}, the
 * bridge and every service treat both alike. The token is verified at every request; who it names is asked of
 * {@code svc.identity.signIn} once per token on this event loop and kept (an expired token fails verification first).
 * What the token grants ({@link parley.role.TokenGrant}) rides along as the user's attribute
 * {@link Caller#TOKEN_GRANT_ATTRIBUTE}, onto every request it makes.
 */
final class ExternalSignIn {

  private static final int MAX_KNOWN = 100_000;

  private final PerProvider<ExternalTokens> tokens;
  private final boolean trustProxy;
  /** By tenant and token session: a token signs in to the tenant of the host it was first used on, and no other. */
  private final Map<String, Long> userBySession = new HashMap<>();

  ExternalSignIn(PerProvider<ExternalTokens> tokens, AppConfig config) {
    this.tokens = tokens;
    this.trustProxy = config.trustProxy();
  }

  /** {@code provider}: the one the tenant of the request's host trusts. */
  Future<User> authenticate(RoutingContext ctx, String token, IdentityProvider provider) {
    long tenantId = Http.tenantOf(ctx);
    return tokens.of(provider).verify(token).compose(identity -> {
      String key = tenantId + ":" + identity.sessionId();
      Long known = userBySession.get(key);
      return (known != null ? Future.succeededFuture(known) : signIn(ctx, tenantId, key, identity))
        .map(userId -> User.create(new JsonObject().put("sub", Long.toString(userId))
          .put("tid", Long.toString(tenantId)).put("jti", identity.sessionId().toString()), grant(identity)));
    });
  }

  /** Among the attributes, not the claims: whatever a token's claims say, only this can set it. */
  private static JsonObject grant(ExternalIdentity identity) {
    return identity.grant() == null ? new JsonObject()
      : new JsonObject().put(Caller.TOKEN_GRANT_ATTRIBUTE, identity.grant().encode());
  }

  private Future<Long> signIn(RoutingContext ctx, long tenantId, String key, ExternalIdentity identity) {
    Device device = Device.of(ctx.request().getHeader("User-Agent"), ClientIp.of(ctx, trustProxy));
    return Http.ask(ctx, Addresses.IDENTITY_SIGN_IN, identity.toJson(), device.addTo(Caller.tenantOnly(tenantId)))
      .map(answer -> {
        long userId = Long.parseLong(answer.getString("userId"));
        if (userBySession.size() >= MAX_KNOWN) {
          userBySession.clear();
        }
        userBySession.put(key, userId);
        return userId;
      });
  }
}
