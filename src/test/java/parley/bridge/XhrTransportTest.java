package parley.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("The SockJS XHR fallbacks")
class XhrTransportTest {

  private static TestServer server;
  private static TestUser alice;
  private static TestUser bob;
  private static String general;
  /**
   * A connection per request: the refusals below may close theirs, and a pooled connection the server has just
   * closed would fail the next request at random.
   */
  private static WebClient fresh;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    alice = server.register("alice");
    bob = server.register("bob");
    general = alice.generalRoomId();
    fresh = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.port).setKeepAlive(false));
  }

  private static HttpRequest<Buffer> xhr(String session, String transport, String token, String origin) {
    HttpRequest<Buffer> request = fresh.post("/eventbus/000/" + session + "/" + transport);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    if (origin != null) {
      request.putHeader("Origin", origin);
    }
    return request;
  }

  /** The bridge frames in one xhr-polling answer ({@code a[...]}); empty for open and heartbeat frames. */
  private static List<JsonObject> frames(HttpResponse<Buffer> poll) {
    String body = poll.bodyAsString().trim();
    List<JsonObject> frames = new ArrayList<>();
    if (body.startsWith("a")) {
      new JsonArray(body.substring(1)).forEach(text -> frames.add(new JsonObject((String) text)));
    }
    return frames;
  }

  private static void xhrSend(String session, JsonObject frame) {
    HttpResponse<Buffer> sent = xhr(session, "xhr_send", alice.token, null).putHeader("Content-Type", "text/plain")
      .sendBuffer(Buffer.buffer(new JsonArray().add(frame.encode()).encode())).await();
    assertEquals(204, sent.statusCode(), sent.bodyAsString());
  }

  @Test
  @DisplayName("xhr-polling registers a room and delivers its messages")
  void xhrPollingDelivers() {
    String session = UUID.randomUUID().toString().replace("-", "");
    HttpResponse<Buffer> open = xhr(session, "xhr", alice.token, null).send().await();
    assertEquals(200, open.statusCode(), open.bodyAsString());
    assertEquals("o", open.bodyAsString().trim());

    xhrSend(session, new JsonObject().put("type", "register").put("address", "room." + general));
    // Probe until one comes back, so the long poll never waits for the 25 s heartbeat.
    long probing = server.vertx.setPeriodic(50, tick ->
      server.vertx.eventBus().publish("room." + general, new JsonObject().put("type", BridgeClient.PROBE)));
    boolean registered = false;
    for (int attempt = 0; attempt < 20 && !registered; attempt++) {
      registered = !frames(xhr(session, "xhr", alice.token, null).send().await()).isEmpty();
    }
    server.vertx.cancelTimer(probing);
    assertTrue(registered, "the registration never delivered over xhr-polling");

    try (BridgeClient bobs = bob.connect()) {
      bobs.request("chat.send", new JsonObject().put("roomId", general).put("content", "over xhr"));
    }
    JsonObject delivered = null;
    for (int attempt = 0; attempt < 20 && delivered == null; attempt++) {
      delivered = frames(xhr(session, "xhr", alice.token, null).send().await()).stream()
        .map(frame -> frame.getJsonObject("body"))
        .filter(body -> "message.new".equals(body.getString("type")))
        .findFirst().orElse(null);
    }
    assertTrue(delivered != null, "message.new never arrived over xhr-polling");
    assertEquals("over xhr", delivered.getJsonObject("message").getString("content"));
  }

  @Test
  @DisplayName("rejects a foreign Origin on /eventbus/info and the xhr transports, without a CORS echo")
  void rejectsForeignOriginOnXhr() {
    String evil = "https://evil.example";
    HttpResponse<Buffer> info = fresh.get("/eventbus/info").putHeader("Origin", evil)
      .putHeader("Cookie", "parley_token=" + alice.token).send().await();
    assertEquals(403, info.statusCode());
    assertNull(info.getHeader("Access-Control-Allow-Origin"));
    String session = UUID.randomUUID().toString().replace("-", "");
    for (String transport : new String[] {"xhr", "xhr_streaming", "xhr_send"}) {
      HttpResponse<Buffer> refused = fresh.post("/eventbus/000/" + session + "/" + transport)
        .putHeader("Origin", evil).putHeader("Cookie", "parley_token=" + alice.token).send().await();
      assertEquals(403, refused.statusCode(), transport);
      assertNull(refused.getHeader("Access-Control-Allow-Origin"), transport);
    }
    String own = "http://localhost:" + server.port;
    HttpResponse<Buffer> allowed = fresh.get("/eventbus/info").putHeader("Origin", own)
      .putHeader("Cookie", "parley_token=" + alice.token).send().await();
    assertEquals(200, allowed.statusCode());
    assertEquals(own, allowed.getHeader("Access-Control-Allow-Origin"));
  }
}
