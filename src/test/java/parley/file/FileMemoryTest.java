package parley.file;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;
import parley.testing.TestUser;
import parley.testing.Uploads;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The server runs in this JVM, so the test sees its heap: with a 25 MB transfer held mid-stream by the client, the
 * heap must not have grown by more than 2 MB. The client streams too, from disk and into a digest, so that whatever
 * growth there is belongs to the server. The budget is not nothing: a download holds the 256 KB part being written.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Files on the PostgreSQL store: 25 MB go up and come back without sitting in memory")
class FileMemoryTest {

  private static final int MB = 1024 * 1024;
  private static final long SIZE = 25L * MB;
  private static final long UPLOAD_HOLD_AT = 20L * MB;
  /** Early, so that a server reading ahead of its client would have most of the file left to hold. */
  private static final long DOWNLOAD_HOLD_AT = 5L * MB;
  private static final long HEAP_BUDGET = 2L * MB;
  private static final int BLOCK = 64 * 1024;
  private static final String BOUNDARY = "parley-memory-test-7d41c2";
  /** Long enough for a server that reads ahead to have read what the sockets still hold. */
  private static final Duration SETTLE = Duration.ofSeconds(1);

  private static Vertx vertx;
  private static TestServer server;
  private static TestUser alice;
  private static HttpClient client;
  private static Path file;
  private static String sha256;

  @BeforeAll
  static void start(Vertx vertx) {
    FileMemoryTest.vertx = vertx;
    server = TestServer.start(vertx);
    alice = server.register("alice");
    client = vertx.createHttpClient();
    file = Uploads.randomFile(SIZE, 25);
    sha256 = Uploads.sha256(file);
    // Loads the classes and fills the pools an upload and a download use, so that the baselines already hold them.
    JsonObject warmUp = Uploads.uploaded(alice, "warm-up.bin", Uploads.randomBytes(PostgresBlobStore.PART_SIZE * 2, 1));
    assertEquals(200, Uploads.download(alice, warmUp.getString("id")).statusCode());
  }

  @AfterAll
  static void stop() {
    client.close().await();
  }

  @Test
  @DisplayName("an upload held after 20 MB has grown the heap by less than 2 MB, then stores all of it")
  void upload() throws Exception {
    Buffer head = Buffer.buffer("--" + BOUNDARY + "\r\n"
      + "Content-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
      + "Content-Type: application/octet-stream\r\n\r\n");
    Buffer tail = Buffer.buffer("\r\n--" + BOUNDARY + "--\r\n");
    long baseline = usedHeap();
    HttpClientRequest request = client.request(options(HttpMethod.POST, "/api/files")
      .putHeader(HttpHeaders.CONTENT_TYPE, "multipart/form-data; boundary=" + BOUNDARY)
      .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(head.length() + SIZE + tail.length()))).await();
    Future<Answer> answer = request.response()
      .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString())));
    request.write(head);

    send(request, 0, UPLOAD_HOLD_AT).await();
    waitUntil(() -> !request.writeQueueFull() || answer.isComplete(), "the client's queue drains");
    Thread.sleep(SETTLE.toMillis());
    assertNotAnswered(answer);
    assertHeapWithinBudget(baseline, "an upload held after " + UPLOAD_HOLD_AT / MB + " MB");

    send(request, UPLOAD_HOLD_AT, SIZE).await();
    request.end(tail);
    Answer stored = answer.await();
    assertEquals(201, stored.status(), stored.body());
    JsonObject meta = new JsonObject(stored.body()).getJsonObject("file");
    assertEquals(SIZE, meta.getLong("size"));
    assertEquals(sha256, meta.getString("sha256"));
  }

  @Test
  @DisplayName("a download held after 5 MB has grown the heap by less than 2 MB, then delivers all of it")
  void download() throws Exception {
    JsonObject meta = Uploads.upload(alice, "big.bin", file).bodyAsJsonObject().getJsonObject("file");
    assertEquals(sha256, meta.getString("sha256"));
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    long[] received = {0};
    Promise<Runnable> held = Promise.promise();
    long baseline = usedHeap();
    Future<Integer> ended = client.request(options(HttpMethod.GET, "/api/files/" + meta.getString("id")))
      .compose(HttpClientRequest::send)
      .compose(response -> {
        Context context = vertx.getOrCreateContext();
        Promise<Integer> done = Promise.promise();
        response.handler(chunk -> {
          digest.update(chunk.getBytes());
          received[0] += chunk.length();
          if (received[0] >= DOWNLOAD_HOLD_AT && !held.future().isComplete()) {
            response.pause();
            held.complete(() -> context.runOnContext(resume -> response.resume()));
          }
        });
        response.exceptionHandler(done::tryFail);
        response.endHandler(end -> done.tryComplete(response.statusCode()));
        return done.future();
      });
    ended.onComplete(end -> held.tryFail("the download ended after " + received[0] + " bytes: " + end));

    Runnable resume = held.future().await();
    Thread.sleep(SETTLE.toMillis());
    assertHeapWithinBudget(baseline, "a download held after " + received[0] + " bytes");

    resume.run();
    assertEquals(200, ended.await());
    assertEquals(SIZE, received[0]);
    assertEquals(sha256, HexFormat.of().formatHex(digest.digest()));
  }

  private record Answer(int status, String body) {
  }

  private static RequestOptions options(HttpMethod method, String uri) {
    return new RequestOptions().setMethod(method).setHost("localhost").setPort(server.port).setURI(uri)
      .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + alice.token);
  }

  /** Writes bytes {@code [from, to)} of the file, a block at a time, waiting whenever the request's queue is full. */
  private static Future<Void> send(HttpClientRequest request, long from, long to) {
    return vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true))
      .compose(source -> source.setReadPos(from).setReadLength(to - from).setReadBufferSize(BLOCK)
        .pipe().endOnComplete(false).to(request)
        .eventually(source::close));
  }

  private static void assertHeapWithinBudget(long baseline, String when) {
    long growth = usedHeap() - baseline;
    assertTrue(growth < HEAP_BUDGET, when + ", the heap grew by " + growth / 1024 + " KB");
  }

  private static void assertNotAnswered(Future<?> answer) {
    if (answer.isComplete()) {
      fail("the server answered before the upload ended: " + (answer.succeeded() ? answer.result() : answer.cause()));
    }
  }

  /** The least of a few readings, each after a full collection, leaves out what a thread allocated in between. */
  private static long usedHeap() {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }
}
