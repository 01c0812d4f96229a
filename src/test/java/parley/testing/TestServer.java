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
  private final JsonObject settings;
  private int userCounter;

  private TestServer(Vertx vertx, int port, DatabaseUrl database, JsonObject settings) {
    this.vertx = vertx;
    this.port = port;
    this.database = database;
    this.settings = settings.copy().put("PORT", port);
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port));
  }

  /**
   * A Vert.x made as Parley's own start makes one from these settings: what {@link #start(Vertx, JsonObject)} needs
   * when they include METRICS_ENABLED, since Vert.x takes its metrics only as it is created.
   */
  public static Vertx vertx(JsonObject overrides) {
    return Vertx.vertx(AppConfig.withOverrides(overrides).vertxOptions());
  }

  public static TestServer start(Vertx vertx) {
    return start(vertx, new JsonObject());
  }

  public static TestServer start(Vertx vertx, JsonObject overrides) {
    return startNode(vertx, TestDatabase.fresh(), overrides).await();
  }

  /**
   * Parley on {@code vertx} over a database it may share with others: one node of a cluster. Not awaited, so that
   * a test can start several nodes at once.
   */
  public static io.vertx.core.Future<TestServer> startNode(Vertx vertx, DatabaseUrl database, JsonObject overrides) {
    if (vertx.sharedData().getLocalMap("parley.test").putIfAbsent("started", true) != null) {
      throw new IllegalStateException("One Parley per Vertx: two would share their service addresses. Use another Vertx.");
    }
    try {
      JsonObject settings = new JsonObject()
        .put("PORT", 0)
        .put("HOST", "127.0.0.1")
        .put("DATABASE_URL", database.toUrl())
        .put("PARLEY_DATA_DIR", Files.createTempDirectory("parley-test-data").toString())
        .put("BCRYPT_COST", 4)
        .put("AUTH_RATE_LIMIT_PER_MINUTE", 100_000)
        .put("MESSAGE_RATE_LIMIT_PER_MINUTE", 100_000)
        .put("MAX_CONNECTIONS_PER_USER", 1000)
        .put("CONVERSATION_RATE_LIMIT_PER_MINUTE", 100_000)
        .put("MEMBER_ADD_RATE_LIMIT_PER_MINUTE", 100_000)
        .put("ROOM_CREATE_RATE_LIMIT_PER_HOUR", 100_000)
        .put("RENAME_RATE_LIMIT_PER_HOUR", 100_000)
        .put("INVITE_RATE_LIMIT_PER_HOUR", 100_000)
        // Tests that wait for someone to go offline need not wait out a reload's grace.
        .put("PRESENCE_OFFLINE_DELAY_SECONDS", 1)
        .mergeIn(overrides);
      return Main.start(vertx, AppConfig.withOverrides(settings)).map(port -> new TestServer(vertx, port, database, settings));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A node of the cluster that runs in another process, listening on {@code port}: requests go to that port, while
   * this JVM's clustered {@code vertx} makes the clients and publishes the probes (the cluster carries them there).
   * {@link #stop()} and {@link #startAgain()} do not apply; the test owns the process.
   */
  public static TestServer otherProcess(Vertx vertx, int port, DatabaseUrl database, JsonObject settings) {
    return new TestServer(vertx, port, database, settings);
  }

  /** Stops the whole server, as a crash would take it away, so that nothing answers on its port. */
  public void stop() {
    for (String deployment : vertx.deploymentIDs()) {
      vertx.undeploy(deployment).await();
    }
  }

  /** Starts the server again after {@link #stop()}: same port, same database, same secrets. */
  public void startAgain() {
    int again = Main.start(vertx, AppConfig.withOverrides(settings)).await();
    if (again != port) {
      throw new IllegalStateException("restarted on port " + again + " instead of " + port);
    }
  }

  public void restart() {
    stop();
    startAgain();
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

  /**
   * The token of the first platform operator, {@code admin}, signed in with {@code password}: the server's
   * PLATFORM_ADMIN_PASSWORD.
   */
  public String operatorToken(String password) {
    HttpResponse<Buffer> signedIn = http.post("/api/platform/auth/login")
      .sendJsonObject(new JsonObject().put("username", "admin").put("password", password)).await();
    if (signedIn.statusCode() != 200) {
      throw new IllegalStateException("the operator could not sign in: " + signedIn.bodyAsString());
    }
    return signedIn.bodyAsJsonObject().getString("token");
  }

  /** Someone of another tenant, made straight in the database: {@code tenantId} and {@code userId} as the API writes ids. */
  public record Stranger(String tenantId, String userId) {
  }

  /** A new tenant (with its system roles) under {@code slug}, and a member of it named "stranger". */
  public Stranger strangerElsewhere(String slug) {
    long tenant = Long.parseLong(queryOne("INSERT INTO tenants (slug, name) VALUES (?, 'Elsewhere') RETURNING id", slug));
    queryOne("SELECT create_system_roles(?)", tenant);
    String user = queryOne("INSERT INTO users (tenant_id, username, display_name, password_hash, role_id) "
      + "SELECT ?, 'stranger', 'Stranger', 'x', id FROM roles WHERE tenant_id = ? AND name = 'member' RETURNING id", tenant, tenant);
    return new Stranger(Long.toString(tenant), user);
  }

  /** Gives a user one of the tenant's roles by name, straight in the database, and tells the caches. */
  public void setRole(TestUser user, String roleName) {
    String updated = queryOne("UPDATE users SET role_id = (SELECT id FROM roles WHERE tenant_id = 1 AND name = ?) "
      + "WHERE id = ? RETURNING role_id", roleName, Long.parseLong(user.id()));
    if (updated == null) {
      throw new IllegalArgumentException("no user " + user.id());
    }
    vertx.eventBus().publish("evt.perm.changed", new JsonObject());
    // The caches forget asynchronously: the next request must not overtake the news.
    long deadline = System.currentTimeMillis() + 5000;
    while (!roleName.equals(user.get("/api/users/me/permissions").bodyAsJsonObject().getString("role"))) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(user.username() + " never saw the role " + roleName);
      }
    }
  }

  /** Signs {@code user} in again: the same account in a session of its own, with its own token. */
  public TestUser login(TestUser user) {
    return login(user, TestUser.PASSWORD);
  }

  public TestUser login(TestUser user, String password) {
    HttpResponse<Buffer> response = attemptLogin(user, password);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("login " + user.username() + ": " + response.statusCode() + " " + response.bodyAsString());
    }
    JsonObject answer = response.bodyAsJsonObject();
    return new TestUser(this, answer.getJsonObject("user"), answer.getString("token"));
  }

  /** A login of {@code user}'s with {@code password}, answered as it is, for tests of refused logins. */
  public HttpResponse<Buffer> attemptLogin(TestUser user, String password) {
    return http.post("/api/auth/login")
      .sendJsonObject(new JsonObject().put("username", user.username()).put("password", password)).await();
  }

  /** Registers a fresh account whose username starts with {@code name}. */
  public TestUser register(String name) {
    return register(name, null);
  }

  /** Registers a fresh account whose username starts with {@code name}, shown as {@code displayName} when given. */
  public TestUser register(String name, String displayName) {
    String username = (name + "_" + (++userCounter)).toLowerCase();
    JsonObject body = new JsonObject().put("username", username).put("password", TestUser.PASSWORD);
    if (displayName != null) {
      body.put("displayName", displayName);
    }
    HttpResponse<Buffer> response = http.post("/api/auth/register").sendJsonObject(body).await();
    if (response.statusCode() != 201) {
      throw new IllegalStateException("register " + username + ": " + response.statusCode() + " " + response.bodyAsString());
    }
    JsonObject answer = response.bodyAsJsonObject();
    return new TestUser(this, answer.getJsonObject("user"), answer.getString("token"));
  }
}
