package parley.platform;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.auth.Passwords;
import parley.config.AppConfig;
import parley.db.DatabaseUrl;
import parley.db.EmbeddedDatabase;
import parley.db.Migrations;
import parley.testing.TestDatabase;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("java -jar parley.jar admin …, and PLATFORM_ADMIN_PASSWORD")
class AdminCliTest {

  /** What one run of the command line said, and how it ended. */
  private record Run(int exit, String out, String err) {
    /** The password a run showed: its last line. */
    String password() {
      String[] lines = out.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  private static Run admin(DatabaseUrl database, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AppConfig config = AppConfig.withOverrides(new JsonObject().put("DATABASE_URL", database.toUrl()).put("BCRYPT_COST", 4));
    int exit = AdminCli.run(List.of(args), config, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String hashOf(DatabaseUrl database, String operator) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
         PreparedStatement query = connection.prepareStatement("SELECT password_hash FROM platform_operators WHERE username = ?")) {
      query.setString(1, operator);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  @Test
  @DisplayName("create-operator makes an operator on a database not yet migrated and shows a password that is theirs; reset-password replaces it")
  void createsAndResets() throws Exception {
    DatabaseUrl database = TestDatabase.fresh();
    Run created = admin(database, "create-operator", "ada");
    assertEquals(0, created.exit(), created.err());
    String first = created.password();
    assertEquals(24, first.length(), created.out());
    assertTrue(Passwords.matchHere(first, hashOf(database, "ada")));

    Run reset = admin(database, "reset-password", "ada");
    assertEquals(0, reset.exit(), reset.err());
    assertNotEquals(first, reset.password());
    assertTrue(Passwords.matchHere(reset.password(), hashOf(database, "ada")));
    assertFalse(Passwords.matchHere(first, hashOf(database, "ada")));
  }

  @Test
  @DisplayName("rejects making an operator twice, resetting one who does not exist, a bad name and a wrong command, each with a sentence")
  void rejectsMisuse() throws Exception {
    DatabaseUrl database = TestDatabase.fresh();
    assertEquals(0, admin(database, "create-operator", "ada").exit());
    String hash = hashOf(database, "ada");

    Run again = admin(database, "create-operator", "ada");
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("admin reset-password ada"), again.err());
    assertEquals(hash, hashOf(database, "ada"));

    Run nobody = admin(database, "reset-password", "nobody");
    assertEquals(1, nobody.exit());
    assertTrue(nobody.err().contains("no operator named nobody"), nobody.err());

    Run badName = admin(database, "create-operator", "Ada Lovelace");
    assertEquals(2, badName.exit());
    assertTrue(badName.err().contains("3 to 32"), badName.err());
    for (String[] misuse : new String[][] {{}, {"create-operator"}, {"list-tenants", "extra"}, {"drop-everything"}}) {
      Run run = admin(database, misuse);
      assertEquals(2, run.exit(), String.join(" ", misuse));
      assertTrue(run.err().startsWith("Usage: java -jar parley.jar admin"), run.err());
    }
  }

  @Test
  @DisplayName("list-tenants shows each organisation with its people and rooms, and one to be deleted as such")
  void listsTenants(Vertx vertx) {
    TestServer server = TestServer.start(vertx);
    server.register("ann");
    server.register("ben");
    TestServer.Stranger elsewhere = server.strangerElsewhere("elsewhere");
    server.queryOne("UPDATE tenants SET delete_after = '2030-01-01T00:00:00Z' WHERE id = ? RETURNING id", Long.parseLong(elsewhere.tenantId()));

    Run run = admin(server.database, "list-tenants");

    assertEquals(0, run.exit(), run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(1).matches("1\\s+default\\s+Parley\\s+2\\s+1\\s+active"), lines.get(1));
    assertTrue(lines.get(2).matches(elsewhere.tenantId() + "\\s+elsewhere\\s+Elsewhere\\s+1\\s+0\\s+deleted after 2030-01-01.*"), lines.get(2));
  }

  @Test
  @DisplayName("promote makes someone a superadmin of their organisation, and a running server's cached role gives way at once")
  void promotes(Vertx vertx) {
    TestServer server = TestServer.start(vertx);
    server.register("owner");
    TestUser ben = server.register("ben");
    assertEquals("member", ben.get("/api/users/me/permissions").bodyAsJsonObject().getString("role"));

    Run run = admin(server.database, "promote", "default", ben.username());

    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains(ben.username() + " is a superadmin of default now."), run.out());
    long deadline = System.currentTimeMillis() + 5000;
    String role = null;
    while (System.currentTimeMillis() < deadline && !"superadmin".equals(role)) {
      role = ben.get("/api/users/me/permissions").bodyAsJsonObject().getString("role");
    }
    assertEquals("superadmin", role, "the running server kept its cached role");
  }

  @Test
  @DisplayName("rejects promoting in an organisation that does not exist, someone it does not have, someone deactivated, or without both names")
  void rejectsBadPromotions(Vertx vertx) {
    TestServer server = TestServer.start(vertx);
    server.register("owner");
    TestUser gone = server.register("gone");
    server.queryOne("UPDATE users SET deactivated_at = now() WHERE id = ? RETURNING id", Long.parseLong(gone.id()));

    Run noTenant = admin(server.database, "promote", "nowhere", "owner_1");
    assertEquals(1, noTenant.exit());
    assertTrue(noTenant.err().contains("no organisation with the slug nowhere"), noTenant.err());
    Run nobody = admin(server.database, "promote", "default", "nobody");
    assertEquals(1, nobody.exit());
    assertTrue(nobody.err().contains("has nobody named nobody"), nobody.err());
    Run deactivated = admin(server.database, "promote", "default", gone.username());
    assertEquals(1, deactivated.exit());
    assertTrue(deactivated.err().contains("is deactivated"), deactivated.err());
    assertEquals("member", server.queryOne("SELECT r.name FROM users u JOIN roles r ON r.id = u.role_id WHERE u.id = ?",
      Long.parseLong(gone.id())));
    assertEquals(2, admin(server.database, "promote", "default").exit());
  }

  @Test
  @DisplayName("PLATFORM_ADMIN_PASSWORD makes the operator admin on a first start, and rejects changing anything on later starts")
  void firstOperatorFromTheSetting(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, new JsonObject().put("PLATFORM_ADMIN_PASSWORD", "a first password"));
    DatabaseUrl database = server.database;
    assertTrue(Passwords.matchHere("a first password", hashOf(database, "admin")));

    AppConfig later = AppConfig.withOverrides(new JsonObject().put("PLATFORM_ADMIN_PASSWORD", "another password").put("BCRYPT_COST", 4));
    PlatformBootstrap.run(database, later);
    assertTrue(Passwords.matchHere("a first password", hashOf(database, "admin")));
    assertThrows(IllegalArgumentException.class, () -> PlatformBootstrap.run(database,
      AppConfig.withOverrides(new JsonObject().put("PLATFORM_ADMIN_PASSWORD", "too short"))));

    DatabaseUrl withOperator = TestDatabase.fresh();
    assertEquals(0, admin(withOperator, "create-operator", "ada").exit());
    PlatformBootstrap.run(withOperator, later);
    assertEquals(null, hashOf(withOperator, "admin"), "an admin made beside the operator there was");
  }

  @Test
  @DisplayName("without DATABASE_URL, talks to the embedded PostgreSQL a running server keeps, rather than start another")
  void findsTheRunningEmbeddedDatabase() throws Exception {
    Path directory = Files.createTempDirectory("parley-cli-embedded");
    assertTrue(EmbeddedDatabase.running(directory).isEmpty());
    try (EmbeddedDatabase embedded = EmbeddedDatabase.start(directory, false)) {
      DatabaseUrl running = EmbeddedDatabase.running(directory).orElseThrow();
      assertEquals(embedded.url("postgres").port(), running.port());
      Migrations.run(running);
    }
    assertTrue(EmbeddedDatabase.running(directory).isEmpty());
  }
}
