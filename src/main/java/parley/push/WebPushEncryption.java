package parley.push;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * Encrypts a push message for one browser subscription (RFC 8291), in the {@code aes128gcm} content coding
 * (RFC 8188) as a single record. The result is the whole request body; send it with
 * {@code Content-Encoding: aes128gcm}.
 */
public final class WebPushEncryption {

  /** The record size written into every header. */
  public static final int RECORD_SIZE = 4096;
  /** Length of the subscription's authentication secret, its {@code auth} key. */
  public static final int AUTH_SECRET_LENGTH = 16;

  static final int SALT_LENGTH = 16;
  private static final int HEADER_LENGTH = SALT_LENGTH + 4 + 1 + P256.UNCOMPRESSED_LENGTH;
  private static final int TAG_LENGTH = 16;
  private static final int MAX_BODY = 4096;
  /**
   * The largest plaintext accepted, 3993 bytes: a push service need not take a body over 4096 bytes
   * (RFC 8291 section 4), and the header (86), padding delimiter (1) and GCM tag (16) use 103 of them.
   */
  public static final int MAX_PLAINTEXT = MAX_BODY - HEADER_LENGTH - 1 - TAG_LENGTH;
  private static final byte LAST_RECORD_DELIMITER = 0x02;
  private static final byte[] KEY_INFO_LABEL = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebPushEncryption() {
  }

  /**
   * Encrypts {@code plaintext} with a fresh ephemeral key pair and a fresh salt, so no two calls share a key.
   *
   * @param uaPublicKey the subscription's {@code p256dh} key, a 65-byte uncompressed P-256 point
   * @param authSecret the subscription's {@code auth} secret, 16 bytes
   * @return salt(16) | rs(4) | idlen(1) = 65 | the ephemeral public key (65) | the encrypted record
   * @throws IllegalArgumentException if the key is not on P-256, the secret is not 16 bytes, or the plaintext
   *   is longer than {@link #MAX_PLAINTEXT}
   */
  public static byte[] encrypt(byte[] plaintext, byte[] uaPublicKey, byte[] authSecret) {
    byte[] salt = new byte[SALT_LENGTH];
    RANDOM.nextBytes(salt);
    return encrypt(plaintext, uaPublicKey, authSecret, P256.generateKeyPair(), salt, RECORD_SIZE);
  }

  /** Deterministic form for known-answer tests: the caller picks the sender's key pair, the salt and rs. */
  static byte[] encrypt(byte[] plaintext, byte[] uaPublicKey, byte[] authSecret, KeyPair sender, byte[] salt,
                        int recordSize) {
    ECPublicKey userAgent = P256.publicKey(uaPublicKey);
    requireLength(authSecret, AUTH_SECRET_LENGTH, "the auth secret");
    requireLength(salt, SALT_LENGTH, "the salt");
    if (plaintext == null) {
      throw new IllegalArgumentException("the plaintext is missing");
    }
    if (recordSize < 1 + TAG_LENGTH + 1) {
      throw new IllegalArgumentException("an aes128gcm record size is at least 18, not " + recordSize);
    }
    if (plaintext.length > MAX_PLAINTEXT || plaintext.length + 1 + TAG_LENGTH > recordSize) {
      throw new IllegalArgumentException("a push message holds at most " + MAX_PLAINTEXT
        + " bytes of plaintext in one record, not " + plaintext.length);
    }
    byte[] uaPublic = P256.uncompressed(userAgent);
    byte[] asPublic = P256.uncompressed((ECPublicKey) sender.getPublic());
    byte[] ecdhSecret = P256.sharedSecret((ECPrivateKey) sender.getPrivate(), userAgent);

    byte[] keyInfo = concat(KEY_INFO_LABEL, uaPublic, asPublic);
    byte[] ikm = Hkdf.expand(Hkdf.extract(authSecret, ecdhSecret), keyInfo, 32);
    byte[] prk = Hkdf.extract(salt, ikm);
    byte[] contentKey = Hkdf.expand(prk, CEK_INFO, 16);
    byte[] nonce = Hkdf.expand(prk, NONCE_INFO, 12);

    byte[] record = sealRecord(plaintext, contentKey, nonce);
    ByteBuffer body = ByteBuffer.allocate(HEADER_LENGTH + record.length);
    body.put(salt).putInt(recordSize).put((byte) asPublic.length).put(asPublic).put(record);
    return body.array();
  }

  private static byte[] sealRecord(byte[] plaintext, byte[] contentKey, byte[] nonce) {
    byte[] padded = Arrays.copyOf(plaintext, plaintext.length + 1);
    padded[plaintext.length] = LAST_RECORD_DELIMITER;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(contentKey, "AES"), new GCMParameterSpec(128, nonce));
      return cipher.doFinal(padded);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JDK", e);
    }
  }

  private static void requireLength(byte[] bytes, int length, String what) {
    if (bytes == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    if (bytes.length != length) {
      throw new IllegalArgumentException(what + " must be " + length + " bytes, not " + bytes.length);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuffer joined = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum());
    Arrays.stream(parts).forEach(joined::put);
    return joined.array();
  }
}
