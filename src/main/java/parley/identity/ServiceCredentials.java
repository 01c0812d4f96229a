package parley.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import parley.bus.ApiError;
import parley.config.AppConfig;
import parley.service.Sha256;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Who may make the identity provider's admin calls (/api/idp): its service client, never a person. Either a Bearer
 * token of the provider, verified as every one of its tokens is, that carries AUTH_ADMIN_SCOPE (a person's token
 * lacks it: the provider grants that scope to its service client alone); or a Bearer API key whose SHA-256 is
 * IDP_API_KEY_SHA256, compared in constant time. Parley's own tokens are neither.
 */
public final class ServiceCredentials {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final Vertx vertx;
  private final String scope;
  private final byte[] keyHash;

  private ServiceCredentials(Vertx vertx, String scope, byte[] keyHash) {
    this.vertx = vertx;
    this.scope = scope;
    this.keyHash = keyHash;
  }

  public static ServiceCredentials create(Vertx vertx, AppConfig config) {
    String hash = config.idpApiKeySha256().trim();
    return new ServiceCredentials(vertx, config.authAdminScope().trim(), hash.isEmpty() ? null : HexFormat.of().parseHex(hash));
  }

  /** Refuses to start with an API key hash that is not one. */
  public static void check(AppConfig config) {
    String hash = config.idpApiKeySha256().trim();
    if (!hash.isEmpty() && !SHA256_HEX.matcher(hash).matches()) {
      throw new IllegalArgumentException("IDP_API_KEY_SHA256 must be the hex SHA-256 of the key (64 hex digits)");
    }
    if (config.authAdminScope().trim().contains(" ")) {
      throw new IllegalArgumentException("AUTH_ADMIN_SCOPE must be one scope");
    }
  }

  /**
   * Succeeds for the service client of {@code tokens}' provider, the one the tenant trusts. No credential, or an API
   * key that is not the one: {@code 401 idp_credential}; a token of the provider's without the scope:
   * {@code 403 idp_scope}; any other token: its check's 401. The API key is the install's provider's: {@code keyTaken}
   * false (a tenant with a provider of its own) takes none.
   */
  public Future<Void> verify(String bearer, ExternalTokens tokens, boolean keyTaken) {
    if (bearer == null || bearer.isEmpty()) {
      return Future.failedFuture(ApiError.IDP_CREDENTIAL.exception());
    }
    boolean looksLikeToken = bearer.chars().filter(c -> c == '.').count() == 2;
    if (keyHash != null && keyTaken && !looksLikeToken) {
      return vertx.executeBlocking(() -> MessageDigest.isEqual(Sha256.of(bearer), keyHash), false)
        .compose(same -> same ? Future.<Void>succeededFuture() : Future.failedFuture(ApiError.IDP_CREDENTIAL.exception()));
    }
    if (!looksLikeToken) {
      return Future.failedFuture(ApiError.IDP_CREDENTIAL.exception());
    }
    return tokens.verifyService(bearer, scope);
  }

}
