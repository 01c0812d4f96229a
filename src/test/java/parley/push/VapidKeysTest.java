package parley.push;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("VAPID keys and the Authorization header they sign (RFC 8292)")
class VapidKeysTest {

  private static final String PUSH_SERVICE = "https://push.example.net";
  private static final String CONTACT = "mailto:ops@parley.example";
  private static final long NOW = 1_800_000_000L;
  private static final long IN_TWELVE_HOURS = NOW + 12 * 3600;

  private final VapidKeys keys = VapidKeys.generate();

  /** The header split into t's three JWT parts and k. */
  private static String[] parse(String authorization) {
    assertTrue(authorization.startsWith("vapid t="), authorization);
    String[] tAndK = authorization.substring("vapid t=".length()).split(", k=");
    assertEquals(2, tAndK.length, authorization);
    String[] jwt = tAndK[0].split("\\.");
    assertEquals(3, jwt.length, tAndK[0]);
    return new String[] {jwt[0], jwt[1], jwt[2], tAndK[1]};
  }

  private static JsonObject json(String base64url) {
    return new JsonObject(new String(Base64Url.decode(base64url), StandardCharsets.UTF_8));
  }

  /** DER SEQUENCE of two INTEGERs, what the JDK's SHA256withECDSA verifies. */
  private static byte[] derFromJose(byte[] jose) {
    byte[] r = new BigInteger(1, Arrays.copyOfRange(jose, 0, 32)).toByteArray();
    byte[] s = new BigInteger(1, Arrays.copyOfRange(jose, 32, 64)).toByteArray();
    ByteArrayOutputStream der = new ByteArrayOutputStream();
    der.write(0x30);
    der.write(2 + r.length + 2 + s.length);
    der.write(0x02);
    der.write(r.length);
    der.writeBytes(r);
    der.write(0x02);
    der.write(s.length);
    der.writeBytes(s);
    return der.toByteArray();
  }

  @Test
  @DisplayName("the JWT's JOSE signature, turned back into DER, verifies with the public key")
  void signatureVerifies() throws Exception {
    String[] parts = parse(keys.authorization(PUSH_SERVICE, CONTACT, IN_TWELVE_HOURS, NOW));
    byte[] jose = Base64Url.decode(parts[2]);
    byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);

    assertEquals(64, jose.length, "r || s, not DER");
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(P256.publicKey(Base64Url.decode(keys.publicKeyBase64Url())));
    verifier.update(signingInput);
    assertTrue(verifier.verify(derFromJose(jose)));

    verifier.initVerify(P256.publicKey(Base64Url.decode(VapidKeys.generate().publicKeyBase64Url())));
    verifier.update(signingInput);
    assertFalse(verifier.verify(derFromJose(jose)), "another key must not verify it");
  }

  @Test
  @DisplayName("the JWT header says JWT and ES256, and the claims decode to the aud, exp and sub given")
  void claimsDecode() {
    String[] parts = parse(keys.authorization(PUSH_SERVICE, CONTACT, IN_TWELVE_HOURS, NOW));

    assertEquals(new JsonObject().put("typ", "JWT").put("alg", "ES256"), json(parts[0]));
    JsonObject claims = json(parts[1]);
    assertEquals(PUSH_SERVICE, claims.getString("aud"));
    assertEquals(IN_TWELVE_HOURS, claims.getLong("exp"));
    assertEquals(CONTACT, claims.getString("sub"));
    assertEquals(3, claims.size());
    assertFalse(String.join(".", parts).contains("="), "base64url parts are unpadded");
  }

  @Test
  @DisplayName("the k= part is publicKeyBase64Url(), a 65-byte uncompressed point")
  void keyParameterIsPublicKey() {
    String[] parts = parse(keys.authorization(PUSH_SERVICE, CONTACT, IN_TWELVE_HOURS, NOW));

    assertEquals(keys.publicKeyBase64Url(), parts[3]);
    assertEquals(65, Base64Url.decode(parts[3]).length);
  }

  @Test
  @DisplayName("fromPrivateKey(generate().privateKeyBase64Url()) gives the same public key")
  void privateKeyRestoresPair() {
    for (int i = 0; i < 8; i++) {
      VapidKeys original = VapidKeys.generate();

      VapidKeys restored = VapidKeys.fromPrivateKey(original.privateKeyBase64Url());

      assertEquals(original.publicKeyBase64Url(), restored.publicKeyBase64Url());
      assertEquals(original.privateKeyBase64Url(), restored.privateKeyBase64Url());
    }
  }

  @Test
  @DisplayName("the public header uses the real clock and accepts an exp 12 hours from now")
  void usesRealClock() {
    long inTwelveHours = System.currentTimeMillis() / 1000 + 12 * 3600;

    assertDoesNotThrow(() -> keys.authorization(PUSH_SERVICE, CONTACT, inTwelveHours));
  }

  @Test
  @DisplayName("accepts an exp exactly 24 hours ahead and rejects one a second later")
  void rejectsExpiryBeyondDay() {
    assertDoesNotThrow(() -> keys.authorization(PUSH_SERVICE, CONTACT, NOW + 86_400, NOW));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
      () -> keys.authorization(PUSH_SERVICE, CONTACT, NOW + 86_401, NOW));
    assertTrue(refused.getMessage().contains("at most 24 hours ahead"), refused.getMessage());
  }

  @Test
  @DisplayName("rejects an exp that is already past")
  void rejectsPastExpiry() {
    assertThrows(IllegalArgumentException.class, () -> keys.authorization(PUSH_SERVICE, CONTACT, NOW, NOW));
  }

  @Test
  @DisplayName("rejects an audience that is a whole endpoint URL rather than an origin")
  void rejectsEndpointAsAudience() {
    assertThrows(IllegalArgumentException.class,
      () -> keys.authorization(PUSH_SERVICE + "/push/JzLQ3raZJfFBR0aqvOMsLrt54w4rJUsV", CONTACT, IN_TWELVE_HOURS, NOW));
    assertThrows(IllegalArgumentException.class,
      () -> keys.authorization("push.example.net", CONTACT, IN_TWELVE_HOURS, NOW));
  }

  @Test
  @DisplayName("rejects a subject that is neither a mailto: nor an https: URI")
  void rejectsBareSubject() {
    assertThrows(IllegalArgumentException.class,
      () -> keys.authorization(PUSH_SERVICE, "ops@parley.example", IN_TWELVE_HOURS, NOW));
  }

  @Test
  @DisplayName("rejects a private key that is not 32 bytes of base64url")
  void rejectsShortPrivateKey() {
    assertThrows(IllegalArgumentException.class, () -> VapidKeys.fromPrivateKey("AAAA"));
  }

  @Test
  @DisplayName("toString shows the public key and never the private one")
  void toStringHidesPrivateKey() {
    assertTrue(keys.toString().contains(keys.publicKeyBase64Url()));
    assertFalse(keys.toString().contains(keys.privateKeyBase64Url()));
  }
}
