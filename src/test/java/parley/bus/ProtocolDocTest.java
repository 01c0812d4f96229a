package parley.bus;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/protocol.md is the bots' contract: every slug, event type and public request the server has is in it. */
@DisplayName("docs/protocol.md")
class ProtocolDocTest {

  private static String protocol() throws IOException {
    return Files.readString(Path.of("docs/protocol.md"));
  }

  @Test
  @DisplayName("has a row with the right status for every error slug")
  void everySlug() throws IOException {
    String doc = protocol();
    List<String> missing = Arrays.stream(ApiError.values())
      .filter(error -> !doc.contains("| " + error.status + " | `" + error.slug + "` |")).map(error -> error.status + " " + error.slug).toList();
    assertEquals(List.of(), missing);
  }

  @Test
  @DisplayName("names every event type a client can receive")
  void everyEventType() throws IOException, IllegalAccessException {
    String doc = protocol();
    List<String> missing = new ArrayList<>();
    for (Field field : EventTypes.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof String type && !doc.contains("`" + type + "`")) {
        missing.add(type);
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  @DisplayName("has a section for every public request address")
  void everyRequest() throws IOException {
    String doc = protocol();
    assertEquals(List.of(), Addresses.PUBLIC_INBOUND.stream().filter(address -> !doc.contains("### `" + address + "`")).toList());
  }
}
