package parley.bus;

/** The {@code type} of every event a client can receive on {@code room.<id>} or {@code user.<id>}. */
public final class EventTypes {

  private EventTypes() {
  }

  /** On {@code room.<id>}: {@code {message}}. */
  public static final String MESSAGE_NEW = "message.new";
  /** On {@code room.<id>}: {@code {roomId, user}}. */
  public static final String MEMBER_JOINED = "member.joined";
  /** On {@code room.<id>}: {@code {roomId, userId}}. */
  public static final String MEMBER_LEFT = "member.left";
  /** On {@code room.<id>} and each former member's {@code user.<id>}: {@code {roomId}}; the room and its history are gone. */
  public static final String ROOM_DELETED = "room.deleted";
  /** On {@code user.<id>}: {@code {room}}; the user is now a member (another tab or device joined). */
  public static final String ROOM_JOINED = "room.joined";
  /** On {@code user.<id>}: {@code {roomId}}; the user is no longer a member. */
  public static final String ROOM_LEFT = "room.left";
}
