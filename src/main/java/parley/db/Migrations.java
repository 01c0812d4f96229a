package parley.db;

import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import parley.name.SkeletonBackfill;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Brings the schema up to date with the plain SQL changesets under {@code db/changelog/}, then fills in what SQL
 * cannot compute ({@link SkeletonBackfill}). Blocking.
 */
public final class Migrations {

  private static final String CHANGELOG = "db/changelog/changelog.xml";
  /** Any number, the same on every node: the PostgreSQL advisory lock that migrating nodes take turns at. */
  private static final long LOCK = 0x7061726c6579L;

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
    try (Connection lock = connect(url)) {
      // Liquibase's own lock table cannot guard its creation: nodes starting together on an empty database race to
      // create it (and databasechangelog). A session lock can, and a node that dies holding it lets go with its connection.
      try (Statement statement = lock.createStatement()) {
        statement.execute("SELECT pg_advisory_lock(" + LOCK + ")");
      }
      // Liquibase closes the connection it is given, so it gets its own; this one keeps the lock until the backfill is done.
      update(connect(url));
      SkeletonBackfill.run(lock);
    }
  }

  /** Connects as the pool will: a database Parley cannot reach, or must not trust, stops the start-up with the reason. */
  private static Connection connect(DatabaseUrl url) {
    try {
      return DriverManager.getConnection(url.jdbcUrl());
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot connect to the database at " + url.host() + ":" + url.port()
        + DatabaseTls.describe(url.sslMode()) + ": " + reason(e, url), e);
    }
  }

  private static String reason(SQLException failure, DatabaseUrl url) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
        return "its certificate is not signed by " + DatabaseTls.trusted(url.sslRootCert());
      }
    }
    return failure.getMessage();
  }

  private static void update(Connection connection) throws Exception {
    Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
    try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)) {
      // Progress goes to the log (quiet at WARNING) instead of standard output.
      Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> liquibase.update());
    }
  }
}
