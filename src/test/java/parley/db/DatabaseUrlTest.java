package parley.db;

import io.vertx.pgclient.SslMode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("DATABASE_URL")
class DatabaseUrlTest {

  @Test
  @DisplayName("reads the Heroku/Render form, with postgres:// or postgresql://, encoded passwords and sslmode")
  void parsesHerokuStyleUrls() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://app:p%40ss%2Fword@db.internal:6543/chat?sslmode=require");
    assertEquals("db.internal", url.host());
    assertEquals(6543, url.port());
    assertEquals("chat", url.database());
    assertEquals("app", url.user());
    assertEquals("p@ss/word", url.password());
    assertEquals(SslMode.REQUIRE, url.sslMode());
    assertEquals("jdbc:postgresql://db.internal:6543/chat?user=app&password=p%40ss%2Fword&sslmode=require", url.jdbcUrl());
    assertEquals(url, DatabaseUrl.parse(url.toUrl()));
    assertEquals(5432, DatabaseUrl.parse("postgresql://app@localhost/chat").port());
  }

  @Test
  @DisplayName("reads sslrootcert as libpq does, and hands it to JDBC with sslmode; without it JDBC trusts the JVM's store")
  void readsTheRootCertificate() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://app:secret@db.internal/chat?sslmode=verify-full&sslrootcert=%2Fetc%2Fdb%20ca.pem");
    assertEquals(SslMode.VERIFY_FULL, url.sslMode());
    assertEquals("/etc/db ca.pem", url.sslRootCert());
    assertEquals("jdbc:postgresql://db.internal:5432/chat?user=app&password=secret&sslmode=verify-full"
      + "&sslrootcert=%2Fetc%2Fdb+ca.pem", url.jdbcUrl());
    assertEquals(url, DatabaseUrl.parse(url.toUrl()));
    assertEquals(url, DatabaseUrl.parse(url.withDatabase("other").toUrl()).withDatabase("chat"));

    DatabaseUrl jvmTrust = DatabaseUrl.parse("postgresql://app:secret@db.internal/chat?sslmode=verify-ca");
    assertNull(jvmTrust.sslRootCert());
    assertEquals("jdbc:postgresql://db.internal:5432/chat?user=app&password=secret&sslmode=verify-ca"
      + "&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory", jvmTrust.jdbcUrl());
  }

  @Test
  @DisplayName("require with sslrootcert checks the CA, as libpq does (verify-ca)")
  void requireWithRootCertificateVerifies() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://app@db.internal/chat?sslrootcert=/etc/ca.pem&sslmode=require");
    assertEquals(SslMode.VERIFY_CA, url.sslMode());
    assertEquals("/etc/ca.pem", url.sslRootCert());
  }

  @Test
  @DisplayName("rejects URLs of other schemes")
  void rejectsOtherSchemes() {
    IllegalArgumentException mysql = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("mysql://u@h/d"));
    assertTrue(mysql.getMessage().contains("DATABASE_URL"));
  }
}
