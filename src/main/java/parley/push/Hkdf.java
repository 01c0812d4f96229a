package parley.push;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/** HKDF with SHA-256 (RFC 5869), limited to the single-block outputs Web Push derives (at most 32 bytes). */
final class Hkdf {

  private static final int HASH_LENGTH = 32;

  private Hkdf() {
  }

  static byte[] extract(byte[] salt, byte[] inputKeyingMaterial) {
    return hmac(salt, inputKeyingMaterial);
  }

  static byte[] expand(byte[] pseudorandomKey, byte[] info, int length) {
    if (length < 1 || length > HASH_LENGTH) {
      throw new IllegalArgumentException("one HKDF block gives 1 to 32 bytes, not " + length);
    }
    byte[] infoAndCounter = Arrays.copyOf(info, info.length + 1);
    infoAndCounter[info.length] = 1;
    return Arrays.copyOf(hmac(pseudorandomKey, infoAndCounter), length);
  }

  private static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
