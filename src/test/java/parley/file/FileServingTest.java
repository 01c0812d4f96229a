package parley.file;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestImages;
import parley.testing.TestServer;
import parley.testing.TestUser;
import parley.testing.Uploads;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@DisplayName("Serving files: sniffed types, safe dispositions, ranges, caching and thumbnails")
class FileServingTest {

  private static final String INLINE_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
  private static final String DOWNLOAD_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'";

  private static TestServer server;
  private static TestUser alice;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    server.register("admin");
    alice = server.register("alice");
  }

  @Test
  @DisplayName("a PNG is named by its bytes and shown inline, cached as immutable under its hash")
  void pngInline() {
    Buffer png = TestImages.image(120, 80, "png");
    JsonObject file = Uploads.uploaded(alice, "photo.bin", png);
    assertEquals("image/png", file.getString("contentType"));
    assertEquals(120, file.getInteger("width"));
    assertEquals(80, file.getInteger("height"));
    assertFalse(file.getBoolean("thumbnail"), "a small image needs no thumbnail");

    HttpResponse<Buffer> served = Uploads.download(alice, file.getString("id"));
    assertEquals("image/png", served.getHeader("Content-Type"));
    assertEquals("nosniff", served.getHeader("X-Content-Type-Options"));
    assertTrue(served.getHeader("Content-Disposition").startsWith("inline;"));
    assertEquals("private, max-age=31536000, immutable", served.getHeader("Cache-Control"));
    assertEquals("same-origin", served.getHeader("Cross-Origin-Resource-Policy"));
    assertEquals("\"" + Uploads.sha256(png) + "\"", served.getHeader("ETag"));
    assertEquals(png, served.body());
    assertError(alice.get("/api/files/" + file.getString("id") + "/thumbnail"), 404, "file_not_found");

    HttpResponse<Buffer> revalidated = alice.request(HttpMethod.GET, "/api/files/" + file.getString("id"))
      .putHeader("If-None-Match", served.getHeader("ETag")).send().await();
    assertEquals(304, revalidated.statusCode());
    assertNull(revalidated.body());
  }

  @Test
  @DisplayName("rejects scripting in what is shown inline: a PDF, an image and a thumbnail each come with one policy, a sandbox, instead of the app's")
  void inlineFilesAreSandboxed() {
    Buffer pdf = Buffer.buffer("%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n");
    JsonObject document = Uploads.uploaded(alice, "report.pdf", pdf);
    assertEquals("application/pdf", document.getString("contentType"));
    JsonObject photo = Uploads.uploaded(alice, "photo.jpg", TestImages.image(1600, 900, "jpeg"));
    for (String path : List.of(document.getString("id"), photo.getString("id"), photo.getString("id") + "/thumbnail")) {
      HttpResponse<Buffer> served = alice.get("/api/files/" + path);
      assertEquals(200, served.statusCode(), path);
      assertTrue(served.getHeader("Content-Disposition").startsWith("inline;"), path);
      assertEquals(List.of(INLINE_POLICY), served.headers().getAll("Content-Security-Policy"), path);
      HttpResponse<Buffer> revalidated = alice.request(HttpMethod.GET, "/api/files/" + path)
        .putHeader("If-None-Match", served.getHeader("ETag")).send().await();
      assertEquals(304, revalidated.statusCode(), path);
      assertEquals(List.of(INLINE_POLICY), revalidated.headers().getAll("Content-Security-Policy"), path + ", revalidated");
    }
    HttpResponse<Buffer> downloaded = alice.get("/api/files/" + document.getString("id") + "?download=1");
    assertEquals(List.of(DOWNLOAD_POLICY), downloaded.headers().getAll("Content-Security-Policy"));
  }

  @Test
  @DisplayName("an HTML page named .png is sniffed as HTML and served only as a sandboxed download")
  void htmlNamedPng() {
    Buffer html = Buffer.buffer("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>");
    JsonObject file = Uploads.upload(alice, "cat.png", html, "image/png").bodyAsJsonObject().getJsonObject("file");
    assertEquals("text/html", file.getString("contentType"));
    HttpResponse<Buffer> served = Uploads.download(alice, file.getString("id"));
    assertEquals("text/html", served.getHeader("Content-Type"));
    assertTrue(served.getHeader("Content-Disposition").startsWith("attachment;"), served.getHeader("Content-Disposition"));
    assertEquals(List.of(DOWNLOAD_POLICY), served.headers().getAll("Content-Security-Policy"));
  }

  @Test
  @DisplayName("an SVG with a script is never served inline")
  void svgIsADownload() {
    Buffer svg = Buffer.buffer("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
    JsonObject file = Uploads.upload(alice, "logo.svg", svg, "image/svg+xml").bodyAsJsonObject().getJsonObject("file");
    assertEquals("image/svg+xml", file.getString("contentType"));
    assertNull(file.getInteger("width"));
    HttpResponse<Buffer> served = Uploads.download(alice, file.getString("id"));
    assertTrue(served.getHeader("Content-Disposition").startsWith("attachment;"));
    assertEquals(List.of(DOWNLOAD_POLICY), served.headers().getAll("Content-Security-Policy"));
  }

  @Test
  @DisplayName("?download=1 makes even an image a download")
  void forcedDownload() {
    JsonObject file = Uploads.uploaded(alice, "small.png", TestImages.image(10, 10, "png"));
    HttpResponse<Buffer> served = alice.get("/api/files/" + file.getString("id") + "?download=1");
    assertTrue(served.getHeader("Content-Disposition").startsWith("attachment;"));
  }

  @Test
  @DisplayName("file names lose their path and control characters and come back as RFC 6266 filename*")
  void fileNames() {
    // U+009B, a C1 control character: the multipart parser already turns the C0 ones into spaces (below).
    JsonObject file = Uploads.uploadedAsWritten(alice, "../../etc/Résumé\u009b 2026\u202e.pdf", Buffer.buffer("%PDF-1.4\n%…"));
    assertEquals("Résumé 2026.pdf", file.getString("name"));
    assertEquals("application/pdf", file.getString("contentType"));
    String disposition = Uploads.download(alice, file.getString("id")).getHeader("Content-Disposition");
    assertEquals("inline; filename=\"R_sum_ 2026.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%202026.pdf", disposition);

    assertEquals("a b c d e f.txt", Uploads.uploadedAsWritten(alice, "a=b;c:d,e\u0007f.txt", Buffer.buffer("x")).getString("name"),
      "the multipart parser turns = ; : , and C0 control characters into spaces (documented in protocol.md)");
    assertEquals("C docsplan.pdf", Uploads.uploadedAsWritten(alice, "C:\\docs\\plan.pdf", Buffer.buffer("x")).getString("name"),
      "the multipart parser drops \\ (documented in protocol.md)");

    String longName = "a".repeat(300) + ".txt";
    String kept = Uploads.uploaded(alice, longName, Buffer.buffer("text")).getString("name");
    assertEquals(200, kept.length());
    assertTrue(kept.endsWith(".txt"));
  }

  @Test
  @DisplayName("a Range asks for part of a file: 206 with Content-Range, suffix ranges too, 416 past the end")
  void ranges() {
    Buffer bytes = Uploads.randomBytes(600_000, 7);
    String id = Uploads.uploaded(alice, "song.bin", bytes).getString("id");
    HttpResponse<Buffer> middle = alice.request(HttpMethod.GET, "/api/files/" + id)
      .putHeader("Range", "bytes=262000-263999").send().await();
    assertEquals(206, middle.statusCode());
    assertEquals("bytes 262000-263999/600000", middle.getHeader("Content-Range"));
    assertEquals(bytes.getBuffer(262000, 264000), middle.body(), "a range across two stored parts");

    HttpResponse<Buffer> tail = alice.request(HttpMethod.GET, "/api/files/" + id).putHeader("Range", "bytes=-100").send().await();
    assertEquals(206, tail.statusCode());
    assertEquals(bytes.getBuffer(599_900, 600_000), tail.body());

    HttpResponse<Buffer> past = alice.request(HttpMethod.GET, "/api/files/" + id).putHeader("Range", "bytes=600000-").send().await();
    assertError(past, 416, "range_not_satisfiable");
    assertEquals("bytes */600000", past.getHeader("Content-Range"));
  }

  @Test
  @DisplayName("a large image gets a thumbnail of at most 400 px, and its size before anyone loads it")
  void thumbnail() {
    JsonObject file = Uploads.uploaded(alice, "wide.jpg", TestImages.image(1600, 900, "jpeg"));
    assertEquals("image/jpeg", file.getString("contentType"));
    assertEquals(1600, file.getInteger("width"));
    assertEquals(900, file.getInteger("height"));
    assertTrue(file.getBoolean("thumbnail"));
    HttpResponse<Buffer> thumbnail = alice.get("/api/files/" + file.getString("id") + "/thumbnail");
    assertEquals(200, thumbnail.statusCode());
    BufferedImage image = TestImages.decode(thumbnail.body());
    assertEquals(400, image.getWidth());
    assertEquals(225, image.getHeight());
  }

  @Test
  @DisplayName("a photo stored sideways (EXIF orientation 6) has its size as shown, and a thumbnail turned upright")
  void sidewaysPhoto() {
    Buffer photo = TestImages.withOrientation(TestImages.sideways(800, 400), 6);
    JsonObject file = Uploads.uploaded(alice, "portrait.jpg", photo);
    assertEquals(400, file.getInteger("width"));
    assertEquals(800, file.getInteger("height"));
    assertTrue(file.getBoolean("thumbnail"));
    BufferedImage thumbnail = TestImages.decode(alice.get("/api/files/" + file.getString("id") + "/thumbnail").body());
    assertEquals(List.of(200, 400), List.of(thumbnail.getWidth(), thumbnail.getHeight()));
    assertEquals(List.of(Color.RED, Color.GREEN, Color.BLUE), Arrays.asList(TestImages.primary(thumbnail, 50, 20),
        TestImages.primary(thumbnail, 190, 200), TestImages.primary(thumbnail, 50, 380)),
      "turned a quarter clockwise: the stored left half on top, the stored top band on the right");
  }

  @Test
  @DisplayName("a JPEG whose EXIF is malformed or cut short uploads as if it had none")
  void malformedExif() {
    Buffer jpeg = TestImages.sideways(800, 400);
    List<Buffer> broken = List.of(
      Buffer.buffer(),
      TestImages.orientationTiff(6).setString(0, "XX"),
      TestImages.orientationTiff(6).setUnsignedInt(4, 0x7FFFFFF0L),
      TestImages.orientationTiff(6).setUnsignedShort(8, 500).setUnsignedShort(10, 0x010F),
      TestImages.orientationTiff(6).getBuffer(0, 16),
      TestImages.orientationTiff(9));
    for (Buffer tiff : broken) {
      JsonObject file = Uploads.uploaded(alice, "odd.jpg", TestImages.withExif(jpeg, tiff));
      assertEquals(List.of(800, 400), List.of(file.getInteger("width"), file.getInteger("height")),
        HexFormat.of().formatHex(tiff.getBytes()));
      BufferedImage thumbnail = TestImages.decode(alice.get("/api/files/" + file.getString("id") + "/thumbnail").body());
      assertEquals(List.of(400, 200), List.of(thumbnail.getWidth(), thumbnail.getHeight()));
      assertEquals(Color.GREEN, TestImages.primary(thumbnail, 200, 10));
    }
  }

  @Test
  @DisplayName("a decompression bomb (a 50,000 × 50,000 PNG) is refused from its header, and nothing is kept")
  void decompressionBomb() {
    String before = server.queryOne("SELECT count(*) FROM files");
    assertError(Uploads.upload(alice, "bomb.png", TestImages.pngHeader(50_000, 50_000)), 400, "image_too_large");
    assertEquals(before, server.queryOne("SELECT count(*) FROM files"));
  }

  @Test
  @DisplayName("a WebP, lossy or lossless, opaque or transparent, gets a thumbnail like a PNG or JPEG does")
  void webpThumbnails() {
    JsonObject wide = Uploads.uploaded(alice, "wide.webp", TestImages.resource("wide-lossy.webp"));
    assertEquals(List.of("image/webp", 800, 400, true), List.of(wide.getString("contentType"),
      wide.getInteger("width"), wide.getInteger("height"), wide.getBoolean("thumbnail")));
    HttpResponse<Buffer> served = alice.get("/api/files/" + wide.getString("id") + "/thumbnail");
    assertEquals(200, served.statusCode());
    assertEquals("image/jpeg", served.getHeader("Content-Type"), "an opaque image's thumbnail is a JPEG");
    BufferedImage opaque = TestImages.decode(served.body());
    assertEquals(List.of(400, 200), List.of(opaque.getWidth(), opaque.getHeight()));
    assertEquals(List.of(Color.GREEN, Color.RED, Color.BLUE), Arrays.asList(TestImages.primary(opaque, 200, 20),
      TestImages.primary(opaque, 100, 150), TestImages.primary(opaque, 300, 150)));

    for (String name : List.of("tall-transparent-lossy.webp", "tall-transparent-lossless.webp")) {
      JsonObject tall = Uploads.uploaded(alice, name, TestImages.resource(name));
      assertEquals(List.of(600, 1200, true), List.of(tall.getInteger("width"), tall.getInteger("height"),
        tall.getBoolean("thumbnail")), name);
      HttpResponse<Buffer> thumbnail = alice.get("/api/files/" + tall.getString("id") + "/thumbnail");
      assertEquals("image/png", thumbnail.getHeader("Content-Type"), name + ": transparency is kept");
      BufferedImage image = TestImages.decode(thumbnail.body());
      assertEquals(List.of(200, 400), List.of(image.getWidth(), image.getHeight()), name);
      assertEquals(List.of(Color.RED, Color.BLUE), Arrays.asList(TestImages.primary(image, 50, 100),
        TestImages.primary(image, 150, 100)), name);
      assertEquals(0, image.getRGB(100, 300) >>> 24, name + ": the bottom half stays transparent");
    }
  }

  @Test
  @DisplayName("rejects a WebP whose header claims more than 50 million pixels, before decoding it, and keeps nothing")
  void rejectsWebpBombs() {
    String before = server.queryOne("SELECT count(*) FROM files");
    assertError(Uploads.upload(alice, "bomb.webp", TestImages.webpLosslessHeader(16_384, 16_384)), 400,
      "image_too_large");
    assertError(Uploads.upload(alice, "bomb.webp", TestImages.webpExtendedHeader(100_000, 100_000)), 400,
      "image_too_large");
    assertEquals(before, server.queryOne("SELECT count(*) FROM files"));
  }

  @Test
  @DisplayName("rejects decoding a WebP of more pixels than WebP.MAX_DECODED_PIXELS: it is kept with its size, without a thumbnail")
  void rejectsDecodingLargeWebp() {
    JsonObject file = Uploads.uploaded(alice, "flat.webp", TestImages.resource("over-decode-limit.webp"));
    assertEquals(List.of("image/webp", 4100, 2100, false), List.of(file.getString("contentType"),
      file.getInteger("width"), file.getInteger("height"), file.getBoolean("thumbnail")));
    assertError(alice.get("/api/files/" + file.getString("id") + "/thumbnail"), 404, "file_not_found");
  }

  @Test
  @DisplayName("rejects decoding a WebP whose data ends long before its pixels do: answered at once, without a thumbnail")
  void rejectsTruncatedWebp() {
    // Decoded as if the missing data were there, this header alone keeps a core busy for minutes.
    Buffer truncated = TestImages.webpLosslessHeader(4096, 2048);
    HttpResponse<Buffer> answer = alice.request(HttpMethod.POST, "/api/files").timeout(30_000)
      .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "cut.webp", truncated, "image/webp")).await();
    assertEquals(201, answer.statusCode(), answer.bodyAsString());
    JsonObject file = answer.bodyAsJsonObject().getJsonObject("file");
    assertEquals(List.of(4096, 2048, false), List.of(file.getInteger("width"), file.getInteger("height"),
      file.getBoolean("thumbnail")));
  }

  @Test
  @DisplayName("rejects a download by someone outside the room, as if the file did not exist")
  void rejectsOutsiders() {
    TestUser admin = server.register("owner");
    server.setRole(admin, "superadmin");
    TestUser bob = server.register("bob");
    TestUser eve = server.register("eve");
    String room = admin.createRoom("files-" + System.nanoTime(), alice, bob);
    String id = Uploads.uploaded(alice, "notes.txt", Buffer.buffer("secret plans")).getString("id");

    assertError(Uploads.download(bob, id), 404, "file_not_found");
    try (BridgeClient client = alice.connect()) {
      JsonObject message = client.request("chat.send", new JsonObject().put("roomId", room).put("content", "")
        .put("attachments", new JsonArray().add(id))).getJsonObject("message");
      assertEquals(id, message.getJsonArray("attachments").getJsonObject(0).getString("id"));
    }
    assertEquals(200, Uploads.download(bob, id).statusCode());
    assertError(Uploads.download(eve, id), 404, "file_not_found");
    assertError(eve.get("/api/files/" + id + "/thumbnail"), 404, "file_not_found");
    assertError(eve.get("/api/files/not-a-uuid"), 404, "file_not_found");
  }
}
