package parley.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A DevTools connection of its own to one page of a {@link Browser}, for what chromedriver's
 * {@code executeCdpCommand} cannot do: receive events (the {@code ServiceWorker} domain tells registration ids only
 * by events). Selenium's own DevTools client would need a binding for this exact Chromium version; this speaks the
 * protocol's JSON over the JDK's WebSocket instead. Chromium accepts several clients on one page.
 */
public final class PageDevTools implements AutoCloseable {

  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> answers = new ConcurrentHashMap<>();
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();

  private PageDevTools(HttpClient http, URI page) {
    this.socket = http.newWebSocketBuilder().buildAsync(page, new Listener()).join();
  }

  /** Connects to the browser's page whose URL starts with {@code urlPrefix}. */
  public static PageDevTools attach(Browser browser, String urlPrefix) {
    Map<?, ?> options = (Map<?, ?>) browser.driver.getCapabilities().getCapability("goog:chromeOptions");
    String address = (String) options.get("debuggerAddress");
    HttpClient http = HttpClient.newHttpClient();
    try {
      String list = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/json/list")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
      JsonObject page = new JsonArray(list).stream().map(JsonObject.class::cast)
        .filter(target -> "page".equals(target.getString("type")) && target.getString("url").startsWith(urlPrefix))
        .findFirst().orElseThrow(() -> new IllegalStateException("no page at " + urlPrefix + " among " + list));
      return new PageDevTools(http, URI.create(page.getString("webSocketDebuggerUrl")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends a command and answers its result; a protocol error is thrown with Chromium's message. */
  public JsonObject send(String method, JsonObject params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    answers.put(id, answer);
    socket.sendText(new JsonObject().put("id", id).put("method", method).put("params", params).encode(), true).join();
    JsonObject reply = wait(answer, method);
    if (reply.containsKey("error")) {
      throw new IllegalStateException(method + ": " + reply.getJsonObject("error").encode());
    }
    return reply.getJsonObject("result", new JsonObject());
  }

  /** The params of the events so named that match, in order of arrival, once there are {@code count} (within {@link Browser#WAIT}). */
  public List<JsonObject> awaitEvents(String method, Predicate<JsonObject> matching, int count) {
    long deadline = System.nanoTime() + Browser.WAIT.toNanos();
    while (true) {
      List<JsonObject> found = events(method, matching);
      if (found.size() >= count) {
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(count + " " + method + " events wanted, " + found.size() + " came; all events: " + events);
      }
      sleep(Duration.ofMillis(20));
    }
  }

  /** The params of the events so named that match, received so far. */
  public List<JsonObject> events(String method, Predicate<JsonObject> matching) {
    return events.stream().filter(event -> method.equals(event.getString("method")))
      .map(event -> event.getJsonObject("params")).filter(matching).toList();
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(failure -> null);
  }

  private static JsonObject wait(CompletableFuture<JsonObject> answer, String method) {
    try {
      return answer.get(Browser.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("no answer to " + method, e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder frame = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      frame.append(data);
      if (last) {
        JsonObject message = new JsonObject(frame.toString());
        frame.setLength(0);
        if (message.containsKey("id")) {
          CompletableFuture<JsonObject> answer = answers.remove(message.getInteger("id"));
          if (answer != null) {
            answer.complete(message);
          }
        } else {
          events.add(message);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
