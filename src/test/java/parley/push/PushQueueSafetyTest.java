package parley.push;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.db.DatabaseUrl;
import parley.db.Migrations;
import parley.testing.TestDatabase;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parley.push.PushTesting.await;
import static parley.push.PushTesting.dm;
import static parley.push.PushTesting.send;
import static parley.push.PushTesting.subscribe;

@DisplayName("Push: the queue loses nothing and sends nothing twice, across crashes and nodes")
class PushQueueSafetyTest extends PushServerTest {



  private static String states(String deviceEndpoint) {
    return server.queryOne("SELECT string_agg(o.state || ':' || o.attempts, ' ' ORDER BY o.id) FROM push_outbox o "
      + "JOIN push_subscriptions s ON s.id = o.subscription_id WHERE s.endpoint = ?", deviceEndpoint);
  }

  @Test
  @DisplayName("a worker that dies with a batch in flight: after the restart the claimed rows return, each sent once")
  void workerKilledMidBatch() throws Exception {
    TestUser bob = server.register("bob");
    FakePushService.Device laptop = fake.device("laptop-" + bob.id());
    subscribe(bob, laptop.subscription());
    fake.hanging.add("/push/" + laptop.name());
    String room = dm(alice, bob);
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      messages.add(send(alice, room, "in flight " + i));
    }
    try {
      await("five pushes in flight, unanswered", () -> fake.toDevice(laptop).size() == 5);
    } catch (AssertionError e) {
      throw new AssertionError(fake.toDevice(laptop).size() + " " + states(laptop.endpoint()), e);
    }
    assertEquals("sending:1 sending:1 sending:1 sending:1 sending:1", states(laptop.endpoint()));

    server.stop();
    fake.hanging.remove("/push/" + laptop.name());
    long restarted = System.currentTimeMillis();
    server.startAgain();
    await("all five sent after the claims ran out", () -> "sent:2 sent:2 sent:2 sent:2 sent:2".equals(states(laptop.endpoint())));

    List<FakePushService.Received> answered = fake.toDevice(laptop).stream().filter(r -> r.at() >= restarted).toList();
    assertEquals(5, answered.size(), "each item accepted once: " + answered.size());
    Set<String> topics = messages.stream().map(id -> WebPushProvider.topic("message:" + id)).collect(Collectors.toSet());
    assertEquals(topics, answered.stream().map(r -> r.headers().get("Topic")).collect(Collectors.toSet()),
      "each resend has its first try's Topic, so a push service holding that one replaces it");
  }

  @Test
  @DisplayName("two nodes on one outbox send every row exactly once")
  void twoNodesShareTheQueue() throws Exception {
    Vertx other = Vertx.vertx();
    try {
      TestServer second = TestServer.startNode(other, server.database, serverSettings()).await();
      TestUser bob = server.register("bob");
      FakePushService.Device laptop = fake.device("laptop-" + bob.id());
      subscribe(bob, laptop.subscription());
      fake.delayMillis = 30;
      String room = dm(alice, bob);
      List<String> messages = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        // Half stored on each node, so each node's queue is told of its own half.
        messages.add(send(i % 2 == 0 ? alice : new TestUser(second, alice.user, alice.token), room, "message " + i));
      }
      await("forty sent", () -> fake.toDevice(laptop).size() >= 40
        && server.queryOne("SELECT count(*) FROM push_outbox WHERE state = 'sent' AND user_id = ?", Long.parseLong(bob.id())).equals("40"));
      Thread.sleep(500);
      assertEquals(40, fake.toDevice(laptop).size(), "no row sent twice");
      assertEquals(40, fake.toDevice(laptop).stream().map(r -> r.headers().get("Topic")).distinct().count());
      assertEquals("1", server.queryOne("SELECT max(attempts) FROM push_outbox WHERE user_id = ?", Long.parseLong(bob.id())));
    } finally {
      fake.delayMillis = 0;
      other.close().await();
    }
  }

  @Test
  @DisplayName("two workers claiming at once never take the same row")
  void claimsAreDisjoint(Vertx vertx) throws Exception {
    // A database of its own, with no server whose worker would take rows from under the two claimers.
    DatabaseUrl database = TestDatabase.fresh();
    Migrations.run(database);
    try (Connection sql = DriverManager.getConnection(database.jdbcUrl()); Statement statement = sql.createStatement()) {
      statement.execute("INSERT INTO users (tenant_id, username, display_name, password_hash, role_id) "
        + "SELECT 1, 'racer', 'Racer', 'x', id FROM roles WHERE tenant_id = 1 AND name = 'member'");
      statement.execute("INSERT INTO push_subscriptions (tenant_id, user_id, kind, endpoint) SELECT 1, id, 'expo', 'ExponentPushToken[race]' FROM users");
      statement.execute("INSERT INTO push_outbox (tenant_id, user_id, subscription_id, provider, item_key, payload) "
        + "SELECT 1, s.user_id, s.id, 'expo', 'race:' || g, '{}'::jsonb FROM push_subscriptions s, generate_series(1, 200) g");
    }
    Pool first = pool(vertx, database);
    Pool second = pool(vertx, database);
    try {
      List<Future<List<PushDelivery>>> claims = IntStream.range(0, 24)
        .mapToObj(i -> Outbox.claim(i % 2 == 0 ? first : second, 10, 600)).toList();
      Future.join(claims).await();
      Set<Long> seen = new HashSet<>();
      int total = 0;
      for (Future<List<PushDelivery>> claim : claims) {
        for (PushDelivery delivery : claim.result()) {
          total++;
          seen.add(delivery.rowId());
        }
      }
      assertEquals(total, seen.size(), "a row claimed twice");
      assertEquals(200, total, "every due row claimed by one of them");
    } finally {
      first.close().await();
      second.close().await();
    }
  }

  private static Pool pool(Vertx vertx, DatabaseUrl database) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(6)).connectingTo(database.connectOptions()).using(vertx).build();
  }
}
