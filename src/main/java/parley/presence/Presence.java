package parley.presence;

import io.vertx.core.json.JsonObject;

import java.util.Collection;

/**
 * One person's presence as others see it: the state that wins among their connections and their own choice.
 * {@code connected}: whether they have a live connection, which a vacation's state does not tell; only the platform's
 * operators are told it ({@link OperatorNews}), never in {@link #toJson()}.
 */
record Presence(long userId, String state, String text, String emoji, boolean connected) {

  static final String ONLINE = "online";
  static final String IDLE = "idle";
  static final String DND = "dnd";
  static final String VACATION = "vacation";
  static final String OFFLINE = "offline";
  /** What is answered while the presence store cannot be reached. */
  static final String UNKNOWN = "unknown";

  /**
   * Vacation sticks, connected or not; otherwise nobody connected is offline; do-not-disturb wins over activity; and
   * someone is idle only when every one of their connections is.
   */
  static Presence of(long userId, Status status, Collection<Boolean> connectionsIdle) {
    String state;
    if (status.chosen().equals(VACATION)) {
      state = VACATION;
    } else if (connectionsIdle.isEmpty()) {
      state = OFFLINE;
    } else if (status.chosen().equals(DND)) {
      state = DND;
    } else {
      state = connectionsIdle.stream().allMatch(idle -> idle) ? IDLE : ONLINE;
    }
    return new Presence(userId, state, status.text(), status.emoji(), !connectionsIdle.isEmpty());
  }

  /** Someone who is not around, whatever they said about themselves: a deactivated person. */
  static Presence offline(long userId) {
    return new Presence(userId, OFFLINE, null, null, false);
  }

  static Presence unknown(long userId) {
    return new Presence(userId, UNKNOWN, null, null, false);
  }

  JsonObject toJson() {
    return new JsonObject().put("userId", Long.toString(userId)).put("state", state).put("text", text).put("emoji", emoji);
  }
}
