package parley.user;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import parley.testing.BridgeClient;
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the masking tests share: the two forms of a person, and deactivating, reactivating and posting as someone. */
final class Masking {

  static final String MASKED_NAME = "Deactivated user";

  private Masking() {
  }

  /** A deactivated person as everyone without manage_users sees them. */
  static JsonObject masked(TestUser user) {
    return new JsonObject().put("id", user.id()).put("username", "").put("displayName", MASKED_NAME).put("deactivated", true);
  }

  /** The person by name, as their account says. */
  static JsonObject named(TestUser user, boolean deactivated) {
    return new JsonObject().put("id", user.id()).put("username", user.username())
      .put("displayName", user.user.getString("displayName")).put("deactivated", deactivated);
  }

  /** The person fields of a bigger object (a member with a role and a read cursor, say). */
  static JsonObject person(JsonObject withMore) {
    JsonObject person = new JsonObject();
    for (String field : new String[] {"id", "username", "displayName", "deactivated"}) {
      person.put(field, withMore.getValue(field));
    }
    return person;
  }

  /** The person of {@code people} with {@code user}'s id, as {@link #person} takes it, or null. */
  static JsonObject find(JsonArray people, TestUser user) {
    return people.stream().map(JsonObject.class::cast).filter(candidate -> user.id().equals(candidate.getString("id")))
      .findFirst().map(Masking::person).orElse(null);
  }

  static JsonObject withId(JsonArray messages, String id) {
    return messages.stream().map(JsonObject.class::cast).filter(message -> id.equals(message.getString("id"))).findFirst()
      .orElseThrow(() -> new AssertionError("no message " + id + " in " + messages));
  }

  static void deactivate(TestUser admin, TestUser user) {
    HttpResponse<Buffer> done = admin.post("/api/users/" + user.id() + "/deactivate", new JsonObject());
    assertEquals(200, done.statusCode(), done.bodyAsString());
  }

  static void reactivate(TestUser admin, TestUser user) {
    HttpResponse<Buffer> done = admin.post("/api/users/" + user.id() + "/reactivate", new JsonObject());
    assertEquals(200, done.statusCode(), done.bodyAsString());
  }

  /** What {@code chat.send} stored for {@code user}: the message of its reply. */
  static JsonObject send(TestUser user, JsonObject body) {
    try (BridgeClient socket = user.connect()) {
      return socket.request("chat.send", body).getJsonObject("message");
    }
  }

  static JsonObject say(TestUser user, String roomId, String content) {
    return send(user, new JsonObject().put("roomId", roomId).put("content", content));
  }
}
