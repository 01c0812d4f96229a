package parley.health;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Asking a server's health routes, and reading their answers, for the health tests. */
final class HealthAnswers {

  private HealthAnswers() {
  }

  static HttpResponse<Buffer> get(WebClient http, String path) {
    HttpResponse<Buffer> response = http.get(path).timeout(20_000).send().await();
    assertEquals("no-store", response.getHeader("Cache-Control"), path + " must never be cached");
    return response;
  }

  /** Asks {@code path} until its answer satisfies {@code wanted}, for at most 15 s; returns that answer. */
  static HttpResponse<Buffer> awaitAnswer(WebClient http, String path, Predicate<HttpResponse<Buffer>> wanted)
    throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (true) {
      HttpResponse<Buffer> response = get(http, path);
      if (wanted.test(response)) {
        return response;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(path + " never gave the awaited answer; last: " + response.statusCode() + " " + response.bodyAsString());
      }
      Thread.sleep(100);
    }
  }

  /** The check named {@code id} in a health answer, or an empty object when the answer has none. */
  static JsonObject check(HttpResponse<Buffer> response, String id) {
    return response.bodyAsJsonObject().getJsonArray("checks").stream()
      .map(JsonObject.class::cast)
      .filter(check -> id.equals(check.getString("id")))
      .findFirst().orElse(new JsonObject());
  }

  static String state(HttpResponse<Buffer> response, String id) {
    return check(response, id).getString("status", "absent");
  }
}
