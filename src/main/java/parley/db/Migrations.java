package parley.db;

import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

/** Brings the schema up to date with the plain SQL changesets under {@code db/changelog/}. Blocking. */
public final class Migrations {

  private static final String CHANGELOG = "db/changelog/changelog.xml";

  /** Held so the level setting is not lost when the logger is collected. */
  private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

  static {
    LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
    // Liquibase 4.33 asks a remote service for analytics unless told not to.
    System.setProperty("liquibase.analytics.enabled", "false");
    System.setProperty("liquibase.showBanner", "false");
    System.setProperty("liquibase.command.showSummary", "off");
    System.setProperty("liquibase.command.showSummaryOutput", "log");
  }

  private Migrations() {
  }

  public static void run(DatabaseUrl url) throws Exception {
    try (Connection connection = DriverManager.getConnection(url.jdbcUrl())) {
      Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
      try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)) {
        // Progress goes to the log (quiet at WARNING) instead of standard output.
        Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> liquibase.update());
      }
    }
  }
}
