package parley.health;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.cluster.ClusteredVertx;
import parley.config.AppConfig;
import parley.http.HttpVerticle;
import parley.shutdown.Draining;
import parley.shutdown.GracefulShutdown;
import parley.testing.Ports;
import parley.testing.TestDatabase;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.health.HealthAnswers.awaitAnswer;
import static parley.health.HealthAnswers.check;
import static parley.health.HealthAnswers.get;
import static parley.health.HealthAnswers.state;

/**
 * The HTTP verticle alone, in a Vert.x of each test's own (once, a node of a one-node cluster), its pool pointed at
 * a database the test chooses: a closed port, a port that accepts and never answers, or a real (empty) database.
 * Start-up and shutdown are marked by the test, as {@code Main} and the graceful shutdown mark them.
 */
@DisplayName("Readiness")
class ReadinessTest {

  private static final String SECRET = "readiness-test-secret-0123456789-abcdefgh";

  @Test
  @DisplayName("with the pool pointed at a closed port: 503, its database check DOWN, the others UP")
  void databaseClosed() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    Vertx vertx = Vertx.vertx();
    try {
      WebClient http = httpVerticle(vertx, "postgres://parley:parley@127.0.0.1:" + closed + "/parley");
      Startup.of(vertx).finished();
      HttpResponse<Buffer> ready = awaitAnswer(http, HealthRoutes.READY, answer -> state(answer, "database").equals("DOWN"));
      assertEquals(503, ready.statusCode(), ready.bodyAsString());
      assertEquals("DOWN", ready.bodyAsJsonObject().getString("outcome"));
      assertEquals("the database does not answer", check(ready, "database").getJsonObject("data").getString("reason"));
      assertEquals("UP", state(ready, "startup"));
      assertEquals("UP", state(ready, "shutdown"));
      assertEquals(200, get(http, HealthRoutes.LIVE).statusCode(), "the process is up all the same");
    } finally {
      close(vertx);
    }
  }

  @Test
  @DisplayName("with a database that accepts connections and never answers: 503 within a few seconds, not a hung probe")
  void databaseHung() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      // Its backlog completes the connection; nobody ever accepts it, let alone answers. Closed before Vert.x is,
      // so that the pool's connection attempt ends and lets the pool close.
      try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
        WebClient http = httpVerticle(vertx, "postgres://parley:parley@127.0.0.1:" + silent.getLocalPort() + "/parley");
        Startup.of(vertx).finished();
        long asked = System.currentTimeMillis();
        HttpResponse<Buffer> ready = get(http, HealthRoutes.READY);
        long took = System.currentTimeMillis() - asked;
        assertEquals(503, ready.statusCode(), ready.bodyAsString());
        assertEquals("DOWN", state(ready, "database"));
        assertEquals("no answer within " + HealthRoutes.CHECK_TIMEOUT_MS + " ms",
          check(ready, "database").getJsonObject("data").getString("reason"));
        assertTrue(took < HealthRoutes.CHECK_TIMEOUT_MS + 4000, "answered in " + took + " ms");
      }
    } finally {
      close(vertx);
    }
  }

  @Test
  @DisplayName("is 503 until start-up is done, 200 then, and 503 again from the start of a shutdown, while live stays 200")
  void startupAndDraining() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      WebClient http = httpVerticle(vertx, TestDatabase.fresh().toUrl());
      HttpResponse<Buffer> starting = get(http, HealthRoutes.READY);
      assertEquals(503, starting.statusCode(), starting.bodyAsString());
      assertEquals("DOWN", state(starting, "startup"));
      assertEquals("UP", state(starting, "database"));

      Startup.of(vertx).finished();
      HttpResponse<Buffer> ready = get(http, HealthRoutes.READY);
      assertEquals(200, ready.statusCode(), ready.bodyAsString());

      Draining.of(vertx).begin();
      HttpResponse<Buffer> draining = get(http, HealthRoutes.READY);
      assertEquals(503, draining.statusCode(), draining.bodyAsString());
      assertEquals("DOWN", state(draining, "shutdown"));
      assertEquals("UP", state(draining, "database"));
      HttpResponse<Buffer> live = get(http, HealthRoutes.LIVE);
      assertEquals(200, live.statusCode(), live.bodyAsString());
      assertEquals("UP", live.bodyAsJsonObject().getString("outcome"));
    } finally {
      close(vertx);
    }
  }

  @Test
  @DisplayName("during a shutdown's drain: 503 while the node still serves, and the node stops only once the drain is over")
  void drainBeforeStopping() throws Exception {
    Vertx vertx = Vertx.vertx();
    WebClient http = httpVerticle(vertx, TestDatabase.fresh().toUrl());
    Startup.of(vertx).finished();
    GracefulShutdown shutdown = new GracefulShutdown(vertx, Duration.ofSeconds(3), Duration.ofSeconds(1));
    long signalled = System.currentTimeMillis();
    Thread stopping = new Thread(shutdown::run, "test-shutdown");
    stopping.start();
    try {
      HttpResponse<Buffer> draining = awaitAnswer(http, HealthRoutes.READY, answer -> answer.statusCode() == 503);
      assertEquals("DOWN", state(draining, "shutdown"));
      HttpResponse<Buffer> stillServing = get(http, HealthRoutes.LIVE);
      assertEquals(200, stillServing.statusCode(), "a draining node still answers");
      assertTrue(System.currentTimeMillis() - signalled < 3000, "checked within the drain");
    } finally {
      stopping.join(30_000);
    }
    assertTrue(System.currentTimeMillis() - signalled >= 3000, "stopped only after the drain");
    assertFalse(stopping.isAlive(), "the shutdown ends");
  }

  @Test
  @DisplayName("clustered: its cluster check UP with the members it sees, and 503 once the node has left the cluster")
  void cluster() throws Exception {
    String database = TestDatabase.fresh().toUrl();
    AppConfig settings = AppConfig.withOverrides(new JsonObject()
      .put("CLUSTER", true)
      .put("CLUSTER_NAME", "readiness-" + ProcessHandle.current().pid())
      .put("CLUSTER_HOST", "127.0.0.1")
      .put("HAZELCAST_PORT", Ports.freeForClusterMember())
      .put("CLUSTER_PORT", Ports.freeForClusterMember())
      .put("CLUSTER_MEMBERS", "127.0.0.1")
      .put("DATABASE_URL", database)
      .put("REDIS_URL", "redis://127.0.0.1:6379")
      .put("JWT_SECRET", SECRET));
    Vertx vertx = ClusteredVertx.start(settings).await(60, TimeUnit.SECONDS);
    try {
      WebClient http = httpVerticle(vertx, database);
      Startup.of(vertx).finished();
      HttpResponse<Buffer> formed = get(http, HealthRoutes.READY);
      assertEquals(200, formed.statusCode(), formed.bodyAsString());
      assertEquals("UP", state(formed, "cluster"));
      assertEquals(1, check(formed, "cluster").getJsonObject("data").getInteger("members"));

      Promise<Void> left = Promise.promise();
      ((VertxInternal) vertx).clusterManager().leave(left);
      left.future().await(30, TimeUnit.SECONDS);
      HttpResponse<Buffer> alone = awaitAnswer(http, HealthRoutes.READY, answer -> state(answer, "cluster").equals("DOWN"));
      assertEquals(503, alone.statusCode(), alone.bodyAsString());
      assertEquals("UP", state(alone, "database"));
    } finally {
      // It left the cluster already; closing may find less to stop than usual.
      vertx.close().otherwiseEmpty().await(30, TimeUnit.SECONDS);
    }
  }

  private static void close(Vertx vertx) throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  /** Deploys the HTTP verticle on a free port with its pool pointed at {@code databaseUrl}; a client for it. */
  private static WebClient httpVerticle(Vertx vertx, String databaseUrl) {
    JsonObject config = AppConfig.withOverrides(new JsonObject()
      .put("PORT", 0)
      .put("HOST", "127.0.0.1")
      .put("HTTP_INSTANCES", 1)
      .put("SHUTDOWN_GRACE_SECONDS", 1)
      .put("DATABASE_URL", databaseUrl)
      .put("JWT_SECRET", SECRET)).toJson();
    HttpVerticle verticle = new HttpVerticle();
    vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).await();
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.port()));
  }
}
