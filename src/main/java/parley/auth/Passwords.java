package parley.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;

/**
 * bcrypt (cost 12 by default), always on a worker thread: one hash takes about half a second of CPU. The same hashes
 * serve the platform's operators ({@link #hashHere}).
 */
public final class Passwords {

  private static final BCrypt.Hasher HASHER =
    BCrypt.with(BCrypt.Version.VERSION_2A, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2A));
  private static final BCrypt.Verifyer VERIFIER =
    BCrypt.verifyer(BCrypt.Version.VERSION_2A, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2A));

  private final Vertx vertx;
  private final int cost;
  /** Checked against when the user does not exist, so both failures take the same time. Made on first use. */
  private volatile byte[] decoy;

  public Passwords(Vertx vertx, int cost) {
    if (cost < 4 || cost > 31) {
      throw new IllegalArgumentException("BCRYPT_COST must be from 4 to 31");
    }
    this.vertx = vertx;
    this.cost = cost;
  }

  Future<String> hash(String password) {
    return vertx.executeBlocking(() -> new String(hashBytes(password), StandardCharsets.UTF_8), false);
  }

  public Future<Boolean> matches(String password, String storedHashOrNull) {
    return vertx.executeBlocking(() -> {
      byte[] hash = storedHashOrNull == null ? decoy() : storedHashOrNull.getBytes(StandardCharsets.UTF_8);
      boolean verified = VERIFIER.verify(password.getBytes(StandardCharsets.UTF_8), hash).verified;
      return verified && storedHashOrNull != null;
    }, false);
  }

  private byte[] hashBytes(String password) {
    return HASHER.hash(cost, password.getBytes(StandardCharsets.UTF_8));
  }

  /** Blocking: for a thread that may wait half a second, such as a command line's or a server's start. */
  public static String hashHere(String password, int cost) {
    return new String(HASHER.hash(cost, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  /** Blocking, as {@link #hashHere}. */
  public static boolean matchHere(String password, String storedHash) {
    return VERIFIER.verify(password.getBytes(StandardCharsets.UTF_8), storedHash.getBytes(StandardCharsets.UTF_8)).verified;
  }

  private byte[] decoy() {
    if (decoy == null) {
      decoy = hashBytes("decoy-password-that-never-matches");
    }
    return decoy;
  }
}
