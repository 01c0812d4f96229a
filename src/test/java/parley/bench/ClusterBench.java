package parley.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import parley.bench.BenchRoom.Publication;
import parley.cluster.ClusteredVertx;
import parley.cluster.WireCounter;
import parley.config.AppConfig;
import parley.db.DatabaseUrl;
import parley.testing.Ports;
import parley.testing.TestDatabase;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How much later a message reaches the people on the other node of a cluster. Run by {@code scripts/bench-cluster};
 * not a test.
 *
 * <p>In one JVM: one Parley alone (the baseline) and two clustered by Hazelcast on 127.0.0.1, all three with Redis
 * (rate limits and presence) so that they differ only by the cluster. In each, N bridge clients are in one room (in
 * the cluster half on each node), and a sender on the first node sends a message every 20 ms whose content carries
 * its send time; every client notes arrival minus send for each {@code message.new}. After a warm-up, the two setups
 * take turns, round after round, so that the machine's other load falls on both alike. Cluster traffic is what the
 * nodes' event buses write to each other during the cluster's rounds, per message sent.
 */
public final class ClusterBench {

  private static final int WARM_UP = 500;
  private static final int ROUNDS = 4;
  private static final String RUN = UUID.randomUUID().toString();
  private static final String REDIS_URL = "redis://127.0.0.1:6379";
  private static final String REDIS_PREFIX = "parley-bench-" + RUN + ":";
  private static final WireCounter WIRE_A = new WireCounter();
  private static final WireCounter WIRE_B = new WireCounter();

  private ClusterBench() {
  }

  public static void main(String[] args) throws Exception {
    int clients = setting(args, 0, 40);
    int messages = setting(args, 1, 500);
    int capacity = WARM_UP + messages;
    Vertx load = Vertx.vertx();
    WebSocketClient sockets = load.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10_000));
    List<Vertx> nodes = new ArrayList<>();
    try {
      Map<Integer, Publication> alonePublished = new ConcurrentHashMap<>();
      Vertx aloneVertx = Vertx.vertx();
      nodes.add(aloneVertx);
      notePublications(aloneVertx, "alone", alonePublished);
      TestServer alone = TestServer.startNode(aloneVertx, TestDatabase.fresh(), new JsonObject()
        .put("REDIS_URL", REDIS_URL).put("REDIS_KEY_PREFIX", REDIS_PREFIX + "single:")).await();
      BenchRoom single = prepare("one node", sockets, new TestServer[] {alone}, new String[] {"alone"}, clients, capacity, alonePublished);

      Map<Integer, Publication> clusterPublished = new ConcurrentHashMap<>();
      TestServer[] pair = startCluster(nodes, clusterPublished);
      BenchRoom cluster = prepare("two nodes", sockets, pair, new String[] {"A", "B"}, clients, capacity, clusterPublished);
      long pinger = load.setPeriodic(20_000, id -> List.of(single, cluster)
        .forEach(room -> { room.sender.ping(); room.receivers.forEach(LatencyClient::ping); }));

      long started = System.nanoTime();
      single.drive(WARM_UP, false);
      cluster.drive(WARM_UP, false);
      Map<String, WireCounter.Count> aToB = new TreeMap<>();
      Map<String, WireCounter.Count> bToA = new TreeMap<>();
      for (int round = 0; round < ROUNDS; round++) {
        int count = messages / ROUNDS + (round == ROUNDS - 1 ? messages % ROUNDS : 0);
        single.drive(count, true);
        Map<String, WireCounter.Count> aBefore = WIRE_A.writtenByAddress();
        Map<String, WireCounter.Count> bBefore = WIRE_B.writtenByAddress();
        cluster.drive(count, true);
        addTraffic(aToB, aBefore, WIRE_A.writtenByAddress());
        addTraffic(bToA, bBefore, WIRE_B.writtenByAddress());
      }
      load.cancelTimer(pinger);
      System.out.printf("%d clients, %d messages each setup (every %d ms, after %d warm-up messages, in %d rounds taking turns): %.0f s%n",
        clients, messages, BenchRoom.PACE_NANOS / 1_000_000, WARM_UP, ROUNDS, (System.nanoTime() - started) / 1e9);
      new DeliveryReport(single, cluster).latencies();
      DeliveryReport.traffic(aToB, bToA, messages);
      System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
      for (BenchRoom room : List.of(single, cluster)) {
        room.sender.close();
        room.receivers.forEach(LatencyClient::close);
      }
      // Presence records the goodbyes in Redis; closing the nodes under it would only log failures.
      Thread.sleep(2000);
    } finally {
      // One after the other: Hazelcast stopped in parallel logs the interrupted threads of its metrics.
      for (Vertx node : nodes) {
        node.close().await();
      }
      forgetRedisKeys(load);
      // Also keeps the client referred to until the end: Vert.x closes the sockets of a client nothing refers to.
      sockets.close().await();
      load.close().await();
    }
  }

  /** Nodes A and B as ClusterTest starts them: Hazelcast on 127.0.0.1, one fresh database, the machine's Redis. */
  private static TestServer[] startCluster(List<Vertx> nodes, Map<Integer, Publication> published) throws IOException {
    DatabaseUrl database = TestDatabase.fresh();
    int[] ports = {Ports.freeForClusterMember(), Ports.freeForClusterMember()};
    JsonObject[] settings = {clusterSettings(database, ports, 0), clusterSettings(database, ports, 1)};
    Future<Vertx> vertxA = ClusteredVertx.builder(AppConfig.withOverrides(settings[0])).withMetrics(WIRE_A).buildClustered();
    Future<Vertx> vertxB = ClusteredVertx.builder(AppConfig.withOverrides(settings[1])).withMetrics(WIRE_B).buildClustered();
    Future.all(vertxA, vertxB).await();
    nodes.add(vertxA.result());
    nodes.add(vertxB.result());
    notePublications(vertxA.result(), "A", published);
    notePublications(vertxB.result(), "B", published);
    Future<TestServer> a = TestServer.startNode(vertxA.result(), database, settings[0]);
    Future<TestServer> b = TestServer.startNode(vertxB.result(), database, settings[1]);
    Future.all(a, b).await();
    return new TestServer[] {a.result(), b.result()};
  }

  private static JsonObject clusterSettings(DatabaseUrl database, int[] ports, int node) {
    return new JsonObject()
      .put("CLUSTER", true)
      .put("CLUSTER_NAME", "parley-bench-" + RUN)
      .put("CLUSTER_HOST", "127.0.0.1")
      .put("HAZELCAST_PORT", ports[node])
      .put("CLUSTER_MEMBERS", "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1])
      .put("DATABASE_URL", database.toUrl())
      .put("REDIS_URL", REDIS_URL)
      .put("REDIS_KEY_PREFIX", REDIS_PREFIX + "cluster:")
      .put("JWT_SECRET", "bench-secret-" + RUN);
  }

  /** Notes where and when each benchmark message is published on its room: the node whose MessageVerticle stored it. */
  private static void notePublications(Vertx vertx, String node, Map<Integer, Publication> published) {
    vertx.eventBus().addOutboundInterceptor(delivery -> {
      long now = System.nanoTime();
      if (!delivery.send() && delivery.message().address().startsWith("room.") && delivery.body() instanceof JsonObject event
        && "message.new".equals(event.getString("type"))) {
        int seq = LatencyClient.seqOf(event.getJsonObject("message").getString("content"));
        if (seq >= 0) {
          published.putIfAbsent(seq, new Publication(node, now));
        }
      }
      delivery.next();
    });
  }

  /**
   * Registers the users through the first node (a user belongs to no node), puts them all in a new room, connects
   * the sender to the first node and receiver {@code i} to node {@code i % nodes}.
   */
  private static BenchRoom prepare(String name, WebSocketClient sockets, TestServer[] nodes, String[] nodeNames, int clients,
                                   int capacity, Map<Integer, Publication> published) {
    TestServer first = nodes[0];
    TestUser admin = first.register("admin");
    TestUser writer = first.register("writer");
    List<TestUser> members = new ArrayList<>(List.of(writer));
    for (int i = 0; i < clients; i++) {
      members.add(first.register("reader"));
    }
    String roomId = admin.createRoom("bench", members.toArray(TestUser[]::new));
    LatencyClient sender = LatencyClient.connect(sockets, first, nodeNames[0], writer.token, capacity);
    List<LatencyClient> receivers = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      int node = i % nodes.length;
      LatencyClient receiver = LatencyClient.connect(sockets, nodes[node], nodeNames[node], members.get(i + 1).token, capacity);
      receiver.listen(roomId);
      receivers.add(receiver);
    }
    return new BenchRoom(name, roomId, sender, receivers, published);
  }

  private static void addTraffic(Map<String, WireCounter.Count> total, Map<String, WireCounter.Count> before,
                                 Map<String, WireCounter.Count> after) {
    after.forEach((address, count) -> {
      WireCounter.Count delta = count.minus(before.getOrDefault(address, new WireCounter.Count(0, 0)));
      if (delta.messages() > 0) {
        total.merge(kind(address), delta, WireCounter.Count::plus);
      }
    });
  }

  /** Addresses grouped: every room as one, every reply as one. */
  private static String kind(String address) {
    if (address.startsWith("room.")) {
      return "room.<id>";
    }
    return address.startsWith("__vertx.reply") ? "replies" : address;
  }

  /** Presence and rate-limit keys this run left in the shared Redis. */
  private static void forgetRedisKeys(Vertx vertx) {
    Redis redis = Redis.createClient(vertx, REDIS_URL);
    try {
      String cursor = "0";
      do {
        Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(REDIS_PREFIX + "*").arg("COUNT").arg(1000)).await();
        cursor = page.get(0).toString();
        if (page.get(1).size() > 0) {
          Request delete = Request.cmd(Command.DEL);
          page.get(1).forEach(key -> delete.arg(key.toString()));
          redis.send(delete).await();
        }
      } while (!cursor.equals("0"));
    } finally {
      redis.close();
    }
  }


  private static int setting(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
