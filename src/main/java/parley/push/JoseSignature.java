package parley.push;

import java.util.Arrays;

/**
 * ES256 signatures in the form JWS wants (RFC 7518 section 3.4): r and s as two 32-byte big-endian numbers,
 * where the JDK's {@code SHA256withECDSA} writes a DER {@code SEQUENCE} of two {@code INTEGER}s.
 */
final class JoseSignature {

  static final int LENGTH = 2 * P256.SCALAR_LENGTH;

  private JoseSignature() {
  }

  /** r || s, each left-padded to 32 bytes, from {@code SEQUENCE { INTEGER r, INTEGER s }}. */
  static byte[] fromDer(byte[] der) {
    // A P-256 signature is at most 72 bytes, so every DER length here is a single short-form byte.
    if (der.length < 8 || der[0] != 0x30 || der[1] != der.length - 2) {
      throw new IllegalArgumentException("not a DER ECDSA signature");
    }
    byte[] jose = new byte[LENGTH];
    int sAt = copyInteger(der, 2, jose, 0);
    int end = copyInteger(der, sAt, jose, P256.SCALAR_LENGTH);
    if (end != der.length) {
      throw new IllegalArgumentException("not a DER ECDSA signature: bytes after s");
    }
    return jose;
  }

  /** Copies the INTEGER at {@code at} into 32 bytes of {@code out}; answers where the next element starts. */
  private static int copyInteger(byte[] der, int at, byte[] out, int outAt) {
    if (at + 2 > der.length || der[at] != 0x02) {
      throw new IllegalArgumentException("not a DER ECDSA signature: INTEGER expected");
    }
    int length = der[at + 1];
    int start = at + 2;
    int end = start + length;
    if (length < 1 || end > der.length) {
      throw new IllegalArgumentException("not a DER ECDSA signature: bad INTEGER length");
    }
    byte[] magnitude = Arrays.copyOfRange(der, start, end);
    int skip = 0;
    while (skip < magnitude.length - 1 && magnitude[skip] == 0) {
      skip++;
    }
    int significant = magnitude.length - skip;
    if (significant > P256.SCALAR_LENGTH) {
      throw new IllegalArgumentException("not a P-256 signature: INTEGER longer than 32 bytes");
    }
    System.arraycopy(magnitude, skip, out, outAt + P256.SCALAR_LENGTH - significant, significant);
    return end;
  }
}
