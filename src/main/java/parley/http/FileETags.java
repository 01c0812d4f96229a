package parley.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import parley.service.Sha256;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code Cache-Control: no-cache} and an ETag on every file the static handler after it will send, answering 304
 * when the browser's copy is still current. The tag is a hash of the content, computed once per version of a file
 * (its size and modification time), so it survives restarts and redeployments of the same files.
 */
final class FileETags implements Handler<RoutingContext> {

  /** Paths whose file is looked up; anything else (encoded characters, hidden files) is left to the static handler. */
  private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*/?");

  /**
   * A page load revalidates every module at once; trusting a tag checked within the last second answers most of
   * those 304s without touching the file system, and a file edited on disk is still noticed a second later.
   */
  private static final long RECHECK_AFTER_MS = 1000;

  private record Version(long size, long modified, String etag, long checkedAt) {
  }

  private final Vertx vertx;
  private final FileSystem files;
  private final String root;
  private final Map<String, Version> versions = new ConcurrentHashMap<>();

  FileETags(Vertx vertx, String root) {
    this.vertx = vertx;
    this.files = vertx.fileSystem();
    this.root = root;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response.putHeader("Cache-Control", "no-cache");
    HttpMethod method = ctx.request().method();
    String path = ctx.normalizedPath();
    if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || !PLAIN_PATH.matcher(path).matches()) {
      ctx.next();
      return;
    }
    String file = root + (path.endsWith("/") ? path + "index.html" : path);
    etagOf(file).onComplete(found -> {
      String etag = found.succeeded() ? found.result() : null;
      if (etag != null && version(etag).equals(ctx.request().getParam("v"))) {
        // The URL names this very content (see AppPage), so it can never mean anything else.
        response.putHeader("Cache-Control", StaticFiles.IMMUTABLE);
      }
      if (etag == null) {
        ctx.next();
      } else if (matches(ctx.request().getHeader("If-None-Match"), etag)) {
        response.putHeader("ETag", etag).setStatusCode(304).end();
      } else {
        response.putHeader("ETag", etag);
        ctx.next();
      }
    });
  }

  /** The short form of a tag that {@link AppPage} puts into URLs as {@code ?v=}. */
  static String version(String etag) {
    return etag.substring(3, 19);
  }

  /** The file's tag, or null when there is no such regular file. */
  Future<String> etagOf(String file) {
    Version recent = versions.get(file);
    long now = System.currentTimeMillis();
    if (recent != null && now - recent.checkedAt() < RECHECK_AFTER_MS) {
      return Future.succeededFuture(recent.etag());
    }
    return files.props(file).otherwiseEmpty().compose(props -> {
      if (props == null || !props.isRegularFile()) {
        versions.remove(file);
        return Future.succeededFuture(null);
      }
      Version known = versions.get(file);
      if (known != null && known.size() == props.size() && known.modified() == props.lastModifiedTime()) {
        versions.put(file, new Version(known.size(), known.modified(), known.etag(), now));
        return Future.succeededFuture(known.etag());
      }
      return files.readFile(file)
        .compose(content -> vertx.executeBlocking(() -> hash(content.getBytes())))
        .map(etag -> {
          versions.put(file, new Version(props.size(), props.lastModifiedTime(), etag, now));
          return etag;
        });
    });
  }

  // Weak because compression changes the bytes sent; the hash still names the file's exact content.
  static String hash(byte[] content) {
    byte[] digest = Sha256.of(content);
    return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
  }

  /** If-None-Match holds one or more tags, or "*"; the comparison is weak, as RFC 9110 asks for it. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String opaque = etag.substring(2);
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(opaque)) {
        return true;
      }
    }
    return false;
  }
}
