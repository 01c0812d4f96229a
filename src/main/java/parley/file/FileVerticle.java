package parley.file;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Services;
import parley.role.Permission;
import parley.service.ServiceVerticle;
import parley.tenant.EffectiveSettings;

import java.util.UUID;

/**
 * The files table's side of uploads and downloads: permission, quota, who may read what, and the clean-up of
 * files nobody attached. The bytes themselves stream through the HTTP verticle ({@link FileUploads}, {@link FileDownloads}).
 */
public class FileVerticle extends ServiceVerticle {

  static final int UNATTACHED_HOURS = 24;
  private static final long SWEEP_EVERY_MS = 10 * 60_000;
  private static final int SWEEP_BATCH = 500;

  private BlobStore blobs;
  private EffectiveSettings tenantSettings;
  private long sweepTimer;

  @Override
  protected void serveAll() {
    blobs = BlobStores.create(vertx, settings, pool);
    tenantSettings = new EffectiveSettings(vertx, pool, settings);
    serve(Addresses.FILE_BEGIN, message -> begin(Caller.of(message), Services.body(message)));
    serve(Addresses.FILE_FINISH, message -> finish(Caller.of(message), Services.body(message)));
    serve(Addresses.FILE_ABANDON, message -> abandon(Caller.of(message), Services.body(message)));
    serve(Addresses.FILE_OPEN, message -> open(Caller.of(message), Services.body(message)));
    serve(Addresses.FILE_SWEEP, message -> sweep());
    sweepTimer = vertx.setPeriodic(SWEEP_EVERY_MS, tick -> sweep());
  }

  /**
   * Answers the bytes this upload may take: the smaller of the tenant's upload limit and what is left of the quotas,
   * the person's and the tenant's.
   */
  private Future<JsonObject> begin(Caller caller, JsonObject body) {
    return permissions.require(caller, Permission.UPLOAD_FILES)
      .compose(grant -> tenantSettings.of(caller.tenantId()))
      .compose(tenant -> FileRepository.used(pool, caller.tenantId(), caller.userId()).compose(used -> {
        long maxUpload = tenant.maxUploadBytes();
        long personLeft = settings.uploadQuotaBytes() - used.byPerson();
        long left = tenant.storageQuotaBytes() == null ? personLeft
          : Math.min(personLeft, tenant.storageQuotaBytes() - used.byTenant());
        if (left <= 0) {
          return Future.failedFuture(ApiError.STORAGE_QUOTA_EXCEEDED.exception());
        }
        return FileRepository.begin(pool, caller.tenantId(), caller.userId()).map(id -> new JsonObject()
          .put("id", id.toString()).put("limit", Math.min(maxUpload, left)).put("quotaLimited", left < maxUpload));
      }));
  }

  private Future<JsonObject> finish(Caller caller, JsonObject body) {
    StoredFile file = StoredFile.fromJson(body.copy().put("name", FileNames.sanitize(body.getString("name"))));
    return tenantSettings.of(caller.tenantId()).compose(tenant ->
        FileRepository.finish(pool, caller.tenantId(), caller.userId(), file, settings.uploadQuotaBytes(), tenant.storageQuotaBytes()))
      .compose(stored -> stored == null
        ? Future.failedFuture(ApiError.STORAGE_QUOTA_EXCEEDED.exception())
        : Future.succeededFuture(new JsonObject().put("file", stored.toJson())));
  }

  private Future<JsonObject> abandon(Caller caller, JsonObject body) {
    return FileRepository.abandon(pool, caller.tenantId(), caller.userId(), fileId(body))
      .map(done -> new JsonObject().put("abandoned", true));
  }

  private Future<JsonObject> open(Caller caller, JsonObject body) {
    return FileRepository.readable(pool, caller.tenantId(), caller.userId(), fileId(body))
      .compose(file -> file == null
        ? Future.failedFuture(ApiError.FILE_NOT_FOUND.exception())
        : Future.succeededFuture(new JsonObject().put("file", file.toInternalJson())));
  }

  /** Rows first, then blobs: a blob left by a failed delete is unreachable, never a row pointing at nothing. */
  private Future<JsonObject> sweep() {
    return FileRepository.sweep(pool, UNATTACHED_HOURS, SWEEP_BATCH).compose(removed ->
      FileRepository.Removed.deleteBlobs(blobs, removed).map(done -> new JsonObject().put("removed", removed.size())));
  }

  static UUID fileId(JsonObject body) {
    Object value = body.getValue("fileId", body.getValue("id"));
    try {
      return UUID.fromString((String) value);
    } catch (RuntimeException e) {
      throw ApiError.FILE_NOT_FOUND.exception();
    }
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    return super.stop();
  }
}
