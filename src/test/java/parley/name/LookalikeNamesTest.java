package parley.name;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.BridgeClient.Failure;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Names that look like others'")
class LookalikeNamesTest {

  private static final char CYRILLIC_A = 'а';
  private static final char CYRILLIC_IE = 'е';

  private static TestServer server;
  private static TestUser root;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    root = server.register("root");
    general = root.generalRoomId();
  }

  private static HttpResponse<Buffer> register(String username, String displayName) {
    JsonObject body = new JsonObject().put("username", username).put("password", "correct horse battery");
    return server.http.post("/api/auth/register").sendJsonObject(displayName == null ? body : body.put("displayName", displayName)).await();
  }

  private static HttpResponse<Buffer> rename(TestUser actor, TestUser who, String displayName) {
    return actor.request(HttpMethod.PATCH, "/api/users/" + who.id() + "/display-name")
      .sendJsonObject(new JsonObject().put("displayName", displayName)).await();
  }

  private static HttpResponse<Buffer> createRoom(String name) {
    return root.post("/api/rooms", new JsonObject().put("name", name));
  }

  private static String displayNameOf(TestUser user) {
    return server.queryOne("SELECT display_name FROM users WHERE id = ?", Long.parseLong(user.id()));
  }

  private static JsonObject line(String content) {
    return new JsonObject().put("roomId", general).put("content", content);
  }

  @Test
  @DisplayName("rejects a display name that is another user's username with a Cyrillic look-alike letter: at registration, by oneself, by an admin and by /nick")
  void rejectsCyrillicLookalikeOfUsername() {
    TestUser alice = server.register("alice");
    String lookalike = alice.username().replace('a', CYRILLIC_A);
    assertError(register("mallory_cy", lookalike), 409, "name_confusable");

    TestUser mallory = server.register("mallory");
    assertError(rename(mallory, mallory, lookalike), 409, "name_confusable");
    assertError(rename(root, mallory, lookalike), 409, "name_confusable");
    try (BridgeClient client = mallory.connect()) {
      assertEquals(new Failure(409, "name_confusable"), client.requestFailure("chat.send", line("/nick " + lookalike)));
    }
    assertEquals(mallory.username(), displayNameOf(mallory));
  }

  @Test
  @DisplayName("rejects a display name that looks like another user's display name, whatever the case, digits or Cyrillic capitals")
  void rejectsLookalikeOfDisplayName() {
    server.register("bob", "Bob Builder");
    assertError(register("robert_a", "BOB BUILDER"), 409, "name_confusable");
    assertError(register("robert_b", "B0b Bui1der"), 409, "name_confusable");
    TestUser robert = server.register("robert");
    assertError(rename(robert, robert, "Во" + "b Вuilder"), 409, "name_confusable"); // Cyrillic В, о and В
    assertError(rename(robert, robert, "Bob Builder"), 409, "name_confusable");
    assertEquals(200, rename(robert, robert, "Bob the Builder").statusCode());
  }

  @Test
  @DisplayName("rejects a username that looks like another user's username or display name")
  void rejectsLookalikeUsername() {
    TestUser mike = server.register("mike");
    assertError(register(mike.username().replace("m", "rn"), null), 409, "name_confusable");
    server.register("quincy", "Quill");
    assertError(register("quill", null), 409, "name_confusable");
    assertError(register("qui11", "Someone Else"), 409, "name_confusable");
  }

  @Test
  @DisplayName("one's own username, in another case or form, is a fine display name")
  void ownUsername() {
    TestUser ivan = server.register("ivan");
    HttpResponse<Buffer> renamed = rename(ivan, ivan, ivan.username().toUpperCase());
    assertEquals(200, renamed.statusCode(), renamed.bodyAsString());
    assertEquals(201, register("olga_own", "OLGA_0WN").statusCode());
  }

  @Test
  @DisplayName("rejects a channel named gеneral with a Cyrillic е while #general exists, and a channel that looks like another")
  void rejectsLookalikeRoom() {
    assertError(createRoom("g" + CYRILLIC_IE + "neral"), 409, "name_confusable");
    assertError(createRoom("GENERAL"), 409, "room_name_taken");
    assertEquals(201, createRoom("ops1").statusCode());
    assertError(createRoom("OPSl"), 409, "name_confusable");
    try (BridgeClient client = root.connect()) {
      assertEquals(new Failure(409, "name_confusable"), client.requestFailure("chat.send", line("/createroom g" + CYRILLIC_IE + "neral")));
    }
    assertEquals("0", server.queryOne("SELECT count(*) FROM rooms WHERE name IN (?, ?)", "g" + CYRILLIC_IE + "neral", "OPSl"));
  }

  @Test
  @DisplayName("rejects look-alike channels created at the same moment: only one of each is made")
  void rejectsConcurrentLookalikeRooms() {
    for (String start : List.of("race", "rush", "rest")) {
      // Different in lower case, so that only the look-alike check can refuse them (digit 0, Latin o, Cyrillic о).
      List<String> names = Stream.of("00", "0o", "o0", "oo", "\u043e\u043e", "0\u043e", "\u043eo").map(end -> start + end).toList();
      List<Integer> statuses = names.stream()
        .map(name -> root.request(HttpMethod.POST, "/api/rooms").sendJsonObject(new JsonObject().put("name", name)))
        .toList().stream().map(request -> request.await().statusCode()).toList();
      assertEquals(1, statuses.stream().filter(status -> status == 201).count(), names + " " + statuses);
    }
  }

  @Test
  @DisplayName("rejects bidi controls and invisible characters in names by storing the names without them")
  void rejectsInvisibles() {
    HttpResponse<Buffer> registered = register("dave_bidi", "\u202EDave\u200B D.\u2066\u200F");
    assertEquals(201, registered.statusCode(), registered.bodyAsString());
    assertEquals("Dave D.", registered.bodyAsJsonObject().getJsonObject("user").getString("displayName"));
    assertEquals("Dave D.", server.queryOne("SELECT display_name FROM users WHERE username = 'dave_bidi'"));

    TestUser erin = server.register("erin");
    assertEquals("Erin E.", rename(erin, erin, "Er\u200Din\u00AD\uFEFF E.\u061C").bodyAsJsonObject().getJsonObject("user").getString("displayName"));
    assertEquals("Erin E.", displayNameOf(erin));
    assertEquals("Erin 👩‍💻", rename(erin, erin, "Erin 👩\u200D💻").bodyAsJsonObject().getJsonObject("user").getString("displayName"));

    assertEquals("design", createRoom("de\u200Bsi\u2060gn\u200F").bodyAsJsonObject().getJsonObject("room").getString("name"));
    assertError(rename(erin, erin, "\u200B\u202E\u2067"), 400, "invalid_display_name");
    assertError(createRoom("\u200B"), 400, "invalid_room_name");
  }

  @Test
  @DisplayName("rejects fullwidth and other compatibility letters by storing names NFKC-normalised")
  void rejectsCompatibilityForms() {
    HttpResponse<Buffer> registered = register("ｆｒｅｄ_ｗｉｄｅ", "Ｆｒｅｄ Ｗｉｄｅ");
    assertEquals(201, registered.statusCode(), registered.bodyAsString());
    JsonObject user = registered.bodyAsJsonObject().getJsonObject("user");
    assertEquals("fred_wide", user.getString("username"));
    assertEquals("Fred Wide", user.getString("displayName"));
    assertEquals(200, server.http.post("/api/auth/login")
      .sendJsonObject(new JsonObject().put("username", "FRED_WIDE").put("password", "correct horse battery")).await().statusCode());
    assertEquals("plans2", createRoom("ｐｌａｎｓ２").bodyAsJsonObject().getJsonObject("room").getString("name"));
    assertEquals("finance", createRoom("ﬁnance").bodyAsJsonObject().getJsonObject("room").getString("name"));
  }
}
