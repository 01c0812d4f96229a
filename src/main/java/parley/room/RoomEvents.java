package parley.room;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.auth.Person;
import parley.auth.User;
import parley.bus.Addresses;
import parley.bus.EventTypes;

import java.util.List;

/** Room changes, told to the room, to the users concerned, to the tenant, and to every node's {@link RoomMembers}. */
public final class RoomEvents {

  private RoomEvents() {
  }

  public static void memberJoined(EventBus bus, long roomId, User user) {
    joined(bus, roomId, List.of(user.id()));
    bus.publish(Addresses.room(roomId), new JsonObject().put("type", EventTypes.MEMBER_JOINED)
      .put("roomId", Long.toString(roomId)).put("user", user.person().toJson()));
  }

  static void joinedBy(EventBus bus, Room room, User user) {
    memberJoined(bus, room.id(), user);
    bus.publish(Addresses.user(user.id()), new JsonObject().put("type", EventTypes.ROOM_JOINED).put("room", room.toJson()));
  }

  /** Bridges drop the room first, so the leaver's connections get nothing more from it. */
  static void left(EventBus bus, long roomId, long userId) {
    dropFromBridges(bus, roomId, userId);
    bus.publish(Addresses.room(roomId), memberLeft(roomId, userId));
    bus.publish(Addresses.user(userId), new JsonObject().put("type", EventTypes.ROOM_LEFT).put("roomId", Long.toString(roomId)));
  }

  static void kicked(EventBus bus, long roomId, long userId, long by) {
    dropFromBridges(bus, roomId, userId);
    bus.publish(Addresses.room(roomId), memberLeft(roomId, userId).put("by", Long.toString(by)));
    bus.publish(Addresses.user(userId), new JsonObject().put("type", EventTypes.KICKED)
      .put("roomId", Long.toString(roomId)).put("by", Long.toString(by)));
  }

  static void created(EventBus bus, long tenantId, Room room) {
    if (!room.isPrivate()) {
      bus.publish(Addresses.tenant(tenantId), new JsonObject().put("type", EventTypes.ROOM_CREATED).put("room", room.toJson()));
    }
  }

  /** Every member gets the same room, with its members, so each client can name it from its own side. */
  static void conversationCreated(EventBus bus, Room room) {
    joined(bus, room.id(), room.members().stream().map(Person::id).toList());
    JsonObject event = new JsonObject().put("type", EventTypes.CONVERSATION_CREATED).put("room", room.toJson());
    room.members().forEach(member -> bus.publish(Addresses.user(member.id()), event));
  }

  static void updated(EventBus bus, Room room) {
    bus.publish(Addresses.room(room.id()), new JsonObject().put("type", EventTypes.ROOM_UPDATED).put("room", room.toJson()));
  }

  /** Told on the room, to each former member, and (for a public room) to the tenant. */
  static void deleted(EventBus bus, long tenantId, Room room, List<Long> formerMembers) {
    JsonObject event = new JsonObject().put("type", EventTypes.ROOM_DELETED).put("roomId", Long.toString(room.id()));
    bus.publish(Addresses.room(room.id()), event);
    bus.publish(Addresses.ROOM_DELETED, new JsonObject().put("roomId", Long.toString(room.id())));
    formerMembers.forEach(userId -> bus.publish(Addresses.user(userId), event));
    if (!room.isPrivate()) {
      bus.publish(Addresses.tenant(tenantId), event);
    }
  }

  /**
   * Told first, so that each node's {@link RoomMembers} hears of a join before anyone can hear of it and act on it
   * (a kick that followed the join must not reach a node before the join does).
   */
  private static void joined(EventBus bus, long roomId, List<Long> userIds) {
    bus.publish(Addresses.ROOM_MEMBERS_JOINED, new JsonObject().put("roomId", Long.toString(roomId))
      .put("userIds", new JsonArray(userIds.stream().map(id -> Long.toString(id)).toList())));
  }

  private static void dropFromBridges(EventBus bus, long roomId, long userId) {
    bus.publish(Addresses.ROOM_MEMBER_LEFT, new JsonObject().put("roomId", Long.toString(roomId)).put("userId", Long.toString(userId)));
  }

  private static JsonObject memberLeft(long roomId, long userId) {
    return new JsonObject().put("type", EventTypes.MEMBER_LEFT).put("roomId", Long.toString(roomId)).put("userId", Long.toString(userId));
  }
}
