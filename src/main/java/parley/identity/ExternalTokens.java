package parley.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import parley.bus.ApiError;
import parley.config.AppConfig;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Tokens an external identity provider issued (a tenant's, or the install's with AUTH_MODE external or both). The
 * signature first, by Vert.x, with keys of the provider's one source and only its algorithms (never {@code none}, never HS256 but from
 * AUTH_HS256_SECRET); then the claims ({@link TokenClaims}). Each refusal is a 401 naming its check. Nothing here
 * touches the database: what a token may do follows from {@link ExternalIdentity} elsewhere.
 */
public final class ExternalTokens {

  private static final System.Logger LOG = System.getLogger(ExternalTokens.class.getName());
  private static final int MIN_SECRET_BYTES = 32;
  private static final int MAX_SKEW_SECONDS = 600;

  private final KeySource keys;
  private final TokenClaims claims;

  private ExternalTokens(KeySource keys, TokenClaims claims) {
    this.keys = keys;
    this.claims = claims;
  }

  /**
   * A provider's tokens, checked for an HTTP instance: the JWKS copy is the node's (one per URL), fixed keys are cheap
   * to hold per instance. Which claims name the person, and what they grant, are the install's for every provider.
   */
  public static ExternalTokens create(Vertx vertx, AppConfig config, IdentityProvider provider) {
    KeySource keys = !provider.jwksUrl().isEmpty() ? JwksKeys.shared(vertx, provider.jwksUrl())
      : !provider.publicKeys().isEmpty() ? FixedKeys.publicKeys(vertx, provider.publicKeys())
      : FixedKeys.sharedSecret(vertx, provider.hs256Secret());
    return new ExternalTokens(keys, new TokenClaims(provider.issuer(), provider.audience(), config.authClockSkewSeconds(),
      config.authClaims(), TokenPermissions.of(config)));
  }

  /**
   * Refuses to start with settings that would not work, or would not be safe: an issuer and an audience, exactly one
   * source of keys, keys Parley can use, a shared secret of at least 32 bytes that is not Parley's own JWT_SECRET (a
   * token Parley signed must never pass for the provider's, nor the other way round). An http:// JWKS URL is the
   * operator's call, but said in the log. The permission and role maps must name what exists ({@link TokenPermissions}).
   */
  public static void check(AppConfig config, String jwtSecret) {
    if (!config.authMode().externalTokens()) {
      return;
    }
    if (config.authIssuer().isBlank() || config.authAudience().isBlank()) {
      throw new IllegalArgumentException("AUTH_MODE=" + config.authMode().name().toLowerCase(Locale.ROOT) + " needs AUTH_ISSUER and AUTH_AUDIENCE");
    }
    long sources = Stream.of(config.authJwksUrl(), config.authPublicKeys(), config.authHs256Secret())
      .filter(source -> !source.isBlank()).count();
    if (sources != 1) {
      throw new IllegalArgumentException("Give exactly one of AUTH_JWKS_URL, AUTH_PUBLIC_KEYS and AUTH_HS256_SECRET (" + sources + " given)");
    }
    if (config.authClockSkewSeconds() < 0 || config.authClockSkewSeconds() > MAX_SKEW_SECONDS) {
      throw new IllegalArgumentException("AUTH_CLOCK_SKEW_SECONDS must be from 0 to " + MAX_SKEW_SECONDS);
    }
    if (config.authClaims().subject().isBlank()) {
      throw new IllegalArgumentException("AUTH_SUBJECT_CLAIM must name a claim");
    }
    if (!config.authJwksUrl().isBlank()) {
      URI url = URI.create(config.authJwksUrl().trim());
      if (url.getHost() == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
        throw new IllegalArgumentException("AUTH_JWKS_URL must be an http(s) URL");
      }
      if ("http".equals(url.getScheme())) {
        LOG.log(System.Logger.Level.WARNING, "AUTH_JWKS_URL is plain http: whoever can change the answer on its way can make"
          + " Parley trust their own keys; use https unless the provider runs beside Parley");
      }
    }
    if (!config.authPublicKeys().isBlank()) {
      PemKeys.parse(config.authPublicKeys());
    }
    TokenPermissions.of(config);
    String secret = config.authHs256Secret();
    if (!secret.isBlank() && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("AUTH_HS256_SECRET must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    if (!secret.isBlank() && secret.equals(jwtSecret)) {
      throw new IllegalArgumentException("AUTH_HS256_SECRET must differ from JWT_SECRET");
    }
  }

  /** Completes once the keys are there, or their first fetch failed (then logged); never fails. */
  public Future<Void> ready() {
    return keys instanceof JwksKeys jwks ? jwks.load() : Future.succeededFuture();
  }

  public Future<ExternalIdentity> verify(String token) {
    return verifiedClaims(token).map(payload -> claims.check(token, payload, System.currentTimeMillis() / 1000));
  }

  /**
   * A token of the provider's service client: verified as every token is, and carrying {@code scope} among its
   * {@code scope} (space-separated) or {@code scp} (an array); otherwise {@code 403 idp_scope}, a person's token
   * included, however valid.
   */
  public Future<Void> verifyService(String token, String scope) {
    return verifiedClaims(token).compose(payload -> {
      claims.check(token, payload, System.currentTimeMillis() / 1000);
      return TokenClaims.hasScope(payload, scope) ? Future.<Void>succeededFuture()
        : Future.failedFuture(ApiError.IDP_SCOPE.exception());
    });
  }

  private Future<JsonObject> verifiedClaims(String token) {
    JsonObject header = header(token);
    if (header == null || !keys.algorithms().contains(header.getValue("alg")) || header.containsKey("crit")) {
      return Future.failedFuture(ApiError.TOKEN_SIGNATURE.exception());
    }
    return signed(token, true);
  }

  private Future<JsonObject> signed(String token, boolean mayLookAgain) {
    JWTAuth verifier = keys.verifier();
    if (verifier == null) {
      return mayLookAgain ? keys.unknownKey().compose(looked -> signed(token, false))
        : Future.failedFuture(ApiError.TOKEN_SIGNATURE.exception());
    }
    Future<User> user;
    try {
      user = verifier.authenticate(new TokenCredentials(token));
    } catch (RuntimeException timeClaimNotANumber) {
      // Vert.x reads exp, iat and nbf as numbers after the signature held, outside its own failure handling.
      return Future.failedFuture(ApiError.TOKEN_EXPIRED.exception());
    }
    return user.map(verified -> verified.attributes().getJsonObject("accessToken")).recover(failure -> {
      if (failure instanceof NoSuchKeyIdException && mayLookAgain) {
        return keys.unknownKey().compose(looked -> signed(token, false));
      }
      return Future.failedFuture(ApiError.TOKEN_SIGNATURE.exception());
    });
  }

  /** The header of a compact JWS (three non-empty parts), or null. */
  private static JsonObject header(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      return null;
    }
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException notAHeader) {
      return null;
    }
  }
}
