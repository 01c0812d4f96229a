package parley.identity;

import io.vertx.core.Future;
import io.vertx.ext.auth.jwt.JWTAuth;

import java.util.Set;

/**
 * Where the keys that sign external tokens come from: AUTH_JWKS_URL, AUTH_PUBLIC_KEYS or AUTH_HS256_SECRET, exactly
 * one. A source never hands out a verifier without keys: Vert.x takes a JWTAuth without keys for one that accepts
 * unsigned tokens.
 */
interface KeySource {

  /** The algorithms a token's header may name; keys of other kinds are never loaded. */
  Set<String> algorithms();

  /** A verifier holding every key known now (signatures only), or null when none is. */
  JWTAuth verifier();

  /** A token names a key this source lacks: completes once the source has looked again, if it may. Never fails. */
  default Future<Void> unknownKey() {
    return Future.succeededFuture();
  }
}
