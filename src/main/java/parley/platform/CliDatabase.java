package parley.platform;

import parley.config.AppConfig;
import parley.db.DatabaseUrl;
import parley.db.EmbeddedDatabase;
import parley.db.Migrations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The database the command line works on: DATABASE_URL's, else the embedded PostgreSQL of PARLEY_DATA_DIR (the one a
 * running server keeps, or started here and stopped afterwards). Its schema is brought up to date first, so that the
 * first operator can be made before the first start.
 */
final class CliDatabase implements AutoCloseable {

  private final DatabaseUrl url;
  private final EmbeddedDatabase startedHere;

  private CliDatabase(DatabaseUrl url, EmbeddedDatabase startedHere) {
    this.url = url;
    this.startedHere = startedHere;
  }

  static CliDatabase open(AppConfig config) throws Exception {
    CliDatabase database;
    if (!config.databaseUrl().isBlank()) {
      database = new CliDatabase(DatabaseUrl.parse(config.databaseUrl()), null);
    } else {
      Path directory = Path.of(config.dataDir(), "postgres");
      Optional<DatabaseUrl> running = EmbeddedDatabase.running(directory);
      if (running.isPresent()) {
        database = new CliDatabase(running.get(), null);
      } else {
        EmbeddedDatabase embedded = EmbeddedDatabase.start(directory, true);
        database = new CliDatabase(embedded.url("postgres"), embedded);
      }
    }
    Migrations.run(database.url);
    return database;
  }

  DatabaseUrl url() {
    return url;
  }

  @Override
  public void close() throws IOException {
    if (startedHere != null) {
      startedHere.close();
    }
  }
}
