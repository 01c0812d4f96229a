package parley.room;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import parley.auth.User;
import parley.bus.Addresses;
import parley.bus.EventTypes;

/** Membership changes, told to the room, to the user's other connections, and to every bridge. */
public final class RoomEvents {

  private RoomEvents() {
  }

  public static void memberJoined(EventBus bus, long roomId, User user) {
    bus.publish(Addresses.room(roomId), new JsonObject().put("type", EventTypes.MEMBER_JOINED)
      .put("roomId", Long.toString(roomId)).put("user", user.toAuthorJson()));
  }

  static void joinedBy(EventBus bus, Room room, User user) {
    memberJoined(bus, room.id(), user);
    bus.publish(Addresses.user(user.id()), new JsonObject().put("type", EventTypes.ROOM_JOINED).put("room", room.toJson()));
  }

  /** Bridges drop the room first, so the leaver's connections get nothing more from it. */
  static void left(EventBus bus, long roomId, long userId) {
    String room = Long.toString(roomId);
    String user = Long.toString(userId);
    bus.publish(Addresses.ROOM_MEMBER_LEFT, new JsonObject().put("roomId", room).put("userId", user));
    bus.publish(Addresses.room(roomId), new JsonObject().put("type", EventTypes.MEMBER_LEFT).put("roomId", room).put("userId", user));
    bus.publish(Addresses.user(userId), new JsonObject().put("type", EventTypes.ROOM_LEFT).put("roomId", room));
  }

  /** Told on the room and to each former member, so clients not following the room notice too. */
  static void deleted(EventBus bus, long roomId, java.util.List<Long> formerMembers) {
    JsonObject event = new JsonObject().put("type", EventTypes.ROOM_DELETED).put("roomId", Long.toString(roomId));
    bus.publish(Addresses.room(roomId), event);
    bus.publish(Addresses.ROOM_DELETED, new JsonObject().put("roomId", Long.toString(roomId)));
    formerMembers.forEach(userId -> bus.publish(Addresses.user(userId), event));
  }
}
