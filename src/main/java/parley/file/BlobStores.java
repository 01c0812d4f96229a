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
      case "s3" -> throw new IllegalArgumentException("FILE_STORAGE=s3 is not available yet");
      default -> throw new IllegalArgumentException("FILE_STORAGE must be postgres or s3, not " + settings.fileStorage());
    };
  }
}
