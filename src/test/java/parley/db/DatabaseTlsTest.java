package parley.db;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import parley.Main;
import parley.config.AppConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A PostgreSQL of its own, serving TLS with a certificate for "localhost" from a CA only this test knows. The pool
 * (every query once Parley runs) and JDBC (the migrations) are each asked; a refused handshake is all the pool says.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("DATABASE_URL's sslmode: the pool and the migrations check the database server's certificate")
class DatabaseTlsTest {

  private static final String ENCRYPTED = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
  private static final String POOL_REFUSED = "SSL handshake failed";

  @TempDir
  static Path directory;
  private static TestCertificates certificates;
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.makeIn(directory);
    postgres = EmbeddedPostgres.builder()
      .setServerConfig("listen_addresses", "localhost")
      .setServerConfig("ssl", "on")
      .setServerConfig("ssl_cert_file", certificates.serverCertificate().toString())
      .setServerConfig("ssl_key_file", certificates.serverKey().toString())
      .start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  @DisplayName("verify-full with sslrootcert naming the CA that signed the server's certificate connects, encrypted")
  void verifyFullWithTheRightCa(Vertx vertx) throws Exception {
    String url = url("localhost", "verify-full", certificates.ca());
    assertTrue(encryptedThroughThePool(vertx, url));
    assertTrue(encryptedThroughJdbc(url));
  }

  @Test
  @DisplayName("rejects a server whose certificate another CA signed (verify-full), and Parley says so and does not start")
  void rejectsAnotherCa(Vertx vertx, @TempDir Path dataDir) {
    String url = url("localhost", "verify-full", certificates.otherCa());
    assertEquals(POOL_REFUSED, assertThrows(Throwable.class, () -> encryptedThroughThePool(vertx, url)).getMessage());
    assertJdbcRefused(url, "unable to find valid certification path");

    AppConfig config = AppConfig.withOverrides(new JsonObject().put("PORT", 0).put("HOST", "127.0.0.1")
      .put("DATABASE_URL", url).put("PARLEY_DATA_DIR", dataDir.toString()));
    Throwable start = assertThrows(Throwable.class, () -> Main.start(vertx, config).await());
    assertEquals("Cannot connect to the database at localhost:" + postgres.getPort() + " (sslmode=verify-full): "
      + "its certificate is not signed by a CA in " + certificates.otherCa(), start.getMessage());
  }

  @Test
  @DisplayName("rejects a certificate made out to another name than the host (verify-full); verify-ca does not check the name")
  void rejectsAnotherName(Vertx vertx) throws Exception {
    String url = url("127.0.0.1", "verify-full", certificates.ca());
    assertEquals(POOL_REFUSED, assertThrows(Throwable.class, () -> encryptedThroughThePool(vertx, url)).getMessage());
    assertJdbcRefused(url, "The hostname 127.0.0.1 could not be verified");

    String verifyCa = url("127.0.0.1", "verify-ca", certificates.ca());
    assertTrue(encryptedThroughThePool(vertx, verifyCa));
    assertTrue(encryptedThroughJdbc(verifyCa));
  }

  @Test
  @DisplayName("rejects the server with verify-full and no sslrootcert: the JVM's trust store does not know its CA")
  void rejectsWithTheJvmTrustStore(Vertx vertx) {
    String url = url("localhost", "verify-full", null);
    assertEquals(POOL_REFUSED, assertThrows(Throwable.class, () -> encryptedThroughThePool(vertx, url)).getMessage());
    assertJdbcRefused(url, "unable to find valid certification path");
  }

  @Test
  @DisplayName("require connects to a server whose certificate nobody here vouches for, encrypted")
  void requireTrustsAnyCertificate(Vertx vertx) throws Exception {
    String url = url("localhost", "require", null);
    assertTrue(encryptedThroughThePool(vertx, url));
    assertTrue(encryptedThroughJdbc(url));
  }

  private static String url(String host, String sslMode, Path rootCertificate) {
    return "postgresql://postgres@" + host + ":" + postgres.getPort() + "/postgres?sslmode=" + sslMode
      + (rootCertificate == null ? "" : "&sslrootcert=" + rootCertificate);
  }

  /** Through Parley's own pool, as every verticle gets it. */
  private static boolean encryptedThroughThePool(Vertx vertx, String url) {
    Pool pool = Pools.shared(vertx, AppConfig.withOverrides(new JsonObject().put("DATABASE_URL", url)));
    try {
      return pool.query(ENCRYPTED).execute().await().iterator().next().getBoolean(0);
    } finally {
      pool.close().await();
    }
  }

  /** Through the JDBC URL the migrations connect with. */
  private static boolean encryptedThroughJdbc(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(DatabaseUrl.parse(url).jdbcUrl());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(ENCRYPTED)) {
      return rows.next() && rows.getBoolean(1);
    }
  }

  private static void assertJdbcRefused(String url, String why) {
    SQLException refused = assertThrows(SQLException.class, () -> encryptedThroughJdbc(url));
    assertTrue(refused.getMessage().contains(why), refused.getMessage());
  }
}
