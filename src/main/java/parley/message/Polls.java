package parley.message;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** A poll as clients see it: its options with their counts, and who chose each unless it is anonymous. */
final class Polls {

  private Polls() {
  }

  /**
   * {@code votes}: option id (as text) to the ids of those who chose it; null when nobody has voted. With a
   * {@code viewerId}, {@code mine} lists the options that person chose, which an anonymous poll shows nobody else.
   */
  static JsonObject toJson(JsonObject poll, JsonObject votes, Long viewerId) {
    boolean anonymous = poll.getBoolean("anonymous", false);
    JsonArray options = new JsonArray();
    JsonArray mine = new JsonArray();
    Set<Object> voters = new HashSet<>();
    for (Object item : poll.getJsonArray("options")) {
      JsonObject option = (JsonObject) item;
      JsonArray chose = votes == null ? null : votes.getJsonArray(Integer.toString(option.getInteger("id")));
      JsonArray userIds = chose == null ? new JsonArray() : chose;
      userIds.forEach(voters::add);
      if (viewerId != null && userIds.contains(Long.toString(viewerId))) {
        mine.add(option.getInteger("id"));
      }
      JsonObject shown = new JsonObject().put("id", option.getInteger("id")).put("text", option.getString("text"))
        .put("count", userIds.size());
      if (!anonymous) {
        shown.put("userIds", userIds);
      }
      options.add(shown);
    }
    JsonObject shown = new JsonObject().put("question", poll.getString("question")).put("options", options)
      .put("multiple", poll.getBoolean("multiple", false)).put("anonymous", anonymous)
      .put("closesAt", poll.getString("closesAt")).put("closed", isClosed(poll, Instant.now()))
      .put("voters", voters.size());
    return viewerId == null ? shown : shown.put("mine", mine);
  }

  static boolean isClosed(JsonObject poll, Instant now) {
    String closesAt = poll.getString("closesAt");
    return poll.getBoolean("closed", false) || closesAt != null && !Instant.parse(closesAt).isAfter(now);
  }

  /** Whether {@code optionIds} is a choice this poll accepts: its own options, none twice, one at most unless multiple. */
  static boolean accepts(JsonObject poll, Set<Integer> optionIds, int given) {
    if (optionIds.size() != given || optionIds.size() > 1 && !poll.getBoolean("multiple", false)) {
      return false;
    }
    Set<Integer> known = new HashSet<>();
    poll.getJsonArray("options").forEach(option -> known.add(((JsonObject) option).getInteger("id")));
    return known.containsAll(optionIds);
  }
}
