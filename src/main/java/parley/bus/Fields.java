package parley.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Strict reads of request fields: a missing or mistyped field is the caller's error, never a 500. */
public final class Fields {

  private Fields() {
  }

  public static String string(JsonObject body, String field, ApiError whenInvalid) {
    Object value = body.getValue(field);
    if (value instanceof String text) {
      return text;
    }
    throw whenInvalid.exception();
  }

  public static String optionalString(JsonObject body, String field, ApiError whenInvalid) {
    Object value = body.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw whenInvalid.exception();
  }

  public static boolean optionalBoolean(JsonObject body, String field, boolean fallback) {
    return optionalBoolean(body, field, fallback, ApiError.INVALID_REQUEST);
  }

  public static boolean optionalBoolean(JsonObject body, String field, boolean fallback, ApiError whenInvalid) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw whenInvalid.exception();
  }

  /** An id, given as a JSON string (the public form) or a number. */
  public static long id(Object value) {
    try {
      long id = value instanceof Number number && number.doubleValue() == number.longValue()
        ? number.longValue()
        : Long.parseLong((String) value);
      if (id > 0) {
        return id;
      }
    } catch (RuntimeException ignored) {
      // falls through to the one error below
    }
    throw ApiError.INVALID_ID.exception();
  }

  /** A list of at most {@code max} ids, each once, in the order given; anything else is {@code whenInvalid}. */
  public static List<Long> ids(Object value, int max, ApiError whenInvalid) {
    if (!(value instanceof JsonArray array) || array.size() > max) {
      throw whenInvalid.exception();
    }
    Set<Long> ids = new LinkedHashSet<>();
    try {
      array.forEach(id -> ids.add(id(id)));
    } catch (ServiceException notAnId) {
      throw whenInvalid.exception();
    }
    return List.copyOf(ids);
  }

  /** A page size: {@code limit} from 1 to {@code max}, or {@code fallback} when absent; else {@code 400 invalid_limit}. */
  public static int limit(JsonObject body, int fallback, int max) {
    long limit = optionalCount(body, "limit", fallback, ApiError.INVALID_LIMIT);
    if (limit < 1 || limit > max) {
      throw ApiError.INVALID_LIMIT.exception();
    }
    return (int) limit;
  }

  /** A whole number of at least zero, or {@code fallback} when absent. */
  public static long optionalCount(JsonObject body, String field, long fallback, ApiError whenInvalid) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number && number.doubleValue() == number.longValue() && number.longValue() >= 0) {
      return number.longValue();
    }
    if (value instanceof String text && text.matches("[0-9]{1,18}")) {
      return Long.parseLong(text);
    }
    throw whenInvalid.exception();
  }
}
