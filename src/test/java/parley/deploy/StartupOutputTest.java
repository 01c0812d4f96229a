package parley.deploy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.testing.ParleyProcess;
import parley.testing.Ports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator reads when Parley starts on its embedded PostgreSQL: where the admin area is, and the port to point
 * pg_dump at (docs/operations.md), which changes at every start; and no secret.
 */
@DisplayName("A server starting on its embedded PostgreSQL")
class StartupOutputTest {

  private static final String PUBLIC_URL = "https://chat.example.test";

  @Test
  @DisplayName("prints the admin area's address and the database's port, which takes the user it names without a password, and prints no secret")
  void printsAdminAreaAndDatabasePort(@TempDir Path data) throws Exception {
    JsonObject settings = new JsonObject().put("DATABASE_URL", "").put("PARLEY_DATA_DIR", data.toString())
      .put("PUBLIC_URL", PUBLIC_URL).put("HTTP_INSTANCES", 1);
    String output;
    int databasePort;
    try (ParleyProcess parley = ParleyProcess.start("startup-output", Ports.freeForClusterMember(), settings)) {
      parley.awaitHttp(90_000);
      output = awaitOutput(parley, "Admin area");
      // What the server itself says its port is, against what Parley printed.
      List<String> pidFile = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
      databasePort = Integer.parseInt(pidFile.get(3).trim());
      String printed = "pg_dump -h localhost -p " + databasePort + " -U postgres -Fc postgres";
      assertTrue(output.contains(printed), "prints `" + printed + "`:\n" + output);
      try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/postgres?user=postgres");
           Statement statement = connection.createStatement();
           ResultSet users = statement.executeQuery("SELECT count(*) FROM users")) {
        assertTrue(users.next());
        assertEquals(0, users.getInt(1));
      }
      parley.process.destroy();
      assertTrue(parley.process.waitFor(30, TimeUnit.SECONDS), "it stops on SIGTERM");
    } finally {
      ParleyProcess.stopEmbeddedPostgres(data);
    }
    assertTrue(output.contains("Admin area: sign in at " + PUBLIC_URL + " "), output);
    assertTrue(output.contains("shield button at the top of the sidebar"), output);
    String secret = Files.readString(data.resolve("jwt-secret")).trim();
    assertFalse(output.contains(secret), "the generated JWT secret stays in its file");
    assertFalse(output.toLowerCase().contains("password"), "no password is printed:\n" + output);
  }

  private static String awaitOutput(ParleyProcess parley, String text) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!parley.output().contains(text)) {
      assertTrue(System.currentTimeMillis() < deadline, "never printed " + text + ":\n" + parley.output());
      Thread.sleep(50);
    }
    return parley.output();
  }

}
