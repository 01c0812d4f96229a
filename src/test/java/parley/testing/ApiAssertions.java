package parley.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
