package parley.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access log as the server writes it, read from its logger in this JVM. */
@ExtendWith(VertxExtension.class)
@DisplayName("The access log")
class AccessLogTest {

  private static final Logger ACCESS = Logger.getLogger("parley.access");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @BeforeEach
  void capture() {
    ACCESS.addHandler(capture);
  }

  @AfterEach
  void release() {
    ACCESS.removeHandler(capture);
  }

  @Test
  @DisplayName("writes neither the query string nor the codes of reset and invite links")
  void withoutSecrets(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx);
    server.http.get("/api/auth/reset/secret-reset-code").send().await();
    server.http.get("/api/auth/invite/secret-invite-code?x=1").send().await();
    HttpResponse<Buffer> page = server.http.get("/?reset=secret-reset-code").putHeader("X-Request-Id", "page-1").send().await();
    assertEquals("page-1", page.getHeader("X-Request-Id"));

    Map<String, Object> pageLine = awaitLine("page-1");
    assertEquals("/", pageLine.get("path"));
    assertEquals(200, pageLine.get("status"));
    List<Object> paths = records.stream().map(record -> fields(record).get("path")).toList();
    assertTrue(paths.containsAll(List.of("/api/auth/reset/:code", "/api/auth/invite/:code")), paths.toString());
    assertFalse(records.stream().anyMatch(record -> fields(record).toString().contains("secret")), paths.toString());
  }

  @Test
  @DisplayName("writes a SockJS WebSocket once, when it is upgraded, and none of its frames")
  void upgradeOnce(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx);
    String token = server.register("alice").token;
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket socket = client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(server.port)
      .setURI("/eventbus/123/upgrade1/websocket").addHeader("Authorization", "Bearer " + token)
      .addHeader("X-Request-Id", "upgrade-1")).await();
    for (int i = 0; i < 3; i++) {
      socket.writeTextMessage("[\"{\\\"type\\\":\\\"ping\\\"}\"]").await();
    }
    Map<String, Object> line = awaitLine("upgrade-1");
    assertEquals("/eventbus/123/upgrade1/websocket", line.get("path"));
    assertEquals(101, line.get("status"));
    socket.close().await();
    client.close().await();
    Thread.sleep(200);
    assertEquals(1, records.stream().filter(record -> fields(record).get("path").toString().startsWith("/eventbus")).count(),
      records.stream().map(AccessLogTest::fields).toList().toString());
  }

  @Test
  @DisplayName("is silent with ACCESS_LOG=false, and requests still get their id")
  void off(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx, new JsonObject().put("ACCESS_LOG", false));
    HttpResponse<Buffer> page = server.http.get("/").putHeader("X-Request-Id", "quiet-1").send().await();
    assertEquals("quiet-1", page.getHeader("X-Request-Id"));
    HttpResponse<Buffer> generated = server.http.get("/").putHeader("X-Request-Id", "x".repeat(65)).send().await();
    assertTrue(generated.getHeader("X-Request-Id").matches("[0-9a-f]{16}"), "a long id is replaced");
    Thread.sleep(200);
    assertEquals(List.of(), records.stream().map(AccessLogTest::fields).toList());
  }

  private Map<String, Object> awaitLine(String requestId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      for (LogRecord record : records) {
        if (requestId.equals(fields(record).get("requestId"))) {
          return fields(record);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no access line for " + requestId + " in " + records.stream().map(AccessLogTest::fields).toList());
  }

  private static Map<String, Object> fields(LogRecord record) {
    return ((parley.log.LogFields) record.getParameters()[0]).values();
  }
}
