package parley.file;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;
import parley.testing.TestUser;
import parley.testing.Uploads;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Files with FILE_STORAGE=s3: the whole app keeps its bytes in the bucket, never in PostgreSQL")
class S3StorageTest {

  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;

  private static FakeS3 s3;
  private static TestServer server;
  private static TestUser alice;
  private static Buffer photo;
  private static JsonObject uploaded;

  @BeforeAll
  static void start(Vertx vertx) throws IOException {
    s3 = FakeS3.start(vertx);
    server = TestServer.start(vertx, new JsonObject()
      .put("FILE_STORAGE", "s3")
      .put("S3_ENDPOINT", s3.endpoint())
      .put("S3_BUCKET", FakeS3.BUCKET)
      .put("S3_REGION", FakeS3.REGION)
      .put("S3_ACCESS_KEY", FakeS3.ACCESS_KEY)
      .put("S3_SECRET_KEY", FakeS3.SECRET_KEY));
    alice = server.register("alice");
    photo = noisyPng(WIDTH, HEIGHT);
    HttpResponse<Buffer> response = Uploads.upload(alice, "photo.png", photo, "image/png");
    assertEquals(201, response.statusCode(), response.bodyAsString());
    uploaded = response.bodyAsJsonObject().getJsonObject("file");
  }

  @Test
  @DisplayName("an image larger than a thumbnail answers its size and a thumbnail, both stored in the bucket")
  void upload() {
    assertEquals("image/png", uploaded.getString("contentType"));
    assertEquals(photo.length(), uploaded.getLong("size"));
    assertEquals(Uploads.sha256(photo), uploaded.getString("sha256"));
    assertEquals(WIDTH, uploaded.getInteger("width"));
    assertEquals(HEIGHT, uploaded.getInteger("height"));
    assertEquals(true, uploaded.getBoolean("thumbnail"));
    String id = uploaded.getString("id");
    assertEquals(Set.of("files/" + id, "files/" + id + ".thumb"), s3.keys());
  }

  @Test
  @DisplayName("the download is the bytes uploaded")
  void download() {
    HttpResponse<Buffer> response = Uploads.download(alice, uploaded.getString("id"));
    assertEquals(200, response.statusCode());
    assertEquals("image/png", response.getHeader("Content-Type"));
    assertArrayEquals(photo.getBytes(), response.body().getBytes());
  }

  @Test
  @DisplayName("the thumbnail is an image of at most 400 pixels a side")
  void thumbnail() throws IOException {
    HttpResponse<Buffer> response = alice.get("/api/files/" + uploaded.getString("id") + "/thumbnail");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(response.body().getBytes()));
    assertNotNull(thumbnail, "not an image: " + response.getHeader("Content-Type"));
    assertTrue(thumbnail.getWidth() <= Images.THUMBNAIL_SIZE && thumbnail.getHeight() <= Images.THUMBNAIL_SIZE,
      thumbnail.getWidth() + " x " + thumbnail.getHeight());
    assertEquals(Images.THUMBNAIL_SIZE, Math.max(thumbnail.getWidth(), thumbnail.getHeight()));
  }

  @Test
  @DisplayName("a range answers 206 with those bytes, read from the bucket")
  void range() {
    int first = 100_000;
    int last = 300_000;
    HttpResponse<Buffer> response = alice.request(HttpMethod.GET, "/api/files/" + uploaded.getString("id"))
      .putHeader("Range", "bytes=" + first + "-" + last).send().await();
    assertEquals(206, response.statusCode(), response.bodyAsString());
    assertEquals("bytes " + first + "-" + last + "/" + photo.length(), response.getHeader("Content-Range"));
    assertArrayEquals(photo.getBytes(first, last + 1), response.body().getBytes());
  }

  @Test
  @DisplayName("nothing is written to the PostgreSQL blob store")
  void noBlobChunks() {
    assertEquals("0", server.queryOne("SELECT count(*) FROM blob_chunks"));
  }

  /** Random pixels, so that the PNG is large (about 900 KB) and its bytes cannot be mistaken for another's. */
  private static Buffer noisyPng(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(640);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return Buffer.buffer(out.toByteArray());
  }
}
