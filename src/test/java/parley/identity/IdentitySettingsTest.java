package parley.identity;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.config.AppConfig;

import java.security.KeyPairGenerator;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("The AUTH_* settings, checked before Parley starts")
class IdentitySettingsTest {

  private static final String JWT_SECRET = "Parley's own secret, thirty-two bytes or more";
  private static final String SECRET = "the provider's secret, thirty-two bytes or more";

  private static JsonObject external() {
    return new JsonObject().put("AUTH_MODE", "external").put("AUTH_ISSUER", "https://id.example.org").put("AUTH_AUDIENCE", "parley");
  }

  private static String refusal(JsonObject settings) {
    return assertThrows(IllegalArgumentException.class, () -> ExternalTokens.check(AppConfig.withOverrides(settings), JWT_SECRET))
      .getMessage();
  }

  private static String pem(String kind, byte[] der) {
    return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + kind + "-----\n";
  }

  @Test
  @DisplayName("local mode asks for nothing more; an unknown mode is refused by name")
  void modes() {
    assertDoesNotThrow(() -> ExternalTokens.check(AppConfig.withOverrides(new JsonObject()), JWT_SECRET));
    assertTrue(refusal(new JsonObject().put("AUTH_MODE", "sso")).contains("AUTH_MODE"));
  }

  @Test
  @DisplayName("rejects external tokens without an issuer, an audience, or exactly one source of keys")
  void rejectsIncomplete() {
    assertTrue(refusal(external().put("AUTH_ISSUER", "").put("AUTH_HS256_SECRET", SECRET)).contains("AUTH_ISSUER"));
    assertTrue(refusal(external().put("AUTH_AUDIENCE", "").put("AUTH_HS256_SECRET", SECRET)).contains("AUTH_AUDIENCE"));
    assertTrue(refusal(external()).contains("exactly one"));
    assertTrue(refusal(external().put("AUTH_HS256_SECRET", SECRET).put("AUTH_JWKS_URL", "https://id.example.org/certs"))
      .contains("exactly one"));
    assertTrue(refusal(external().put("AUTH_JWKS_URL", "ftp://id.example.org/certs")).contains("AUTH_JWKS_URL"));
    assertDoesNotThrow(() -> ExternalTokens.check(AppConfig.withOverrides(external().put("AUTH_JWKS_URL", "http://127.0.0.1:8081/certs")),
      JWT_SECRET));
  }

  @Test
  @DisplayName("rejects a short shared secret, and one that is Parley's own JWT_SECRET")
  void rejectsWeakSecrets() {
    assertTrue(refusal(external().put("AUTH_HS256_SECRET", "short")).contains("32"));
    assertTrue(refusal(external().put("AUTH_HS256_SECRET", JWT_SECRET)).contains("JWT_SECRET"));
  }

  @Test
  @DisplayName("rejects PEM text without a public key, with a private key, or with a key of another kind")
  void rejectsBadKeys() throws Exception {
    assertTrue(refusal(external().put("AUTH_PUBLIC_KEYS", "not a key")).contains("PUBLIC KEY"));
    var rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    assertTrue(refusal(external().put("AUTH_PUBLIC_KEYS", pem("PRIVATE KEY", rsa.getPrivate().getEncoded()))).contains("private key"));
    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
    p384.initialize(384);
    assertTrue(refusal(external().put("AUTH_PUBLIC_KEYS", pem("PUBLIC KEY", p384.generateKeyPair().getPublic().getEncoded())))
      .contains("P-256"));
    assertDoesNotThrow(() -> ExternalTokens.check(AppConfig.withOverrides(external()
      .put("AUTH_PUBLIC_KEYS", pem("PUBLIC KEY", rsa.getPublic().getEncoded()))), JWT_SECRET));
  }

  @Test
  @DisplayName("rejects an API key hash that is not a hex SHA-256, and an admin scope of more than one scope")
  void rejectsBadServiceCredentials() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceCredentials.check(AppConfig.withOverrides(new JsonObject()
      .put("IDP_API_KEY_SHA256", "the key itself")))).getMessage().contains("IDP_API_KEY_SHA256"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceCredentials.check(AppConfig.withOverrides(new JsonObject()
      .put("AUTH_ADMIN_SCOPE", "parley.admin openid")))).getMessage().contains("AUTH_ADMIN_SCOPE"));
    assertDoesNotThrow(() -> ServiceCredentials.check(AppConfig.withOverrides(new JsonObject().put("AUTH_ADMIN_SCOPE", "parley.admin")
      .put("IDP_API_KEY_SHA256", "ab".repeat(32)))));
  }

  private static JsonObject sso() {
    return new JsonObject().put("OIDC_ISSUER", "https://id.example.org").put("OIDC_CLIENT_ID", "parley-web")
      .put("OIDC_CLIENT_SECRET", "the web app's secret");
  }

  private static String ssoRefusal(JsonObject settings) {
    return assertThrows(IllegalArgumentException.class, () -> SingleSignOn.check(AppConfig.withOverrides(settings))).getMessage();
  }

  @Test
  @DisplayName("single sign-on takes all three OIDC settings or none, whatever AUTH_MODE is")
  void singleSignOn() {
    assertDoesNotThrow(() -> SingleSignOn.check(AppConfig.withOverrides(new JsonObject())));
    assertDoesNotThrow(() -> SingleSignOn.check(AppConfig.withOverrides(sso())));
    assertDoesNotThrow(() -> SingleSignOn.check(AppConfig.withOverrides(sso().put("AUTH_MODE", "both")
      .put("AUTH_ISSUER", "https://id.example.org"))));
    assertTrue(ssoRefusal(sso().put("OIDC_CLIENT_SECRET", "")).contains("OIDC_CLIENT_SECRET"));
    assertTrue(ssoRefusal(new JsonObject().put("OIDC_CLIENT_ID", "parley-web")).contains("OIDC_ISSUER"));
  }

  @Test
  @DisplayName("rejects an issuer that is not an http(s) URL, scopes without openid, and another issuer than AUTH_ISSUER")
  void rejectsBadSingleSignOn() {
    assertTrue(ssoRefusal(sso().put("OIDC_ISSUER", "id.example.org")).contains("OIDC_ISSUER"));
    assertTrue(ssoRefusal(sso().put("OIDC_SCOPES", "profile email")).contains("openid"));
    assertTrue(ssoRefusal(sso().put("AUTH_MODE", "external").put("AUTH_ISSUER", "https://erp.example.org")).contains("AUTH_ISSUER"));
  }
}
