package parley.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.testing.Ports;
import parley.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@DisplayName("Metrics placement: off by default, on the main port, or on a management port of their own")
class MetricsPlacementTest {

  private static Vertx plainVertx;
  private static TestServer plain;
  private static Vertx managedVertx;
  private static TestServer managed;
  private static int managementPort;

  @BeforeAll
  static void start() {
    plainVertx = Vertx.vertx();
    plain = TestServer.start(plainVertx);
    managementPort = Ports.freeForClusterMember();
    JsonObject settings = new JsonObject().put("METRICS_ENABLED", true).put("METRICS_PORT", managementPort);
    managedVertx = TestServer.vertx(settings);
    managed = TestServer.start(managedVertx, settings);
  }

  @AfterAll
  static void stop() {
    plainVertx.close().await();
    managedVertx.close().await();
  }

  private static HttpResponse<Buffer> get(TestServer server, int port, String path) {
    return server.http.get(port, "localhost", path).send().await();
  }

  @Test
  @DisplayName("without METRICS_ENABLED, /metrics is not found, as any unknown path")
  void offByDefault() {
    HttpResponse<Buffer> metrics = get(plain, plain.port, "/metrics");
    HttpResponse<Buffer> unknown = get(plain, plain.port, "/no-such-page");
    assertEquals(404, metrics.statusCode());
    assertEquals(unknown.statusCode(), metrics.statusCode());
    assertEquals(unknown.bodyAsString(), metrics.bodyAsString());
    assertFalse(ParleyMetrics.of(plainVertx).enabled(), "meters of a Vert.x made without metrics");
  }

  @Test
  @DisplayName("with METRICS_PORT, the management port serves /metrics (nothing else) and the main port does not")
  void managementPort() {
    HttpResponse<Buffer> scraped = get(managed, managementPort, "/metrics");
    assertEquals(200, scraped.statusCode(), scraped.bodyAsString());
    assertTrue(scraped.bodyAsString().contains("parley_messages_persisted_total"), scraped.bodyAsString());
    assertEquals(404, get(managed, managed.port, "/metrics").statusCode());
    assertError(get(managed, managementPort, "/api/rooms"), 404, "not_found");
  }
}
