package parley.db;

import io.vertx.pgclient.SslMode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
  @DisplayName("rejects URLs of other schemes")
  void rejectsOtherSchemes() {
    IllegalArgumentException mysql = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("mysql://u@h/d"));
    assertTrue(mysql.getMessage().contains("DATABASE_URL"));
  }
}
