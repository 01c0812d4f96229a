package parley.file;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.UUID;

/** A row of the files table: what a stored file is, and where its bytes are kept. */
public record StoredFile(UUID id, String name, String contentType, long size, String sha256, Integer width, Integer height,
                  String thumbnailType, Long thumbnailSize) {

  static StoredFile fromRow(Row row) {
    return new StoredFile(row.getUUID("id"), row.getString("name"), row.getString("content_type"), row.getLong("size"),
      row.getString("sha256"), row.getInteger("width"), row.getInteger("height"), row.getString("thumbnail_type"), row.getLong("thumbnail_size"));
  }

  static StoredFile fromJson(JsonObject json) {
    return new StoredFile(UUID.fromString(json.getString("id")), json.getString("name"), json.getString("contentType"),
      json.getLong("size"), json.getString("sha256"), json.getInteger("width"), json.getInteger("height"),
      json.getString("thumbnailType"), json.getLong("thumbnailSize"));
  }

  public static String blobKey(UUID id) {
    return "files/" + id;
  }

  static String thumbnailKey(UUID id) {
    return "files/" + id + ".thumb";
  }

  /** What the API shows: {@code {id, name, contentType, size, width, height, sha256, thumbnail}}. */
  JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("name", name).put("contentType", contentType).put("size", size)
      .put("width", width).put("height", height).put("sha256", sha256).put("thumbnail", thumbnailType != null);
  }

  /** What the serving side needs, which the API does not show. */
  JsonObject toInternalJson() {
    return toJson().put("thumbnailType", thumbnailType).put("thumbnailSize", thumbnailSize);
  }
}
