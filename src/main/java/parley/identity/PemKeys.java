package parley.identity;

import io.vertx.ext.auth.PubSecKeyOptions;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AUTH_PUBLIC_KEYS: one or more {@code -----BEGIN PUBLIC KEY-----} blocks. Each key's kind says its algorithm: RSA
 * is RS256, EC on P-256 is ES256, Ed25519 or Ed448 is EdDSA. Anything else, a private key above all, stops the start.
 */
final class PemKeys {

  static final Set<String> ALGORITHMS = Set.of("RS256", "ES256", "EdDSA");

  private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final BigInteger P256_ORDER =
    new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

  private PemKeys() {
  }

  static List<PubSecKeyOptions> parse(String text) {
    // An environment variable often carries the line breaks as \n.
    String pem = text.replace("\\n", "\n");
    List<PubSecKeyOptions> keys = new ArrayList<>();
    Matcher block = BLOCK.matcher(pem);
    while (block.find()) {
      if (!block.group(1).equals("PUBLIC KEY")) {
        throw new IllegalArgumentException("AUTH_PUBLIC_KEYS may hold only PUBLIC KEY blocks, not " + block.group(1)
          + (block.group(1).contains("PRIVATE") ? ": give Parley the provider's public key, never its private key" : ""));
      }
      byte[] der = Base64.getMimeDecoder().decode(block.group(2).trim());
      keys.add(new PubSecKeyOptions().setAlgorithm(algorithmOf(der)).setBuffer(block.group()));
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("AUTH_PUBLIC_KEYS holds no -----BEGIN PUBLIC KEY----- block");
    }
    return keys;
  }

  private static String algorithmOf(byte[] der) {
    PublicKey key = decode("RSA", der);
    if (key != null) {
      return "RS256";
    }
    key = decode("EC", der);
    if (key instanceof ECPublicKey ec && ec.getParams().getOrder().equals(P256_ORDER)) {
      return "ES256";
    }
    if (key != null) {
      throw new IllegalArgumentException("AUTH_PUBLIC_KEYS holds an EC key on a curve other than P-256 (ES256)");
    }
    if (decode("EdDSA", der) != null) {
      return "EdDSA";
    }
    throw new IllegalArgumentException("AUTH_PUBLIC_KEYS holds a key that is neither RSA, EC P-256 nor EdDSA");
  }

  private static PublicKey decode(String kind, byte[] der) {
    try {
      return KeyFactory.getInstance(kind).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException notThisKind) {
      return null;
    }
  }
}
