package parley.identity;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.auth.User;

/** Users an identity provider signs in, found by their external id (the token's subject) within a tenant. */
final class ExternalUsers {

  private static final String FIND = "SELECT " + User.COLUMNS + ", u.email, u.avatar_url, u.locale"
    + " FROM users u JOIN roles r ON r.id = u.role_id WHERE u.tenant_id = $1 AND u.external_id = $2";

  private static final String USERNAME_TAKEN = "SELECT EXISTS (SELECT 1 FROM users WHERE tenant_id = $1 AND username = $2) AS taken";

  /** No password: nothing but the provider's tokens signs them in. */
  private static final String INSERT = """
    WITH u AS (
      INSERT INTO users (tenant_id, username, display_name, role_id, name_skeletons, external_id, email, avatar_url, locale)
      SELECT $1, $2, $3, id, $5, $6, $7, $8, $9 FROM roles WHERE tenant_id = $1 AND system AND name = $4
      ON CONFLICT (tenant_id, external_id) DO NOTHING
      RETURNING *
    )
    SELECT %s FROM u JOIN roles r ON r.id = u.role_id""".formatted(User.COLUMNS);

  private static final String UPDATE = """
    UPDATE users SET display_name = $3, name_skeletons = $4, email = $5, avatar_url = $6, locale = $7
    WHERE tenant_id = $1 AND id = $2""";

  /** A provisioned user and the profile they have now. */
  record Known(User user, String email, String avatarUrl, String locale) {

    static Known fromRow(Row row) {
      return new Known(User.fromRow(row), row.getString("email"), row.getString("avatar_url"), row.getString("locale"));
    }
  }

  private ExternalUsers() {
  }

  static Future<Known> find(SqlClient sql, long tenantId, String externalId) {
    return sql.preparedQuery(FIND).execute(Tuple.of(tenantId, externalId))
      .map(rows -> rows.size() == 0 ? null : Known.fromRow(rows.iterator().next()));
  }

  static Future<Boolean> usernameTaken(SqlClient sql, long tenantId, String username) {
    return sql.preparedQuery(USERNAME_TAKEN).execute(Tuple.of(tenantId, username)).map(rows -> rows.iterator().next().getBoolean("taken"));
  }

  /** The new user, or null when another request made the user of this external id first. */
  static Future<User> insert(SqlClient sql, long tenantId, String externalId, String username, String displayName,
                             String[] skeletons, String systemRole, Profile profile) {
    Tuple values = Tuple.of(tenantId, username, displayName, systemRole).addArrayOfString(skeletons)
      .addString(externalId).addString(profile.email()).addString(profile.avatarUrl()).addString(profile.locale());
    return sql.preparedQuery(INSERT).execute(values).map(rows -> rows.size() == 0 ? null : User.fromRow(rows.iterator().next()));
  }

  static Future<Void> update(SqlClient sql, long tenantId, long userId, String displayName, String[] skeletons, Profile profile) {
    Tuple values = Tuple.of(tenantId, userId, displayName).addArrayOfString(skeletons)
      .addString(profile.email()).addString(profile.avatarUrl()).addString(profile.locale());
    return sql.preparedQuery(UPDATE).execute(values).mapEmpty();
  }
}
