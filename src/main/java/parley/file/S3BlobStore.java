package parley.file;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blobs in a bucket of S3-compatible object storage (AWS S3, MinIO, …), addressed by path ({@code /<bucket>/<key>})
 * so that any endpoint works without wildcard DNS, and signed with AWS Signature Version 4.
 */
public class S3BlobStore implements BlobStore {

  private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");

  private final HttpClient reads;
  private final WebClient uploads;
  private final WebClient deletes;
  private final String host;
  private final String bucket;
  private final SigV4 signer;

  public S3BlobStore(Vertx vertx, String endpoint, String region, String bucket, String accessKey, String secretKey) {
    URI uri = URI.create(endpoint);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("S3_ENDPOINT must be an http:// or https:// URL, not '" + endpoint + "'");
    }
    boolean ssl = scheme.equals("https");
    WebClientOptions options = new WebClientOptions().setSsl(ssl).setDefaultHost(uri.getHost())
      .setDefaultPort(uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80)
      // A storage that stops answering fails the request instead of holding it (and its client) forever.
      .setConnectTimeout(10_000).setIdleTimeout(30);
    // Reads keep their connections: on a connection of its own (Connection: close) the storage closes it as it
    // finishes sending, and a download held back by a slow reader failed with "Connection was closed"
    // (S3BlobStoreTest.respectsBackPressure, 1 run in 5). Uploads take a connection each: a read given a pooled
    // connection that a streamed PUT had just used hung until the idle timeout (S3StorageTest.range, 1 run in 5).
    this.reads = vertx.createHttpClient(options);
    this.deletes = WebClient.wrap(reads, options);
    this.uploads = WebClient.create(vertx, new WebClientOptions(options).setKeepAlive(false));
    this.host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    this.bucket = bucket;
    this.signer = new SigV4(region, accessKey, secretKey);
  }

  @Override
  public Future<Void> put(String key, ReadStream<Buffer> content, long size, String sha256) {
    String path = path(key);
    return uploads.put(SigV4.encodePath(path))
      .putHeaders(signedRequestHeaders("PUT", path, Map.of(), sha256))
      .putHeader(HttpHeaders.CONTENT_LENGTH.toString(), Long.toString(size))
      .sendStream(new ExactLengthStream(content, size))
      // The web client reports a body that failed as a reset stream; the cause says why.
      .recover(error -> Future.failedFuture(error instanceof StreamResetException && error.getCause() != null
        ? error.getCause() : error))
      .compose(response -> response.statusCode() == 200 ? Future.succeededFuture() : failure("PUT", key, response));
  }

  /**
   * Uses the plain HTTP client rather than the web client's pipe codec, which would pipe an error's XML into
   * {@code into} as if it were the blob: the status is checked before a byte is written.
   */
  @Override
  public Future<Void> read(String key, long offset, long length, WriteStream<Buffer> into) {
    if (length == 0) {
      return Future.succeededFuture();
    }
    String path = path(key);
    RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET).setURI(SigV4.encodePath(path))
      .setHeaders(signedRequestHeaders("GET", path, Map.of("Range", "bytes=" + offset + "-" + (offset + length - 1)),
        SigV4.EMPTY_PAYLOAD_SHA256));
    // Composed on send() itself rather than further down the chain, so that the body has its handlers before its
    // first bytes come: a later stage may run after a small body has already ended.
    return reads.request(get).compose(request -> request.send().compose(response -> {
      int status = response.statusCode();
      if (status != 200 && status != 206) {
        return response.body().compose(body -> failure("GET", key, status, body));
      }
      String sent = response.getHeader(HttpHeaders.CONTENT_LENGTH);
      if ((status == 200 && offset != 0) || !Long.toString(length).equals(sent)) {
        request.reset();
        return Future.failedFuture("S3 GET of " + key + " answered " + status + " with " + sent + " bytes for "
          + length + " from byte " + offset);
      }
      return response.pipe().endOnComplete(false).to(into);
    }));
  }

  @Override
  public Future<Void> delete(String key) {
    String path = path(key);
    return deletes.delete(SigV4.encodePath(path))
      .putHeaders(signedRequestHeaders("DELETE", path, Map.of(), SigV4.EMPTY_PAYLOAD_SHA256))
      .send()
      .compose(response -> switch (response.statusCode()) {
        case 200, 204, 404 -> Future.succeededFuture();
        default -> failure("DELETE", key, response);
      });
  }

  private String path(String key) {
    return "/" + bucket + "/" + key;
  }

  private MultiMap signedRequestHeaders(String method, String path, Map<String, String> headers, String payloadHash) {
    Instant now = Instant.now();
    return HttpHeaders.headers().addAll(headers)
      .set(HttpHeaders.HOST, host)
      .set("x-amz-date", SigV4.amzDate(now))
      .set("x-amz-content-sha256", payloadHash)
      .set(HttpHeaders.AUTHORIZATION, signer.authorization(method, host, path, Map.of(), headers, payloadHash, now));
  }

  private static <T> Future<T> failure(String method, String key, HttpResponse<Buffer> response) {
    return failure(method, key, response.statusCode(), response.body());
  }

  private static <T> Future<T> failure(String method, String key, int status, Buffer body) {
    Matcher code = ERROR_CODE.matcher(body == null ? "" : body.toString());
    return Future.failedFuture("S3 " + method + " of " + key + " failed: " + status + (code.find() ? " " + code.group(1) : ""));
  }
}
