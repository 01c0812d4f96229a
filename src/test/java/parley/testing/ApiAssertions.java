package parley.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that an error answer is the documented one: status, slug, and a sentence for people. */
public final class ApiAssertions {

  private ApiAssertions() {
  }

  public static void assertError(HttpResponse<Buffer> response, int status, String slug) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(slug, body.getString("error"));
    assertFalse(body.getString("message").isBlank());
  }

  /** A {@code 429 rate_limited} whose {@code Retry-After} is a whole number of seconds from 1 to {@code maxSeconds}. */
  public static void assertRateLimited(HttpResponse<Buffer> response, long maxSeconds) {
    assertError(response, 429, "rate_limited");
    String header = response.getHeader("Retry-After");
    assertTrue(header != null && header.matches("\\d+"), "Retry-After: " + header);
    long seconds = Long.parseLong(header);
    assertTrue(seconds >= 1 && seconds <= maxSeconds, "Retry-After: " + seconds);
  }
}
