package parley.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.config.AppConfig;
import parley.db.DatabaseUrl;
import parley.testing.BridgeClient;
import parley.testing.Ports;
import parley.testing.TestDatabase;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Node A in this JVM, node B a separate JVM ({@code parley.Main -cluster}) that the test kills with SIGKILL: no
 * Vert.x close, no Hazelcast leave, its sockets reset by the kernel. A learns of it from missed heartbeats only.
 */
@DisplayName("A node killed outright loses no message")
class ClusterCrashTest {

  private static final int TTL_SECONDS = 6;
  private static final int MESSAGES_AFTER_KILL = 5;
  /** A client's patience for one try: well under the bridge's 30 s reply timeout. */
  private static final long TRY_TIMEOUT_MS = 3000;
  private static final WireCounter WIRE_A = new WireCounter();

  private static DatabaseUrl database;
  private static TestCluster cluster;
  private static TestServer a;
  private static TestServer b;
  private static Process nodeB;
  private static Path nodeBLog;
  private static boolean failed;

  @BeforeAll
  static void start() throws Exception {
    database = TestDatabase.fresh();
    cluster = TestCluster.of("crash", 2, database, TTL_SECONDS);
    long started = System.currentTimeMillis();
    Vertx vertxA = ClusteredVertx.builder(AppConfig.withOverrides(settings(0))).withMetrics(WIRE_A).buildClustered().await();
    a = TestServer.startNode(vertxA, database, settings(0)).await();
    long aUp = System.currentTimeMillis();

    int portB = Ports.freeForClusterMember();
    nodeBLog = Path.of("target", "crash-node-b-" + ProcessHandle.current().pid() + ".log");
    Files.createDirectories(nodeBLog.getParent());
    nodeB = startOtherProcess(portB, settings(1));
    try {
      awaitHttp(portB, 90_000);
      while (clusterSize() < 2) {
        Thread.sleep(50);
      }
    } catch (Throwable e) {
      failed = true;
      throw e;
    }
    b = TestServer.otherProcess(vertxA, portB, database, settings(1));
    System.out.printf("node A up in %d ms, node B (pid %d) in another %d ms%n", aUp - started, nodeB.pid(),
      System.currentTimeMillis() - aUp);
  }

  @AfterAll
  static void stop() throws IOException {
    if (nodeB != null && nodeB.isAlive()) {
      nodeB.destroyForcibly();
    }
    if (failed && nodeBLog != null && Files.exists(nodeBLog)) {
      System.out.println("---- node B's output ----\n" + Files.readString(nodeBLog) + "---- end of node B's output ----");
    }
    if (a != null) {
      a.vertx.close().await();
    }
  }

  private static JsonObject settings(int node) {
    return cluster.settings(node);
  }

  /** {@code java [this JVM's --add-opens/--add-exports] -cp [this classpath] parley.Main -cluster}, set by environment. */
  private static Process startOtherProcess(int port, JsonObject settings) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (int i = 0; i < jvmArguments.size(); i++) {
      String argument = jvmArguments.get(i);
      if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports")) {
        command.add(argument);
        if (!argument.contains("=") && i + 1 < jvmArguments.size()) {
          command.add(jvmArguments.get(++i));
        }
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "parley.Main", "-cluster"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(nodeBLog.toFile());
    Map<String, String> environment = builder.environment();
    // Nothing of this JVM's environment may set a Parley setting behind the test's back.
    AppConfig.withOverrides(new JsonObject()).values().fieldNames().forEach(environment::remove);
    JsonObject all = settings.copy()
      .put("PORT", port)
      .put("HOST", "127.0.0.1")
      .put("PARLEY_DATA_DIR", Files.createTempDirectory("parley-crash-b").toString())
      .put("BCRYPT_COST", 4)
      .put("AUTH_RATE_LIMIT_PER_MINUTE", 100_000)
      .put("MESSAGE_RATE_LIMIT_PER_MINUTE", 100_000)
      .put("CONVERSATION_RATE_LIMIT_PER_MINUTE", 100_000)
      .put("MEMBER_ADD_RATE_LIMIT_PER_MINUTE", 100_000)
      .put("ROOM_CREATE_RATE_LIMIT_PER_HOUR", 100_000)
      .put("RENAME_RATE_LIMIT_PER_HOUR", 100_000)
      .put("INVITE_RATE_LIMIT_PER_HOUR", 100_000);
    all.forEach(entry -> environment.put(entry.getKey(), String.valueOf(entry.getValue())));
    return builder.start();
  }

  private static void awaitHttp(int port, long millis) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.currentTimeMillis() + millis;
    while (true) {
      if (!nodeB.isAlive()) {
        throw new AssertionError("node B exited with " + nodeB.exitValue() + " before answering");
      }
      try {
        client.send(request, HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("node B did not answer on port " + port + " within " + millis + " ms");
        }
        Thread.sleep(250);
      }
    }
  }


  private static int clusterSize() {
    return ((VertxInternal) a.vertx).clusterManager().getNodes().size();
  }

  private static BridgeClient connect(TestServer node, TestUser user) {
    return BridgeClient.connect(node, BridgeClient.Auth.bearer(user.token));
  }

  /** One try of a request: the reply frame, or null when none came within the try's timeout. */
  private static JsonObject tryRequest(BridgeClient client, String address, JsonObject body, long millis) throws Exception {
    CompletableFuture<JsonObject> reply = client.requestAsync(address, body, null);
    try {
      return reply.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return null;
    }
  }

  /** What a user's presence is, as a client on {@code client}'s node sees it; null when presence.list did not answer in time. */
  private static String presenceOf(BridgeClient client, TestUser user) throws Exception {
    JsonObject frame = tryRequest(client, "presence.list", new JsonObject(), 1500);
    if (frame == null || !"rec".equals(frame.getString("type"))) {
      return null;
    }
    JsonArray users = frame.getJsonObject("body").getJsonArray("users");
    return users.stream().map(JsonObject.class::cast).filter(entry -> entry.getString("userId").equals(user.id()))
      .findFirst().map(entry -> entry.getString("state")).orElse("absent");
  }

  @Test
  @DisplayName("B is killed: A's user sends on (retrying by clientMsgId), B's user resyncs on A getting each message once, and goes offline within the TTL")
  void nodeKilledLosesNoMessage() throws Exception {
    try {
      scenario();
    } catch (Throwable e) {
      failed = true;
      throw e;
    }
  }

  private void scenario() throws Exception {
    TestUser admin = a.register("admin");
    TestUser alice = a.register("alice");
    TestUser bob = b.register("bob");
    String room = admin.createRoom("crash", alice, bob);
    String address = "room." + room;
    List<String> log = new ArrayList<>();
    long cursor;
    long killedAt;
    List<JsonObject> stored = new ArrayList<>();
    try (BridgeClient alices = connect(a, alice); BridgeClient bobs = connect(b, bob)) {
      alices.register(address, a);
      bobs.register(address, a);

      // Live both ways, and some sends handled by B's services: the cluster is really shared.
      long handledBefore = WIRE_A.handledHere("chat.send");
      long sentBefore = WIRE_A.sent("chat.send");
      for (int i = 0; i < 6; i++) {
        BridgeClient sender = i % 2 == 0 ? alices : bobs;
        String id = sender.request("chat.send", new JsonObject().put("roomId", room).put("content", "before " + i))
          .getJsonObject("message").getString("id");
        for (BridgeClient reader : List.of(alices, bobs)) {
          assertEquals(id, reader.next(address, "message.new").getJsonObject("message").getString("id"));
        }
      }
      long sentFromA = WIRE_A.sent("chat.send") - sentBefore;
      long handledOnA = WIRE_A.handledHere("chat.send") - handledBefore;
      System.out.printf("before the kill: 6 chat.send (3 from each node's socket; A's bus sent %d), A's services handled %d, B's %d%n",
        sentFromA, handledOnA, 6 - handledOnA);
      assertTrue(handledOnA < 6, "B's services handle some of the requests");
      JsonObject last = alices.request("chat.send", new JsonObject().put("roomId", room).put("content", "last before the kill"))
        .getJsonObject("message");
      assertEquals(last.getString("id"), bobs.next(address, "message.new").getJsonObject("message").getString("id"));
      cursor = last.getLong("changeSeq");
      long onlineDeadline = System.currentTimeMillis() + 5000;
      while (!"online".equals(presenceOf(alices, bob))) {
        assertTrue(System.currentTimeMillis() < onlineDeadline, "bob never online as seen from A");
        Thread.sleep(100);
      }

      // SIGKILL: no goodbye of any kind.
      killedAt = System.currentTimeMillis();
      nodeB.destroyForcibly();
      assertTrue(nodeB.waitFor(10, TimeUnit.SECONDS), "node B did not die");
      long deadAt = System.currentTimeMillis();
      long[] removedAt = {0};
      Thread watcher = new Thread(() -> {
        while (clusterSize() > 1 && !Thread.currentThread().isInterrupted()) {
          try {
            Thread.sleep(25);
          } catch (InterruptedException e) {
            return;
          }
        }
        removedAt[0] = System.currentTimeMillis();
      }, "crash-test-cluster-watcher");
      watcher.setDaemon(true);
      watcher.start();

      // Alice sends on, as a client would: each message with its clientMsgId, a failed or silent try sent again.
      long sendsStart = System.currentTimeMillis();
      long firstOk = 0;
      int tries = 0;
      int timeouts = 0;
      int failures = 0;
      List<CompletableFuture<JsonObject>> abandoned = new ArrayList<>();
      List<Long> abandonedAt = new ArrayList<>();
      sentBefore = WIRE_A.sent("chat.send");
      handledBefore = WIRE_A.handledHere("chat.send");
      for (int i = 0; i < MESSAGES_AFTER_KILL; i++) {
        JsonObject body = new JsonObject().put("roomId", room).put("content", "after the kill " + i)
          .put("clientMsgId", "crash-" + i + "-" + UUID.randomUUID());
        while (true) {
          assertTrue(System.currentTimeMillis() - sendsStart < 60_000, "sends did not get through within 60 s: " + log);
          tries++;
          long tryStart = System.currentTimeMillis();
          CompletableFuture<JsonObject> reply = alices.requestAsync("chat.send", body, null);
          JsonObject frame;
          try {
            frame = reply.get(TRY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
          } catch (TimeoutException e) {
            frame = null;
          }
          long now = System.currentTimeMillis();
          if (frame == null) {
            timeouts++;
            abandoned.add(reply);
            abandonedAt.add(tryStart);
            log.add(String.format("msg %d: no answer in %d ms (%d ms after kill)", i, now - tryStart, tryStart - killedAt));
          } else if ("rec".equals(frame.getString("type"))) {
            stored.add(frame.getJsonObject("body").getJsonObject("message"));
            log.add(String.format("msg %d: stored in %d ms (%d ms after kill)", i, now - tryStart, tryStart - killedAt));
            if (firstOk == 0) {
              firstOk = now;
            }
            break;
          } else {
            failures++;
            log.add(String.format("msg %d: %s %s/%s in %d ms (%d ms after kill)", i, frame.getString("type"),
              frame.getValue("failureCode"), frame.getString("message"), now - tryStart, tryStart - killedAt));
            Thread.sleep(200);
          }
        }
      }
      long allStored = System.currentTimeMillis();
      // Requests are answered by the node that received them: none of Alice's waited on, or failed for, dead B.
      assertEquals(0, failures + timeouts, "every try answered by A at once: " + log);
      long sentAfter = WIRE_A.sent("chat.send") - sentBefore;
      long handledAfter = WIRE_A.handledHere("chat.send") - handledBefore;

      // Bob's presence, seen from A, ends within the TTL of the kill (B could not say goodbye).
      long offlineAt = 0;
      int presenceUnanswered = 0;
      while (offlineAt == 0) {
        String state = presenceOf(alices, bob);
        if (state == null) {
          presenceUnanswered++;
        } else if (!state.equals("online")) {
          assertEquals("offline", state);
          offlineAt = System.currentTimeMillis();
        }
        assertTrue(System.currentTimeMillis() - killedAt < (TTL_SECONDS + 10) * 1000L, "bob still online "
          + (System.currentTimeMillis() - killedAt) + " ms after the kill");
        Thread.sleep(100);
      }

      // Bob's client reconnects through the load balancer, to A, and syncs from the last message it saw.
      long reconnectStart = System.currentTimeMillis();
      try (BridgeClient bobOnA = connect(a, bob)) {
        bobOnA.register(address, a);
        JsonObject synced = bobOnA.request("chat.sync", new JsonObject().put("cursors", new JsonObject().put(room, cursor)))
          .getJsonObject("rooms").getJsonObject(room);
        long resynced = System.currentTimeMillis();
        List<JsonObject> messages = synced.getJsonArray("messages").stream().map(JsonObject.class::cast).toList();
        List<String> got = messages.stream().map(m -> m.getString("id")).toList();
        List<String> expected = stored.stream().map(m -> m.getString("id")).toList();
        assertEquals(MESSAGES_AFTER_KILL, new HashSet<>(expected).size(), "alice's " + MESSAGES_AFTER_KILL + " messages, each stored once");
        assertEquals(expected, got, "bob's sync from his cursor: the messages sent after the kill, in order, none twice");
        assertEquals(IntStream.range(0, MESSAGES_AFTER_KILL).mapToObj(i -> "after the kill " + i).toList(),
          messages.stream().map(m -> m.getString("content")).toList());
        assertFalse(synced.getBoolean("more"));
        assertEquals(Integer.toString(MESSAGES_AFTER_KILL), a.queryOne(
          "SELECT count(*) FROM messages WHERE room_id = ? AND client_msg_id LIKE 'crash-%'", Long.parseLong(room)));

        watcher.join(Math.max(1, 30_000 - (System.currentTimeMillis() - killedAt)));
        System.out.println("---- node B killed ----");
        log.forEach(line -> System.out.println("  " + line));
        System.out.printf("kill took %d ms; Hazelcast removed B %s%n", deadAt - killedAt,
          removedAt[0] == 0 ? "not within 30 s" : (removedAt[0] - killedAt) + " ms after the kill");
        System.out.printf("sends: first stored %d ms after the kill, all %d stored after %d ms; %d tries, %d unanswered within %d ms, %d failed%n",
          firstOk - killedAt, MESSAGES_AFTER_KILL, allStored - killedAt, tries, timeouts, TRY_TIMEOUT_MS, failures);
        System.out.printf("A's event bus: %d chat.send sent, %d handled by A itself (the rest went towards B)%n", sentAfter, handledAfter);
        System.out.printf("bob offline as seen from A %d ms after the kill (TTL %d s; %d presence.list unanswered within 1.5 s)%n",
          offlineAt - killedAt, TTL_SECONDS, presenceUnanswered);
        System.out.printf("bob reconnected to A and synced in %d ms%n", resynced - reconnectStart);
        for (int i = 0; i < abandoned.size(); i++) {
          CompletableFuture<JsonObject> late = abandoned.get(i);
          long left = abandonedAt.get(i) + 33_000 - System.currentTimeMillis();
          JsonObject frame;
          try {
            frame = late.get(Math.max(1, left), TimeUnit.MILLISECONDS);
          } catch (TimeoutException e) {
            frame = null;
          }
          System.out.printf("  abandoned try %d (sent %d ms after the kill): %s after %d ms%n", i, abandonedAt.get(i) - killedAt,
            frame == null ? "still nothing" : frame.getString("type") + " " + frame.getValue("failureCode") + "/" + frame.getString("message"),
            System.currentTimeMillis() - abandonedAt.get(i));
        }

        assertTrue(offlineAt - killedAt <= (TTL_SECONDS + 4) * 1000L, "bob offline " + (offlineAt - killedAt) + " ms after the kill");
      }
    }
  }
}
