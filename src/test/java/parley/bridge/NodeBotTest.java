package parley.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the bot printed in docs/protocol.md, as a bot author would copy it, against a whole server. The code is read
 * from the document on every run, so the document and what is tested cannot drift apart.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The example bot in docs/protocol.md")
class NodeBotTest {

  private static final Path DOC = Path.of("docs", "protocol.md");
  private static final Path NODE_DIR = Path.of("src", "test", "node");
  /** Inside the Node package, so that require() finds its node_modules; git-ignored. */
  private static final Path BOT_FILE = NODE_DIR.resolve(".bot-from-docs.js");
  private static final Pattern BOT_BLOCK =
    Pattern.compile("<!-- bot:start -->\\s*```js\\n(.*?)```\\s*<!-- bot:end -->", Pattern.DOTALL);
  private static final String PASSWORD = "correct horse battery";

  private static TestServer server;
  private static TestUser alice;
  private static TestUser pingbot;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    alice = server.register("alice");
    pingbot = server.register("pingbot");
    general = alice.generalRoomId();
  }

  @Test
  @DisplayName("answers ping in #general with a pong of its own, and leaves hello unanswered")
  void answersPing() throws Exception {
    writeBotFromDocs();
    Process bot = startBot();
    Output output = new Output(bot);
    try (BridgeClient human = alice.connect()) {
      output.awaitLine("ready", 30);
      String room = "room." + general;
      human.register(room);

      human.request("chat.send", new JsonObject().put("roomId", general).put("content", "ping"));
      JsonObject pong = nextFromBot(human, room);
      assertEquals("pong", pong.getString("content"), pong.encode());
      assertEquals(pingbot.username(), pong.getJsonObject("author").getString("username"));

      human.request("chat.send", new JsonObject().put("roomId", general).put("content", "hello"));
      human.request("chat.send", new JsonObject().put("roomId", general).put("content", "ping"));
      JsonObject second = nextFromBot(human, room);
      assertEquals("pong", second.getString("content"), "the bot answered hello with " + second.encode());
      assertNull(nextFromBot(human, room, 1000), "after hello and ping the bot must say one pong, and nothing else");
      assertEquals("2", server.queryOne("SELECT count(*) FROM messages WHERE author_id = ?", Long.parseLong(pingbot.id())));
      assertEquals(List.of(), output.errors(), "the bot logged errors");
    } finally {
      stop(bot);
    }
  }

  private static void writeBotFromDocs() throws IOException {
    Matcher block = BOT_BLOCK.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
    if (!block.find()) {
      fail(DOC + " has no ```js block between <!-- bot:start --> and <!-- bot:end -->");
    }
    for (String module : List.of("@vertx/eventbus-bridge-client.js", "sockjs-client")) {
      if (!Files.isDirectory(NODE_DIR.resolve("node_modules").resolve(module))) {
        fail(NODE_DIR + "/node_modules/" + module + " is missing: run scripts/install-test-deps (scripts/test does)");
      }
    }
    Files.writeString(BOT_FILE, block.group(1), StandardCharsets.UTF_8);
  }

  private static Process startBot() {
    ProcessBuilder builder = new ProcessBuilder("node", BOT_FILE.getFileName().toString()).directory(NODE_DIR.toFile());
    builder.environment().put("PARLEY_URL", server.url(""));
    builder.environment().put("PARLEY_USERNAME", pingbot.username());
    builder.environment().put("PARLEY_PASSWORD", PASSWORD);
    try {
      return builder.start();
    } catch (IOException e) {
      return fail("cannot run node (Node 20 or later must be on the PATH): " + e.getMessage());
    }
  }

  private static void stop(Process bot) throws InterruptedException {
    bot.destroy();
    if (!bot.waitFor(5, TimeUnit.SECONDS)) {
      bot.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private JsonObject nextFromBot(BridgeClient human, String room) {
    JsonObject message = nextFromBot(human, room, 10_000);
    if (message == null) {
      fail("no message from the bot within 10 s");
    }
    return message;
  }

  /** The next message.new by the bot on the room, skipping everyone else's; null after the timeout. */
  private JsonObject nextFromBot(BridgeClient human, String room, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      JsonObject event = human.poll(room, 50);
      if (event != null && "message.new".equals(event.getString("type"))) {
        JsonObject message = event.getJsonObject("message");
        if (pingbot.id().equals(message.getJsonObject("author").getString("id"))) {
          return message;
        }
      }
    }
    return null;
  }

  /** What the bot prints, read as it comes so the process never blocks on a full pipe. */
  private static final class Output {

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> stderr = new LinkedBlockingQueue<>();

    Output(Process process) {
      this.process = process;
      pump(process.getInputStream(), stdout);
      pump(process.getErrorStream(), stderr);
    }

    private static void pump(InputStream stream, BlockingQueue<String> lines) {
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
          in.lines().forEach(lines::add);
        } catch (IOException | java.io.UncheckedIOException ignored) {
          // the process was stopped
        }
      }, "node-bot-output");
      reader.setDaemon(true);
      reader.start();
    }

    void awaitLine(String expected, int seconds) throws InterruptedException {
      long deadline = System.currentTimeMillis() + seconds * 1000L;
      while (System.currentTimeMillis() < deadline) {
        String line = stdout.poll(100, TimeUnit.MILLISECONDS);
        if (expected.equals(line)) {
          return;
        }
        if (line == null && !process.isAlive() && stdout.isEmpty()) {
          Thread.sleep(200); // let the readers drain what it printed last
          fail("the bot exited with " + process.exitValue() + " before printing '" + expected + "'; stderr " + stderr);
        }
      }
      fail("the bot did not print '" + expected + "' within " + seconds + " s; stdout " + stdout + ", stderr " + stderr);
    }

    List<String> errors() {
      return List.copyOf(stderr);
    }
  }
}
