package parley.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.BridgeClient.Auth;
import parley.testing.TestServer;
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("Who may connect to the bridge and what they may register")
class BridgeAccessTest {

  private static TestServer server;
  private static TestUser alice;
  private static TestUser bob;
  private static String general;
  private static String moderated;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    alice = server.register("alice");
    bob = server.register("bob");
    general = alice.generalRoomId();
    moderated = alice.createRoom("alice-only");
  }

  @Test
  @DisplayName("accepts a token as Bearer header, as cookie, and as ?token=")
  void connectsWithEachAuthForm() {
    for (Auth auth : new Auth[] {Auth.bearer(alice.token), Auth.cookie(alice.token), Auth.query(alice.token)}) {
      try (BridgeClient client = BridgeClient.connect(server, auth)) {
        client.register("user." + alice.id());
        JsonObject history = client.request("chat.history", new JsonObject().put("roomId", general));
        assertTrue(history.containsKey("messages"), history.encode());
      }
    }
  }

  @Test
  @DisplayName("rejects a connection without a token, or with a forged one, with 401")
  void rejectsWithoutToken() {
    assertUpgradeStatus(401, BridgeClient.refusal(server, Auth.none(), null));
    assertUpgradeStatus(401, BridgeClient.refusal(server, Auth.bearer(alice.token + "x"), null));
  }

  @Test
  @DisplayName("rejects a WebSocket upgrade from a foreign Origin, and accepts the app's own")
  void rejectsForeignOrigin() {
    assertUpgradeStatus(403, BridgeClient.refusal(server, Auth.cookie(alice.token), "https://evil.example"));
    try (BridgeClient ownOrigin = BridgeClient.connect(server, Auth.cookie(alice.token), "http://localhost:" + server.port)) {
      ownOrigin.register("user." + alice.id());
    }
  }

  @Test
  @DisplayName("rejects registering another user's address")
  void rejectsForeignUserAddress() {
    try (BridgeClient client = alice.connect()) {
      assertEquals("rejected", client.registerRefused("user." + bob.id()).getString("body"));
    }
  }

  @Test
  @DisplayName("rejects registering a room the user is not in, and addresses outside the public ones")
  void rejectsRoomNotJoined() {
    try (BridgeClient client = bob.connect()) {
      assertEquals("rejected", client.registerRefused("room." + moderated).getString("body"));
      assertEquals("rejected", client.registerRefused("room.999999").getString("body"));
      assertEquals("access_denied", client.registerRefused("svc.auth.me").getString("body"));
      assertEquals("access_denied", client.registerRefused("chat.send").getString("body"));
      assertEquals("access_denied", client.registerRefused("room.0" + moderated).getString("body"));
      assertEquals("access_denied", client.registerRefused("user.0" + bob.id()).getString("body"));
    }
  }

  @Test
  @DisplayName("rejects registering the server's own form of a room registration, even for a room the user is in")
  void rejectsInternalRoomRegistration() {
    try (BridgeClient client = bob.connect()) {
      String internal = "parley.socket." + java.util.UUID.randomUUID() + ".room.";
      assertEquals("rejected", client.registerRefused(internal + general).getString("body"));
      assertEquals("rejected", client.registerRefused(internal + moderated).getString("body"));
    }
  }

  @Test
  @DisplayName("rejects sending into a room the user is not in, and to internal addresses")
  void rejectsSendingToRoomNotJoined() {
    try (BridgeClient client = bob.connect()) {
      BridgeClient.Failure failure = client.requestFailure("chat.send",
        new JsonObject().put("roomId", moderated).put("content", "let me in"));
      assertEquals(new BridgeClient.Failure(403, "not_a_member"), failure);
      client.sendFrame(new JsonObject().put("type", "send").put("address", "svc.room.delete")
        .put("body", new JsonObject().put("roomId", moderated)).put("replyAddress", "00000000-0000-4000-8000-000000000000"));
      assertEquals("access_denied", client.nextError().getString("body"));
      assertEquals("1", server.queryOne("SELECT count(*) FROM rooms WHERE id = ?", Long.parseLong(moderated)));
      assertEquals("0", server.queryOne("SELECT count(*) FROM messages WHERE room_id = ?", Long.parseLong(moderated)));
    }
  }

  @Test
  @DisplayName("rejects publishing, even to an inbound address")
  void rejectsPublish() {
    try (BridgeClient client = alice.connect()) {
      client.sendFrame(new JsonObject().put("type", "publish").put("address", "chat.send")
        .put("body", new JsonObject().put("roomId", general).put("content", "broadcast")));
      assertEquals("rejected", client.nextError().getString("body"));
    }
  }

  @Test
  @DisplayName("rejects a spoofed identity header: the message is stored as the socket's own user")
  void rejectsSpoofedIdentity() {
    try (BridgeClient client = bob.connect()) {
      JsonObject spoofed = new JsonObject().put("parley-user-id", alice.id()).put("parley-tenant-id", "1");
      JsonObject frame = client.requestFrame("chat.send",
        new JsonObject().put("roomId", moderated).put("content", "I am alice"), spoofed);
      assertEquals("err", frame.getString("type"), frame.encode());
      assertEquals("not_a_member", frame.getString("message"));

      JsonObject reply = client.requestFrame("chat.send",
        new JsonObject().put("roomId", general).put("content", "who am I?"), spoofed);
      assertEquals(bob.id(), reply.getJsonObject("body").getJsonObject("message").getJsonObject("author").getString("id"));
    }
  }

  private static void assertUpgradeStatus(int status, Throwable refusal) {
    UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, refusal, String.valueOf(refusal));
    assertEquals(status, rejected.getStatus());
  }
}
