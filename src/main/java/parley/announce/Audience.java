package parley.announce;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.ApiError;
import parley.bus.Fields;

import java.util.List;
import java.util.Set;

/**
 * Whom an announcement is for, as its sender chose: {@code {all: true}}, or any mix of {@code userIds},
 * {@code roleIds} and {@code roomIds} (channels). It is resolved to people once, when the announcement is sent.
 */
record Audience(boolean all, List<Long> userIds, List<Long> roleIds, List<Long> roomIds) {

  static final int MAX_IDS = 1000;
  private static final Set<String> FIELDS = Set.of("all", "userIds", "roleIds", "roomIds");

  /** The audience in a request, or {@code 400 invalid_audience}. */
  static Audience from(Object value) {
    if (!(value instanceof JsonObject json) || !FIELDS.containsAll(json.fieldNames())) {
      throw ApiError.INVALID_AUDIENCE.exception();
    }
    Object all = json.getValue("all");
    if (all != null && !Boolean.TRUE.equals(all)) {
      throw ApiError.INVALID_AUDIENCE.exception();
    }
    Audience audience = new Audience(all != null, ids(json.getValue("userIds")), ids(json.getValue("roleIds")),
      ids(json.getValue("roomIds")));
    if (!audience.all && audience.userIds.isEmpty() && audience.roleIds.isEmpty() && audience.roomIds.isEmpty()) {
      throw ApiError.INVALID_AUDIENCE.exception();
    }
    return audience;
  }

  private static List<Long> ids(Object value) {
    return value == null ? List.of() : Fields.ids(value, MAX_IDS, ApiError.INVALID_AUDIENCE);
  }

  JsonObject toJson() {
    return all ? new JsonObject().put("all", true) : new JsonObject()
      .put("userIds", strings(userIds)).put("roleIds", strings(roleIds)).put("roomIds", strings(roomIds));
  }

  private static JsonArray strings(List<Long> ids) {
    return new JsonArray(ids.stream().map(id -> Long.toString(id)).toList());
  }
}
