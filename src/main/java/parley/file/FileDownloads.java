package parley.file;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.http.Http;

import java.util.UUID;

/**
 * {@code GET /api/files/:fileId} and its {@code /thumbnail}: the bytes, to those who may read them, streamed from
 * the {@link BlobStore}. Only types a browser shows safely are inline; the rest are downloads that cannot run.
 */
public final class FileDownloads {

  private static final String CACHE = "private, max-age=31536000, immutable";
  private static final String SANDBOX = "sandbox; default-src 'none'";

  private final BlobStore blobs;

  public FileDownloads(BlobStore blobs) {
    this.blobs = blobs;
  }

  public void file(RoutingContext ctx) {
    serve(ctx, false);
  }

  public void thumbnail(RoutingContext ctx) {
    serve(ctx, true);
  }

  private void serve(RoutingContext ctx, boolean thumbnail) {
    UUID id = FileVerticle.fileId(new JsonObject().put("fileId", ctx.pathParam("fileId")));
    Http.ask(ctx, Addresses.FILE_OPEN, new JsonObject().put("fileId", id.toString())).onFailure(ctx::fail).onSuccess(answer -> {
      StoredFile file = StoredFile.fromJson(answer.getJsonObject("file"));
      if (thumbnail && file.thumbnailType() == null) {
        ctx.fail(ApiError.FILE_NOT_FOUND.exception());
        return;
      }
      String key = thumbnail ? StoredFile.thumbnailKey(id) : StoredFile.blobKey(id);
      String type = thumbnail ? file.thumbnailType() : file.contentType();
      long size = thumbnail ? file.thumbnailSize() : file.size();
      String etag = "\"" + file.sha256() + (thumbnail ? "-thumbnail" : "") + "\"";
      HttpServerResponse response = ctx.response();
      // Another site cannot embed these: its requests carry no cookie (SameSite) and may not read them anyway.
      response.putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.CACHE_CONTROL, CACHE)
        .putHeader("Cross-Origin-Resource-Policy", "same-origin");
      if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
        response.setStatusCode(304).end();
        return;
      }
      boolean inline = thumbnail || (ContentTypes.INLINE.contains(type) && ctx.queryParam("download").isEmpty());
      if (!inline) {
        response.putHeader("Content-Security-Policy", SANDBOX);
      }
      ByteRange range;
      try {
        range = ByteRange.parse(ctx.request().getHeader("Range"), size);
      } catch (RuntimeException unsatisfiable) {
        response.putHeader("Content-Range", "bytes */" + size);
        ctx.fail(unsatisfiable);
        return;
      }
      long start = range == null ? 0 : range.start();
      long length = range == null ? size : range.length();
      response.setStatusCode(range == null ? 200 : 206)
        .putHeader(HttpHeaders.CONTENT_TYPE, type)
        .putHeader("Content-Disposition", FileNames.contentDisposition(inline, thumbnail ? "thumbnail-" + file.name() : file.name()))
        .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes")
        // Compressing would break Content-Length and ranges, and the media types that matter are compressed already.
        .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY)
        .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
      if (range != null) {
        response.putHeader("Content-Range", range.contentRange(size));
      }
      blobs.read(key, start, length, response).onSuccess(done -> response.end()).onFailure(failure -> {
        System.getLogger(FileDownloads.class.getName()).log(System.Logger.Level.ERROR, "Serving file " + id + " failed", failure);
        response.reset();
      });
    });
  }
}
