package parley.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Uploading and downloading files as a test user: {@code POST /api/files} as multipart, {@code GET /api/files/:id}. */
public final class Uploads {

  private Uploads() {
  }

  /** Uploads {@code bytes} as a file called {@code name}, claiming (untrusted) the type {@code claimedType}. */
  public static HttpResponse<Buffer> upload(TestUser user, String name, Buffer bytes, String claimedType) {
    return user.request(HttpMethod.POST, "/api/files")
      .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", name, bytes, claimedType)).await();
  }

  public static HttpResponse<Buffer> upload(TestUser user, String name, Buffer bytes) {
    return upload(user, name, bytes, "application/octet-stream");
  }

  /** Uploads a file from disk; the client streams it. */
  public static HttpResponse<Buffer> upload(TestUser user, String name, Path file) {
    return user.request(HttpMethod.POST, "/api/files")
      .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", name, file.toString(), "application/octet-stream"))
      .await();
  }

  /**
   * Uploads with the multipart body written here, so that {@code name} goes out as it is, control characters
   * included, as any client may send it: the web client's encoder refuses such names (Netty 4.2.13 and later).
   */
  public static JsonObject uploadedAsWritten(TestUser user, String name, Buffer bytes) {
    String boundary = "parley-test-" + Long.toHexString(new Random().nextLong());
    Buffer body = Buffer.buffer("--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n", "UTF-8")
      .appendBuffer(bytes)
      .appendString("\r\n--" + boundary + "--\r\n");
    return created(name, user.request(HttpMethod.POST, "/api/files")
      .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary).sendBuffer(body).await());
  }

  /** Uploads and answers the {@code file} of a 201, failing the test otherwise. */
  public static JsonObject uploaded(TestUser user, String name, Buffer bytes) {
    return created(name, upload(user, name, bytes));
  }

  private static JsonObject created(String name, HttpResponse<Buffer> response) {
    if (response.statusCode() != 201) {
      throw new AssertionError("upload of " + name + " answered " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getJsonObject("file");
  }

  public static HttpResponse<Buffer> download(TestUser user, String fileId) {
    return user.get("/api/files/" + fileId);
  }

  /** A temporary file of {@code size} pseudo-random bytes, written a block at a time. */
  public static Path randomFile(long size, long seed) {
    try {
      Path file = Files.createTempFile("parley-test-", ".bin");
      file.toFile().deleteOnExit();
      Random random = new Random(seed);
      byte[] block = new byte[64 * 1024];
      try (OutputStream out = Files.newOutputStream(file)) {
        for (long left = size; left > 0; left -= block.length) {
          random.nextBytes(block);
          out.write(block, 0, (int) Math.min(block.length, left));
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Buffer randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return Buffer.buffer(bytes);
  }

  public static String sha256(Buffer bytes) {
    return sha256(bytes.getBytes());
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256(Path file) {
    try (var in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] block = new byte[64 * 1024];
      for (int read = in.read(block); read > 0; read = in.read(block)) {
        digest.update(block, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
