package parley.platform;

import parley.role.Permissions;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code admin promote <tenant-slug> <username>}: makes someone a superadmin of their own organisation, for one locked
 * out of its admin. A running server caches each person's role; the change tells it through PostgreSQL
 * ({@link Permissions#DATABASE_CHANNEL}, on commit), since this process is no node of its event bus.
 */
final class Promotion {

  private static final String FIND = """
    SELECT t.id AS tenant_id, u.id AS user_id, u.deactivated_at IS NOT NULL AS deactivated
      FROM tenants t LEFT JOIN users u ON u.tenant_id = t.id AND u.username = ? WHERE t.slug = ?""";
  private static final String PROMOTE = """
    UPDATE users u SET role_id = r.id FROM roles r
     WHERE u.id = ? AND r.tenant_id = u.tenant_id AND r.system AND r.name = 'superadmin'
    RETURNING pg_notify(?, json_build_object('userId', u.id::text)::text)""";

  private Promotion() {
  }

  /** 0 done; 1 with the refusal said when there is no such organisation or person, or they are deactivated. */
  static int run(Connection connection, String slug, String username, PrintStream out, PrintStream err)
    throws SQLException {
    try (PreparedStatement find = connection.prepareStatement(FIND)) {
      find.setString(1, username);
      find.setString(2, slug);
      try (ResultSet found = find.executeQuery()) {
        if (!found.next()) {
          err.println("There is no organisation with the slug " + slug + ". To see them all: admin list-tenants");
          return 1;
        }
        long userId = found.getLong("user_id");
        if (found.wasNull()) {
          err.println("The organisation " + slug + " has nobody named " + username + ".");
          return 1;
        }
        if (found.getBoolean("deactivated")) {
          err.println(username + " of " + slug + " is deactivated and cannot sign in: promote someone active.");
          return 1;
        }
        try (PreparedStatement promote = connection.prepareStatement(PROMOTE)) {
          promote.setLong(1, userId);
          promote.setString(2, Permissions.DATABASE_CHANNEL);
          promote.executeQuery().close();
        }
      }
    }
    out.println(username + " is a superadmin of " + slug + " now.");
    return 0;
  }
}
