package parley.log;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.db.DatabaseUrl;
import parley.testing.BridgeClient;
import parley.testing.ParleyProcess;
import parley.testing.Ports;
import parley.testing.TestDatabase;
import parley.testing.TestServer;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Parley in a process of its own, its log read as an operator's collector reads it: someone registers and signs in
 * with a known password, uses the token as a bearer and in a query string, sends a known message over the bridge,
 * vanishes without closing, and two requests fail inside the server. Then the password, the token and the message
 * never appear, every request has its access line, and every line is one record.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A server's log")
class LogsInProcessTest {

  private static final Pattern TEXT_LINE = Pattern.compile(
    "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (ERROR|WARN|INFO|DEBUG|TRACE) \\S+ .*");
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

  @ParameterizedTest(name = "LOG_FORMAT={0}")
  @ValueSource(strings = {"text", "json"})
  @DisplayName("never holds a password, a token or a message, has an access line per request, and one record per line")
  void logsWithoutSecrets(String format, Vertx vertx) throws Exception {
    DatabaseUrl database = TestDatabase.fresh();
    JsonObject settings = new JsonObject()
      .put("DATABASE_URL", database.toUrl())
      .put("PARLEY_DATA_DIR", Files.createTempDirectory("parley-logs").toString())
      .put("JWT_SECRET", "a-test-secret-that-is-at-least-32-characters-long")
      .put("HTTP_INSTANCES", 1)
      .put("LOG_FORMAT", format);
    String password = "Pw-" + UUID.randomUUID();
    String content = "secret-content-" + UUID.randomUUID();
    String output;
    String token;
    String loginToken;
    String failedRequestId;
    try (ParleyProcess parley = ParleyProcess.start("logs-" + format, Ports.freeForClusterMember(), settings)) {
      parley.awaitHttp(90_000);
      TestServer server = TestServer.otherProcess(vertx, parley.port, database, settings);

      HttpResponse<Buffer> registered = server.http.post("/api/auth/register")
        .sendJsonObject(new JsonObject().put("username", "alice").put("password", password)).await();
      assertEquals(201, registered.statusCode(), registered.bodyAsString());
      token = registered.bodyAsJsonObject().getString("token");
      HttpResponse<Buffer> login = server.http.post("/api/auth/login").putHeader("User-Agent", "logs-test/1.0")
        .putHeader("X-Request-Id", "login-1")
        .sendJsonObject(new JsonObject().put("username", "alice").put("password", password)).await();
      assertEquals(200, login.statusCode(), login.bodyAsString());
      assertEquals("login-1", login.getHeader("X-Request-Id"), "a safe request id is kept");
      loginToken = login.bodyAsJsonObject().getString("token");
      String roomId = server.http.get("/api/rooms").bearerTokenAuthentication(loginToken).send().await()
        .bodyAsJsonObject().getJsonArray("rooms").getJsonObject(0).getString("id");
      HttpResponse<Buffer> queryToken = server.http.get("/api/rooms?token=" + token).putHeader("Cookie", "parley_token=" + loginToken)
        .send().await();
      assertEquals(200, queryToken.statusCode());
      HttpResponse<Buffer> unsafeId = server.http.get("/api/auth/me").bearerTokenAuthentication(token)
        .putHeader("X-Request-Id", "has spaces and \"quotes\"").send().await();
      assertTrue(unsafeId.getHeader("X-Request-Id").matches("[0-9a-f]{16}"), "an unsafe request id is replaced");

      try (BridgeClient client = BridgeClient.connect(server, BridgeClient.Auth.query(token))) {
        client.request("chat.send", new JsonObject().put("roomId", roomId).put("content", content).put("clientMsgId", "logs-1"));
        execute(database, "DROP TABLE chosen_presence");
        assertEquals(500, client.requestFailure("presence.set", new JsonObject().put("state", "dnd").put("text", content)).code());
      }
      execute(database, "DROP TABLE invites CASCADE");
      HttpResponse<Buffer> failed = server.http.get("/api/invites").bearerTokenAuthentication(token).send().await();
      assertEquals(500, failed.statusCode(), failed.bodyAsString());
      failedRequestId = failed.getHeader("X-Request-Id");
      vanishAfterUpgrade(parley.port, token);

      // The last request's line is written once it is answered: wait for it rather than for a time.
      awaitOutput(parley, printed -> printed.contains(failedRequestId) && printed.contains("/api/invites"));
      Thread.sleep(500);
      output = parley.output();
    }
    for (String secret : List.of(password, token, loginToken, content)) {
      assertFalse(output.contains(secret), "the log holds a secret: " + secret + "\n" + output);
    }
    assertFalse(output.contains("SockJSSocket exception"), "a vanished client is not an error:\n" + output);
    List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
    if (format.equals("json")) {
      List<JsonObject> records = lines.stream().map(line -> parse(line, output)).toList();
      records.forEach(record -> {
        assertTrue(TIMESTAMP.matcher(record.getString("timestamp", "")).matches(), "timestamp: " + record);
        assertTrue(List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE").contains(record.getString("level")), "level: " + record);
        assertTrue(record.getString("logger") != null && record.getString("message") != null, "logger, message: " + record);
      });
      JsonObject loginLine = only(records, record -> "parley.access".equals(record.getString("logger"))
        && "login-1".equals(record.getString("requestId")), output);
      assertEquals("POST", loginLine.getString("method"));
      assertEquals("/api/auth/login", loginLine.getString("path"));
      assertEquals(200, loginLine.getInteger("status"));
      assertEquals("logs-test/1.0", loginLine.getString("userAgent"));
      assertEquals("127.0.0.1", loginLine.getString("client"));
      assertTrue(loginLine.getLong("bytes") > 0 && loginLine.getLong("durationMs") >= 0, loginLine.encode());
      assertEquals(2, records.stream().filter(record -> "parley.access".equals(record.getString("logger"))
        && record.getInteger("status") == 101 && "/eventbus/websocket".equals(record.getString("path"))).count(),
        "each bridge WebSocket's upgrade has its line, none of its frames:\n" + output);
      JsonObject failure = only(records, record -> "parley.http.FailureHandler".equals(record.getString("logger")), output);
      assertEquals(failedRequestId, failure.getString("requestId"));
      assertTrue(failure.getString("error").contains("internal_error"), "the throwable is in the error field: " + failure);
      JsonObject serviceFailure = only(records, record -> "parley.bus.Services".equals(record.getString("logger"))
        && record.getString("message").contains("presence.set"), output);
      assertTrue(serviceFailure.getString("connectionId").matches("[0-9a-f-]{36}"), "a bridge request names its connection: " + serviceFailure);
      assertEquals(failedRequestId, only(records, record -> "parley.bus.Services".equals(record.getString("logger"))
        && record.getString("message").contains("invite"), output).getString("requestId"), "a REST request's service names the request");
    } else {
      lines.forEach(line -> assertTrue(TEXT_LINE.matcher(line).matches(), "not one record per line: " + line + "\n" + output));
      String loginLine = only(lines, line -> line.contains(" parley.access ") && line.contains("requestId=login-1"), output);
      assertTrue(loginLine.contains("method=POST path=/api/auth/login status=200 bytes="), loginLine);
      assertTrue(loginLine.contains("client=127.0.0.1 userAgent=logs-test/1.0"), loginLine);
      assertEquals(2, lines.stream().filter(line -> line.contains(" parley.access ")
        && line.contains("path=/eventbus/websocket status=101")).count(), "each WebSocket's upgrade has its line:\n" + output);
      String failure = only(lines, line -> line.contains(" parley.http.FailureHandler "), output);
      assertTrue(failure.contains("requestId=" + failedRequestId + " error=\""), failure);
      only(lines, line -> line.contains(" parley.bus.Services ") && line.contains("presence.set") && line.contains("connectionId="), output);
    }
    assertTrue(output.contains("path=/api/rooms status=200") || output.contains("\"path\":\"/api/rooms\",\"status\":200"),
      "the request with ?token= is logged without its query:\n" + output);
  }

  /** Opens a bridge WebSocket, then resets the connection without a close frame, as a vanished client does. */
  private static void vanishAfterUpgrade(int port, String token) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET /eventbus/websocket HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head = new byte[12];
      assertEquals(12, in.readNBytes(head, 0, 12));
      assertEquals("HTTP/1.1 101", new String(head, StandardCharsets.US_ASCII));
      socket.setSoLinger(true, 0);
    }
  }

  private static JsonObject parse(String line, String output) {
    try {
      return new JsonObject(line);
    } catch (DecodeException | ClassCastException e) {
      return fail("not a JSON line: " + line + "\n" + output);
    }
  }

  private static <T> T only(List<T> lines, Predicate<T> matching, String output) {
    List<T> found = lines.stream().filter(matching).toList();
    assertEquals(1, found.size(), "expected one such line, found " + found + " in:\n" + output);
    return found.get(0);
  }

  private static void awaitOutput(ParleyProcess parley, Predicate<String> done) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    while (!done.test(parley.output())) {
      assertTrue(System.currentTimeMillis() < deadline, "the log never showed it:\n" + parley.output());
      Thread.sleep(50);
    }
  }

  private static void execute(DatabaseUrl database, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl()); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
