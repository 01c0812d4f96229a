package parley.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("A bridge session belongs to whoever opened it")
class SessionHijackTest {

  private static TestServer server;
  private static TestUser alice;
  private static TestUser mallory;
  private static String secretRoom;
  private static WebClient fresh;
  private static String own;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    alice = server.register("alice");
    mallory = server.register("mallory");
    secretRoom = alice.post("/api/rooms", new JsonObject().put("name", "secret").put("private", true))
      .bodyAsJsonObject().getJsonObject("room").getString("id");
    fresh = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.port).setKeepAlive(false));
    own = "http://localhost:" + server.port;
  }

  private static String newSession() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private static HttpRequest<Buffer> transport(HttpMethod method, String session, String transport, String token) {
    return fresh.request(method, "/eventbus/000/" + session + "/" + transport).bearerTokenAuthentication(token);
  }

  private static HttpResponse<Buffer> xhrSend(String session, String token, JsonObject frame) {
    return transport(HttpMethod.POST, session, "xhr_send", token).putHeader("Content-Type", "text/plain")
      .sendBuffer(Buffer.buffer(new JsonArray().add(frame.encode()).encode())).await();
  }

  @Test
  @DisplayName("rejects frames sent into someone else's XHR session, and reading its replies")
  void rejectsSendingIntoAnotherSession() {
    String session = newSession();
    HttpResponse<Buffer> open = transport(HttpMethod.POST, session, "xhr", alice.token).send().await();
    assertEquals("o", open.bodyAsString().trim());

    JsonObject asAlice = new JsonObject().put("type", "send").put("address", "chat.send").put("replyAddress", "stolen")
      .put("body", new JsonObject().put("roomId", secretRoom).put("content", "written by mallory"));
    assertError(xhrSend(session, mallory.token, asAlice), 404, "not_found");
    assertError(transport(HttpMethod.POST, session, "xhr", mallory.token).send().await(), 404, "not_found");
    assertError(transport(HttpMethod.POST, session, "xhr_streaming", mallory.token).send().await(), 404, "not_found");
    assertEquals("0", server.queryOne("SELECT count(*) FROM messages WHERE content = 'written by mallory'"));

    // The owner still drives it; mallory's attempt, had it got in, would be stored by now too.
    JsonObject own = asAlice.copy().put("body", asAlice.getJsonObject("body").copy().put("content", "written by alice"));
    assertEquals(204, xhrSend(session, alice.token, own).statusCode());
    HttpResponse<Buffer> reply = transport(HttpMethod.POST, session, "xhr", alice.token).send().await();
    assertTrue(reply.bodyAsString().contains("written by alice"), reply.bodyAsString());
    assertEquals("0", server.queryOne("SELECT count(*) FROM messages WHERE content = 'written by mallory'"));
  }

  @Test
  @DisplayName("rejects a send into a session nobody opened")
  void rejectsSendingIntoNoSession() {
    JsonObject ping = new JsonObject().put("type", "ping");
    assertError(xhrSend(newSession(), mallory.token, ping), 404, "not_found");
  }

  @Test
  @DisplayName("rejects the GET transports a cross-site page could open with the visitor's cookie")
  void rejectsGetTransports() {
    for (String transport : new String[] {"jsonp?c=steal", "htmlfile?c=steal", "eventsource"}) {
      HttpResponse<Buffer> refused = fresh.get("/eventbus/000/" + newSession() + "/" + transport)
        .putHeader("Cookie", "parley_token=" + alice.token).send().await();
      assertEquals(404, refused.statusCode(), transport);
      assertFalse(refused.bodyAsString().contains("steal"), transport);
    }
    for (String iframe : new String[] {"iframe.html", "iframe-1.6.1.html"}) {
      assertError(fresh.get("/eventbus/" + iframe).bearerTokenAuthentication(alice.token).send().await(), 404, "not_found");
    }
  }

  @Test
  @DisplayName("rejects cookie requests that a cross-site page made, or that lack the Origin a browser sends")
  void rejectsCrossSiteCookieRequests() {
    HttpResponse<Buffer> navigated = fresh.get("/eventbus/info").putHeader("Cookie", "parley_token=" + alice.token)
      .putHeader("Sec-Fetch-Site", "cross-site").send().await();
    assertError(navigated, 403, "forbidden_origin");
    HttpResponse<Buffer> noOrigin = fresh.post("/eventbus/000/" + newSession() + "/xhr")
      .putHeader("Cookie", "parley_token=" + alice.token).send().await();
    assertError(noOrigin, 403, "forbidden_origin");

    HttpResponse<Buffer> fromApp = fresh.post("/eventbus/000/" + newSession() + "/xhr")
      .putHeader("Cookie", "parley_token=" + alice.token).putHeader("Origin", own).putHeader("Sec-Fetch-Site", "same-origin")
      .send().await();
    assertEquals("o", fromApp.bodyAsString().trim());
    HttpResponse<Buffer> bot = transport(HttpMethod.POST, newSession(), "xhr", alice.token)
      .putHeader("Sec-Fetch-Site", "cross-site").send().await();
    assertEquals("o", bot.bodyAsString().trim());
  }

  @Test
  @DisplayName("rejects an https Origin on a server reached over http")
  void rejectsOtherScheme() {
    HttpResponse<Buffer> otherScheme = fresh.get("/eventbus/info").putHeader("Origin", "https://localhost:" + server.port)
      .send().await();
    assertError(otherScheme, 403, "forbidden_origin");
    HttpResponse<Buffer> rest = fresh.post("/api/rooms").putHeader("Cookie", "parley_token=" + alice.token)
      .putHeader("Origin", "https://localhost:" + server.port).sendJsonObject(new JsonObject().put("name", "schemed")).await();
    assertError(rest, 403, "forbidden_origin");
  }
}
