package parley.command;

import io.vertx.core.json.JsonObject;

/**
 * What a command answers: words for the caller alone, or a message in the room it was typed in ({@code poll} is
 * set for a poll, whose {@code text} is its question).
 */
public record CommandResult(Audience audience, String text, JsonObject poll) {

  public enum Audience {
    /** Answered and told on the caller's {@code user.<id>}; never stored. */
    CALLER,
    /** Stored in the room as a {@code system} message, a whole sentence about what happened. */
    ROOM,
    /** Stored in the room as an {@code action} message: what {@code /me} says the caller does. */
    ROOM_ACTION,
    /** Stored in the room as a {@code poll} message. */
    ROOM_POLL
  }

  public static CommandResult toCaller(String text) {
    return new CommandResult(Audience.CALLER, text, null);
  }

  public static CommandResult toRoom(String text) {
    return new CommandResult(Audience.ROOM, text, null);
  }

  public static CommandResult action(String text) {
    return new CommandResult(Audience.ROOM_ACTION, text, null);
  }

  /** {@code poll}: as {@code chat.send} takes it; the messages verticle checks it. */
  public static CommandResult poll(JsonObject poll) {
    return new CommandResult(Audience.ROOM_POLL, poll.getString("question", ""), poll);
  }

  public boolean ephemeral() {
    return audience == Audience.CALLER;
  }

  /** The message kind the room stores it as. */
  String kind() {
    return switch (audience) {
      case ROOM_ACTION -> "action";
      case ROOM_POLL -> "poll";
      default -> "system";
    };
  }
}
