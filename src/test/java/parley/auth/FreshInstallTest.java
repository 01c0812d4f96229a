package parley.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("A fresh install")
class FreshInstallTest {

  @Test
  @DisplayName("makes exactly one superadmin even when the first registrations race, and stores bcrypt cost 12")
  void firstUserIsSuperadmin(Vertx vertx) {
    TestServer server = TestServer.start(vertx, new JsonObject().put("BCRYPT_COST", 12));
    List<Future<HttpResponse<Buffer>>> racing = IntStream.range(0, 4)
      .mapToObj(i -> server.http.post("/api/auth/register")
        .sendJsonObject(new JsonObject().put("username", "racer" + i).put("password", "long enough")))
      .toList();
    Future.all(racing).await();
    List<String> roles = new ArrayList<>();
    for (Future<HttpResponse<Buffer>> response : racing) {
      assertEquals(201, response.result().statusCode(), response.result().bodyAsString());
      roles.add(response.result().bodyAsJsonObject().getJsonObject("user").getString("role"));
    }
    assertEquals(1, roles.stream().filter("superadmin"::equals).count(), roles.toString());
    assertEquals(3, roles.stream().filter("member"::equals).count(), roles.toString());

    String hash = server.queryOne("SELECT password_hash FROM users WHERE username = ?", "racer0");
    assertTrue(hash.startsWith("$2a$12$"), hash);
  }
}
