package parley.file;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.BridgeClient.Failure;
import parley.testing.TestImages;
import parley.testing.TestServer;
import parley.testing.TestUser;
import parley.testing.Uploads;

import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Attachments: files sent with a message, readable by its room, cleaned up when nobody sent them")
class AttachmentTest {

  private static TestServer server;
  private static TestUser alice;
  private static TestUser bob;
  private static String room;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    TestUser admin = server.register("admin");
    alice = server.register("alice");
    bob = server.register("bob");
    room = admin.createRoom("files", alice, bob);
  }

  private static JsonObject send(BridgeClient client, JsonObject body) {
    return client.request("chat.send", body.put("roomId", room)).getJsonObject("message");
  }

  private static JsonArray ids(String... ids) {
    return new JsonArray(java.util.List.of((Object[]) ids));
  }

  @Test
  @DisplayName("a message carries its files in the order given, without text if it likes, in history and sync too")
  void attachInOrder() {
    JsonObject photo = Uploads.uploaded(alice, "photo.png", TestImages.image(800, 600, "png"));
    JsonObject notes = Uploads.uploaded(alice, "notes.txt", Buffer.buffer("notes"));
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      JsonObject message = send(alices, new JsonObject().put("attachments", ids(notes.getString("id"), photo.getString("id"))));
      assertEquals("", message.getString("content"));
      JsonArray attachments = message.getJsonArray("attachments");
      assertEquals(new JsonObject().put("id", notes.getString("id")).put("name", "notes.txt").put("contentType", "text/plain")
        .put("size", 5).put("width", null).put("height", null).put("thumbnail", false), attachments.getJsonObject(0));
      assertEquals(photo.getString("id"), attachments.getJsonObject(1).getString("id"));
      assertEquals(800, attachments.getJsonObject(1).getInteger("width"));
      assertTrue(attachments.getJsonObject(1).getBoolean("thumbnail"));

      JsonArray history = bobs.request("chat.history", new JsonObject().put("roomId", room)).getJsonArray("messages");
      JsonObject seen = history.getJsonObject(history.size() - 1);
      assertEquals(attachments, seen.getJsonArray("attachments"));
      JsonObject synced = bobs.request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(room, message.getLong("seq") - 1)))
        .getJsonObject("rooms").getJsonObject(room);
      assertEquals(attachments, synced.getJsonArray("messages").getJsonObject(0).getJsonArray("attachments"));
      assertEquals(200, Uploads.download(bob, photo.getString("id")).statusCode());
      assertEquals(200, bob.get("/api/files/" + photo.getString("id") + "/thumbnail").statusCode());
    }
  }

  @Test
  @DisplayName("a reply to a message of files alone quotes the first file's name")
  void quoteOfFiles() {
    String id = Uploads.uploaded(alice, "plan.pdf", Buffer.buffer("%PDF-1.4 plan")).getString("id");
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      JsonObject files = send(alices, new JsonObject().put("attachments", ids(id)));
      JsonObject reply = send(bobs, new JsonObject().put("content", "looks good").put("replyTo", files.getString("id")));
      assertEquals("\uD83D\uDCCE plan.pdf", reply.getJsonObject("replyTo").getString("preview"));
    }
  }

  @Test
  @DisplayName("rejects attachments that are not 1–10 different file ids")
  void rejectsMalformedAttachments() {
    String file = Uploads.uploaded(alice, "a.txt", Buffer.buffer("a")).getString("id");
    try (BridgeClient alices = alice.connect()) {
      for (Object attachments : new Object[] {new JsonArray(), "x", ids("not-a-uuid"), ids(file, file),
        new JsonArray(IntStream.range(0, 11).mapToObj(i -> (Object) UUID.randomUUID().toString()).toList())}) {
        Failure failure = alices.requestFailure("chat.send", new JsonObject().put("roomId", room).put("content", "hi")
          .put("attachments", attachments));
        assertEquals(new Failure(400, "invalid_attachments"), failure, "attachments " + attachments);
      }
    }
  }

  @Test
  @DisplayName("rejects a file that is someone else's, already sent, or unknown, and stores nothing")
  void rejectsUnavailableFiles() {
    String bobs = Uploads.uploaded(bob, "bob.txt", Buffer.buffer("b")).getString("id");
    String mine = Uploads.uploaded(alice, "mine.txt", Buffer.buffer("m")).getString("id");
    try (BridgeClient alices = alice.connect()) {
      send(alices, new JsonObject().put("content", "first").put("attachments", ids(mine)));
      String lastSeq = server.queryOne("SELECT last_seq FROM rooms WHERE id = ?", Long.parseLong(room));
      for (String id : new String[] {bobs, mine, UUID.randomUUID().toString()}) {
        Failure failure = alices.requestFailure("chat.send", new JsonObject().put("roomId", room).put("content", "again")
          .put("attachments", ids(id)));
        assertEquals(new Failure(400, "attachment_unavailable"), failure);
      }
      assertEquals(lastSeq, server.queryOne("SELECT last_seq FROM rooms WHERE id = ?", Long.parseLong(room)));
    }
  }

  @Test
  @DisplayName("deleting the message takes its files from the room: members can no longer read them")
  void deletionDetaches() {
    String id = Uploads.uploaded(alice, "gone.txt", Buffer.buffer("gone")).getString("id");
    try (BridgeClient alices = alice.connect()) {
      JsonObject message = send(alices, new JsonObject().put("content", "oops").put("attachments", ids(id)));
      assertEquals(200, Uploads.download(bob, id).statusCode());
      JsonObject deleted = alices.request("chat.delete", new JsonObject().put("messageId", message.getString("id")))
        .getJsonObject("message");
      assertEquals(new JsonArray(), deleted.getJsonArray("attachments"));
    }
    assertError(Uploads.download(bob, id), 404, "file_not_found");
  }

  @Test
  @DisplayName("the clean-up removes files nobody sent within 24 hours, blobs included, and keeps sent ones")
  void orphansAreRemoved() {
    String orphan = Uploads.uploaded(alice, "orphan.bin", Uploads.randomBytes(300_000, 1)).getString("id");
    String fresh = Uploads.uploaded(alice, "fresh.txt", Buffer.buffer("fresh")).getString("id");
    String sent = Uploads.uploaded(alice, "sent.txt", Buffer.buffer("sent")).getString("id");
    try (BridgeClient alices = alice.connect()) {
      send(alices, new JsonObject().put("content", "kept").put("attachments", ids(sent)));
    }
    for (String id : new String[] {orphan, sent}) {
      server.queryOne("UPDATE files SET created_at = now() - interval '25 hours' WHERE id = ?::uuid RETURNING id", id);
    }
    JsonObject swept = server.vertx.eventBus().<JsonObject>request("svc.file.sweep", new JsonObject()).await().body();
    assertTrue(swept.getInteger("removed") >= 1);
    assertError(Uploads.download(alice, orphan), 404, "file_not_found");
    assertEquals("0", server.queryOne("SELECT count(*) FROM blob_chunks WHERE key = ?", "files/" + orphan));
    assertEquals(200, Uploads.download(alice, fresh).statusCode());
    assertEquals(200, Uploads.download(bob, sent).statusCode());
  }
}
