package parley.cluster;

import io.vertx.core.json.JsonObject;
import parley.db.DatabaseUrl;
import parley.testing.Ports;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The settings of a test cluster of {@code nodes} members on 127.0.0.1: a cluster name, a Redis key prefix and a JWT
 * secret of its own, ports below the ephemeral range (see {@link Ports}), one shared database, and a short presence
 * time to live.
 */
public record TestCluster(String name, String redisPrefix, String jwtSecret, int[] hazelcastPorts, int[] eventBusPorts,
                   DatabaseUrl database, int ttlSeconds) {

  public static TestCluster of(String kind, int nodes, DatabaseUrl database, int ttlSeconds) {
    return new TestCluster("parley-" + kind + "-" + UUID.randomUUID(), "parley-" + kind + "-" + UUID.randomUUID() + ":",
      kind + "-secret-" + UUID.randomUUID(), ports(nodes), ports(nodes), database, ttlSeconds);
  }

  private static int[] ports(int count) {
    return IntStream.range(0, count).map(i -> Ports.freeForClusterMember()).toArray();
  }

  /** Node {@code node}'s settings, as a test server or a node's environment takes them. */
  public JsonObject settings(int node) {
    String members = IntStream.of(hazelcastPorts).mapToObj(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    return new JsonObject()
      .put("CLUSTER", true)
      .put("CLUSTER_NAME", name)
      .put("CLUSTER_HOST", "127.0.0.1")
      .put("HAZELCAST_PORT", hazelcastPorts[node])
      .put("CLUSTER_PORT", eventBusPorts[node])
      .put("CLUSTER_MEMBERS", members)
      .put("DATABASE_URL", database.toUrl())
      .put("REDIS_URL", "redis://127.0.0.1:6379")
      .put("REDIS_KEY_PREFIX", redisPrefix)
      .put("JWT_SECRET", jwtSecret)
      .put("PRESENCE_TTL_SECONDS", ttlSeconds);
  }
}
