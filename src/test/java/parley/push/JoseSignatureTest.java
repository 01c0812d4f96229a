package parley.push;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("ES256 signatures from DER to JOSE form")
class JoseSignatureTest {

  private static byte[] der(byte[] r, byte[] s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.write(2 + r.length + 2 + s.length);
    out.write(0x02);
    out.write(r.length);
    out.writeBytes(r);
    out.write(0x02);
    out.write(s.length);
    out.writeBytes(s);
    return out.toByteArray();
  }

  @Test
  @DisplayName("drops the sign byte of a 33-byte r and left-pads a 31-byte s")
  void normalisesIntegerLengths() {
    byte[] r = new byte[32];
    Arrays.fill(r, (byte) 0x80);
    byte[] s = new byte[31];
    Arrays.fill(s, (byte) 0x11);
    byte[] signedR = new byte[33];
    System.arraycopy(r, 0, signedR, 1, 32);

    byte[] jose = JoseSignature.fromDer(der(signedR, s));

    assertArrayEquals(r, Arrays.copyOfRange(jose, 0, 32));
    byte[] paddedS = new byte[32];
    System.arraycopy(s, 0, paddedS, 1, 31);
    assertArrayEquals(paddedS, Arrays.copyOfRange(jose, 32, 64));
  }

  @Test
  @DisplayName("agrees with the JDK's own P1363 verifier on real signatures")
  void agreesWithJdkP1363() throws Exception {
    KeyPair pair = P256.generateKeyPair();
    byte[] message = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.e30".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 32; i++) {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(pair.getPrivate());
      signer.update(message);
      byte[] jose = JoseSignature.fromDer(signer.sign());

      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(pair.getPublic());
      verifier.update(message);
      assertTrue(verifier.verify(jose));
    }
  }

  @Test
  @DisplayName("rejects bytes that are not a DER SEQUENCE of two INTEGERs")
  void rejectsMalformed() {
    byte[] valid = der(new byte[] {1}, new byte[] {2});
    byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
    trailing[1]++;

    assertThrows(IllegalArgumentException.class, () -> JoseSignature.fromDer(new byte[] {0x31, 0, 0, 0, 0, 0, 0, 0}));
    assertThrows(IllegalArgumentException.class, () -> JoseSignature.fromDer(trailing));
  }
}
