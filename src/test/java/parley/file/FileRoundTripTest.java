package parley.file;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.testing.TestServer;
import parley.testing.TestUser;
import parley.testing.Uploads;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("Files on the PostgreSQL store: what goes up comes back, byte for byte")
class FileRoundTripTest {

  private static final int MB = 1024 * 1024;

  private static TestServer server;
  private static TestUser alice;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    alice = server.register("alice");
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {1, MB, 25 * MB})
  @DisplayName("an upload answers its metadata and downloads to the same bytes")
  void roundTrip(int size) {
    Path file = Uploads.randomFile(size, size);
    String sha256 = Uploads.sha256(file);
    HttpResponse<Buffer> uploaded = Uploads.upload(alice, "data.bin", file);
    assertEquals(201, uploaded.statusCode(), uploaded.bodyAsString());
    JsonObject meta = uploaded.bodyAsJsonObject().getJsonObject("file");
    assertEquals(size, meta.getLong("size"));
    assertEquals(sha256, meta.getString("sha256"));
    assertEquals("data.bin", meta.getString("name"));

    HttpResponse<Buffer> downloaded = Uploads.download(alice, meta.getString("id"));
    assertEquals(200, downloaded.statusCode());
    assertEquals(size, downloaded.body().length());
    assertEquals(sha256, Uploads.sha256(downloaded.body()));
    assertEquals(Long.toString(size), downloaded.getHeader("Content-Length"));
    int parts = (size + PostgresBlobStore.PART_SIZE - 1) / PostgresBlobStore.PART_SIZE;
    assertEquals(Integer.toString(parts), server.queryOne("SELECT count(*) FROM blob_chunks WHERE key = ?",
      "files/" + meta.getString("id")));
  }

  @Test
  @DisplayName("an empty file is a file too")
  void emptyFile() {
    JsonObject meta = Uploads.uploaded(alice, "empty.txt", Buffer.buffer());
    assertEquals(0, meta.getLong("size"));
    HttpResponse<Buffer> downloaded = Uploads.download(alice, meta.getString("id"));
    assertEquals(200, downloaded.statusCode());
    assertTrue(downloaded.body() == null || downloaded.body().length() == 0);
  }
}
