package parley.file;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;
import parley.testing.TestUser;
import parley.testing.Uploads;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.testing.ApiAssertions.assertError;

@ExtendWith(VertxExtension.class)
@org.junit.jupiter.api.Timeout(30)
@DisplayName("Upload limits: size while streaming, quota, multipart shape, permission and origin")
class FileLimitsTest {

  private static final int LIMIT = 1024 * 1024;
  private static final String BOUNDARY = "parley-test-boundary";

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("MAX_UPLOAD_BYTES", LIMIT).put("UPLOAD_QUOTA_MB", 2));
    server.register("admin");
  }

  @Test
  @DisplayName("a file of exactly the limit (which the permissions answer names) is accepted; one byte more is refused "
    + "and nothing of it is kept")
  void limitPlusOne() {
    TestUser alice = server.register("alice");
    assertEquals(LIMIT, alice.get("/api/users/me/permissions").bodyAsJsonObject().getInteger("maxUploadBytes"));
    assertEquals(201, Uploads.upload(alice, "exact.bin", Uploads.randomBytes(LIMIT, 1)).statusCode());
    String chunks = server.queryOne("SELECT count(*) FROM blob_chunks");
    assertError(Uploads.upload(alice, "over.bin", Uploads.randomBytes(LIMIT + 1, 2)), 413, "file_too_large");
    assertEquals(chunks, server.queryOne("SELECT count(*) FROM blob_chunks"));
    assertEquals("1", server.queryOne("SELECT count(*) FROM files WHERE uploader_id = ?", Long.parseLong(alice.id())));
  }

  @Test
  @DisplayName("a Content-Length that cannot fit is refused before any of the body is sent")
  void declaredTooLarge() throws Exception {
    TestUser alice = server.register("alice");
    HttpClient raw = server.vertx.createHttpClient();
    HttpClientRequest request = raw.request(uploadOptions(alice)).await();
    request.putHeader("Content-Length", Long.toString(LIMIT * 4L));
    CompletableFuture<String> answered = new CompletableFuture<>();
    request.response().compose(response -> response.body().map(body -> response.statusCode() + " " + body))
      .onSuccess(answered::complete).onFailure(answered::completeExceptionally);
    request.write(Buffer.buffer(prologue("big.bin")));
    String answer = answered.get(10, TimeUnit.SECONDS);
    assertTrue(answer.startsWith("413 ") && answer.contains("file_too_large"), answer);
    raw.close();
  }

  @Test
  @DisplayName("a streamed body is refused as soon as it passes the limit, long before its end")
  void streamedTooLarge() throws Exception {
    TestUser alice = server.register("alice");
    long total = LIMIT * 64L;
    HttpClient raw = server.vertx.createHttpClient();
    HttpClientRequest request = raw.request(uploadOptions(alice)).await();
    request.setChunked(true);
    CompletableFuture<HttpClientResponse> answered = new CompletableFuture<>();
    AtomicLong sentWhenAnswered = new AtomicLong(-1);
    AtomicLong sent = new AtomicLong();
    request.response().onSuccess(response -> {
      sentWhenAnswered.set(sent.get());
      answered.complete(response);
    }).onFailure(answered::completeExceptionally);
    request.exceptionHandler(ignored -> { });
    request.write(Buffer.buffer(prologue("stream.bin")));
    Buffer block = Uploads.randomBytes(64 * 1024, 3);
    server.vertx.runOnContext(go -> writeUntilAnswered(request, block, sent, total, answered));
    HttpClientResponse response = answered.get(20, TimeUnit.SECONDS);
    assertEquals(413, response.statusCode());
    assertTrue(sentWhenAnswered.get() < total / 2, "answered after " + sentWhenAnswered.get() + " of " + total + " bytes");
    raw.close();
    assertEquals("0", server.queryOne("SELECT count(*) FROM files WHERE uploader_id = ?", Long.parseLong(alice.id())));
  }

  private static void writeUntilAnswered(HttpClientRequest request, Buffer block, AtomicLong sent, long total,
                                         CompletableFuture<HttpClientResponse> answered) {
    while (!answered.isDone() && sent.get() < total && !request.writeQueueFull()) {
      request.write(block).onFailure(ignored -> { });
      sent.addAndGet(block.length());
    }
    if (!answered.isDone() && sent.get() < total) {
      request.drainHandler(drained -> writeUntilAnswered(request, block, sent, total, answered));
    }
  }

  @Test
  @DisplayName("the quota counts all of one's files: refused up front when used up, and while streaming when it would pass")
  void quota() {
    TestUser alice = server.register("alice");
    assertEquals(201, Uploads.upload(alice, "a.bin", Uploads.randomBytes(LIMIT, 4)).statusCode());
    assertEquals(201, Uploads.upload(alice, "b.bin", Uploads.randomBytes(LIMIT - 100_000, 5)).statusCode());
    assertError(Uploads.upload(alice, "c.bin", Uploads.randomBytes(200_000, 6)), 413, "storage_quota_exceeded");
    assertEquals(201, Uploads.upload(alice, "d.bin", Uploads.randomBytes(100_000, 7)).statusCode());
    assertError(Uploads.upload(alice, "e.bin", Uploads.randomBytes(1, 8)), 413, "storage_quota_exceeded");
    TestUser bob = server.register("bob");
    assertEquals(201, Uploads.upload(bob, "mine.bin", Uploads.randomBytes(1000, 9)).statusCode(), "the quota is per person");
  }

  @Test
  @DisplayName("rejects what is not one file as multipart: JSON, no file, two files, too many fields")
  void rejectsMalformedUploads() {
    TestUser alice = server.register("alice");
    assertError(alice.post("/api/files", new JsonObject().put("file", "x")), 400, "invalid_upload");
    assertError(alice.request(HttpMethod.POST, "/api/files").sendMultipartForm(MultipartForm.create().attribute("a", "b")).await(),
      400, "invalid_upload");
    MultipartForm two = MultipartForm.create().binaryFileUpload("file", "1.txt", Buffer.buffer("one"), "text/plain")
      .binaryFileUpload("other", "2.txt", Buffer.buffer("two"), "text/plain");
    assertError(alice.request(HttpMethod.POST, "/api/files").sendMultipartForm(two).await(), 400, "invalid_upload");
    MultipartForm fields = MultipartForm.create();
    for (int i = 0; i < 20; i++) {
      fields.attribute("field" + i, "value");
    }
    fields.binaryFileUpload("file", "f.txt", Buffer.buffer("f"), "text/plain");
    assertError(alice.request(HttpMethod.POST, "/api/files").sendMultipartForm(fields).await(), 400, "invalid_upload");
    assertEquals("0", server.queryOne("SELECT count(*) FROM files WHERE uploader_id = ?", Long.parseLong(alice.id())));
  }

  @Test
  @DisplayName("rejects an upload by a role without upload_files, and one without a session")
  void rejectsWithoutPermission() {
    TestUser admin = server.register("root");
    server.setRole(admin, "superadmin");
    JsonObject role = admin.post("/api/roles", new JsonObject().put("name", "readers").put("rank", 5)
      .put("permissions", new JsonArray().add("send_messages"))).bodyAsJsonObject().getJsonObject("role");
    TestUser reader = server.register("reader");
    assertEquals(200, admin.request(HttpMethod.PATCH, "/api/users/" + reader.id() + "/role")
      .sendJsonObject(new JsonObject().put("roleId", role.getString("id"))).await().statusCode());
    assertError(Uploads.upload(reader, "x.txt", Buffer.buffer("x")), 403, "forbidden");
    HttpResponse<Buffer> anonymous = server.http.post("/api/files")
      .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "x.txt", Buffer.buffer("x"), "text/plain")).await();
    assertError(anonymous, 401, "unauthenticated");
  }

  @Test
  @DisplayName("with the cookie, an upload needs the app's own Origin: rejects a foreign one")
  void cookieUploadsNeedTheOrigin() {
    TestUser alice = server.register("alice");
    MultipartForm form = MultipartForm.create().binaryFileUpload("file", "x.txt", Buffer.buffer("x"), "text/plain");
    HttpResponse<Buffer> foreign = server.http.post("/api/files").putHeader("Cookie", "parley_token=" + alice.token)
      .putHeader("Origin", "https://evil.example").sendMultipartForm(form).await();
    assertError(foreign, 403, "forbidden_origin");
    HttpResponse<Buffer> own = server.http.post("/api/files").putHeader("Cookie", "parley_token=" + alice.token)
      .putHeader("Origin", "http://localhost:" + server.port).sendMultipartForm(form).await();
    assertEquals(201, own.statusCode(), own.bodyAsString());
  }

  private static RequestOptions uploadOptions(TestUser user) {
    return new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost").setPort(server.port).setURI("/api/files")
      .putHeader("Authorization", "Bearer " + user.token)
      .putHeader("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
  }

  private static String prologue(String filename) {
    return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
      + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
  }
}
