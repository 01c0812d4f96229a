package parley.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.ApiError;
import parley.config.ProfileClaims;
import parley.service.Sha256;

import java.util.Arrays;
import java.util.UUID;

/**
 * The claims of a token whose signature holds, checked one by one so that a refusal names the check that failed:
 * {@code iss} equals AUTH_ISSUER, {@code aud} is or contains AUTH_AUDIENCE, {@code exp} (required) and {@code nbf}
 * hold within AUTH_CLOCK_SKEW_SECONDS, and the subject claim names someone.
 */
final class TokenClaims {

  private static final int MAX_SUBJECT = 255;

  private final String issuer;
  private final String audience;
  private final long skewSeconds;
  private final ProfileClaims names;
  private final TokenPermissions permissions;

  TokenClaims(String issuer, String audience, long skewSeconds, ProfileClaims names, TokenPermissions permissions) {
    this.issuer = issuer;
    this.audience = audience;
    this.skewSeconds = skewSeconds;
    this.names = names;
    this.permissions = permissions;
  }

  ExternalIdentity check(String token, JsonObject claims, long nowSeconds) {
    if (!issuer.equals(claims.getValue("iss"))) {
      throw ApiError.TOKEN_ISSUER.exception();
    }
    Object aud = claims.getValue("aud");
    if (!(audience.equals(aud) || aud instanceof JsonArray list && list.contains(audience))) {
      throw ApiError.TOKEN_AUDIENCE.exception();
    }
    Object exp = claims.getValue("exp");
    Object nbf = claims.getValue("nbf");
    if (!(exp instanceof Number expires) || nowSeconds - skewSeconds >= expires.longValue()
      || nbf != null && (!(nbf instanceof Number notBefore) || nowSeconds + skewSeconds < notBefore.longValue())) {
      throw ApiError.TOKEN_EXPIRED.exception();
    }
    String subject = subject(claims.getValue(names.subject()));
    if (subject == null) {
      throw ApiError.TOKEN_SUBJECT.exception();
    }
    return new ExternalIdentity(subject, Profile.of(claims, names), sessionId(token), expires.longValue() + skewSeconds,
      permissions.grantOf(claims));
  }

  /** Whether {@code scope} is one of the token's: {@code scope} space-separated (RFC 8693), or {@code scp}, an array. */
  static boolean hasScope(JsonObject claims, String scope) {
    if (scope.isBlank()) {
      return false;
    }
    Object spaced = claims.getValue("scope");
    Object listed = claims.getValue("scp");
    return spaced instanceof String text && Arrays.asList(text.split(" ")).contains(scope)
      || listed instanceof JsonArray list && list.contains(scope);
  }

  /** Opaque: a string as it is, or a whole number written out (some providers number their people). */
  static String subject(Object claim) {
    String subject = claim instanceof String text ? text
      : claim instanceof Integer || claim instanceof Long ? claim.toString() : null;
    return subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT ? null : subject;
  }

  /**
   * The session a token opens, the same at every use of it and on every node: its SHA-256, cut to a UUID (version 8,
   * RFC 9562's own layout). The token itself is not kept.
   */
  static UUID sessionId(String token) {
    byte[] hash = Sha256.of(token);
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (hash[i] & 0xff);
      low = (low << 8) | (hash[i + 8] & 0xff);
    }
    high = (high & ~0xF000L) | 0x8000L;
    low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }
}
