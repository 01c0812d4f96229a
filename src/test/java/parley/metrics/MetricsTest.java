package parley.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;
import parley.testing.Uploads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static parley.testing.ApiAssertions.assertError;

@DisplayName("Metrics: /metrics tells an operator what Parley does, to the holder of the token, with no ids in its labels")
class MetricsTest {

  private static final String TOKEN = "scrape-token-for-the-test";
  private static final Pattern ID_IN_ADDRESS = Pattern.compile("(room|user|tenant)\\.[0-9]");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  /** HTTP status codes are numbers, and bounded. */
  private static final Set<String> NUMERIC_LABELS = Set.of("code");

  private static Vertx vertx;
  private static TestServer server;

  @BeforeAll
  static void start() {
    JsonObject settings = new JsonObject().put("METRICS_ENABLED", true).put("METRICS_TOKEN", TOKEN)
      .put("ROOM_CREATE_RATE_LIMIT_PER_HOUR", 1);
    vertx = TestServer.vertx(settings);
    server = TestServer.start(vertx, settings);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static HttpRequest<Buffer> metrics() {
    return server.http.get("/metrics");
  }

  private static Scrape scrape() {
    HttpResponse<Buffer> response = metrics().bearerTokenAuthentication(TOKEN).send().await();
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertTrue(response.getHeader("Content-Type").startsWith("text/plain"), response.getHeader("Content-Type"));
    return Scrape.parse(response.bodyAsString());
  }

  /** Scrapes until {@code until} holds: meters move as the answers go out, a scrape may come just before. */
  private static Scrape scrapeUntil(String what, Predicate<Scrape> until) {
    long deadline = System.currentTimeMillis() + 10_000;
    Scrape scrape = scrape();
    while (!until.test(scrape)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("never " + what + " in:\n" + scrape.text());
      }
      sleep(50);
      scrape = scrape();
    }
    return scrape;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Messages sent over the bridge between two people in #general, while both are connected. */
  private static void chat(TestUser alice, TestUser bob, int messages, Runnable whileConnected) {
    String general = "room." + alice.generalRoomId();
    try (BridgeClient a = alice.connect(); BridgeClient b = bob.connect()) {
      a.register(general);
      b.register(general);
      a.register("user." + alice.id());
      for (int i = 0; i < messages; i++) {
        a.request("chat.send", new JsonObject().put("roomId", alice.generalRoomId()).put("content", "hello " + i));
        b.next(general, "message.new");
      }
      whileConnected.run();
    }
  }

  @Test
  @DisplayName("messages, deliveries, sends, batches, connections, rooms, presence, uploads and refusals move with traffic")
  void countersMoveWithTraffic() {
    TestUser alice = server.register("alice");
    TestUser bob = server.register("bob");
    Scrape before = scrape();

    chat(alice, bob, 5, () -> {
      Scrape connected = scrapeUntil("two more connections",
        s -> s.sum("parley_bridge_connections") >= before.sum("parley_bridge_connections") + 2);
      assertTrue(connected.sum("parley_bridge_rooms") >= 1, "rooms registered");
    });
    Uploads.uploaded(alice, "notes.txt", Buffer.buffer("x".repeat(1000)));
    alice.createRoom("allowed");
    assertError(alice.post("/api/rooms", new JsonObject().put("name", "one-too-many")), 429, "rate_limited");

    Scrape after = scrapeUntil("the connections closed",
      s -> s.sum("parley_bridge_connections") == before.sum("parley_bridge_connections"));
    assertGrew(before, after, 5, "parley_messages_persisted_total");
    assertGrew(before, after, 5, "parley_chat_send_seconds_count", "outcome", "ok");
    assertGrew(before, after, 1, "parley_groupcommit_batch_size_count");
    assertGrew(before, after, 5, "parley_groupcommit_batch_size_sum");
    // Each message reaches both sockets in the room; each send is answered to its sender.
    assertGrew(before, after, 10, "parley_bridge_deliveries_total", "source", "room");
    assertGrew(before, after, 5, "parley_bridge_deliveries_total", "source", "direct");
    assertGrew(before, after, 2, "parley_presence_store_seconds_count", "operation", "touch", "outcome", "ok");
    assertGrew(before, after, 1000, "parley_upload_bytes_total");
    assertGrew(before, after, 1, "parley_ratelimit_refusals_total", "kind", "roomCreate");
    assertEquals(0, after.sum("parley_chat_send_seconds_bucket", "outcome", "ok", "le", "+Inf")
      - after.sum("parley_chat_send_seconds_count", "outcome", "ok"), "the histogram covers every send");
    for (String stock : List.of("vertx_http_server_requests_total", "vertx_http_server_response_time_seconds_count",
      "vertx_eventbus_handlers", "vertx_eventbus_processed_total", "vertx_pool_in_use", "jvm_memory_used_bytes",
      "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads", "process_cpu_usage")) {
      assertTrue(after.names().contains(stock), stock + " is missing from:\n" + after.text());
    }
    assertTrue(after.sum("parley_push_outbox", "state", "pending") >= 0, "the outbox is measured");
    assertTrue(after.names().contains("parley_push_outbox"), "parley_push_outbox");
  }

  private static void assertGrew(Scrape before, Scrape after, double atLeast, String name, String... labels) {
    double grown = after.sum(name, labels) - before.sum(name, labels);
    assertTrue(grown >= atLeast, name + " " + List.of(labels) + " grew by " + grown + ", expected at least " + atLeast);
  }

  @Test
  @DisplayName("rejects a scrape without the token, with a wrong one, or with another scheme")
  void rejectsScrapesWithoutTheToken() {
    List<HttpResponse<Buffer>> refused = List.of(
      metrics().send().await(),
      metrics().bearerTokenAuthentication(TOKEN + "x").send().await(),
      metrics().bearerTokenAuthentication(TOKEN.substring(1)).send().await(),
      metrics().putHeader("Authorization", "Basic " + TOKEN).send().await());
    for (HttpResponse<Buffer> response : refused) {
      assertError(response, 401, "unauthenticated");
      assertEquals("Bearer", response.getHeader("WWW-Authenticate"));
      assertTrue(!response.bodyAsString().contains("parley_"), response.bodyAsString());
    }
  }

  @Test
  @DisplayName("needs no session or cookie, and answers a scraper whatever Origin it names")
  void outsideSessionsAndOrigins() {
    HttpResponse<Buffer> response = metrics().bearerTokenAuthentication(TOKEN)
      .putHeader("Origin", "https://elsewhere.example").putHeader("Cookie", "parley_token=nonsense").send().await();
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertTrue(response.bodyAsString().contains("parley_messages_persisted_total"));
  }

  @Test
  @DisplayName("no label carries a room, user or tenant id, nor any other number but a status code")
  void labelsCarryNoIds() {
    TestUser carol = server.register("carol");
    TestUser dave = server.register("dave");
    chat(carol, dave, 2, () -> {
      Scrape scrape = scrapeUntil("room events delivered", s -> s.sum("parley_bridge_deliveries_total", "source", "room") > 0);
      Matcher inAddress = ID_IN_ADDRESS.matcher(scrape.text());
      if (inAddress.find()) {
        fail("an id in an address: " + scrape.text().substring(Math.max(0, inAddress.start() - 200), inAddress.end() + 20));
      }
      Set<String> numeric = new TreeSet<>();
      Set<String> addresses = new TreeSet<>();
      Set<String> pools = new TreeSet<>();
      for (Scrape.Sample sample : scrape.samples()) {
        sample.labels().forEach((label, value) -> {
          if (!NUMERIC_LABELS.contains(label) && DIGITS.matcher(value).matches()) {
            numeric.add(sample.name() + "{" + label + "=" + value + "}");
          }
          if (label.equals("address")) {
            addresses.add(value);
          }
          if (label.equals("pool_name")) {
            pools.add(value);
          }
        });
      }
      assertEquals(Set.of(), numeric, "label values that are numbers");
      assertTrue(addresses.containsAll(Set.of("room.*", "user.*", "chat.send")), "addresses: " + addresses);
      assertTrue(addresses.stream().noneMatch(address -> address.matches(".*[0-9].*")), "addresses: " + addresses);
      // The test's own client pools are named after the server's host and port, as a Web Push service's would be.
      assertTrue(pools.contains("remote") && pools.stream().noneMatch(pool -> pool.matches(".*[0-9].*")), "pools: " + pools);
    });
  }

  @Test
  @DisplayName("every metric the sample Grafana dashboard queries is in a scrape")
  void dashboardQueriesExist() throws Exception {
    JsonObject dashboard = new JsonObject(Files.readString(Path.of("docs/grafana-dashboard.json")));
    List<String> queries = new ArrayList<>();
    collectQueries(dashboard, queries);
    assertTrue(queries.size() >= 10, "queries: " + queries);
    // GC pauses are measured from the first collection on.
    System.gc();
    Set<String> names = scrapeUntil("a collection measured", s -> s.names().contains("jvm_gc_pause_seconds_count")).names();
    Set<String> missing = new TreeSet<>();
    Pattern metric = Pattern.compile("\\b(parley|vertx|jvm|process)_[a-z_]+\\b");
    for (String query : queries) {
      Matcher found = metric.matcher(query);
      while (found.find()) {
        if (!names.contains(found.group())) {
          missing.add(found.group());
        }
      }
    }
    assertEquals(Set.of(), missing, "queried by the dashboard, absent from the scrape");
  }

  private static void collectQueries(Object node, List<String> queries) {
    if (node instanceof JsonObject object) {
      object.forEach(entry -> {
        if (entry.getKey().equals("expr") && entry.getValue() instanceof String expr) {
          queries.add(expr);
        } else {
          collectQueries(entry.getValue(), queries);
        }
      });
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> collectQueries(item, queries));
    }
  }
}
