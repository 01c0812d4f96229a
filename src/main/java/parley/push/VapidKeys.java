package parley.push;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;

/**
 * The server's VAPID identity (RFC 8292): one ES256 key pair that signs a short-lived JWT for each push service.
 * Browsers bind a subscription to {@link #publicKeyBase64Url()}, so the private key must outlive restarts.
 */
public final class VapidKeys {

  /** RFC 8292 section 2: a token's exp must not be more than 24 hours after the request. */
  public static final Duration MAX_VALIDITY = Duration.ofHours(24);

  private static final String JWT_HEADER = Base64Url.encode(
    "{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));

  private final ECPrivateKey privateKey;
  private final ECPublicKey publicKey;

  private VapidKeys(ECPrivateKey privateKey, ECPublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** A new key pair. Keep {@link #privateKeyBase64Url()} somewhere safe: losing it orphans every subscription. */
  public static VapidKeys generate() {
    KeyPair pair = P256.generateKeyPair();
    return new VapidKeys((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
  }

  /**
   * The key pair whose private scalar d is {@code base64urlD}; the public key is derived from it.
   *
   * @throws IllegalArgumentException if it is not base64url of 32 bytes, or not a valid P-256 scalar
   */
  public static VapidKeys fromPrivateKey(String base64urlD) {
    ECPrivateKey privateKey = P256.privateKey(Base64Url.decode(base64urlD));
    return new VapidKeys(privateKey, P256.publicKeyOf(privateKey));
  }

  /** The 65-byte uncompressed public key, base64url: the {@code applicationServerKey} of pushManager.subscribe. */
  public String publicKeyBase64Url() {
    return Base64Url.encode(P256.uncompressed(publicKey));
  }

  /** The 32-byte private scalar d, base64url: what {@link #fromPrivateKey} reads back. */
  public String privateKeyBase64Url() {
    return Base64Url.encode(P256.scalar(privateKey));
  }

  /**
   * The {@code Authorization} header value for one push service: {@code vapid t=<JWT>, k=<public key>}.
   *
   * @param audienceOrigin the push service's origin, such as {@code https://push.example.net} (no path)
   * @param subject a contact for the push service's operator: a {@code mailto:} or {@code https:} URI
   * @param expiresAtEpochSeconds when the token expires; at most 24 hours from now, and a margin below that
   *   spares trouble with push services whose clocks run ahead
   * @throws IllegalArgumentException if the audience is not an origin, the subject not such a URI, or the
   *   expiry past or more than 24 hours ahead
   */
  public String authorization(String audienceOrigin, String subject, long expiresAtEpochSeconds) {
    return authorization(audienceOrigin, subject, expiresAtEpochSeconds, Instant.now().getEpochSecond());
  }

  String authorization(String audienceOrigin, String subject, long expiresAtEpochSeconds, long nowEpochSeconds) {
    requireOrigin(audienceOrigin);
    if (subject == null || !(subject.startsWith("mailto:") || subject.startsWith("https:"))) {
      throw new IllegalArgumentException("the VAPID subject must be a mailto: or https: URI");
    }
    if (expiresAtEpochSeconds <= nowEpochSeconds) {
      throw new IllegalArgumentException("the VAPID token would already be expired");
    }
    if (expiresAtEpochSeconds - nowEpochSeconds > MAX_VALIDITY.toSeconds()) {
      throw new IllegalArgumentException("a VAPID token may expire at most 24 hours ahead (RFC 8292)");
    }
    String claims = new JsonObject()
      .put("aud", audienceOrigin)
      .put("exp", expiresAtEpochSeconds)
      .put("sub", subject)
      .encode();
    String signingInput = JWT_HEADER + "." + Base64Url.encode(claims.getBytes(StandardCharsets.UTF_8));
    String jwt = signingInput + "." + Base64Url.encode(sign(signingInput));
    return "vapid t=" + jwt + ", k=" + publicKeyBase64Url();
  }

  private byte[] sign(String signingInput) {
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(privateKey);
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return JoseSignature.fromDer(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ES256 signing failed", e);
    }
  }

  private static void requireOrigin(String audience) {
    URI uri;
    try {
      uri = new URI(audience == null ? "" : audience);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the VAPID audience is not a URI");
    }
    boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
    boolean originOnly = uri.getRawUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
      && uri.getRawQuery() == null && uri.getRawFragment() == null;
    if (!web || uri.getHost() == null || !originOnly) {
      throw new IllegalArgumentException(
        "the VAPID audience must be the push service's origin, like https://push.example.net, not a full URL");
    }
  }

  /** Shows only the public key, so the private one never lands in a log. */
  @Override
  public String toString() {
    return "VapidKeys[" + publicKeyBase64Url() + "]";
  }
}
