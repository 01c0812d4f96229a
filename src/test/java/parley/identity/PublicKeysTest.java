package parley.identity;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestProvider;
import parley.testing.TestServer;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("External tokens verified with PEM public keys (AUTH_PUBLIC_KEYS): RS256, ES256 and EdDSA")
class PublicKeysTest {

  private static TestProvider provider;
  private static TestServer server;
  private static KeyPair ec;
  private static KeyPair ed;
  private static KeyPair unlisted;
  private static String pem;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    provider = TestProvider.start(vertx);
    KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
    ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
    ec = ecGenerator.generateKeyPair();
    unlisted = ecGenerator.generateKeyPair();
    ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    JsonObject rsa = WebClient.create(vertx).getAbs(provider.providerJwksUrl(TestProvider.ISSUER_ID))
      .send().await().bodyAsJsonObject().getJsonArray("keys").getJsonObject(0);
    byte[] providersKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
      new BigInteger(1, Base64.getUrlDecoder().decode(rsa.getString("n"))),
      new BigInteger(1, Base64.getUrlDecoder().decode(rsa.getString("e"))))).getEncoded();
    // As an environment variable often carries it: line breaks written as \n.
    pem = (pem("PUBLIC KEY", providersKey) + pem("PUBLIC KEY", ec.getPublic().getEncoded()) + pem("PUBLIC KEY", ed.getPublic().getEncoded()))
      .replace("\n", "\\n");
    server = TestServer.start(vertx, new JsonObject().put("AUTH_MODE", "external").put("AUTH_ISSUER", provider.issuer())
      .put("AUTH_AUDIENCE", TestProvider.AUDIENCE).put("AUTH_PUBLIC_KEYS", pem));
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  private static String pem(String kind, byte[] der) {
    return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + kind + "-----\n";
  }

  private static String signed(String algorithm, KeyPair keys, JsonObject claims) {
    JWTAuth signer = JWTAuth.create(server.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
      .setAlgorithm(algorithm).setBuffer(pem("PRIVATE KEY", keys.getPrivate().getEncoded()))));
    return signer.generateToken(claims, new JWTOptions().setAlgorithm(algorithm).setExpiresInMinutes(5));
  }

  private static JsonObject claims(String subject) {
    return new JsonObject().put("iss", provider.issuer()).put("aud", TestProvider.AUDIENCE).put("sub", subject);
  }

  private static HttpResponse<Buffer> me(String token) {
    return server.http.get("/api/auth/me").bearerTokenAuthentication(token).send().await();
  }

  @Test
  @DisplayName("a token signed with any of the keys signs in: the provider's RSA key, a P-256 key, an Ed25519 key")
  void eachKey() {
    assertEquals(200, me(provider.token("rs-person", Map.of())).statusCode());
    assertEquals(200, me(signed("ES256", ec, claims("es-person"))).statusCode());
    HttpResponse<Buffer> ed25519 = me(signed("EdDSA", ed, claims("ed-person")));
    assertEquals(200, ed25519.statusCode(), ed25519.bodyAsString());
  }

  @Test
  @DisplayName("rejects a key not listed, and a listed public key used as an HS256 secret")
  void rejectsOtherKeys() {
    assertError(me(signed("ES256", unlisted, claims("stranger"))), 401, "token_signature");
    String listed = pem.replace("\\n", "\n");
    for (String secret : new String[] {listed, listed.substring(0, listed.indexOf("-----END PUBLIC KEY-----") + 24)}) {
      JWTAuth confused = JWTAuth.create(server.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
      assertError(me(confused.generateToken(claims("stranger"), new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(5))),
        401, "token_signature");
    }
    assertEquals(null, server.queryOne("SELECT id FROM users WHERE external_id = ?", "stranger"));
  }
}
