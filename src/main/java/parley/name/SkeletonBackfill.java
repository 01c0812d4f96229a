package parley.name;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives names from before skeletons were stored (changeset 015) theirs, and cleans those display names as new ones
 * are cleaned, so that an old bidi override or zero-width space does not outlive the rule. Run at start-up after
 * the migrations, on a plain JDBC connection; a no-op once every row has its skeletons. Room names are not renamed
 * (the unique name index could refuse the cleaned one); the characters cleaning removes were never allowed in them.
 */
public final class SkeletonBackfill {

  private static final String USERS = "SELECT id, username, display_name FROM users WHERE name_skeletons IS NULL";
  private static final String SET_USER = "UPDATE users SET display_name = ?, name_skeletons = ? WHERE id = ?";
  private static final String CHANNELS = "SELECT id, name FROM rooms WHERE kind = 'channel' AND name_skeletons IS NULL";
  private static final String SET_CHANNEL = "UPDATE rooms SET name_skeletons = ? WHERE id = ?";

  private SkeletonBackfill() {
  }

  public static void run(Connection connection) throws SQLException {
    try (Statement select = connection.createStatement(); ResultSet users = select.executeQuery(USERS);
         PreparedStatement update = connection.prepareStatement(SET_USER)) {
      while (users.next()) {
        String username = users.getString("username");
        String cleaned = Names.clean(users.getString("display_name"));
        String displayName = cleaned.isEmpty() ? username : cleaned;
        update.setString(1, displayName);
        update.setArray(2, connection.createArrayOf("text", Skeletons.of(username, displayName)));
        update.setLong(3, users.getLong("id"));
        update.addBatch();
      }
      update.executeBatch();
    }
    try (Statement select = connection.createStatement(); ResultSet channels = select.executeQuery(CHANNELS);
         PreparedStatement update = connection.prepareStatement(SET_CHANNEL)) {
      while (channels.next()) {
        update.setArray(1, connection.createArrayOf("text", Skeletons.of(channels.getString("name"))));
        update.setLong(2, channels.getLong("id"));
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
