package parley.health;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import parley.shutdown.Draining;

/**
 * What {@code /health/ready} asks, each in its own check. A check that fails says why in a sentence of its own,
 * never the exception's text (it would name hosts and ports); the answers are the same whoever asks.
 */
final class ReadinessChecks {

  static final String STARTUP = "startup";
  static final String SHUTDOWN = "shutdown";
  static final String DATABASE = "database";
  static final String REDIS = "redis";
  static final String CLUSTER = "cluster";

  private final Vertx vertx;
  private final Pool pool;
  private final Redis redis;

  /** {@code redisUrl} blank: no Redis is configured, and none is checked. */
  ReadinessChecks(Vertx vertx, Pool pool, String redisUrl) {
    this.vertx = vertx;
    this.pool = pool;
    // Few connections and few waiters: a Redis that hangs must not gather every probe's PING.
    this.redis = redisUrl.isBlank() ? null
      : Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl).setMaxPoolSize(1).setMaxPoolWaiting(8));
  }

  /** Registers the checks that apply to this node, each given {@code timeoutMs} to answer. */
  void register(HealthCheckHandler handler, long timeoutMs) {
    handler.register(STARTUP, timeoutMs, this::startup);
    handler.register(SHUTDOWN, timeoutMs, this::shutdown);
    handler.register(DATABASE, timeoutMs, this::database);
    if (redis != null) {
      handler.register(REDIS, timeoutMs, this::redis);
    }
    if (vertx.isClustered()) {
      handler.register(CLUSTER, timeoutMs, this::cluster);
    }
  }

  private void startup(Promise<Status> result) {
    result.tryComplete(Startup.of(vertx).isFinished() ? Status.OK() : down("still starting"));
  }

  private void shutdown(Promise<Status> result) {
    result.tryComplete(Draining.of(vertx).begun()
      ? down("this node is shutting down: it finishes what it has and takes nothing new")
      : Status.OK());
  }

  private void database(Promise<Status> result) {
    answer(pool.query("SELECT 1").execute(), Status.OK(), "the database does not answer", result);
  }

  private void redis(Promise<Status> result) {
    answer(redis.send(Request.cmd(Command.PING)), Status.OK(),
      "Redis does not answer: chat goes on, presence shows as unknown and rate limits are not enforced until it is back",
      result);
  }

  private void cluster(Promise<Status> result) {
    try {
      ClusterManager manager = ((VertxInternal) vertx).clusterManager();
      int members = manager.getNodes().size();
      result.tryComplete(manager.isActive() && members > 0
        ? Status.OK(new JsonObject().put("members", members))
        : down("this node is not in the cluster"));
    } catch (RuntimeException notActive) {
      result.tryComplete(down("this node is not in the cluster"));
    }
  }

  /** Completes with {@code up}, or down with {@code reason}; late answers are dropped (the check timed out by then). */
  private static void answer(Future<?> probe, Status up, String reason, Promise<Status> result) {
    probe.onComplete(done -> result.tryComplete(done.succeeded() ? up : down(reason)));
  }

  static Status down(String reason) {
    return Status.KO(new JsonObject().put("reason", reason));
  }

  Future<Void> close() {
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}
