package parley.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;

/** bcrypt at cost 12, always on a worker thread: one hash takes about half a second of CPU. */
final class Passwords {

  private static final int COST = 12;
  private static final BCrypt.Hasher HASHER =
    BCrypt.with(BCrypt.Version.VERSION_2A, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2A));
  private static final BCrypt.Verifyer VERIFIER =
    BCrypt.verifyer(BCrypt.Version.VERSION_2A, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2A));
  /** Checked against when the user does not exist, so both failures take the same time. */
  private static final byte[] DECOY = HASHER.hash(COST, "decoy-password-never-matches".getBytes(StandardCharsets.UTF_8));

  private final Vertx vertx;

  Passwords(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<String> hash(String password) {
    return vertx.executeBlocking(() ->
      new String(HASHER.hash(COST, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8), false);
  }

  Future<Boolean> matches(String password, String storedHashOrNull) {
    return vertx.executeBlocking(() -> {
      byte[] hash = storedHashOrNull == null ? DECOY : storedHashOrNull.getBytes(StandardCharsets.UTF_8);
      boolean verified = VERIFIER.verify(password.getBytes(StandardCharsets.UTF_8), hash).verified;
      return verified && storedHashOrNull != null;
    }, false);
  }
}
