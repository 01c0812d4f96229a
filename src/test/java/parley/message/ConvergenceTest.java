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
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The promise of chat.sync: a client that was away while others sent, edited, deleted and reacted, and that keeps
 * receiving events while it catches up, ends with exactly the history a fresh read shows.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A reconnecting client converges on the server's state")
class ConvergenceTest {

  private static final List<String> EMOJI = List.of("👍", "🎉", "👀", "❤️");
  private static TestServer server;
  private static TestUser admin;
  private static TestUser alice;
  private static TestUser carol;
  private static TestUser bob;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.register("admin");
    alice = server.register("alice");
    carol = server.register("carol");
    bob = server.register("bob");
  }

  @Test
  @DisplayName("after concurrent messages, edits, deletions and reaction changes that overflow the sync cap")
  void convergesAfterConcurrentChanges() {
    String room = admin.createRoom("busy-room", alice, carol, bob);
    String address = "room." + room;
    ClientModel bobsView = new ClientModel();
    List<String> ids = new CopyOnWriteArrayList<>();
    try (BridgeClient alices = alice.connect(); BridgeClient carols = carol.connect()) {
      try (BridgeClient bobs = bob.connect()) {
        bobs.register(address);
        Writer.both(new Writer(alices, room, ids, 1), new Writer(carols, room, ids, 2), 10).join();
        allEvents(bobs, address).forEach(bobsView::applyEvent);
      }
      // Bob is away: well over one sync page of changes happens.
      Writer.both(new Writer(alices, room, ids, 3), new Writer(carols, room, ids, 4), 70).join();

      try (BridgeClient bobs = bob.connect()) {
        bobs.register(address);
        // ...and more happens while he catches up, reaching him as events in between his sync pages.
        CompletableFuture<Void> meanwhile = Writer.both(new Writer(alices, room, ids, 5), new Writer(carols, room, ids, 6), 30);
        int pages = 0;
        boolean more = true;
        while (more) {
          JsonObject page = bobs.request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(room, bobsView.cursor)))
            .getJsonObject("rooms").getJsonObject(room);
          page.getJsonArray("messages").forEach(message -> bobsView.apply((JsonObject) message));
          bobsView.reached(page.getLong("cursor"));
          more = page.getBoolean("more");
          pages++;
          JsonObject event;
          while ((event = bobs.poll(address, 0)) != null) {
            bobsView.applyEvent(event);
          }
        }
        assertTrue(pages > 1, "the changes overflowed one sync page");
        meanwhile.join();
        allEvents(bobs, address).forEach(bobsView::applyEvent);
      }
      assertEquals(Long.parseLong(server.queryOne("SELECT last_seq FROM rooms WHERE id = ?", Long.parseLong(room))),
        bobsView.cursor, "Bob's cursor covers every change");
      assertEquals(freshHistory(alices, room), bobsView.asShown());
    }
  }

  @Test
  @DisplayName("every change number reaches the room exactly once, even when people react to one message at the same moment")
  void changeNumbersStayGapless() {
    String room = admin.createRoom("one-message", alice, carol, bob);
    String address = "room." + room;
    try (BridgeClient alices = alice.connect(); BridgeClient carols = carol.connect(); BridgeClient bobs = bob.connect()) {
      bobs.register(address);
      String id = alices.request("chat.send", new JsonObject().put("roomId", room).put("content", "vote"))
        .getJsonObject("message").getString("id");
      List<CompletableFuture<JsonObject>> replies = new ArrayList<>();
      for (int round = 0; round < 30; round++) {
        for (BridgeClient client : List.of(alices, carols, bobs)) {
          // The same reaction twice at once, and an edit racing them: only real changes may take numbers.
          JsonObject react = new JsonObject().put("messageId", id).put("emoji", "👍").put("on", round % 2 == 0);
          replies.add(client.requestAsync("chat.react", react, null));
          replies.add(client.requestAsync("chat.react", react.copy(), null));
        }
        replies.add(alices.requestAsync("chat.edit", new JsonObject().put("messageId", id).put("content", "vote " + round), null));
      }
      replies.forEach(CompletableFuture::join);
      long last = Long.parseLong(server.queryOne("SELECT last_seq FROM rooms WHERE id = ?", Long.parseLong(room)));
      List<Long> numbers = allEvents(bobs, address).stream().filter(event -> event.containsKey("changeSeq"))
        .map(event -> event.getLong("changeSeq")).sorted().toList();
      assertEquals(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList(), numbers);
    }
  }

  /** Every event that reached the socket on the address before a barrier published now. */
  private static List<JsonObject> allEvents(BridgeClient client, String address) {
    server.vertx.eventBus().publish(address, new JsonObject().put("type", BridgeClient.PROBE).put("barrier", true));
    List<JsonObject> events = new ArrayList<>();
    while (true) {
      JsonObject event = client.poll(address, 5000);
      if (event == null) {
        throw new AssertionError("the barrier never arrived");
      }
      if (event.getBoolean("barrier", false)) {
        return events;
      }
      if (!BridgeClient.PROBE.equals(event.getString("type"))) {
        events.add(event);
      }
    }
  }

  private static Map<String, JsonObject> freshHistory(BridgeClient client, String room) {
    Map<String, JsonObject> history = new TreeMap<>();
    Long before = null;
    boolean more = true;
    while (more) {
      JsonObject request = new JsonObject().put("roomId", room).put("limit", 100);
      if (before != null) {
        request.put("before", before);
      }
      JsonObject page = client.request("chat.history", request);
      JsonArray messages = page.getJsonArray("messages");
      messages.forEach(message -> history.put(((JsonObject) message).getString("id"), (JsonObject) message));
      more = page.getBoolean("more");
      before = messages.isEmpty() ? 0 : messages.getJsonObject(0).getLong("seq");
    }
    return history;
  }

  /** What a client holds, applied as docs/protocol.md says a client should. */
  private static final class ClientModel {
    final Map<String, JsonObject> messages = new TreeMap<>();
    long cursor;
    final Set<Long> ahead = new HashSet<>();

    void applyEvent(JsonObject event) {
      if (event.containsKey("changeSeq")) {
        apply(event.getJsonObject("message"));
        seen(event.getLong("changeSeq"));
      }
    }

    void apply(JsonObject message) {
      JsonObject held = messages.get(message.getString("id"));
      if (held == null || message.getLong("changeSeq") > held.getLong("changeSeq")) {
        messages.put(message.getString("id"), message);
      }
    }

    void seen(long change) {
      if (change > cursor) {
        ahead.add(change);
      }
      while (ahead.remove(cursor + 1)) {
        cursor++;
      }
    }

    void reached(long syncCursor) {
      cursor = Math.max(cursor, syncCursor);
      ahead.removeIf(change -> change <= cursor);
      while (ahead.remove(cursor + 1)) {
        cursor++;
      }
    }

    /** The messages with each reply's quote taken from the original as held: what the client would show. */
    Map<String, JsonObject> asShown() {
      Map<String, JsonObject> shown = new TreeMap<>();
      messages.forEach((id, message) -> {
        JsonObject copy = message.copy();
        JsonObject quote = copy.getJsonObject("replyTo");
        JsonObject original = quote == null ? null : messages.get(quote.getString("id"));
        if (original != null) {
          boolean deleted = original.getBoolean("deleted");
          String content = original.getString("content");
          quote.put("deleted", deleted).put("preview", deleted ? "" : content.substring(0, Math.min(140, content.length())));
        }
        shown.put(id, copy);
      });
      return shown;
    }
  }

  /** One sender doing a random mix of sends, replies, edits, deletions and reactions, several requests at a time. */
  private record Writer(BridgeClient client, String room, List<String> ids, long seed) {

    static CompletableFuture<Void> both(Writer first, Writer second, int rounds) {
      return CompletableFuture.allOf(CompletableFuture.runAsync(() -> first.run(rounds)),
        CompletableFuture.runAsync(() -> second.run(rounds)));
    }

    void run(int rounds) {
      Random random = new Random(seed);
      for (int round = 0; round < rounds; round++) {
        List<CompletableFuture<JsonObject>> inFlight = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          inFlight.add(act(random));
        }
        inFlight.forEach(reply -> {
          JsonObject frame = reply.join();
          JsonObject body = frame.getJsonObject("body");
          if (body != null && body.getJsonObject("message") != null && !ids.contains(body.getJsonObject("message").getString("id"))) {
            ids.add(body.getJsonObject("message").getString("id"));
          }
        });
      }
    }

    private CompletableFuture<JsonObject> act(Random random) {
      int dice = random.nextInt(10);
      if (ids.size() < 5 || dice < 4) {
        JsonObject send = new JsonObject().put("roomId", room).put("content", "m" + random.nextInt(1_000_000) + " " + "long ".repeat(random.nextInt(40)));
        if (!ids.isEmpty() && random.nextBoolean()) {
          send.put("replyTo", pick(random));
        }
        return client.requestAsync("chat.send", send, null);
      }
      JsonObject target = new JsonObject().put("messageId", pick(random));
      return switch (dice) {
        case 4, 5 -> client.requestAsync("chat.edit", target.put("content", "edited " + random.nextInt(1000)), null);
        case 6 -> client.requestAsync("chat.delete", target, null);
        default -> client.requestAsync("chat.react",
          target.put("emoji", EMOJI.get(random.nextInt(EMOJI.size()))).put("on", random.nextInt(3) > 0), null);
      };
    }

    private String pick(Random random) {
      return ids.get(random.nextInt(ids.size()));
    }
  }
}
