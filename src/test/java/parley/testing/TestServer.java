package parley.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import parley.Main;
import parley.config.AppConfig;
import parley.db.DatabaseUrl;

import java.nio.file.Files;

/**
 * A whole Parley on a free port, with its own fresh database: what a test class starts once in
 * {@code @BeforeAll}. Settings a test does not name are the defaults, except the few below that keep the suite
 * quick (a cheaper bcrypt cost, generous limits); the tests for those settings set them back.
 */
public final class TestServer {

  public final Vertx vertx;
  public final int port;
  public final WebClient http;
  public final DatabaseUrl database;
  private int userCounter;

  private TestServer(Vertx vertx, int port, DatabaseUrl database) {
    this.vertx = vertx;
    this.port = port;
    this.database = database;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port));
  }

  public static TestServer start(Vertx vertx) {
    return start(vertx, new JsonObject());
  }

  public static TestServer start(Vertx vertx, JsonObject overrides) {
    if (vertx.sharedData().getLocalMap("parley.test").putIfAbsent("started", true) != null) {
      throw new IllegalStateException("One Parley per Vertx: two would share their service addresses. Use another Vertx.");
    }
    try {
      DatabaseUrl database = TestDatabase.fresh();
      JsonObject settings = new JsonObject()
        .put("PORT", 0)
        .put("HOST", "127.0.0.1")
        .put("DATABASE_URL", database.toUrl())
        .put("PARLEY_DATA_DIR", Files.createTempDirectory("parley-test-data").toString())
        .put("BCRYPT_COST", 4)
        .put("AUTH_RATE_LIMIT_PER_MINUTE", 100_000)
        .put("MESSAGE_RATE_LIMIT_PER_MINUTE", 100_000)
        .mergeIn(overrides);
      int port = Main.start(vertx, AppConfig.withOverrides(settings)).await();
      return new TestServer(vertx, port, database);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** The first column of the first row, read straight from this server's database (blocking; test threads only). */
  public String queryOne(String sql, Object... params) {
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(database.jdbcUrl());
         java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (java.sql.ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Gives a user one of the tenant's roles by name, straight in the database, and tells the caches. */
  public void setRole(TestUser user, String roleName) {
    String updated = queryOne("UPDATE users SET role_id = (SELECT id FROM roles WHERE tenant_id = 1 AND name = ?) "
      + "WHERE id = ? RETURNING role_id", roleName, Long.parseLong(user.id()));
    if (updated == null) {
      throw new IllegalArgumentException("no user " + user.id());
    }
    vertx.eventBus().publish("evt.perm.changed", new JsonObject());
  }

  /** Registers a fresh account whose username starts with {@code name}. */
  public TestUser register(String name) {
    String username = (name + "_" + (++userCounter)).toLowerCase();
    HttpResponse<Buffer> response = http.post("/api/auth/register")
      .sendJsonObject(new JsonObject().put("username", username).put("password", "correct horse battery"))
      .await();
    if (response.statusCode() != 201) {
      throw new IllegalStateException("register " + username + ": " + response.statusCode() + " " + response.bodyAsString());
    }
    JsonObject body = response.bodyAsJsonObject();
    return new TestUser(this, body.getJsonObject("user"), body.getString("token"));
  }
}
