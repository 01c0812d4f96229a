package parley.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

@ExtendWith(VertxExtension.class)
@DisplayName("Replies served as is")
class LocalJsonTest {

  private static final JsonObject PAGE = new JsonObject().put("messages", new JsonArray().add(new JsonObject()
    .put("content", "héllo 🎉").put("seq", 7))).put("more", false);

  @Test
  @DisplayName("reach a requester on this node as the very object replied, where serve's replies are copies")
  void sharedLocally(Vertx vertx) {
    JsonObject page = PAGE.copy();
    Services.serveAsIs(vertx.eventBus(), "test.as-is", message -> Future.succeededFuture(page)).completion().await();
    Services.serve(vertx.eventBus(), "test.copied", message -> Future.succeededFuture(page)).completion().await();
    Services.serveAsIs(vertx.eventBus(), "test.as-is-again", message -> Future.succeededFuture(page)).completion().await();

    assertSame(page, vertx.eventBus().<JsonObject>request("test.as-is", new JsonObject()).await().body());
    assertSame(page, vertx.eventBus().<JsonObject>request("test.as-is-again", new JsonObject()).await().body());
    assertNotSame(page, vertx.eventBus().<JsonObject>request("test.copied", new JsonObject()).await().body());
  }

  @Test
  @DisplayName("cross to another node as the same JSON")
  void wire() {
    LocalJson codec = new LocalJson();
    Buffer wire = Buffer.buffer().appendString("header");
    codec.encodeToWire(wire, PAGE);
    assertEquals(PAGE, codec.decodeFromWire("header".length(), wire));
  }
}
