package parley.file;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.file.FakeS3.sha256Hex;

@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("S3 blob store: blobs streamed to and from S3-compatible storage, every request signed")
class S3BlobStoreTest {

  private static final int MB = 1024 * 1024;

  @TempDir
  Path dir;
  private Vertx vertx;
  private FakeS3 s3;
  private S3BlobStore store;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    s3 = FakeS3.start(vertx);
    store = storeWithSecret(FakeS3.SECRET_KEY);
  }

  private S3BlobStore storeWithSecret(String secretKey) {
    return new S3BlobStore(vertx, s3.endpoint(), FakeS3.REGION, FakeS3.BUCKET, FakeS3.ACCESS_KEY, secretKey);
  }

  @ParameterizedTest(name = "{0} random bytes")
  @ValueSource(ints = {1, MB, 5 * MB})
  @DisplayName("stores random bytes streamed from a file and reads them back unchanged, leaving the reader open")
  void roundTrip(int size) throws Exception {
    byte[] bytes = random(size);
    put("rooms/1/" + size, bytes, sha256Hex(bytes)).await();
    Sink sink = new Sink(vertx, 0);
    store.read("rooms/1/" + size, 0, size, sink).await();
    assertArrayEquals(bytes, sink.bytes());
    assertFalse(sink.ended());
  }

  @Test
  @DisplayName("small reads, one after another and many at once, each deliver their bytes")
  void smallReads() throws Exception {
    put("small", "0123456789".getBytes(), sha256Hex("0123456789".getBytes())).await();
    for (int i = 0; i < 100; i++) {
      assertEquals("23456", new String(read("small", 2, 5)), "read " + i);
    }
    List<Sink> sinks = Stream.generate(() -> new Sink(vertx, 0)).limit(100).toList();
    Future.all(sinks.stream().map(sink -> store.read("small", 2, 5, sink)).toList()).await();
    sinks.forEach(sink -> assertEquals("23456", new String(sink.bytes())));
  }

  @Test
  @DisplayName("reads a range from the middle of a blob, and only that range")
  void readsARange() throws Exception {
    byte[] bytes = random(MB);
    put("middle", bytes, sha256Hex(bytes)).await();
    assertArrayEquals(Arrays.copyOfRange(bytes, 300_000, 304_096), read("middle", 300_000, 4_096));
  }

  @Test
  @DisplayName("a reader slow to drain is written no faster than it drains")
  void respectsBackPressure() throws Exception {
    byte[] bytes = random(5 * MB);
    put("large", bytes, sha256Hex(bytes)).await();
    Sink slow = new Sink(vertx, 64 * 1024);
    store.read("large", 0, bytes.length, slow).await();
    assertArrayEquals(bytes, slow.bytes());
    assertTrue(slow.mostQueued() < 512 * 1024, "queued at most " + slow.mostQueued() + " bytes");
  }

  @Test
  @DisplayName("a deleted blob can no longer be read; deleting a blob that is not there succeeds")
  void deletes() throws Exception {
    put("gone", new byte[] {1, 2, 3}, sha256Hex(new byte[] {1, 2, 3})).await();
    assertTrue(s3.has("gone"));
    store.delete("gone").await();
    assertFalse(s3.has("gone"));
    assertFailure("404 NoSuchKey", store.read("gone", 0, 3, new Sink(vertx, 0)));
    store.delete("never-stored").await();
  }

  @Test
  @DisplayName("a put whose declared SHA-256 is not that of its bytes fails with S3's error code and stores nothing")
  void refusesAWrongDigest() throws Exception {
    byte[] bytes = random(1000);
    assertFailure("400 BadDigest", put("tampered", bytes, sha256Hex(new byte[] {42})));
    assertFalse(s3.has("tampered"));
  }

  @Test
  @DisplayName("requests signed with the wrong secret key are refused, and nothing is stored")
  void refusesAWrongSecret() throws Exception {
    store = storeWithSecret("not-the-secret");
    byte[] bytes = random(1000);
    assertFailure("403 SignatureDoesNotMatch", put("intruder", bytes, sha256Hex(bytes)));
    assertFalse(s3.has("intruder"));
    assertFailure("403 SignatureDoesNotMatch", store.delete("intruder"));
  }

  @Test
  @DisplayName("a put whose stream carries fewer or more bytes than declared fails and stores nothing")
  void refusesAStreamOfTheWrongLength() throws Exception {
    byte[] bytes = random(100_000);
    assertFailure("bytes declared", store.put("short", file(bytes), bytes.length + 1, sha256Hex(bytes)));
    assertFailure("bytes declared", store.put("long", file(bytes), bytes.length - 1, sha256Hex(bytes)));
    assertFalse(s3.has("short") || s3.has("long"));
  }

  @Test
  @DisplayName("keys with spaces, accents and reserved characters are sent as they are signed")
  void encodesKeys() throws Exception {
    String key = "photos/été 2013/a+b (1)$&=?.png";
    byte[] bytes = random(10);
    put(key, bytes, sha256Hex(bytes)).await();
    assertTrue(s3.has(key));
    assertArrayEquals(bytes, read(key, 0, 10));
  }

  @Test
  @DisplayName("a range reaching past the end of a blob fails rather than answering fewer bytes")
  void refusesAShortRange() throws Exception {
    byte[] bytes = random(10);
    put("ten", bytes, sha256Hex(bytes)).await();
    Sink sink = new Sink(vertx, 0);
    assertFailure("206 with 5 bytes for 10 from byte 5", store.read("ten", 5, 10, sink));
    assertEquals(0, sink.bytes().length);
  }

  @Test
  @DisplayName("reading zero bytes asks S3 nothing")
  void readsNothingForNothing() {
    store.read("not-even-there", 0, 0, new Sink(vertx, 0)).await();
    assertEquals(0, s3.requests());
  }

  @Test
  @DisplayName("refuses an endpoint that is not an http or https URL")
  void refusesBadEndpoints() {
    for (String endpoint : new String[] {"minio:9000", "ftp://minio", "http://"}) {
      assertThrows(IllegalArgumentException.class,
        () -> new S3BlobStore(vertx, endpoint, "us-east-1", "b", "k", "s"), endpoint);
    }
  }

  private Future<Void> put(String key, byte[] bytes, String sha256) throws Exception {
    return store.put(key, file(bytes), bytes.length, sha256);
  }

  private byte[] read(String key, long offset, long length) {
    Sink sink = new Sink(vertx, 0);
    store.read(key, offset, length, sink).await();
    return sink.bytes();
  }

  private ReadStream<Buffer> file(byte[] bytes) throws Exception {
    Path file = Files.write(Files.createTempFile(dir, "blob", ".bin"), bytes);
    return vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true)).await();
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static void assertFailure(String expected, Future<?> future) {
    Throwable failure = assertThrows(Throwable.class, future::await);
    assertTrue(String.valueOf(failure.getMessage()).contains(expected), failure.toString());
  }
}
