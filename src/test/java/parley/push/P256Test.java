package parley.push;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.push.WebPushEncryptionTest.AS_PRIVATE;
import static parley.push.WebPushEncryptionTest.AS_PUBLIC;
import static parley.push.WebPushEncryptionTest.UA_PRIVATE;
import static parley.push.WebPushEncryptionTest.UA_PUBLIC;

@DisplayName("P-256 keys as Web Push encodes them")
class P256Test {

  private static final BigInteger FIELD_PRIME =
    new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
  private static final BigInteger ORDER =
    new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
  private static final BigInteger GENERATOR_X =
    new BigInteger("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16);
  private static final BigInteger GENERATOR_Y =
    new BigInteger("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", 16);
  private static final BigInteger CURVE_B =
    new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

  private static byte[] point(BigInteger x, BigInteger y) {
    byte[] point = new byte[65];
    point[0] = 0x04;
    byte[] xBytes = x.toByteArray();
    byte[] yBytes = y.toByteArray();
    int xLength = Math.min(32, xBytes.length);
    int yLength = Math.min(32, yBytes.length);
    System.arraycopy(xBytes, xBytes.length - xLength, point, 33 - xLength, xLength);
    System.arraycopy(yBytes, yBytes.length - yLength, point, 65 - yLength, yLength);
    return point;
  }

  private static String derivedPublicKey(String privateKey) {
    ECPrivateKey key = P256.privateKey(Base64Url.decode(privateKey));
    return Base64Url.encode(P256.uncompressed(P256.publicKeyOf(key)));
  }

  @Test
  @DisplayName("derives both RFC 8291 example public keys from their private keys")
  void derivesRfcPublicKeys() {
    assertEquals(AS_PUBLIC, derivedPublicKey(AS_PRIVATE));
    assertEquals(UA_PUBLIC, derivedPublicKey(UA_PRIVATE));
  }

  private static byte[] scalar(BigInteger d) {
    return Arrays.copyOfRange(point(d, BigInteger.ZERO), 1, 33);
  }

  @Test
  @DisplayName("derives G from d = 1 and -G from d = n - 1: the two signs of y, one of which needs the flip")
  void derivesBothSignsOfY() {
    assertArrayEquals(point(GENERATOR_X, GENERATOR_Y),
      P256.uncompressed(P256.publicKeyOf(P256.privateKey(scalar(BigInteger.ONE)))));
    assertArrayEquals(point(GENERATOR_X, FIELD_PRIME.subtract(GENERATOR_Y)),
      P256.uncompressed(P256.publicKeyOf(P256.privateKey(scalar(ORDER.subtract(BigInteger.ONE))))));
  }

  @Test
  @DisplayName("derives the public key of freshly generated pairs, whichever sign their y has")
  void derivesGeneratedPublicKeys() {
    for (int i = 0; i < 16; i++) {
      KeyPair pair = P256.generateKeyPair();
      ECPublicKey derived = P256.publicKeyOf((ECPrivateKey) pair.getPrivate());
      assertEquals(((ECPublicKey) pair.getPublic()).getW(), derived.getW());
    }
  }

  @Test
  @DisplayName("an uncompressed point and a 32-byte scalar survive the trip to JDK keys and back")
  void encodingsRoundTrip() {
    byte[] point = Base64Url.decode(UA_PUBLIC);
    byte[] scalar = Base64Url.decode(UA_PRIVATE);

    assertArrayEquals(point, P256.uncompressed(P256.publicKey(point)));
    assertArrayEquals(scalar, P256.scalar(P256.privateKey(scalar)));
  }

  /** The point on the curve with the smallest x: small enough that x + p still fits in 32 bytes. */
  private static BigInteger[] pointWithSmallestX() {
    for (BigInteger x = BigInteger.ZERO; ; x = x.add(BigInteger.ONE)) {
      BigInteger rightHandSide = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(CURVE_B).mod(FIELD_PRIME);
      BigInteger y = rightHandSide.modPow(FIELD_PRIME.add(BigInteger.ONE).shiftRight(2), FIELD_PRIME);
      if (y.multiply(y).mod(FIELD_PRIME).equals(rightHandSide)) {
        return new BigInteger[] {x, y};
      }
    }
  }

  @Test
  @DisplayName("rejects a point whose x is not below the field prime, though x mod p is on the curve")
  void rejectsCoordinateOutOfRange() {
    BigInteger[] onCurve = pointWithSmallestX();
    P256.publicKey(point(onCurve[0], onCurve[1]));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
      () -> P256.publicKey(point(onCurve[0].add(FIELD_PRIME), onCurve[1])));
    assertTrue(refused.getMessage().contains("below the field prime"), refused.getMessage());
  }

  @Test
  @DisplayName("rejects a 65-byte key that does not start with 0x04")
  void rejectsWrongPrefix() {
    byte[] point = Base64Url.decode(UA_PUBLIC);
    point[0] = 0x06;

    assertThrows(IllegalArgumentException.class, () -> P256.publicKey(point));
  }

  @Test
  @DisplayName("rejects a private scalar of zero, of the curve order, or of 31 bytes")
  void rejectsBadScalars() {
    assertThrows(IllegalArgumentException.class, () -> P256.privateKey(new byte[32]));
    assertThrows(IllegalArgumentException.class, () -> P256.privateKey(scalar(ORDER)));
    assertThrows(IllegalArgumentException.class, () -> P256.privateKey(new byte[31]));
  }
}
