package parley.file;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3 for tests: one bucket held in memory, path-style, answering PUT, GET (whole or one {@code bytes=} range) and
 * DELETE of objects. Like S3 it refuses a request whose signature it does not compute itself from the same key
 * ({@code 403}), and an upload whose bytes do not hash to the {@code x-amz-content-sha256} signed ({@code 400}).
 */
final class FakeS3 {

  static final String BUCKET = "parley-files";
  static final String REGION = "eu-west-3";
  static final String ACCESS_KEY = "AKIDPARLEYTEST";
  static final String SECRET_KEY = "parley-test-secret-key";

  private static final Pattern AUTHORIZATION =
    Pattern.compile("AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=[0-9a-f]{64}");
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
  private static final List<String> ALWAYS_SIGNED = List.of("host", "x-amz-content-sha256", "x-amz-date");

  private final SigV4 signer = new SigV4(REGION, ACCESS_KEY, SECRET_KEY);
  private final Map<String, Buffer> objects = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final HttpServer server;

  private FakeS3(HttpServer server) {
    this.server = server;
  }

  static FakeS3 start(Vertx vertx) {
    FakeS3 s3 = new FakeS3(vertx.createHttpServer());
    s3.server.requestHandler(request -> request.body().onSuccess(body -> s3.handle(request, body))).listen(0).await();
    return s3;
  }

  String endpoint() {
    return "http://localhost:" + server.actualPort();
  }

  boolean has(String key) {
    return objects.containsKey(key);
  }

  Set<String> keys() {
    return Set.copyOf(objects.keySet());
  }

  int requests() {
    return requests.get();
  }

  private void handle(HttpServerRequest request, Buffer body) {
    requests.incrementAndGet();
    String path = URLDecoder.decode(request.path().replace("+", "%2B"), StandardCharsets.UTF_8);
    String refusal = refusal(request, path);
    if (refusal != null) {
      error(request, 403, refusal);
      return;
    }
    String prefix = "/" + BUCKET + "/";
    if (!path.startsWith(prefix)) {
      error(request, 404, "NoSuchBucket");
      return;
    }
    String key = path.substring(prefix.length());
    switch (request.method().name()) {
      case "PUT" -> put(request, key, body);
      case "GET" -> get(request, key);
      case "DELETE" -> {
        objects.remove(key);
        request.response().setStatusCode(204).end();
      }
      default -> error(request, 405, "MethodNotAllowed");
    }
  }

  /** Why S3 would refuse to authenticate the request, or {@code null}. */
  private String refusal(HttpServerRequest request, String path) {
    String authorization = request.getHeader("Authorization");
    String amzDate = request.getHeader("x-amz-date");
    String payloadHash = request.getHeader("x-amz-content-sha256");
    if (authorization == null || amzDate == null || payloadHash == null) {
      return "AccessDenied";
    }
    Matcher parts = AUTHORIZATION.matcher(authorization);
    Instant time;
    try {
      time = SigV4.parseAmzDate(amzDate);
    } catch (DateTimeParseException e) {
      return "AccessDenied";
    }
    if (!parts.matches()) {
      return "AuthorizationHeaderMalformed";
    }
    if (!parts.group(1).startsWith(ACCESS_KEY + "/")) {
      return "InvalidAccessKeyId";
    }
    List<String> signedNames = Arrays.asList(parts.group(2).split(";"));
    if (!parts.group(1).equals(ACCESS_KEY + "/" + signer.scope(time)) || !signedNames.containsAll(ALWAYS_SIGNED)) {
      return "AuthorizationHeaderMalformed";
    }
    if (Duration.between(time, Instant.now()).abs().toMinutes() >= 15) {
      return "RequestTimeTooSkewed";
    }
    Map<String, String> signedHeaders = new TreeMap<>();
    signedNames.stream().filter(name -> !ALWAYS_SIGNED.contains(name))
      .forEach(name -> signedHeaders.put(name, request.getHeader(name) == null ? "" : request.getHeader(name)));
    Map<String, String> query = new TreeMap<>();
    request.params().forEach(query::put);
    String expected = signer.authorization(request.method().name(), request.getHeader("Host"), path, query, signedHeaders,
      payloadHash, time);
    boolean pathSentAsSigned = SigV4.encodePath(path).equals(request.path());
    return pathSentAsSigned && expected.equals(authorization) ? null : "SignatureDoesNotMatch";
  }

  private void put(HttpServerRequest request, String key, Buffer body) {
    if (!String.valueOf(body.length()).equals(request.getHeader("Content-Length"))) {
      error(request, 400, "IncompleteBody");
    } else if (!sha256Hex(body.getBytes()).equals(request.getHeader("x-amz-content-sha256"))) {
      error(request, 400, "BadDigest");
    } else {
      objects.put(key, body);
      request.response().setStatusCode(200).end();
    }
  }

  private void get(HttpServerRequest request, String key) {
    Buffer object = objects.get(key);
    String range = request.getHeader("Range");
    if (object == null) {
      error(request, 404, "NoSuchKey");
      return;
    }
    if (range == null) {
      request.response().setStatusCode(200).end(object);
      return;
    }
    Matcher bytes = RANGE.matcher(range);
    if (!bytes.matches() || Long.parseLong(bytes.group(1)) >= object.length()) {
      error(request, 416, "InvalidRange");
      return;
    }
    int start = Integer.parseInt(bytes.group(1));
    int end = bytes.group(2).isEmpty() ? object.length() - 1 : (int) Math.min(Long.parseLong(bytes.group(2)), object.length() - 1);
    request.response().setStatusCode(206)
      .putHeader("Content-Range", "bytes " + start + "-" + end + "/" + object.length())
      .end(object.slice(start, end + 1));
  }

  private static void error(HttpServerRequest request, int status, String code) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/xml")
      .end("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>refused by FakeS3</Message></Error>");
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
