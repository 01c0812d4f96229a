package parley.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parley.testing.ApiAssertions.assertError;
import static parley.testing.ApiAssertions.assertRateLimited;

@ExtendWith(VertxExtension.class)
@DisplayName("Rate limits")
class RateLimitTest {

  @Test
  @DisplayName("rejects the 16th auth request in a minute from one address with 429 and Retry-After")
  void authRequestsPerIp(Vertx vertx) {
    TestServer server = TestServer.start(vertx, new JsonObject().put("AUTH_RATE_LIMIT_PER_MINUTE", 15));
    for (int i = 0; i < 15; i++) {
      HttpResponse<Buffer> login = server.http.post("/api/auth/login")
        .sendJsonObject(new JsonObject().put("username", "nobody" + i).put("password", "guessing")).await();
      assertEquals(401, login.statusCode(), "attempt " + (i + 1));
    }
    HttpResponse<Buffer> limited = server.http.post("/api/auth/login")
      .sendJsonObject(new JsonObject().put("username", "nobody").put("password", "one more")).await();
    assertRateLimited(limited, 60);
    HttpResponse<Buffer> register = server.http.post("/api/auth/register")
      .sendJsonObject(new JsonObject().put("username", "newcomer").put("password", "long enough")).await();
    assertError(register, 429, "rate_limited");
  }

  @Test
  @DisplayName("rejects auth requests beyond the budget per tenant and address, leaving another tenant's budget whole")
  void authBudgetPerTenant(Vertx vertx) {
    TestServer server = TestServer.start(vertx, new JsonObject().put("AUTH_RATE_LIMIT_PER_MINUTE", 3).put("TENANT_BASE_DOMAIN", "localtest"));
    server.strangerElsewhere("b");
    for (int i = 0; i < 3; i++) {
      assertEquals(401, login(server, "a-flood" + i, "localhost").statusCode(), "attempt " + (i + 1));
    }
    assertError(login(server, "a-flood", "localhost"), 429, "rate_limited");
    assertEquals(401, login(server, "b-person", "b.localtest").statusCode(), "the other tenant's budget went with the flood");
  }

  private static HttpResponse<Buffer> login(TestServer server, String username, String host) {
    return server.http.post("/api/auth/login").virtualHost(host)
      .sendJsonObject(new JsonObject().put("username", username).put("password", "guessing")).await();
  }

  @Test
  @DisplayName("counts only the auth routes where a password or code could be guessed, not a signed-in reload")
  void signedInReadsSpendNoBudget(Vertx vertx) {
    TestServer server = TestServer.start(vertx, new JsonObject().put("AUTH_RATE_LIMIT_PER_MINUTE", 3));
    TestUser alice = server.register("alice");
    for (int i = 0; i < 10; i++) {
      assertEquals(200, alice.get("/api/auth/me").statusCode(), "reload " + (i + 1));
      assertEquals(200, alice.get("/api/auth/sessions").statusCode(), "reload " + (i + 1));
    }
    for (int i = 0; i < 2; i++) {
      assertError(alice.post("/api/auth/password", new JsonObject().put("current", "wrong guess " + i)
        .put("new", "a new long password")), 403, "wrong_password");
    }
    assertError(alice.post("/api/auth/password", new JsonObject().put("current", "wrong guess")
      .put("new", "a new long password")), 429, "rate_limited");
  }

  @Test
  @DisplayName("rejects the 16th auth request however the requests spread over connections and server instances")
  void authLimitSharedByInstances(Vertx vertx) {
    TestServer server = TestServer.start(vertx, new JsonObject().put("AUTH_RATE_LIMIT_PER_MINUTE", 15).put("HTTP_INSTANCES", 2));
    // A connection per request: the instances take connections in turn.
    io.vertx.ext.web.client.WebClient fresh = io.vertx.ext.web.client.WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions()
      .setDefaultHost("localhost").setDefaultPort(server.port).setKeepAlive(false));
    for (int i = 0; i < 15; i++) {
      // A username each, so that the per-account lock is not what answers.
      assertEquals(401, fresh.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", "nobody" + i)
        .put("password", "guessing")).await().statusCode(), "attempt " + (i + 1));
    }
    assertError(fresh.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", "nobody").put("password", "again"))
      .await(), 429, "rate_limited");
    fresh.close();
  }

  @Test
  @DisplayName("rejects a reaction to an announcement beyond the budget message reactions share with it, with Retry-After")
  void announcementReactionsShareTheBudget(Vertx vertx) {
    TestServer server = TestServer.start(vertx, new JsonObject().put("MESSAGE_RATE_LIMIT_PER_MINUTE", 2));
    TestUser root = server.register("root");
    TestUser other = server.register("other");
    String general = root.generalRoomId();
    String announcement = root.post("/api/announcements", new JsonObject().put("title", "Hi").put("body", "All")
        .put("audience", new JsonObject().put("userIds", new io.vertx.core.json.JsonArray().add(other.id()))))
      .bodyAsJsonObject().getJsonObject("announcement").getString("id");
    try (BridgeClient client = root.connect()) {
      String id = client.request("chat.send", new JsonObject().put("roomId", general).put("content", "hello"))
        .getJsonObject("message").getString("id");
      client.request("chat.react", new JsonObject().put("messageId", id).put("emoji", "👍"));
      assertEquals(200, root.post("/api/announcements/" + announcement + "/reactions", new JsonObject().put("emoji", "👍")).statusCode());
      HttpResponse<Buffer> limited = root.post("/api/announcements/" + announcement + "/reactions", new JsonObject().put("emoji", "🎉"));
      assertRateLimited(limited, 60);
    }
  }

  @Test
  @DisplayName("rejects message sends beyond the per-user limit with 429 rate_limited, storing none of them")
  void messageSendsPerUser(Vertx vertx) {
    TestServer server = TestServer.start(vertx, new JsonObject().put("MESSAGE_RATE_LIMIT_PER_MINUTE", 5));
    TestUser chatty = server.register("chatty");
    String general = chatty.generalRoomId();
    try (BridgeClient client = chatty.connect()) {
      for (int i = 0; i < 5; i++) {
        client.request("chat.send", new JsonObject().put("roomId", general).put("content", "message " + i));
      }
      assertEquals(new BridgeClient.Failure(429, "rate_limited"),
        client.requestFailure("chat.send", new JsonObject().put("roomId", general).put("content", "too many")));
    }
    assertEquals("5", server.queryOne("SELECT count(*) FROM messages"));
  }

  @Test
  @DisplayName("rejects edits, deletions and reactions beyond their shared per-user limit with 429 rate_limited")
  void changesPerUser(Vertx vertx) {
    TestServer server = TestServer.start(vertx, new JsonObject().put("MESSAGE_RATE_LIMIT_PER_MINUTE", 4));
    TestUser fidget = server.register("fidget");
    String general = fidget.generalRoomId();
    try (BridgeClient client = fidget.connect()) {
      String id = client.request("chat.send", new JsonObject().put("roomId", general).put("content", "draft"))
        .getJsonObject("message").getString("id");
      JsonObject target = new JsonObject().put("messageId", id);
      client.request("chat.react", target.copy().put("emoji", "👍"));
      client.request("chat.react", target.copy().put("emoji", "👍").put("on", false));
      client.request("chat.edit", target.copy().put("content", "final"));
      client.request("chat.react", target.copy().put("emoji", "🎉"));
      assertEquals(new BridgeClient.Failure(429, "rate_limited"), client.requestFailure("chat.delete", target));
      assertEquals("final", server.queryOne("SELECT content FROM messages WHERE id = ?", Long.parseLong(id)));
    }
  }
}
