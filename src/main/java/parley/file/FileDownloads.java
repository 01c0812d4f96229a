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
  /**
   * Every file is its own sandbox: an opaque origin where nothing runs and nothing loads, so a file opened from the
   * app's origin can never script it. What is shown inline may style itself: the page a browser makes around an image
   * or a video is laid out with inline styles, and without them an image opened alone sits unscaled in a corner.
   * Nothing more is allowed, as nothing more helps: such a page's video loads its file again, from the opaque origin,
   * without the cookie, so media-src could not let it play; the web app plays media in its own page, where a file's
   * policy does not apply.
   */
  static final String SANDBOX_INLINE = "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
  static final String SANDBOX_DOWNLOAD = "sandbox; default-src 'none'; frame-ancestors 'none'";

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
      boolean inline = thumbnail || (ContentTypes.INLINE.contains(type) && ctx.queryParam("download").isEmpty());
      HttpServerResponse response = ctx.response();
      // Another site cannot embed these: its requests carry no cookie (SameSite) and may not read them anyway.
      // The file's policy replaces the app's (SecurityHeaders), on a 304 too, whose headers update the cached ones.
      response.putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.CACHE_CONTROL, CACHE)
        .putHeader("Cross-Origin-Resource-Policy", "same-origin")
        .putHeader("Content-Security-Policy", inline ? SANDBOX_INLINE : SANDBOX_DOWNLOAD);
      if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
        response.setStatusCode(304).end();
        return;
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
