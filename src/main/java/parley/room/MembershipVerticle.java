package parley.room;

import io.vertx.core.Future;
import parley.service.ServiceVerticle;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.auth.UserRepository;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.bus.Services;
import parley.role.Grant;
import parley.role.Permission;


/** Who is in which room: joining, leaving, listing members, adding someone, and kicking them out. */
public class MembershipVerticle extends ServiceVerticle {


  @Override
  protected void serveAll() {
    serve(Addresses.ROOM_JOIN, this::join);
    serve(Addresses.ROOM_LEAVE, this::leave);
    serve(Addresses.ROOM_MEMBERS, this::members);
    serve(Addresses.ROOM_ADD_MEMBER, this::addMember);
    serve(Addresses.ROOM_KICK, this::kick);
  }

  private Future<JsonObject> join(Message<Object> message) {
    Caller caller = Caller.of(message);
    long roomId = Fields.id(Services.body(message).getValue("roomId"));
    return permissions.require(caller, Permission.JOIN_ROOMS)
      .compose(grant -> RoomAccess.seen(pool, caller, roomId))
      .compose(seen -> {
        if (seen.member()) {
          return Future.succeededFuture(new JsonObject().put("room", seen.room().toJson()));
        }
        if (seen.room().isPrivate()) {
          return Future.failedFuture(ApiError.PRIVATE_ROOM.exception());
        }
        return add(caller.tenantId(), seen.room(), caller.userId());
      });
  }

  private Future<JsonObject> leave(Message<Object> message) {
    Caller caller = Caller.of(message);
    long roomId = Fields.id(Services.body(message).getValue("roomId"));
    return permissions.require(caller, Permission.LEAVE_ROOMS)
      .compose(grant -> RoomAccess.seen(pool, caller, roomId))
      .compose(seen -> seen.room().isDefault()
        ? Future.failedFuture(ApiError.DEFAULT_ROOM.exception())
        : RoomRepository.removeMember(pool, caller.tenantId(), roomId, caller.userId()))
      .compose(removed -> {
        if (!removed) {
          return Future.failedFuture(ApiError.NOT_A_MEMBER.exception());
        }
        RoomEvents.left(vertx.eventBus(), roomId, caller.userId());
        return Future.succeededFuture(new JsonObject().put("left", true));
      });
  }

  private Future<JsonObject> members(Message<Object> message) {
    Caller caller = Caller.of(message);
    long roomId = Fields.id(Services.body(message).getValue("roomId"));
    return RoomAccess.seen(pool, caller, roomId)
      .compose(seen -> seen.member() || !seen.room().isPrivate()
        ? RoomRepository.members(pool, caller.tenantId(), roomId).map(members -> seen.member() ? members : withoutCursors(members))
        : Future.failedFuture(ApiError.NOT_A_MEMBER.exception()))
      .map(members -> new JsonObject().put("members", members));
  }

  /** How far each member has read is for the room's own members (it draws their read receipts). */
  private static JsonArray withoutCursors(JsonArray members) {
    members.forEach(member -> ((JsonObject) member).remove("readSeq"));
    return members;
  }

  /** Any member may bring someone else in, the way people invite a colleague into a private room. */
  private Future<JsonObject> addMember(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    long roomId = Fields.id(body.getValue("roomId"));
    long userId = Fields.id(body.getValue("userId"));
    return RoomAccess.asMember(pool, caller, roomId).compose(room -> add(caller.tenantId(), room, userId));
  }

  private Future<JsonObject> kick(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    long roomId = Fields.id(body.getValue("roomId"));
    long userId = Fields.id(body.getValue("userId"));
    return permissions.require(caller, Permission.KICK_USERS)
      .compose(grant -> RoomAccess.seen(pool, caller, roomId).compose(seen -> seen.room().isDefault()
        ? Future.failedFuture(ApiError.DEFAULT_ROOM.exception())
        : outranks(grant, caller.tenantId(), userId)))
      .compose(outranked -> RoomRepository.removeMember(pool, caller.tenantId(), roomId, userId))
      .compose(removed -> {
        if (!removed) {
          return Future.failedFuture(ApiError.NOT_A_MEMBER.exception());
        }
        RoomEvents.kicked(vertx.eventBus(), roomId, userId, caller.userId());
        return Future.succeededFuture(new JsonObject().put("kicked", true));
      });
  }

  /** Nobody may act on someone ranked above them. */
  private Future<Void> outranks(Grant actor, long tenantId, long targetId) {
    return permissions.of(new Caller(targetId, tenantId))
      .recover(missing -> Future.failedFuture(ApiError.USER_NOT_FOUND.exception()))
      .compose(target -> target.rank() > actor.rank()
        ? Future.failedFuture(ApiError.RANK_TOO_HIGH.exception())
        : Future.succeededFuture());
  }

  private Future<JsonObject> add(long tenantId, Room room, long userId) {
    return UserRepository.byId(pool, tenantId, userId).compose(user -> user == null
      ? Future.failedFuture(ApiError.USER_NOT_FOUND.exception())
      : RoomRepository.addMember(pool, tenantId, room.id(), userId).map(added -> {
        if (added) {
          RoomEvents.joinedBy(vertx.eventBus(), room, user);
        }
        return new JsonObject().put("room", room.toJson()).put("user", user.toJson());
      }));
  }
}
