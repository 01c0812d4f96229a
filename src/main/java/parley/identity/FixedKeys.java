package parley.identity;

import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.util.List;
import java.util.Set;

/** Keys given in the settings: PEM public keys (RS256, ES256, EdDSA), or a shared secret (HS256, and only that). */
final class FixedKeys implements KeySource {

  private final Set<String> algorithms;
  private final JWTAuth verifier;

  private FixedKeys(Vertx vertx, Set<String> algorithms, List<PubSecKeyOptions> keys) {
    this.algorithms = algorithms;
    this.verifier = JWTAuth.create(vertx, new JWTAuthOptions().setPubSecKeys(keys).setJWTOptions(signatureOnly()));
  }

  static FixedKeys publicKeys(Vertx vertx, String pem) {
    return new FixedKeys(vertx, PemKeys.ALGORITHMS, PemKeys.parse(pem));
  }

  /** The secret's UTF-8 bytes, as the provider signs with them. */
  static FixedKeys sharedSecret(Vertx vertx, String secret) {
    return new FixedKeys(vertx, Set.of("HS256"), List.of(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
  }

  /** Expiry, audience and issuer are {@link TokenClaims}' to check, each with its own answer. */
  static JWTOptions signatureOnly() {
    return new JWTOptions().setIgnoreExpiration(true);
  }

  @Override
  public Set<String> algorithms() {
    return algorithms;
  }

  @Override
  public JWTAuth verifier() {
    return verifier;
  }
}
