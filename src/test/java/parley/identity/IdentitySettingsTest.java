package parley.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.config.AppConfig;
import parley.role.Permission;
import parley.role.TokenGrant;

import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

  @Test
  @DisplayName("rejects permission and role maps that are not JSON objects, name unknown permissions, or come without their claim")
  void rejectsBadMaps() {
    JsonObject base = external().put("AUTH_HS256_SECRET", SECRET);
    assertTrue(refusal(base.copy().put("AUTH_PERMISSIONS_CLAIM", "perms").put("AUTH_PERMISSION_MAP", "{\"565\": [\"delete_room\"]}"))
      .contains("delete_room, which is no permission"));
    assertTrue(refusal(base.copy().put("AUTH_PERMISSIONS_CLAIM", "perms").put("AUTH_PERMISSION_MAP", "{565: delete_rooms"))
      .contains("AUTH_PERMISSION_MAP must be a JSON object"));
    assertTrue(refusal(base.copy().put("AUTH_PERMISSIONS_CLAIM", "perms").put("AUTH_PERMISSION_MAP", "[\"delete_rooms\"]"))
      .contains("AUTH_PERMISSION_MAP must be a JSON object"));
    assertTrue(refusal(base.copy().put("AUTH_PERMISSIONS_CLAIM", "perms").put("AUTH_PERMISSION_MAP", "{\"565\": \"delete_rooms\"}"))
      .contains("array of permission names"));
    assertTrue(refusal(base.copy().put("AUTH_PERMISSIONS_CLAIM", "perms")).contains("give both, or neither"));
    assertTrue(refusal(base.copy().put("AUTH_ROLE_MAP", "{\"chat-admin\": \"superadmin\"}")).contains("AUTH_ROLES_CLAIM"));
    assertTrue(refusal(base.copy().put("AUTH_ROLES_CLAIM", "roles").put("AUTH_ROLE_MAP", "{\"chat-admin\": [\"superadmin\"]}"))
      .contains("name of a Parley role"));
    assertDoesNotThrow(() -> ExternalTokens.check(AppConfig.withOverrides(base.copy().put("AUTH_PERMISSIONS_CLAIM", "perms")
      .put("AUTH_PERMISSION_MAP", "{\"565\": [\"delete_rooms\"], \"567\": [\"manage_announcements\"]}")
      .put("AUTH_ROLES_CLAIM", "realm_access.roles").put("AUTH_ROLE_MAP", "{\"chat-admin\": \"superadmin\"}")), JWT_SECRET));
  }

  @Test
  @DisplayName("reads codes as numbers or strings, roles as a list or one string, by name or by a dotted path")
  void claimShapes() {
    TokenPermissions maps = TokenPermissions.of(AppConfig.withOverrides(external().put("AUTH_PERMISSIONS_CLAIM", "https://erp.example.org/perms")
      .put("AUTH_PERMISSION_MAP", "{\"565\": [\"delete_rooms\"], \"566\": [\"delete_any_message\"], \"567\": [\"manage_announcements\"]}")
      .put("AUTH_ROLES_CLAIM", "realm_access.roles").put("AUTH_ROLE_MAP", "{\"chat-admin\": \"superadmin\", \"staff\": \"member\"}")));
    TokenGrant grant = maps.grantOf(new JsonObject().put("https://erp.example.org/perms", new JsonArray().add(565).add("566").add(999))
      .put("realm_access", new JsonObject().put("roles", "chat-admin")));
    assertEquals(Set.of(Permission.DELETE_ROOMS, Permission.DELETE_ANY_MESSAGE), grant.granted());
    assertEquals(Set.of(Permission.DELETE_ROOMS, Permission.DELETE_ANY_MESSAGE,
      Permission.MANAGE_ANNOUNCEMENTS), grant.governed());
    assertEquals(Set.of("superadmin"), grant.roles());
    TokenGrant none = maps.grantOf(new JsonObject());
    assertEquals(Set.of(), none.granted());
    assertEquals(Set.of(), none.roles());
    assertEquals(null, TokenPermissions.of(AppConfig.withOverrides(external())).grantOf(new JsonObject().put("perms", 565)));
  }
}
