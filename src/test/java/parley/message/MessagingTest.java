package parley.message;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("Sending messages over the bridge")
class MessagingTest {

  private static TestServer server;
  private static TestUser admin;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.register("admin");
  }

  private static JsonObject send(String roomId, String content) {
    return new JsonObject().put("roomId", roomId).put("content", content);
  }

  @Test
  @DisplayName("a sent message is stored before anyone hears of it, and the reply carries the stored message")
  void persistThenPublish() {
    String room = admin.createRoom("persist");
    TestUser listener = server.register("listener");
    listener.join(room);
    try (BridgeClient sender = admin.connect(); BridgeClient receiver = listener.connect()) {
      receiver.register("room." + room);
      JsonObject reply = sender.request("chat.send", send(room, "hello *world*").put("clientMsgId", "c-1"));
      JsonObject message = reply.getJsonObject("message");
      assertEquals(1L, message.getLong("seq"));
      assertEquals("hello *world*", message.getString("content"));
      assertEquals("c-1", message.getString("clientMsgId"));
      assertEquals("text", message.getString("kind"));
      assertEquals(admin.username(), message.getJsonObject("author").getString("username"));
      assertTrue(message.getString("createdAt").endsWith("Z"), message.getString("createdAt"));

      JsonObject event = receiver.next("room." + room, "message.new");
      // Read the row the moment the event arrives: were it published before commit, it could be missing here.
      assertEquals("hello *world*", server.queryOne("SELECT content FROM messages WHERE id = ?", Long.parseLong(message.getString("id"))));
      assertEquals(message, event.getJsonObject("message"));
    }
  }

  @Test
  @DisplayName("20 concurrent senders get seqs 1..20 with no gap, and every subscriber sees the same order")
  void concurrentSendersGetGaplessSeqs() throws Exception {
    String room = admin.createRoom("race");
    List<BridgeClient> senders = new ArrayList<>();
    List<BridgeClient> subscribers = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        TestUser user = server.register("sender");
        user.join(room);
        senders.add(user.connect());
      }
      for (int i = 0; i < 3; i++) {
        TestUser user = server.register("watcher");
        user.join(room);
        BridgeClient client = user.connect();
        client.register("room." + room);
        subscribers.add(client);
      }
      List<CompletableFuture<JsonObject>> replies = senders.stream()
        .map(client -> client.requestAsync("chat.send", send(room, "go"), null)).toList();
      List<Long> seqs = new ArrayList<>();
      for (CompletableFuture<JsonObject> reply : replies) {
        JsonObject frame = reply.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("rec", frame.getString("type"), frame.encode());
        seqs.add(frame.getJsonObject("body").getJsonObject("message").getLong("seq"));
      }
      assertEquals(LongStream.rangeClosed(1, 20).boxed().collect(Collectors.toSet()), Set.copyOf(seqs));

      List<List<Long>> seen = new ArrayList<>();
      for (BridgeClient subscriber : subscribers) {
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          order.add(subscriber.next("room." + room, "message.new").getJsonObject("message").getLong("seq"));
        }
        seen.add(order);
      }
      assertEquals(seen.get(0), seen.get(1));
      assertEquals(seen.get(0), seen.get(2));
      assertEquals(LongStream.rangeClosed(1, 20).boxed().collect(Collectors.toSet()), Set.copyOf(seen.get(0)));
      assertEquals("20", server.queryOne("SELECT last_seq FROM rooms WHERE id = ?", Long.parseLong(room)));
    } finally {
      senders.forEach(BridgeClient::close);
      subscribers.forEach(BridgeClient::close);
    }
  }

  @Test
  @DisplayName("racing repeats of one clientMsgId store one message and all get it back")
  void idempotentClientMsgId() throws Exception {
    String room = admin.createRoom("retry");
    try (BridgeClient first = admin.connect(); BridgeClient second = admin.connect(); BridgeClient watcher = admin.connect()) {
      watcher.register("room." + room);
      List<CompletableFuture<JsonObject>> replies = IntStream.range(0, 12)
        .mapToObj(i -> (i % 2 == 0 ? first : second).requestAsync("chat.send",
          send(room, "only once").put("clientMsgId", "same-id"), null))
        .toList();
      Set<String> ids = new java.util.HashSet<>();
      for (CompletableFuture<JsonObject> reply : replies) {
        JsonObject frame = reply.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("rec", frame.getString("type"), frame.encode());
        ids.add(frame.getJsonObject("body").getJsonObject("message").getString("id"));
      }
      assertEquals(1, ids.size(), ids.toString());
      assertEquals("1", server.queryOne("SELECT count(*) FROM messages WHERE room_id = ?", Long.parseLong(room)));
      assertEquals("1", server.queryOne("SELECT last_seq FROM rooms WHERE id = ?", Long.parseLong(room)));
      assertEquals(1, watcher.drain("room." + room, "message.new", "room." + room).size());

      JsonObject next = first.request("chat.send", send(room, "a new one").put("clientMsgId", "other-id"));
      assertEquals(2L, next.getJsonObject("message").getLong("seq"));
    }
  }

  @Test
  @DisplayName("the same clientMsgId from another user, or in another room, is a different message")
  void clientMsgIdIsPerUserAndRoom() {
    String room = admin.createRoom("scoped");
    TestUser other = server.register("other");
    other.join(room);
    try (BridgeClient mine = admin.connect(); BridgeClient theirs = other.connect()) {
      String a = mine.request("chat.send", send(room, "x").put("clientMsgId", "k")).getJsonObject("message").getString("id");
      String b = theirs.request("chat.send", send(room, "x").put("clientMsgId", "k")).getJsonObject("message").getString("id");
      assertTrue(!a.equals(b));
    }
  }
}
