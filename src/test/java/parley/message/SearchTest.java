package parley.message;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestImages;
import parley.testing.TestServer;
import parley.testing.TestUser;
import parley.testing.Uploads;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Search: the messages the searcher may read now, by words, pieces of words, phrases and filters")
class SearchTest {

  private static final String BASE = "localtest";

  private static TestServer server;
  private static TestUser alice;
  private static TestUser bob;
  private static BridgeClient alices;
  private static BridgeClient bobs;
  private static String deploys;
  private static String privateOps;
  private static String oldRoom;
  private static String dm;
  private static String done;
  private static String rollback;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("TENANT_BASE_DOMAIN", BASE));
    alice = server.register("alice", "Alice Adams");
    bob = server.register("bob", "Bob Brown");
    alices = alice.connect();
    bobs = bob.connect();
    deploys = alice.createRoom("deploys", bob);
    oldRoom = alice.createRoom("old-room", bob);
    HttpResponse<Buffer> made = alice.post("/api/rooms", new JsonObject().put("name", "private-ops").put("private", true));
    privateOps = made.bodyAsJsonObject().getJsonObject("room").getString("id");
    dm = alice.post("/api/dms", new JsonObject().put("userId", bob.id())).bodyAsJsonObject().getJsonObject("room").getString("id");

    done = send(alices, deploys, "The deployment to production is done");
    rollback = send(bobs, deploys, "Rollback plan for the deployment: see https://wiki.example/rollback");
    send(bobs, dm, "secret deployment notes between us");
    send(alices, privateOps, "deployment keys rotated in private");
    send(alices, oldRoom, "deployment history from the old days");
    String withdrawn = send(alices, deploys, "deployment draft, withdrawn");
    alices.request("chat.delete", new JsonObject().put("messageId", withdrawn));
    assertEquals(200, bob.post("/api/rooms/" + oldRoom + "/leave", new JsonObject()).statusCode());
    JsonObject file = Uploads.uploaded(alice, "diagram.png", TestImages.image(32, 24, "png"));
    alices.request("chat.send", new JsonObject().put("roomId", deploys).put("content", "the deployment diagram")
      .put("attachments", new JsonArray().add(file.getString("id"))));
  }

  @AfterAll
  static void stop() {
    alices.close();
    bobs.close();
  }

  private static String send(BridgeClient client, String roomId, String content) {
    return client.request("chat.send", new JsonObject().put("roomId", roomId).put("content", content))
      .getJsonObject("message").getString("id");
  }

  private static HttpResponse<Buffer> search(TestUser user, String q) {
    return user.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
  }

  private static List<String> contents(TestUser user, String q) {
    HttpResponse<Buffer> found = search(user, q);
    assertEquals(200, found.statusCode(), found.bodyAsString());
    return found.bodyAsJsonObject().getJsonArray("results").stream().map(JsonObject.class::cast)
      .map(result -> result.getJsonObject("message").getString("content")).toList();
  }

  @Test
  @DisplayName("finds whole words and pieces of words, newest first, in every room the searcher is in: channels and DMs")
  void findsWordsAndPieces() {
    List<String> found = contents(bob, "deplo");
    assertEquals(List.of("the deployment diagram", "secret deployment notes between us",
      "Rollback plan for the deployment: see https://wiki.example/rollback", "The deployment to production is done"), found);
    assertEquals(List.of("Rollback plan for the deployment: see https://wiki.example/rollback"), contents(bob, "ROLLBACK deployment"));
    assertEquals(List.of("Rollback plan for the deployment: see https://wiki.example/rollback"), contents(bob, "ollbac"));
  }

  @Test
  @DisplayName("rejects what the searcher may not read: a private room they are not in, a room they left, deleted messages")
  void rejectsWhatTheSearcherMayNotRead() {
    List<String> found = contents(bob, "deployment");
    assertFalse(found.contains("deployment keys rotated in private"), "a private room bob is not in");
    assertFalse(found.contains("deployment history from the old days"), "a room bob left");
    assertFalse(found.stream().anyMatch(content -> content.contains("withdrawn")), "a deleted message");
    assertTrue(contents(alice, "deployment").contains("deployment keys rotated in private"));
    assertTrue(contents(alice, "deployment").contains("deployment history from the old days"));
  }

  @Test
  @DisplayName("rejects an edited message's old text: it is found by its new text only")
  void rejectsOldTextOfEdits() {
    String edited = send(alices, deploys, "the migration window is Tuesday");
    alices.request("chat.edit", new JsonObject().put("messageId", edited).put("content", "the maintenance window is Thursday"));
    assertEquals(List.of(), contents(bob, "migration"));
    assertEquals(List.of("the maintenance window is Thursday"), contents(bob, "maintenance"));
  }

  @Test
  @DisplayName("rejects messages of another tenant, however well they match")
  void rejectsAnotherTenant() {
    String tenant = server.queryOne("INSERT INTO tenants (slug, name) VALUES ('other', 'Other') RETURNING id");
    server.queryOne("SELECT create_system_roles(?)", Long.parseLong(tenant));
    HttpResponse<Buffer> registered = server.http.post("/api/auth/register").virtualHost("other." + BASE)
      .sendJsonObject(new JsonObject().put("username", "olga").put("password", TestUser.PASSWORD)).await();
    TestUser olga = new TestUser(server, registered.bodyAsJsonObject().getJsonObject("user"),
      registered.bodyAsJsonObject().getString("token"), "other." + BASE);
    try (BridgeClient olgas = olga.connect()) {
      send(olgas, olga.createRoom("elsewhere"), "deployment elsewhere entirely");
    }
    assertFalse(contents(alice, "deployment").contains("deployment elsewhere entirely"));
    assertEquals(List.of("deployment elsewhere entirely"), contents(olga, "deployment"));
    assertEquals(List.of(), contents(olga, "in:#deploys"));
  }

  @Test
  @DisplayName("narrows by room, author, files, links, pins and days; phrases are found as written")
  void filters() {
    assertEquals(List.of("the deployment diagram", "Rollback plan for the deployment: see https://wiki.example/rollback",
      "The deployment to production is done"), contents(bob, "deployment in:#deploys"));
    assertEquals(List.of("Rollback plan for the deployment: see https://wiki.example/rollback"), contents(alice, "from:@" + bob.username() + " in:#deploys"));
    assertEquals(List.of("the deployment diagram"), contents(bob, "has:file"));
    assertEquals(List.of("Rollback plan for the deployment: see https://wiki.example/rollback"), contents(bob, "deployment has:link"));
    assertEquals(List.of("The deployment to production is done"), contents(bob, "\"to production\""));
    assertEquals(List.of(), contents(bob, "\"production to\""));
    assertEquals(List.of(), contents(bob, "deployment before:2020-01-01"));
    assertEquals(4, contents(bob, "deployment after:2020-01-01").size());
    assertEquals(List.of(), contents(bob, "deployment after:2999-01-01"));
    assertEquals(List.of(), contents(bob, "is:pinned"));
    server.queryOne("UPDATE messages SET pinned_at = now(), pinned_by = ? WHERE id = ? RETURNING id", Long.parseLong(alice.id()),
      Long.parseLong(done));
    assertEquals(List.of("The deployment to production is done"), contents(bob, "is:pinned"));
  }

  @Test
  @DisplayName("pages newest first with a cursor, which the last page has not")
  void pages() {
    HttpResponse<Buffer> first = bob.get("/api/search?q=deployment&limit=2");
    assertEquals(200, first.statusCode(), first.bodyAsString());
    JsonObject page = first.bodyAsJsonObject();
    assertEquals(2, page.getJsonArray("results").size());
    HttpResponse<Buffer> second = bob.get("/api/search?q=deployment&limit=2&cursor=" + page.getString("cursor"));
    JsonObject next = second.bodyAsJsonObject();
    assertEquals(2, next.getJsonArray("results").size());
    assertEquals(rollback, next.getJsonArray("results").getJsonObject(0).getJsonObject("message").getString("id"));
    assertNull(next.getValue("cursor"), "the last page says there is no more");
  }

  @Test
  @DisplayName("carries a snippet of plain text with where each word stands in it, and the room; chat.search answers the same")
  void snippetsAndTheBridge() {
    JsonObject result = bobs.request("chat.search", new JsonObject().put("q", "ROLLBACK wiki")).getJsonArray("results").getJsonObject(0);
    assertEquals(deploys, result.getString("roomId"));
    String snippet = result.getString("snippet");
    assertEquals("Rollback plan for the deployment: see https://wiki.example/rollback", snippet);
    List<String> marked = result.getJsonArray("highlights").stream().map(JsonArray.class::cast)
      .map(range -> snippet.substring(range.getInteger(0), range.getInteger(1))).toList();
    assertEquals(List.of("Rollback", "wiki", "rollback"), marked);
    assertEquals(bob.get("/api/search?q=ROLLBACK%20wiki").bodyAsJsonObject(), bobs.request("chat.search", new JsonObject().put("q", "ROLLBACK wiki")));
  }

  @Test
  @DisplayName("rejects a search with nothing to look for, an unknown filter value or a day that is not one, saying why")
  void rejectsBadQueries() {
    assertError(search(bob, "   "), 400, "invalid_search");
    assertError(search(bob, "has:everything"), 400, "invalid_search");
    assertError(search(bob, "before:yesterday"), 400, "invalid_search");
    assertError(search(bob, "in:#"), 400, "invalid_search");
    assertError(search(bob, "x".repeat(501)), 400, "invalid_search");
    assertError(bob.get("/api/search?q=deployment&cursor=abc"), 400, "invalid_cursor");
    assertError(bob.get("/api/search?q=deployment&limit=51"), 400, "invalid_limit");
    assertEquals(new BridgeClient.Failure(400, "invalid_search"), bobs.requestFailure("chat.search", new JsonObject()));
  }

  @Test
  @DisplayName("a long message's snippet is cut around the first match, with an ellipsis where text goes on")
  void longSnippets() {
    String padding = "lorem ipsum dolor sit amet ".repeat(10);
    send(alices, deploys, padding + "the needle is here " + padding);
    JsonObject result = contents(bob, "needle").isEmpty() ? null
      : search(bob, "needle").bodyAsJsonObject().getJsonArray("results").getJsonObject(0);
    String snippet = result.getString("snippet");
    assertTrue(snippet.startsWith("…") && snippet.endsWith("…"), snippet);
    assertTrue(snippet.length() <= Snippet.LENGTH + 2, snippet);
    JsonArray range = result.getJsonArray("highlights").getJsonArray(0);
    assertEquals("needle", snippet.substring(range.getInteger(0), range.getInteger(1)));
  }
}
