package parley.push;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a browser does with a push body: written apart from {@link WebPushEncryption}, with its own HKDF, so a
 * round trip cannot pass by sharing one mistake on both sides.
 */
final class UserAgentDecryption {

  private UserAgentDecryption() {
  }

  /** The body's header fields, checked, and the plaintext with its 0x02 delimiter removed. */
  static byte[] decrypt(byte[] body, KeyPair userAgent, byte[] authSecret) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    in.get(salt);
    assertEquals(4096, in.getInt(), "record size");
    int keyIdLength = in.get();
    assertEquals(65, keyIdLength, "idlen");
    byte[] senderPublic = new byte[keyIdLength];
    in.get(senderPublic);
    byte[] record = new byte[in.remaining()];
    in.get(record);

    KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
    ecdh.init(userAgent.getPrivate());
    ecdh.doPhase(P256.publicKey(senderPublic), true);
    byte[] ecdhSecret = ecdh.generateSecret();

    byte[] uaPublic = P256.uncompressed((ECPublicKey) userAgent.getPublic());
    byte[] keyInfo = join(ascii("WebPush: info\0"), uaPublic, senderPublic);
    byte[] ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
    byte[] contentKey = hkdf(salt, ikm, ascii("Content-Encoding: aes128gcm\0"), 16);
    byte[] nonce = hkdf(salt, ikm, ascii("Content-Encoding: nonce\0"), 12);

    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(contentKey, "AES"), new GCMParameterSpec(128, nonce));
    byte[] padded = cipher.doFinal(record);
    assertEquals(2, padded[padded.length - 1], "the last record ends with the 0x02 delimiter");
    return Arrays.copyOf(padded, padded.length - 1);
  }

  private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws Exception {
    byte[] prk = hmac(salt, ikm);
    return Arrays.copyOf(hmac(prk, join(info, new byte[] {1})), length);
  }

  private static byte[] hmac(byte[] key, byte[] message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] join(byte[]... parts) {
    ByteBuffer joined = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum());
    for (byte[] part : parts) {
      joined.put(part);
    }
    return joined.array();
  }
}
