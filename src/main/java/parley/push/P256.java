package parley.push;

import javax.crypto.KeyAgreement;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

/**
 * The NIST P-256 curve as Web Push uses it: public keys as 65-byte uncompressed points
 * ({@code 0x04 | x | y}, SEC 1 section 2.3.3), private keys as 32-byte scalars.
 */
public final class P256 {

  /** Length of an uncompressed point: the 0x04 prefix and two 32-byte coordinates. */
  public static final int UNCOMPRESSED_LENGTH = 65;
  static final int SCALAR_LENGTH = 32;

  private static final ECParameterSpec CURVE = curveParameters();
  private static final BigInteger P = ((ECFieldFp) CURVE.getCurve().getField()).getP();
  private static final BigInteger A = CURVE.getCurve().getA();
  private static final BigInteger B = CURVE.getCurve().getB();

  private P256() {
  }

  /** A fresh key pair from the JDK's strong random source. */
  public static KeyPair generateKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is missing from this JDK", e);
    }
  }

  /**
   * Reads an uncompressed point, checking that it lies on P-256: accepting a point off the curve would let
   * whoever sent it learn our ECDH private key bit by bit (the invalid-curve attack; see the Security
   * Considerations of RFC 8291).
   *
   * @throws IllegalArgumentException if the bytes are not a 65-byte uncompressed point on P-256
   */
  public static ECPublicKey publicKey(byte[] uncompressed) {
    if (uncompressed == null || uncompressed.length != UNCOMPRESSED_LENGTH) {
      throw new IllegalArgumentException("a P-256 public key is a 65-byte uncompressed point, not "
        + (uncompressed == null ? "nothing" : uncompressed.length + " bytes"));
    }
    if (uncompressed[0] != 0x04) {
      throw new IllegalArgumentException("a P-256 public key must be an uncompressed point (first byte 0x04)");
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 1 + SCALAR_LENGTH));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1 + SCALAR_LENGTH, UNCOMPRESSED_LENGTH));
    if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
      throw new IllegalArgumentException("a P-256 public key's coordinates must be below the field prime");
    }
    if (!y.multiply(y).mod(P).equals(rightHandSide(x))) {
      throw new IllegalArgumentException("that public key is not a point on the P-256 curve");
    }
    return publicKey(new ECPoint(x, y));
  }

  /** The key as a 65-byte uncompressed point. */
  public static byte[] uncompressed(ECPublicKey key) {
    byte[] point = new byte[UNCOMPRESSED_LENGTH];
    point[0] = 0x04;
    System.arraycopy(unsigned32(key.getW().getAffineX()), 0, point, 1, SCALAR_LENGTH);
    System.arraycopy(unsigned32(key.getW().getAffineY()), 0, point, 1 + SCALAR_LENGTH, SCALAR_LENGTH);
    return point;
  }

  /**
   * A private key from its 32-byte big-endian scalar d.
   *
   * @throws IllegalArgumentException if the scalar is not 32 bytes or not in [1, n-1]
   */
  public static ECPrivateKey privateKey(byte[] scalar) {
    if (scalar == null || scalar.length != SCALAR_LENGTH) {
      throw new IllegalArgumentException("a P-256 private key is a 32-byte scalar, not "
        + (scalar == null ? "nothing" : scalar.length + " bytes"));
    }
    BigInteger d = new BigInteger(1, scalar);
    if (d.signum() == 0 || d.compareTo(CURVE.getOrder()) >= 0) {
      throw new IllegalArgumentException("a P-256 private key must be between 1 and the curve order");
    }
    try {
      return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, CURVE));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is missing from this JDK", e);
    }
  }

  /** The private key's scalar d, 32 bytes big-endian. */
  public static byte[] scalar(ECPrivateKey key) {
    return unsigned32(key.getS());
  }

  /**
   * The public key Q = d·G that belongs to a private key.
   *
   * <p>The JDK has no public API for d·G, but ECDH of d with the generator G is exactly x(d·G), computed by the
   * JDK's hardened code, so no arithmetic on the secret happens here. The curve equation gives y up to its sign;
   * a signature made with d verifies under only one of the two candidates.
   */
  public static ECPublicKey publicKeyOf(ECPrivateKey privateKey) {
    BigInteger x = new BigInteger(1, sharedSecret(privateKey, publicKey(CURVE.getGenerator())));
    BigInteger y = rightHandSide(x).modPow(P.add(BigInteger.ONE).shiftRight(2), P);
    ECPublicKey candidate = publicKey(new ECPoint(x, y));
    return signsFor(privateKey, candidate) ? candidate : publicKey(new ECPoint(x, P.subtract(y)));
  }

  /** Plain ECDH: the x coordinate of the shared point, 32 bytes. */
  static byte[] sharedSecret(ECPrivateKey ours, ECPublicKey theirs) {
    try {
      KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
      agreement.init(ours);
      agreement.doPhase(theirs, true);
      return agreement.generateSecret();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("ECDH on P-256 failed: " + e.getMessage(), e);
    }
  }

  private static boolean signsFor(ECPrivateKey privateKey, ECPublicKey candidate) {
    try {
      byte[] probe = "P256.publicKeyOf".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(privateKey);
      signer.update(probe);
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(candidate);
      verifier.update(probe);
      return verifier.verify(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ECDSA on P-256 failed", e);
    }
  }

  /** x³ + ax + b mod p: what y² must equal for (x, y) to be on the curve. */
  private static BigInteger rightHandSide(BigInteger x) {
    return x.pow(3).add(A.multiply(x)).add(B).mod(P);
  }

  private static ECPublicKey publicKey(ECPoint point) {
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, CURVE));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is missing from this JDK", e);
    }
  }

  private static byte[] unsigned32(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length == SCALAR_LENGTH) {
      return bytes;
    }
    byte[] fixed = new byte[SCALAR_LENGTH];
    int length = Math.min(bytes.length, SCALAR_LENGTH);
    System.arraycopy(bytes, bytes.length - length, fixed, SCALAR_LENGTH - length, length);
    return fixed;
  }

  private static ECParameterSpec curveParameters() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is missing from this JDK", e);
    }
  }
}
