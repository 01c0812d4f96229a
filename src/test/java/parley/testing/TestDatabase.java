package parley.testing;

import parley.db.DatabaseUrl;
import parley.db.EmbeddedDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One PostgreSQL server per test run: the embedded one, or TEST_DATABASE_URL when set. Each test class gets a
 * fresh database on it, so classes never see each other's rows.
 */
public final class TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static DatabaseUrl server;

  private TestDatabase() {
  }

  public static synchronized DatabaseUrl fresh() {
    DatabaseUrl admin = server();
    String name = "parley_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(admin.jdbcUrl());
         Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name, e);
    }
    return admin.withDatabase(name);
  }

  private static DatabaseUrl server() {
    if (server == null) {
      String external = System.getenv("TEST_DATABASE_URL");
      server = external != null && !external.isBlank() ? DatabaseUrl.parse(external) : startEmbedded();
    }
    return server;
  }

  private static DatabaseUrl startEmbedded() {
    try {
      Path directory = Files.createTempDirectory("parley-test-pg");
      EmbeddedDatabase embedded = EmbeddedDatabase.start(directory, false);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          embedded.close();
          deleteRecursively(directory);
        } catch (IOException ignored) {
          // the JVM is exiting; a temp directory left behind is harmless
        }
      }));
      return embedded.url("postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
