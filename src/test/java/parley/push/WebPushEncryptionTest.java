package parley.push;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Web Push message encryption (RFC 8291, aes128gcm)")
class WebPushEncryptionTest {

  // RFC 8291 section 5 and Appendix A, as base64url; the RFC's line breaks are kept as separate literals.
  static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
  static final String RFC_PLAINTEXT = "V2hlbiBJIGdyb3cgdXAsIEkgd2FudCB0byBiZSBhIHdhdGVybWVsb24";
  static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIg"
    + "Dll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
  static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
  static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcx"
    + "aOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
  static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
  static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
  static final String AUTH_SECRET = "BTBZMqHH6r4Tts7J_aSIgg";
  static final String ECDH_SECRET = "kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs";
  static final String PRK_KEY = "Snr3JMxaHVDXHWJn5wdC52WjpCtd2EIEGBykDcZW32k";
  static final String IKM = "S4lYMb_L0FxCeq0WhDx813KgSYqU26kOyzWUdsXYyrg";
  static final String PRK = "09_eUZGrsvxChDCGRCdkLiDXrReGOEVeSCdCcPBSJSc";
  static final String CEK = "oIhVW04MRdy2XN9CiKLxTg";
  static final String NONCE = "4h_95klXJ5E_qnoN";
  static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
    + "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
    + "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

  private static final byte[] HELLO = "{\"room\":\"#general\",\"from\":\"alice\"}".getBytes(StandardCharsets.UTF_8);

  static KeyPair keyPair(String publicKey, String privateKey) {
    return new KeyPair(P256.publicKey(Base64Url.decode(publicKey)), P256.privateKey(Base64Url.decode(privateKey)));
  }

  private static byte[] rfcEncrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret) {
    return WebPushEncryption.encrypt(plaintext, uaPublic, authSecret, keyPair(AS_PUBLIC, AS_PRIVATE),
      Base64Url.decode(SALT), 4096);
  }

  @Test
  @DisplayName("reproduces the worked example of RFC 8291 section 5 byte for byte")
  void reproducesRfcExample() {
    byte[] plaintext = PLAINTEXT.getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(Base64Url.decode(RFC_PLAINTEXT), plaintext, "the RFC's plaintext");

    byte[] body = rfcEncrypt(plaintext, Base64Url.decode(UA_PUBLIC), Base64Url.decode(AUTH_SECRET));

    assertEquals(BODY, Base64Url.encode(body));
  }

  @Test
  @DisplayName("derives the intermediate values of RFC 8291 Appendix A")
  void derivesRfcIntermediateValues() {
    KeyPair sender = keyPair(AS_PUBLIC, AS_PRIVATE);
    byte[] ecdhSecret = P256.sharedSecret((ECPrivateKey) sender.getPrivate(),
      P256.publicKey(Base64Url.decode(UA_PUBLIC)));
    assertEquals(ECDH_SECRET, Base64Url.encode(ecdhSecret), "ecdh_secret");

    byte[] prkKey = Hkdf.extract(Base64Url.decode(AUTH_SECRET), ecdhSecret);
    assertEquals(PRK_KEY, Base64Url.encode(prkKey), "PRK_key");
    byte[] keyInfo = ByteBuffer.allocate(14 + 65 + 65).put("WebPush: info\0".getBytes(StandardCharsets.US_ASCII))
      .put(Base64Url.decode(UA_PUBLIC)).put(Base64Url.decode(AS_PUBLIC)).array();
    byte[] ikm = Hkdf.expand(prkKey, keyInfo, 32);
    assertEquals(IKM, Base64Url.encode(ikm), "IKM");
    byte[] prk = Hkdf.extract(Base64Url.decode(SALT), ikm);
    assertEquals(PRK, Base64Url.encode(prk), "PRK");
    byte[] cek = Hkdf.expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
    assertEquals(CEK, Base64Url.encode(cek), "CEK");
    byte[] nonce = Hkdf.expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
    assertEquals(NONCE, Base64Url.encode(nonce), "NONCE");
  }

  @Test
  @DisplayName("the test's user agent opens the RFC's body with the RFC's receiver key")
  void testDecryptionOpensRfcBody() throws Exception {
    byte[] plaintext = UserAgentDecryption.decrypt(Base64Url.decode(BODY), keyPair(UA_PUBLIC, UA_PRIVATE),
      Base64Url.decode(AUTH_SECRET));

    assertEquals(PLAINTEXT, new String(plaintext, StandardCharsets.US_ASCII));
  }

  @Test
  @DisplayName("a fresh encryption round-trips: the user agent decrypts it back to the plaintext")
  void freshEncryptionRoundTrips() throws Exception {
    KeyPair browser = P256.generateKeyPair();
    byte[] auth = Base64Url.decode("mVbXgJ1sDeKrRMkpc4ZDqQ");

    byte[] body = WebPushEncryption.encrypt(HELLO, P256.uncompressed((ECPublicKey) browser.getPublic()), auth);

    assertEquals(86 + HELLO.length + 1 + 16, body.length);
    assertArrayEquals(HELLO, UserAgentDecryption.decrypt(body, browser, auth));
  }

  @Test
  @DisplayName("two encryptions of the same plaintext differ in salt, sender key and ciphertext")
  void encryptionsDiffer() {
    byte[] uaPublic = Base64Url.decode(UA_PUBLIC);
    byte[] auth = Base64Url.decode(AUTH_SECRET);

    byte[] first = WebPushEncryption.encrypt(HELLO, uaPublic, auth);
    byte[] second = WebPushEncryption.encrypt(HELLO, uaPublic, auth);

    assertFalse(Arrays.equals(Arrays.copyOfRange(first, 0, 16), Arrays.copyOfRange(second, 0, 16)), "salt");
    assertFalse(Arrays.equals(Arrays.copyOfRange(first, 21, 86), Arrays.copyOfRange(second, 21, 86)), "key");
    assertFalse(Arrays.equals(Arrays.copyOfRange(first, 86, first.length),
      Arrays.copyOfRange(second, 86, second.length)), "ciphertext");
  }

  @Test
  @DisplayName("the largest plaintext, 3993 bytes, makes a body of exactly 4096 bytes that still decrypts")
  void largestPlaintextFillsBody() throws Exception {
    KeyPair browser = P256.generateKeyPair();
    byte[] auth = Base64Url.decode(AUTH_SECRET);
    byte[] plaintext = new byte[WebPushEncryption.MAX_PLAINTEXT];
    Arrays.fill(plaintext, (byte) 'x');

    byte[] body = WebPushEncryption.encrypt(plaintext, P256.uncompressed((ECPublicKey) browser.getPublic()), auth);

    assertEquals(3993, WebPushEncryption.MAX_PLAINTEXT);
    assertEquals(4096, body.length);
    assertArrayEquals(plaintext, UserAgentDecryption.decrypt(body, browser, auth));
  }

  @Test
  @DisplayName("rejects a user agent key that is not a point on P-256 (invalid-curve attack)")
  void rejectsPointOffCurve() {
    byte[] offCurve = Base64Url.decode(UA_PUBLIC);
    offCurve[64] ^= 1;

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
      () -> rfcEncrypt(HELLO, offCurve, Base64Url.decode(AUTH_SECRET)));
    assertTrue(refused.getMessage().contains("not a point on the P-256 curve"), refused.getMessage());
  }

  @Test
  @DisplayName("rejects a user agent key of the wrong length, such as a compressed point")
  void rejectsWrongLengthKey() {
    byte[] uaPublic = Base64Url.decode(UA_PUBLIC);
    byte[] compressed = Arrays.copyOf(uaPublic, 33);
    compressed[0] = (byte) (2 + (uaPublic[64] & 1));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
      () -> rfcEncrypt(HELLO, compressed, Base64Url.decode(AUTH_SECRET)));
    assertTrue(refused.getMessage().contains("65-byte uncompressed point, not 33 bytes"), refused.getMessage());
    assertThrows(IllegalArgumentException.class,
      () -> rfcEncrypt(HELLO, Arrays.copyOf(uaPublic, 64), Base64Url.decode(AUTH_SECRET)));
  }

  @Test
  @DisplayName("rejects an auth secret that is not 16 bytes")
  void rejectsWrongLengthAuthSecret() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
      () -> rfcEncrypt(HELLO, Base64Url.decode(UA_PUBLIC), new byte[12]));
    assertEquals("the auth secret must be 16 bytes, not 12", refused.getMessage());
  }

  @Test
  @DisplayName("rejects a plaintext of 3994 bytes: the body would not fit in 4096")
  void rejectsTooLargePlaintext() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
      () -> WebPushEncryption.encrypt(new byte[3994], Base64Url.decode(UA_PUBLIC), Base64Url.decode(AUTH_SECRET)));
    assertTrue(refused.getMessage().contains("at most 3993 bytes"), refused.getMessage());
  }
}
