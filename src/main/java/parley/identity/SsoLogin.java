package parley.identity;

import io.vertx.sqlclient.Row;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * One sign-in through the identity provider, from the browser's departure to its return: {@code id} is what the
 * browser's cookie holds, and the {@code state}, {@code nonce} and PKCE {@code codeVerifier} are this server's secrets
 * until the provider's answer is checked against them. {@code fresh}: not older than {@link SsoLogins#TTL_SECONDS}.
 */
record SsoLogin(UUID id, String state, String nonce, String codeVerifier, String redirectUri, boolean fresh) {

  private static final SecureRandom RANDOM = new SecureRandom();

  static SsoLogin begin(String redirectUri) {
    return new SsoLogin(UUID.randomUUID(), random(), random(), random(), redirectUri, true);
  }

  static SsoLogin fromRow(UUID id, Row row) {
    return new SsoLogin(id, row.getString("state"), row.getString("nonce"), row.getString("code_verifier"),
      row.getString("redirect_uri"), row.getBoolean("fresh"));
  }

  /** Whether what came back is one of this sign-in's secrets, compared in constant time (state, nonce). */
  static boolean matches(String secret, String given) {
    return MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  /** 256 random bits, base64url: a PKCE verifier of 43 characters (RFC 7636 asks for 43 to 128). */
  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
