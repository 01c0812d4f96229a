package parley.shutdown;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.db.DatabaseUrl;
import parley.testing.BridgeClient;
import parley.testing.ParleyProcess;
import parley.testing.Ports;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parley in a process of its own, with its embedded PostgreSQL in a fresh data directory, stopped the way platforms
 * stop it: SIGTERM ({@link Process#destroy()}). A trigger the test installs holds one message's insert in the
 * database, so that a {@code chat.send} is surely in flight when the signal lands.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A server stopped with SIGTERM")
class GracefulShutdownTest {

  private static final String SLOW = "slow";
  private static final double SLOW_SECONDS = 1.5;
  private static final int MORE_SENDS = 3;

  @Test
  @DisplayName("answers the chat.send in flight, then tells the socket to reconnect, stops PostgreSQL last (no 57P01), and after a restart the client's retries store nothing twice")
  void sigtermLosesNothing(Vertx vertx) throws Exception {
    Path data = Files.createTempDirectory("parley-graceful");
    try {
      scenario(vertx, data);
    } finally {
      deleteRecursively(data);
    }
  }

  private static void scenario(Vertx vertx, Path data) throws Exception {
    String token;
    String room;
    Map<String, JsonObject> sends = new LinkedHashMap<>();
    Map<String, JsonObject> firstAnswers = new LinkedHashMap<>();
    String closedWith;
    String output;
    long started = System.currentTimeMillis();
    long up;
    long signalled;
    long ended;
    try (ParleyProcess parley = ParleyProcess.start("graceful-first", Ports.freeForClusterMember(), settings(data))) {
      parley.awaitHttp(90_000);
      up = System.currentTimeMillis();
      DatabaseUrl database = embeddedDatabase(data);
      TestServer server = TestServer.otherProcess(vertx, parley.port, database, settings(data));
      TestUser alice = server.register("alice");
      token = alice.token;
      room = alice.generalRoomId();
      execute(database, """
        CREATE FUNCTION test_slow_send() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.content = '%s' THEN PERFORM pg_sleep(%s); END IF;
          RETURN NEW;
        END $$""".formatted(SLOW, SLOW_SECONDS));
      execute(database, "CREATE TRIGGER test_slow_send BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION test_slow_send()");

      try (BridgeClient client = BridgeClient.connect(server, BridgeClient.Auth.bearer(token))) {
        Map<String, CompletableFuture<JsonObject>> replies = new LinkedHashMap<>();
        send(client, room, SLOW, sends, replies);
        awaitSleeping(database);
        // Behind the held one in the room, or read only once the bridge stopped taking requests: answered or retried.
        for (int i = 0; i < MORE_SENDS; i++) {
          send(client, room, "more " + i, sends, replies);
        }
        parley.process.destroy();
        signalled = System.currentTimeMillis();
        // Most likely after the bridge stopped taking requests: left unanswered, for the client to send again.
        awaitOutput(parley, "Parley is stopping");
        send(client, room, "late", sends, replies);

        JsonObject slowReply = replies.get(SLOW).get(10, TimeUnit.SECONDS);
        assertEquals("rec", slowReply.getString("type"), "the send in flight is answered: " + slowReply);
        closedWith = client.awaitClose(15_000);
        // Answers come before the close; what has none now never will (the client gave up on those when it closed).
        replies.forEach((content, reply) -> {
          if (reply.isDone() && !reply.isCompletedExceptionally()) {
            JsonObject frame = reply.join();
            assertEquals("rec", frame.getString("type"), content + " answered with a failure: " + frame);
            firstAnswers.put(content, frame.getJsonObject("body").getJsonObject("message"));
          }
        });
      }
      assertTrue(parley.process.waitFor(30, TimeUnit.SECONDS), "the process ends");
      ended = System.currentTimeMillis();
      output = parley.output();
    } finally {
      ParleyProcess.stopEmbeddedPostgres(data);
    }
    assertEquals("1012 Server restarting", closedWith, "the socket is told to reconnect");
    assertTrue(output.contains("Parley stopped"), "the graceful stop ran to its end:\n" + output);
    assertFalse(output.contains("57P01") || output.contains("terminating connection"), "no session was cut off:\n" + output);

    long restarted = System.currentTimeMillis();
    long upAgain;
    try (ParleyProcess parley = ParleyProcess.start("graceful-again", Ports.freeForClusterMember(), settings(data))) {
      parley.awaitHttp(90_000);
      upAgain = System.currentTimeMillis();
      DatabaseUrl database = embeddedDatabase(data);
      execute(database, "DROP TRIGGER test_slow_send ON messages");
      TestServer server = TestServer.otherProcess(vertx, parley.port, database, settings(data));
      // Every send again with its clientMsgId, as a client does with the ones left unanswered when its socket closed.
      try (BridgeClient client = BridgeClient.connect(server, BridgeClient.Auth.bearer(token))) {
        for (Map.Entry<String, JsonObject> send : sends.entrySet()) {
          JsonObject stored = client.request("chat.send", send.getValue()).getJsonObject("message");
          assertEquals(send.getKey(), stored.getString("content"));
          JsonObject first = firstAnswers.get(send.getKey());
          if (first != null) {
            assertEquals(first.getString("id"), stored.getString("id"), "a retry of an answered send answers the stored one");
          }
        }
      }
      assertEquals(Collections.nCopies(sends.size(), 1L), storedPerClientMsgId(database, sends), "each send stored exactly once");
      parley.process.destroy();
      assertTrue(parley.process.waitFor(30, TimeUnit.SECONDS), "the restarted process ends");
    } finally {
      ParleyProcess.stopEmbeddedPostgres(data);
    }
    System.out.printf("SIGTERM with a send in flight: %d of %d sends answered before the socket closed (%s); "
        + "first start %d ms, stop %d ms after the signal, restart %d ms, all %d ms%n", firstAnswers.size(), sends.size(),
      closedWith, up - started, ended - signalled, upAgain - restarted, System.currentTimeMillis() - started);
  }

  private static JsonObject settings(Path data) {
    return new JsonObject().put("DATABASE_URL", "").put("PARLEY_DATA_DIR", data.toString()).put("HTTP_INSTANCES", 2);
  }

  private static void send(BridgeClient client, String room, String content, Map<String, JsonObject> sends,
                           Map<String, CompletableFuture<JsonObject>> replies) {
    JsonObject body = new JsonObject().put("roomId", room).put("content", content).put("clientMsgId", "graceful-" + content);
    sends.put(content, body);
    replies.put(content, client.requestAsync("chat.send", body, null));
  }

  private static void awaitOutput(ParleyProcess parley, String line) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!parley.output().contains(line)) {
      assertTrue(System.currentTimeMillis() < deadline, "never printed " + line + ":\n" + parley.output());
      Thread.sleep(10);
    }
  }

  /** The slow message's insert is sleeping in its trigger: its chat.send is in the database, unanswered. */
  private static void awaitSleeping(DatabaseUrl database) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!"1".equals(queryOne(database, "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'"))) {
      assertTrue(System.currentTimeMillis() < deadline, "the slow insert never started");
      Thread.sleep(10);
    }
  }

  private static List<Long> storedPerClientMsgId(DatabaseUrl database, Map<String, JsonObject> sends) throws SQLException {
    List<Long> counts = new ArrayList<>();
    for (JsonObject send : sends.values()) {
      counts.add(Long.parseLong(queryOne(database,
        "SELECT count(*) FROM messages WHERE client_msg_id = '" + send.getString("clientMsgId") + "'")));
    }
    return counts;
  }

  /** Where the process's embedded PostgreSQL listens: the fourth line of its postmaster.pid. */
  private static DatabaseUrl embeddedDatabase(Path data) throws Exception {
    List<String> pidFile = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
    return DatabaseUrl.local(Integer.parseInt(pidFile.get(3).trim()), "postgres", "postgres");
  }


  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static void execute(DatabaseUrl database, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl()); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String queryOne(DatabaseUrl database, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl()); Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }
}
