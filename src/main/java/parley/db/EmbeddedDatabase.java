package parley.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A PostgreSQL 15 server started from the jar's own binaries, for installs without DATABASE_URL and for tests. */
public final class EmbeddedDatabase implements AutoCloseable {

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Blocking: call from a worker thread. Data in {@code dataDirectory} survives restarts. The caller stops it
   * ({@link #close()}) once nothing uses it any more: a stop of its own at JVM exit would race the application's
   * and cut off the sessions of a pool still closing (57P01).
   */
  public static EmbeddedDatabase start(Path dataDirectory, boolean durable) throws IOException {
    Files.createDirectories(dataDirectory);
    stopOrphan(dataDirectory);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
      .setDataDirectory(dataDirectory)
      .setCleanDataDirectory(false)
      .setRegisterShutdownHook(false)
      .setPGStartupWait(Duration.ofSeconds(60))
      .setServerConfig("listen_addresses", "localhost");
    if (durable) {
      builder.setServerConfig("synchronous_commit", "on");
    }
    return new EmbeddedDatabase(builder.start());
  }

  /**
   * The embedded PostgreSQL a running Parley keeps on {@code dataDirectory}, if one runs: its port is the fourth line
   * of {@code postmaster.pid}. The command line talks to it rather than start a second one.
   */
  public static Optional<DatabaseUrl> running(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    try {
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(3).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(postgres -> DatabaseUrl.local(port, "postgres", "postgres"));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * A Parley killed without its shutdown hooks (kill -9) leaves its PostgreSQL running on this data directory,
   * which would refuse a second server. Stop it the way PostgreSQL asks: SIGTERM, then wait.
   */
  private static void stopOrphan(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    } catch (RuntimeException e) {
      return;
    }
    ProcessHandle.of(pid)
      .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false))
      .ifPresent(orphan -> {
        orphan.destroy();
        try {
          orphan.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("An earlier PostgreSQL (pid " + pid + ") still runs on " + dataDirectory, e);
        }
      });
  }

  public DatabaseUrl url(String database) {
    return DatabaseUrl.local(postgres.getPort(), database, "postgres");
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
