package parley.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.room.SlowRoomReads;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(VertxExtension.class)
@DisplayName("A request sent after a register is handled after the registration takes effect")
class RegistrationOrderTest {

  private static TestServer server;
  private static TestUser alice;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    alice = server.register("alice");
    // A slow membership check (each test's rooms are new to the node), so a request that overtook the registration
    // would be caught doing so.
    SlowRoomReads.on(server.vertx, 400);
  }

  @Test
  @DisplayName("register then send in one breath: the sender's own connection still gets the message")
  void requestWaitsForRegistration() throws Exception {
    String room = alice.createRoom("ordered");
    try (BridgeClient client = alice.connect()) {
      client.sendFrame(new JsonObject().put("type", "register").put("address", "room." + room));
      CompletableFuture<JsonObject> reply = client.requestAsync("chat.send",
        new JsonObject().put("roomId", room).put("content", "right after registering"), null);
      assertEquals("rec", reply.get(10, TimeUnit.SECONDS).getString("type"));
      assertEquals("right after registering",
        client.next("room." + room, "message.new").getJsonObject("message").getString("content"));
    }
  }

  @Test
  @DisplayName("rooms registered in one breath share a membership check, and each is allowed or refused on its own")
  void registrationsTogether() throws Exception {
    String mine = alice.createRoom("together-mine");
    String left = alice.createRoom("together-left");
    assertEquals(200, alice.post("/api/rooms/" + left + "/leave", new JsonObject()).statusCode());
    try (BridgeClient client = alice.connect()) {
      client.sendFrame(new JsonObject().put("type", "register").put("address", "room." + left));
      client.sendFrame(new JsonObject().put("type", "register").put("address", "room." + mine));
      CompletableFuture<JsonObject> reply = client.requestAsync("chat.send",
        new JsonObject().put("roomId", mine).put("content", "registered together"), null);
      assertEquals("rec", reply.get(10, TimeUnit.SECONDS).getString("type"));
      assertEquals("rejected", client.nextError().getString("body"));
      assertEquals("registered together",
        client.next("room." + mine, "message.new").getJsonObject("message").getString("content"));
    }
  }

  @Test
  @DisplayName("a refused registration releases the requests behind it too")
  void refusedRegistrationReleasesRequests() throws Exception {
    try (BridgeClient client = alice.connect()) {
      client.sendFrame(new JsonObject().put("type", "register").put("address", "room.424242"));
      CompletableFuture<JsonObject> reply = client.requestAsync("chat.sync", new JsonObject().put("cursors", new JsonObject()), null);
      assertEquals("rec", reply.get(10, TimeUnit.SECONDS).getString("type"));
      assertEquals("rejected", client.nextError().getString("body"));
    }
  }
}
