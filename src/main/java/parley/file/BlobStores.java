package parley.file;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import parley.config.AppConfig;

/** The store {@code FILE_STORAGE} names. */
public final class BlobStores {

  private BlobStores() {
  }

  public static BlobStore create(Vertx vertx, AppConfig settings, Pool pool) {
    return switch (settings.fileStorage()) {
      case "postgres" -> new PostgresBlobStore(pool);
      case "s3" -> {
        if (settings.s3Endpoint().isBlank() || settings.s3Bucket().isBlank() || settings.s3AccessKey().isBlank()
          || settings.s3SecretKey().isBlank()) {
          throw new IllegalArgumentException("FILE_STORAGE=s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY and S3_SECRET_KEY");
        }
        yield new S3BlobStore(vertx, settings.s3Endpoint(), settings.s3Region(), settings.s3Bucket(),
          settings.s3AccessKey(), settings.s3SecretKey());
      }
      default -> throw new IllegalArgumentException("FILE_STORAGE must be postgres or s3, not " + settings.fileStorage());
    };
  }
}
