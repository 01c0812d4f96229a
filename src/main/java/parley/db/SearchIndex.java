package parley.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The index of message words in SEARCH_LANGUAGE's text configuration. Changeset 030 made the {@code simple} one; any
 * other is made at start, concurrently, so that writes go on while it builds (a large history takes minutes, and
 * searches find words by their pieces meanwhile). A language the database does not know stops the start. Blocking.
 */
public final class SearchIndex {

  private static final System.Logger LOG = System.getLogger(SearchIndex.class.getName());

  private SearchIndex() {
  }

  public static void ensure(DatabaseUrl url, String language) throws SQLException {
    if (!language.matches("[a-z_]{1,63}")) {
      throw new IllegalArgumentException("SEARCH_LANGUAGE must name a text search configuration, such as simple or english");
    }
    try (Connection connection = DriverManager.getConnection(url.jdbcUrl())) {
      if (!known(connection, language)) {
        throw new IllegalArgumentException("SEARCH_LANGUAGE=" + language + " is not a text search configuration of the"
          + " database (SELECT cfgname FROM pg_ts_config lists them)");
      }
      if (!language.equals("simple")) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS messages_search_" + language
            + " ON messages USING gin (to_tsvector('" + language + "'::regconfig, content))");
        } catch (SQLException raced) {
          // Another node starting at the same moment builds it; searches are right either way, only slower until then.
          LOG.log(System.Logger.Level.WARNING, "The search index for " + language + " was not made here: " + raced.getMessage());
        }
      }
    }
  }

  private static boolean known(Connection connection, String language) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_ts_config WHERE cfgname = ?")) {
      query.setString(1, language);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }
}
