package parley.message;

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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("Polls: a message of kind poll, votes with set semantics, counted exactly")
class PollTest {

  private static TestServer server;
  private static TestUser admin;
  private static TestUser alice;
  private static TestUser bob;
  private static TestUser outsider;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.register("admin");
    alice = server.register("alice");
    bob = server.register("bob");
    outsider = server.register("outsider");
  }

  /** A room alice and bob are in (and admin, who made it) but outsider is not. */
  private static String room(String name) {
    return admin.createRoom(name, alice, bob);
  }

  private static JsonObject poll(BridgeClient client, String room, JsonObject poll) {
    return client.request("chat.send", new JsonObject().put("roomId", room).put("poll", poll)).getJsonObject("message");
  }

  private static JsonObject lunch(boolean multiple) {
    return new JsonObject().put("question", "Lunch?").put("options", new JsonArray(List.of("Pizza", "Sushi", "Salad")))
      .put("multiple", multiple);
  }

  private static JsonObject vote(String messageId, Integer... optionIds) {
    return new JsonObject().put("messageId", messageId).put("optionIds", new JsonArray(List.of(optionIds)));
  }

  private static List<Integer> counts(JsonObject message) {
    return message.getJsonObject("poll").getJsonArray("options").stream()
      .map(option -> ((JsonObject) option).getInteger("count")).toList();
  }

  @Test
  @DisplayName("a poll is stored as a message with numbered options, and its question as content")
  void createsAPoll() {
    String room = room("polls");
    try (BridgeClient alices = alice.connect()) {
      JsonObject message = poll(alices, room, lunch(false));
      assertEquals("poll", message.getString("kind"));
      assertEquals("Lunch?", message.getString("content"));
      JsonObject poll = message.getJsonObject("poll");
      assertEquals(List.of(1, 2, 3), poll.getJsonArray("options").stream().map(o -> ((JsonObject) o).getInteger("id")).toList());
      assertEquals(List.of(0, 0, 0), counts(message));
      assertFalse(poll.getBoolean("closed"));
      for (JsonObject bad : List.of(new JsonObject().put("question", "Q").put("options", new JsonArray(List.of("only one"))),
        new JsonObject().put("question", " ").put("options", new JsonArray(List.of("a", "b"))),
        new JsonObject().put("question", "Q").put("options", new JsonArray(List.of("a", "A"))),
        new JsonObject().put("question", "Q").put("options", new JsonArray(List.of("a", "b"))).put("closesAt", "2020-01-01T00:00:00Z"))) {
        assertEquals(new Failure(400, "invalid_poll"), alices.requestFailure("chat.send",
          new JsonObject().put("roomId", room).put("poll", bad)), bad.encode());
      }
      assertEquals(new Failure(403, "not_editable"),
        alices.requestFailure("chat.edit", new JsonObject().put("messageId", message.getString("id")).put("content", "Dinner?")));
    }
  }

  @Test
  @DisplayName("single choice: a new choice replaces the old, an empty list withdraws, two options are refused")
  void singleChoice() {
    String room = room("single");
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      bobs.register("room." + room);
      String id = poll(alices, room, lunch(false)).getString("id");
      assertEquals(List.of(1, 0, 0), counts(alices.request("poll.vote", vote(id, 1)).getJsonObject("message")));
      JsonObject event = bobs.next("room." + room, "poll.updated");
      assertEquals(id, event.getString("messageId"));
      assertEquals(new JsonArray().add(alice.id()), event.getJsonObject("voters").getJsonArray("1"));
      assertEquals(List.of(0, 1, 0), counts(alices.request("poll.vote", vote(id, 2)).getJsonObject("message")));
      assertEquals(List.of(0, 1, 1), counts(bobs.request("poll.vote", vote(id, 3)).getJsonObject("message")));
      assertEquals(List.of(0, 0, 1), counts(alices.request("poll.vote", vote(id)).getJsonObject("message")));
      assertEquals(new Failure(400, "invalid_vote"), alices.requestFailure("poll.vote", vote(id, 1, 2)));
      assertEquals(new Failure(400, "invalid_vote"), alices.requestFailure("poll.vote", vote(id, 9)));
    }
  }

  @Test
  @DisplayName("multiple choice: the whole selection is sent each time and replaces the last one")
  void multipleChoice() {
    String room = room("multiple");
    try (BridgeClient alices = alice.connect()) {
      String id = poll(alices, room, lunch(true)).getString("id");
      assertEquals(List.of(1, 0, 1), counts(alices.request("poll.vote", vote(id, 1, 3)).getJsonObject("message")));
      JsonObject again = alices.request("poll.vote", vote(id, 3)).getJsonObject("message");
      assertEquals(List.of(0, 0, 1), counts(again));
      assertEquals(1, again.getJsonObject("poll").getInteger("voters"));
      assertEquals(new Failure(400, "invalid_vote"), alices.requestFailure("poll.vote", vote(id, 3, 3)));
    }
  }

  @Test
  @DisplayName("50 people voting at once end with exact tallies, in a few changes, every change number told once")
  void concurrentVotes() {
    String room = admin.createRoom("crowd");
    List<TestUser> crowd = IntStream.range(0, 50).mapToObj(i -> server.register("voter")).toList();
    crowd.forEach(voter -> voter.join(room));
    List<BridgeClient> clients = crowd.stream().map(TestUser::connect).toList();
    try (BridgeClient admins = admin.connect()) {
      admins.register("room." + room);
      String id = poll(admins, room, lunch(false)).getString("id");
      long before = Long.parseLong(server.queryOne("SELECT last_seq FROM rooms WHERE id = ?", Long.parseLong(room)));
      List<CompletableFuture<JsonObject>> votes = new ArrayList<>();
      for (int i = 0; i < clients.size(); i++) {
        votes.add(clients.get(i).requestAsync("poll.vote", vote(id, 1 + i % 3), null));
      }
      votes.forEach(reply -> assertEquals("rec", reply.join().getString("type"), reply.join().encode()));
      JsonObject latest = admins.request("chat.history", new JsonObject().put("roomId", room))
        .getJsonArray("messages").getJsonObject(0);
      assertEquals(List.of(17, 17, 16), counts(latest));
      long after = Long.parseLong(server.queryOne("SELECT last_seq FROM rooms WHERE id = ?", Long.parseLong(room)));
      assertTrue(after - before < 50, "votes arriving together share a change: " + (after - before));
      List<Long> told = admins.drain("room." + room, "poll.updated", "room." + room).stream()
        .map(event -> event.getLong("changeSeq")).toList();
      assertEquals(LongStream.rangeClosed(before + 1, after).boxed().toList(), told);
    } finally {
      clients.forEach(BridgeClient::close);
    }
  }

  @Test
  @DisplayName("rejects votes on a closed poll, closing by anyone but its author or a moderator, and voting from outside")
  void closing() {
    String room = room("closing");
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect(); BridgeClient outsiders = outsider.connect()) {
      String id = poll(alices, room, lunch(false)).getString("id");
      assertEquals(new Failure(403, "not_a_member"), outsiders.requestFailure("poll.vote", vote(id, 1)));
      assertEquals(new Failure(403, "forbidden"), bobs.requestFailure("poll.close", new JsonObject().put("messageId", id)));
      assertTrue(alices.request("poll.close", new JsonObject().put("messageId", id)).getJsonObject("message")
        .getJsonObject("poll").getBoolean("closed"));
      assertEquals(new Failure(409, "poll_closed"), bobs.requestFailure("poll.vote", vote(id, 1)));
      String text = alices.request("chat.send", new JsonObject().put("roomId", room).put("content", "not a poll"))
        .getJsonObject("message").getString("id");
      assertEquals(new Failure(400, "not_a_poll"), alices.requestFailure("poll.vote", vote(text, 1)));
      assertEquals(new Failure(404, "message_not_found"), alices.requestFailure("poll.vote", vote("99999999", 1)));

      String timed = poll(alices, room, lunch(false).put("closesAt", Instant.now().plusMillis(800).toString())).getString("id");
      bobs.request("poll.vote", vote(timed, 2));
      long deadline = System.currentTimeMillis() + 3000;
      while (System.currentTimeMillis() < deadline && !bobs.request("chat.history", new JsonObject().put("roomId", room))
        .getJsonArray("messages").getJsonObject(2).getJsonObject("poll").getBoolean("closed")) {
        Thread.onSpinWait();
      }
      assertEquals(new Failure(409, "poll_closed"), bobs.requestFailure("poll.vote", vote(timed, 1)));
    }
  }

  @Test
  @DisplayName("an anonymous poll never names its voters on the wire, only counts")
  void anonymous() {
    String room = room("secret");
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      bobs.register("room." + room);
      String id = poll(alices, room, lunch(false).put("anonymous", true)).getString("id");
      JsonObject voted = alices.request("poll.vote", vote(id, 2)).getJsonObject("message");
      assertEquals(List.of(0, 1, 0), counts(voted));
      assertFalse(voted.encode().contains("\"userIds\":[\"" + alice.id()), voted.encode());
      JsonObject event = bobs.next("room." + room, "poll.updated");
      assertNull(event.getValue("voters"));
      assertFalse(event.encode().contains("userIds\":[\""), event.encode());
      assertFalse(event.encode().contains("mine"), "events are for everyone, so they say nothing of anyone's choice");
    }
  }

  @Test
  @DisplayName("in answers to them, and only there, a voter sees their own choice in an anonymous poll")
  void anonymousMine() {
    String room = room("mine");
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      String id = poll(alices, room, lunch(true).put("anonymous", true)).getString("id");
      JsonObject voted = alices.request("poll.vote", vote(id, 1, 3)).getJsonObject("message");
      assertEquals(new JsonArray().add(1).add(3), voted.getJsonObject("poll").getJsonArray("mine"));
      JsonObject alicesCopy = alices.request("chat.history", new JsonObject().put("roomId", room))
        .getJsonArray("messages").getJsonObject(0);
      assertEquals(new JsonArray().add(1).add(3), alicesCopy.getJsonObject("poll").getJsonArray("mine"));
      JsonObject bobsCopy = bobs.request("chat.history", new JsonObject().put("roomId", room))
        .getJsonArray("messages").getJsonObject(0);
      assertEquals(new JsonArray(), bobsCopy.getJsonObject("poll").getJsonArray("mine"));
    }
  }

  @Test
  @DisplayName("a client that missed votes gets the poll's latest tallies from chat.sync")
  void syncBringsTallies() {
    String room = room("missed");
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      JsonObject created = poll(alices, room, lunch(true));
      long cursor = created.getLong("changeSeq");
      alices.request("poll.vote", vote(created.getString("id"), 1, 2));
      bobs.request("poll.vote", vote(created.getString("id"), 2));
      JsonObject page = bobs.request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(room, cursor)))
        .getJsonObject("rooms").getJsonObject(room);
      assertEquals(1, page.getJsonArray("messages").size());
      assertEquals(List.of(1, 2, 0), counts(page.getJsonArray("messages").getJsonObject(0)));
    }
  }
  @Test
  @DisplayName("/poll makes the same poll, and answers its usage line when the question or options are missing")
  void pollCommand() {
    String room = room("by-command");
    try (BridgeClient alices = alice.connect()) {
      JsonObject reply = alices.request("chat.send", new JsonObject().put("roomId", room)
        .put("content", "/poll \"Where to?\" \"Beach\" \"Hills\" --multi --anonymous"));
      JsonObject poll = reply.getJsonObject("message").getJsonObject("poll");
      assertEquals("Where to?", poll.getString("question"));
      assertEquals(List.of("Beach", "Hills"), poll.getJsonArray("options").stream().map(o -> ((JsonObject) o).getString("text")).toList());
      assertTrue(poll.getBoolean("multiple"));
      assertTrue(poll.getBoolean("anonymous"));
      JsonObject usage = alices.request("chat.send", new JsonObject().put("roomId", room).put("content", "/poll \"Only a question\""));
      assertTrue(usage.getBoolean("ephemeral"));
      assertTrue(usage.getString("text").startsWith("Usage: /poll"), usage.getString("text"));
      assertEquals(new Failure(400, "invalid_poll"), alices.requestFailure("chat.send",
        new JsonObject().put("roomId", room).put("content", "/poll \"Q\" \"same\" \"Same\"")));
    }
  }
}
