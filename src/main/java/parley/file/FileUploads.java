package parley.file;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.http.Http;
import parley.metrics.ParleyMetrics;

import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code POST /api/files}: streams one multipart file to a temporary file (counting, so the limit is enforced as the
 * bytes arrive), inspects it on a worker thread, streams it into the {@link BlobStore}, then records it.
 * Nothing holds more than one network chunk of the body in memory.
 */
public final class FileUploads implements Handler<RoutingContext> {

  public static final String PATH = "/api/files";
  /** Room for the multipart boundaries and part headers around the file itself. */
  static final long MULTIPART_OVERHEAD = 64 * 1024;
  /** Form fields besides the file; the HTTP server refuses more while decoding. */
  public static final int MAX_FIELDS = 8;
  private static final long LINGER_MS = 1000;

  private final Vertx vertx;
  private final BlobStore blobs;
  private final Counter uploadBytes;

  public FileUploads(Vertx vertx, BlobStore blobs) {
    this.vertx = vertx;
    this.blobs = blobs;
    this.uploadBytes = ParleyMetrics.of(vertx).uploadBytes();
  }

  public static boolean isUpload(HttpServerRequest request) {
    return request.method() == HttpMethod.POST && PATH.equals(request.path());
  }

  /**
   * The first handler of an upload: keeps the body unread until the caller is known. When the answer comes before
   * the whole body (a refusal), the rest is not processed: what still arrives is dropped for a moment, so that the
   * client can read the answer before the connection is closed (closing on unread data resets it at once).
   */
  public static Handler<RoutingContext> holdBody() {
    return ctx -> {
      HttpServerRequest request = ctx.request();
      request.pause();
      ctx.addHeadersEndHandler(headers -> {
        if (!request.isEnded()) {
          ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
      });
      ctx.addEndHandler(end -> {
        if (!request.isEnded()) {
          request.resume();
          ctx.vertx().setTimer(LINGER_MS, timer -> request.connection().close());
        }
      });
      ctx.next();
    };
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    // The authentication handler resumes the request when it is done; hold the body until the upload is set up.
    request.pause();
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      ctx.fail(ApiError.INVALID_UPLOAD.exception());
      return;
    }
    // The limit is the tenant's, so the declared length is checked against what the upload's beginning answers.
    long declared = declaredLength(request);
    Http.ask(ctx, Addresses.FILE_BEGIN, new JsonObject()).onFailure(ctx::fail).onSuccess(begun -> {
      Upload upload = new Upload(ctx, UUID.fromString(begun.getString("id")), begun.getLong("limit"),
        begun.getBoolean("quotaLimited") ? ApiError.STORAGE_QUOTA_EXCEEDED : ApiError.FILE_TOO_LARGE);
      if (declared > upload.limit + MULTIPART_OVERHEAD) {
        upload.fail(upload.overLimit.exception());
      } else {
        upload.start();
      }
    });
  }

  private static long declaredLength(HttpServerRequest request) {
    try {
      String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
      return length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** One request's upload, from the first byte to the answer. */
  private final class Upload {
    private final RoutingContext ctx;
    private final UUID id;
    private final long limit;
    private final ApiError overLimit;
    private Path spooled;
    private AsyncFile file;
    private String name;
    private long received;
    private boolean failed;
    private boolean bodyRead;
    private boolean fileRead;
    private Inspection inspection;

    Upload(RoutingContext ctx, UUID id, long limit, ApiError overLimit) {
      this.ctx = ctx;
      this.id = id;
      this.limit = limit;
      this.overLimit = overLimit;
    }

    void start() {
      HttpServerRequest request = ctx.request();
      vertx.fileSystem().createTempFile("parley-upload-", ".part")
        .compose(path -> {
          spooled = Path.of(path);
          return vertx.fileSystem().open(path, new OpenOptions().setWrite(true).setTruncateExisting(true));
        })
        .onFailure(this::fail)
        .onSuccess(opened -> {
          file = opened;
          request.setExpectMultipart(true);
          request.exceptionHandler(this::failUpload);
          request.uploadHandler(this::receive);
          request.endHandler(end -> {
            bodyRead = true;
            if (name == null) {
              fail(ApiError.INVALID_UPLOAD.exception());
            } else if (fileRead) {
              received();
            }
          });
          request.resume();
        });
    }

    private void receive(HttpServerFileUpload part) {
      if (failed) {
        return;
      }
      if (name != null) {
        fail(ApiError.INVALID_UPLOAD.exception());
        return;
      }
      name = part.filename() == null ? "" : part.filename();
      part.exceptionHandler(this::failUpload);
      // The part's last bytes can come after the request's end: it buffers them while paused.
      part.endHandler(end -> {
        fileRead = true;
        if (bodyRead) {
          received();
        }
      });
      part.handler(chunk -> {
        received += chunk.length();
        if (failed) {
          return;
        }
        if (received > limit) {
          fail(overLimit.exception());
          return;
        }
        file.write(chunk);
        if (file.writeQueueFull()) {
          part.pause();
          file.drainHandler(drained -> part.resume());
        }
      });
    }

    /** The whole body is read and the file spooled: inspect it, store it, record it. */
    private void received() {
      if (failed) {
        return;
      }
      AsyncFile spooledFile = file;
      file = null;
      spooledFile.close()
        .compose(closed -> vertx.executeBlocking(() -> Inspection.of(spooled), false))
        .compose(inspected -> {
          inspection = inspected;
          return store(StoredFile.blobKey(id), spooled, received, inspected.sha256());
        })
        .compose(stored -> inspection.thumbnail() == null ? Future.succeededFuture()
          : store(StoredFile.thumbnailKey(id), inspection.thumbnail(), inspection.thumbnailSize(), inspection.thumbnailSha256()))
        .compose(stored -> Http.ask(ctx, Addresses.FILE_FINISH, finished()))
        .onSuccess(answer -> {
          uploadBytes.increment(received);
          cleanUp();
          Http.json(ctx, 201, answer);
        })
        .onFailure(failure -> {
          blobs.delete(StoredFile.blobKey(id));
          blobs.delete(StoredFile.thumbnailKey(id));
          fail(failure);
        });
    }

    private Future<Void> store(String key, Path path, long size, String sha256) {
      return vertx.fileSystem().open(path.toString(), new OpenOptions().setRead(true))
        .compose(source -> blobs.put(key, source, size, sha256).eventually(source::close));
    }

    private JsonObject finished() {
      Images.Size size = inspection.imageSize();
      return new JsonObject().put("id", id.toString()).put("name", name).put("contentType", inspection.contentType())
        .put("size", received).put("sha256", inspection.sha256())
        .put("width", size == null ? null : size.width()).put("height", size == null ? null : size.height())
        .put("thumbnailType", inspection.thumbnailType())
        .put("thumbnailSize", inspection.thumbnail() == null ? null : inspection.thumbnailSize());
    }

    /** A broken or malformed body (too many fields included) is the client's error. */
    private void failUpload(Throwable cause) {
      fail(cause instanceof parley.bus.ServiceException ? cause : ApiError.INVALID_UPLOAD.exception());
    }

    void fail(Throwable cause) {
      if (failed) {
        return;
      }
      failed = true;
      cleanUp();
      // The refusal goes out once the upload's row is gone, so whoever hears it finds nothing kept.
      Http.ask(ctx, Addresses.FILE_ABANDON, new JsonObject().put("id", id.toString())).onComplete(abandoned -> {
        if (!ctx.response().ended() && !ctx.response().closed()) {
          ctx.fail(cause);
        }
      });
    }

    private void cleanUp() {
      Future<Void> closed = file == null ? Future.succeededFuture() : file.close().otherwiseEmpty();
      closed.onComplete(done -> {
        delete(spooled);
        if (inspection != null) {
          delete(inspection.thumbnail());
        }
      });
    }

    private void delete(Path path) {
      if (path != null) {
        vertx.fileSystem().delete(path.toString()).otherwiseEmpty();
      }
    }
  }
}
