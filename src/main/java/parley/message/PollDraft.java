package parley.message;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.ApiError;
import parley.bus.Fields;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code poll} of a {@code chat.send}, checked before anything is stored: a question, 2–10 distinct options,
 * single or multiple choice, optionally anonymous and with a closing time in the future. Options get ids 1…n.
 */
record PollDraft(String question, List<String> options, boolean multiple, boolean anonymous, Instant closesAt) {

  static final int MAX_QUESTION = 300;
  static final int MAX_OPTION = 100;
  static final int MIN_OPTIONS = 2;
  static final int MAX_OPTIONS = 10;

  static PollDraft from(Object value) {
    if (!(value instanceof JsonObject poll)) {
      throw ApiError.INVALID_POLL.exception();
    }
    String question = text(poll.getValue("question"), MAX_QUESTION);
    if (!(poll.getValue("options") instanceof JsonArray given) || given.size() < MIN_OPTIONS || given.size() > MAX_OPTIONS) {
      throw ApiError.INVALID_POLL.exception();
    }
    List<String> options = new ArrayList<>();
    Set<String> distinct = new HashSet<>();
    for (Object option : given) {
      String text = text(option, MAX_OPTION);
      if (!distinct.add(text.toLowerCase())) {
        throw ApiError.INVALID_POLL.exception();
      }
      options.add(text);
    }
    boolean multiple = Fields.optionalBoolean(poll, "multiple", false, ApiError.INVALID_POLL);
    boolean anonymous = Fields.optionalBoolean(poll, "anonymous", false, ApiError.INVALID_POLL);
    Instant closesAt = null;
    if (poll.getValue("closesAt") != null) {
      try {
        closesAt = Instant.parse(Fields.string(poll, "closesAt", ApiError.INVALID_POLL));
      } catch (DateTimeParseException e) {
        throw ApiError.INVALID_POLL.exception();
      }
      if (!closesAt.isAfter(Instant.now())) {
        throw ApiError.INVALID_POLL.exception();
      }
    }
    return new PollDraft(question, List.copyOf(options), multiple, anonymous, closesAt);
  }

  /** What messages.poll stores. */
  JsonObject toJson() {
    JsonArray choices = new JsonArray();
    for (int i = 0; i < options.size(); i++) {
      choices.add(new JsonObject().put("id", i + 1).put("text", options.get(i)));
    }
    return new JsonObject().put("question", question).put("options", choices).put("multiple", multiple)
      .put("anonymous", anonymous).put("closesAt", closesAt == null ? null : closesAt.toString()).put("closed", false);
  }

  private static String text(Object value, int max) {
    if (!(value instanceof String text) || text.isBlank() || text.codePointCount(0, text.length()) > max
      || text.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
      throw ApiError.INVALID_POLL.exception();
    }
    return text.strip();
  }
}
