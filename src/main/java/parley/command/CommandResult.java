package parley.command;

/** What a command answers: words for the caller alone, or a message in the room it was typed in. */
public record CommandResult(Audience audience, String text) {

  public enum Audience {
    /** Answered and told on the caller's {@code user.<id>}; never stored. */
    CALLER,
    /** Stored in the room as a {@code system} message, a whole sentence about what happened. */
    ROOM,
    /** Stored in the room as an {@code action} message: what {@code /me} says the caller does. */
    ROOM_ACTION
  }

  public static CommandResult toCaller(String text) {
    return new CommandResult(Audience.CALLER, text);
  }

  public static CommandResult toRoom(String text) {
    return new CommandResult(Audience.ROOM, text);
  }

  public static CommandResult action(String text) {
    return new CommandResult(Audience.ROOM_ACTION, text);
  }

  public boolean ephemeral() {
    return audience == Audience.CALLER;
  }

  /** The message kind the room stores it as. */
  String kind() {
    return audience == Audience.ROOM_ACTION ? "action" : "system";
  }
}
