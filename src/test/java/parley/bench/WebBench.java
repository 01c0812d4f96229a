package parley.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import parley.testing.BridgeClient;
import parley.testing.Browser;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How fast the web app shows the chat view from a warm local server. Run by {@code scripts/bench-web}; not a test.
 *
 * <p>Starts Parley on a fresh database, fills #general with many messages, loads the page a few times to warm
 * both the server and the browser's cache (files then revalidate with 304s, as on any repeat visit), and then
 * times each load in headless Chromium: first contentful paint, and the moment the room's newest messages are on
 * screen (the app's {@code parley:chat-shown} performance mark). Prints the median, minimum and maximum.
 */
public final class WebBench {

  private static final int WARM_UP = 3;

  private WebBench() {
  }

  public static void main(String[] args) {
    int runs = setting(args, 0, 10);
    int messages = setting(args, 1, 10_000);
    Vertx vertx = Vertx.vertx();
    try {
      TestServer server = TestServer.start(vertx);
      TestUser reader = server.register("reader", "Reader");
      TestUser writer = server.register("writer", "Writer");
      String general = reader.generalRoomId();
      seed(writer, general, messages);
      measure(server, reader, general, runs, messages);
    } finally {
      vertx.close().await();
    }
  }

  private static void seed(TestUser writer, String roomId, int count) {
    long start = System.nanoTime();
    try (BridgeClient bus = writer.connect()) {
      for (int sent = 0; sent < count; sent += 100) {
        List<CompletableFuture<JsonObject>> batch = new ArrayList<>();
        for (int i = sent; i < Math.min(count, sent + 100); i++) {
          batch.add(bus.requestAsync("chat.send",
            new JsonObject().put("roomId", roomId).put("content", "Seeded message " + (i + 1) + " with a few words of text"), null));
        }
        batch.forEach(CompletableFuture::join);
      }
    }
    System.out.printf("seeded %,d messages in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
  }

  private static void measure(TestServer server, TestUser reader, String roomId, int runs, int messages) {
    List<Double> paints = new ArrayList<>();
    List<Double> shown = new ArrayList<>();
    try (Browser browser = Browser.open()) {
      browser.viewport(1280, 800);
      String url = server.url("/#/room/" + roomId);
      browser.signedIn(server, reader, "/");
      for (int run = 0; run < WARM_UP + runs; run++) {
        // A change of the hash alone would not load the page again.
        browser.get("about:blank");
        browser.get(url);
        List<Number> times = browser.until("the chat view", driver -> browser.script(
          "const shown = performance.getEntriesByName('parley:chat-shown')[0];"
            + "const paint = performance.getEntriesByName('first-contentful-paint')[0];"
            + "return shown && paint ? [paint.startTime, shown.startTime] : null;"));
        if (run >= WARM_UP) {
          paints.add(times.get(0).doubleValue());
          shown.add(times.get(1).doubleValue());
        }
      }
    }
    System.out.printf("%d warm loads of a room with %,d messages (after %d warm-up loads), in ms since navigation start:%n",
      runs, messages, WARM_UP);
    report("first contentful paint", paints);
    report("chat view shown", shown);
  }

  private static void report(String what, List<Double> millis) {
    List<Double> sorted = millis.stream().sorted().toList();
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    System.out.printf("  %-24s median %6.1f   min %6.1f   max %6.1f%n", what, median, sorted.get(0), sorted.get(n - 1));
  }

  private static int setting(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
