package parley.identity;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/** Sign-ins through the identity provider in progress, in PostgreSQL so that any node can finish one. */
final class SsoLogins {

  /** How long a person may take at the provider: long enough to type a password and answer a second factor. */
  static final int TTL_SECONDS = 600;

  private static final String INSERT = """
    INSERT INTO sso_logins (id, state, nonce, code_verifier, redirect_uri, expires_at, tenant_id)
    VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6), $7)""";
  // Deleted as it is read: whatever the provider's answer turns out to be, this sign-in cannot be finished twice. One
  // begun on another tenant's host is not this tenant's to finish (nor to end).
  private static final String TAKE = """
    DELETE FROM sso_logins WHERE id = $1 AND tenant_id = $2
    RETURNING state, nonce, code_verifier, redirect_uri, expires_at > now() AS fresh""";
  private static final String FORGET_EXPIRED = "DELETE FROM sso_logins WHERE expires_at < now()";

  private SsoLogins() {
  }

  /** A sign-in into {@code tenantId}, the tenant of the host it began on. */
  static Future<Void> insert(SqlClient sql, long tenantId, SsoLogin login) {
    return sql.preparedQuery(INSERT).execute(Tuple.of(login.id(), login.state(), login.nonce(), login.codeVerifier(),
      login.redirectUri(), TTL_SECONDS, tenantId)).mapEmpty();
  }

  /** The sign-in of this id into {@code tenantId}, now gone from the table, or null when there was none. */
  static Future<SsoLogin> take(SqlClient sql, long tenantId, UUID id) {
    return sql.preparedQuery(TAKE).execute(Tuple.of(id, tenantId))
      .map(rows -> rows.size() == 0 ? null : SsoLogin.fromRow(id, rows.iterator().next()));
  }

  /** Those nobody came back for. */
  static Future<Void> forgetExpired(SqlClient sql) {
    return sql.preparedQuery(FORGET_EXPIRED).execute().mapEmpty();
  }
}
