package parley.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.BridgeClient.Failure;
import parley.testing.TestServer;
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(VertxExtension.class)
@DisplayName("Bad input on the bridge gets a clear error and the connection survives")
class MalformedFramesTest {

  private static TestServer server;
  private static TestUser alice;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    alice = server.register("alice");
    general = alice.generalRoomId();
  }

  private static JsonObject send(Object roomId, Object content) {
    return new JsonObject().put("roomId", roomId).put("content", content);
  }

  @Test
  @DisplayName("rejects bad chat.send bodies with the documented slugs and stores nothing")
  void rejectsBadSends() {
    try (BridgeClient client = alice.connect()) {
      String before = server.queryOne("SELECT last_seq FROM rooms WHERE id = ?", Long.parseLong(general));
      assertEquals(new Failure(400, "invalid_content"), client.requestFailure("chat.send", send(general, "")));
      assertEquals(new Failure(400, "invalid_content"), client.requestFailure("chat.send", send(general, "   \n ")));
      assertEquals(new Failure(400, "invalid_content"), client.requestFailure("chat.send", send(general, "nul\u0000byte")));
      assertEquals(new Failure(400, "invalid_content"), client.requestFailure("chat.send", send(general, 42)));
      assertEquals(new Failure(400, "invalid_content"), client.requestFailure("chat.send", new JsonObject().put("roomId", general)));
      assertEquals(new Failure(400, "content_too_long"), client.requestFailure("chat.send", send(general, "x".repeat(4001))));
      assertEquals(new Failure(400, "invalid_id"), client.requestFailure("chat.send", send("general", "hi")));
      assertEquals(new Failure(400, "invalid_id"), client.requestFailure("chat.send", new JsonObject().put("content", "hi")));
      assertEquals(new Failure(404, "room_not_found"), client.requestFailure("chat.send", send("987654", "hi")));
      assertEquals(new Failure(400, "invalid_client_msg_id"),
        client.requestFailure("chat.send", send(general, "hi").put("clientMsgId", "k".repeat(65))));
      assertEquals(new Failure(400, "invalid_client_msg_id"),
        client.requestFailure("chat.send", send(general, "hi").put("clientMsgId", 5)));
      assertEquals(before, server.queryOne("SELECT last_seq FROM rooms WHERE id = ?", Long.parseLong(general)));

      JsonObject fits = client.request("chat.send", send(general, "é".repeat(4000)));
      assertEquals(4000, fits.getJsonObject("message").getString("content").length());
    }
  }

  @Test
  @DisplayName("rejects bodies that are not JSON objects, and frames that are not JSON, without closing")
  void rejectsMalformedFrames() {
    try (BridgeClient client = alice.connect()) {
      JsonObject notAnObject = client.requestFrame("chat.send", "just a string", null);
      assertEquals("err", notAnObject.getString("type"));
      assertEquals("invalid_request", notAnObject.getString("message"));
      JsonObject array = client.requestFrame("chat.history", new JsonArray().add(1), null);
      assertEquals("invalid_request", array.getString("message"));

      client.sendRaw("{this is not json");
      assertEquals("invalid_json", client.nextError().getString("body"));
      client.sendRaw("{\"type\":\"send\",\"address\":17,\"body\":{}}");
      client.nextError();
      client.sendRaw("{\"type\":\"warp\"}");
      client.nextError();

      assertEquals(new Failure(400, "invalid_limit"),
        client.requestFailure("chat.history", new JsonObject().put("roomId", general).put("limit", 1000)));
      assertEquals(new Failure(400, "invalid_cursor"),
        client.requestFailure("chat.history", new JsonObject().put("roomId", general).put("before", "soon")));

      JsonObject stillWorks = client.request("chat.send", send(general, "still connected"));
      assertEquals("still connected", stillWorks.getJsonObject("message").getString("content"));
    }
  }
}
