package parley.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.bus.ApiError;
import parley.bus.Times;
import parley.service.Sha256;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * One-time password reset links, valid for a day. The code is shown once, to the admin who asked for it; the
 * database keeps only its SHA-256, and a new link for someone replaces the unused ones.
 */
public final class PasswordResets {

  static final int VALID_HOURS = 24;
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final String FORGET_UNUSED = "DELETE FROM password_resets WHERE tenant_id = $1 AND user_id = $2 AND used_at IS NULL";
  // Only for an account with a password: one the identity provider signs in must not get one by a reset link.
  private static final String INSERT = """
    INSERT INTO password_resets (code_hash, tenant_id, user_id, created_by, expires_at)
    SELECT $1, $2, $3, $4, now() + make_interval(hours => $5) FROM users
    WHERE id = $3 AND tenant_id = $2 AND password_hash IS NOT NULL RETURNING expires_at""";
  private static final String USABLE = """
    SELECT u.username FROM password_resets p JOIN users u ON u.id = p.user_id
    WHERE p.code_hash = $1 AND p.tenant_id = $2 AND p.used_at IS NULL AND p.expires_at > now() AND u.deactivated_at IS NULL""";
  private static final String USE = """
    UPDATE password_resets p SET used_at = now() FROM users u
    WHERE p.code_hash = $1 AND p.tenant_id = $2 AND p.used_at IS NULL AND p.expires_at > now() AND u.id = p.user_id
      AND u.deactivated_at IS NULL
    RETURNING p.user_id""";

  /** A new link's code, and when it stops working. */
  public record Issued(String code, String expiresAt) {
  }

  private PasswordResets() {
  }

  public static Future<Issued> issue(SqlClient sql, long tenantId, long userId, long issuedBy) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    return sql.preparedQuery(FORGET_UNUSED).execute(Tuple.of(tenantId, userId))
      .compose(forgotten -> sql.preparedQuery(INSERT).execute(Tuple.of(hash(code), tenantId, userId, issuedBy, VALID_HOURS)))
      .map(rows -> {
        if (rows.size() == 0) {
          throw ApiError.EXTERNAL_ACCOUNT.exception();
        }
        return new Issued(code, Times.iso(rows.iterator().next().getOffsetDateTime("expires_at")));
      });
  }

  /** The username the link is for, or null when it cannot be used. */
  static Future<String> usableFor(SqlClient sql, long tenantId, String code) {
    return sql.preparedQuery(USABLE).execute(Tuple.of(hash(code), tenantId))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("username"));
  }

  /**
   * Spends the link, once, answering whose it was (null when it cannot be used): of two redemptions at the same
   * time, one gets null. Run it in the transaction that sets the password.
   */
  static Future<Long> redeem(SqlClient sql, long tenantId, String code) {
    return sql.preparedQuery(USE).execute(Tuple.of(hash(code), tenantId))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("user_id"));
  }

  private static String hash(String code) {
    return Sha256.hex(code);
  }
}
