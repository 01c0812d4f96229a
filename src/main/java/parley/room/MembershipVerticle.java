package parley.room;

import io.vertx.core.Future;
import parley.service.ServiceVerticle;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.auth.User;
import parley.auth.UserRepository;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.bus.Services;
import parley.limit.Budget;
import parley.limit.RateLimiter;
import parley.role.Grant;
import parley.role.Permission;


/** Who is in which room: joining, leaving, listing members, adding someone, and kicking them out. */
public class MembershipVerticle extends ServiceVerticle {

  private RateLimiter budget;

  @Override
  protected void serveAll() {
    budget = Budget.MEMBER_ADDS.limiter(vertx, settings);
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
      .compose(grant -> RoomAccess.visible(pool, caller, roomId))
      .compose(seen -> seen.member()
        ? RoomRepository.withMembers(pool, caller.tenantId(), seen.room()).map(room -> new JsonObject().put("room", room.toJson()))
        : person(caller.tenantId(), caller.userId()).compose(user -> add(caller.tenantId(), seen.room(), user)));
  }

  private Future<JsonObject> leave(Message<Object> message) {
    Caller caller = Caller.of(message);
    long roomId = Fields.id(Services.body(message).getValue("roomId"));
    return permissions.require(caller, Permission.LEAVE_ROOMS)
      .compose(grant -> RoomAccess.seen(pool, caller, roomId))
      .compose(seen -> {
        if (seen.room().isDefault()) {
          return Future.failedFuture(ApiError.DEFAULT_ROOM.exception());
        }
        if (seen.room().kind() == RoomKind.DM) {
          return Future.failedFuture(ApiError.DM_MEMBERSHIP_FIXED.exception());
        }
        return RoomRepository.removeMember(pool, caller.tenantId(), roomId, caller.userId());
      })
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
    return RoomAccess.visible(pool, caller, roomId)
      .compose(seen -> permissions.of(caller).compose(grant -> RoomRepository.members(pool, caller.tenantId(), roomId, grant.seesDeactivated()))
        .map(members -> seen.member() ? members : withoutCursors(members)))
      .map(members -> new JsonObject().put("members", members));
  }

  /** How far each member has read is for the room's own members (it draws their read receipts). */
  private static JsonArray withoutCursors(JsonArray members) {
    members.forEach(member -> ((JsonObject) member).remove("readSeq"));
    return members;
  }

  /**
   * Any member may bring someone else in, the way people invite a colleague into a private room; a group up to
   * {@link ConversationVerticle#MAX_GROUP} people, a DM never. Each addition spends the adder's
   * {@link Budget#MEMBER_ADDS}, once the room and the person are found; bringing in someone already there too.
   */
  private Future<JsonObject> addMember(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    long roomId = Fields.id(body.getValue("roomId"));
    long userId = Fields.id(body.getValue("userId"));
    return RoomAccess.asMember(pool, caller, roomId).compose(room -> room.kind() == RoomKind.DM
      ? Future.failedFuture(ApiError.DM_MEMBERSHIP_FIXED.exception())
      : person(caller.tenantId(), userId).compose(user -> budget.spend(Long.toString(caller.userId()))
        .compose(spent -> add(caller.tenantId(), room, user))));
  }

  private Future<JsonObject> kick(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    long roomId = Fields.id(body.getValue("roomId"));
    long userId = Fields.id(body.getValue("userId"));
    return permissions.require(caller, Permission.KICK_USERS)
      .compose(grant -> RoomAccess.channel(pool, caller, roomId).compose(seen -> seen.room().isDefault()
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

  private Future<User> person(long tenantId, long userId) {
    return UserRepository.byId(pool, tenantId, userId).compose(user -> user == null || user.deactivated()
      ? Future.failedFuture(ApiError.USER_NOT_FOUND.exception())
      : Future.succeededFuture(user));
  }

  private Future<JsonObject> add(long tenantId, Room room, User user) {
    return insert(tenantId, room, user.id())
      .compose(added -> RoomRepository.withMembers(pool, tenantId, room).map(withNewcomer -> {
        if (added) {
          RoomEvents.joinedBy(vertx.eventBus(), withNewcomer, user);
        }
        return new JsonObject().put("room", withNewcomer.toJson()).put("user", user.toJson());
      }));
  }

  /** A group is locked while it is counted, so two additions at once cannot take it past its limit. */
  private Future<Boolean> insert(long tenantId, Room room, long userId) {
    if (room.isChannel()) {
      return RoomRepository.addMember(pool, tenantId, room.id(), userId);
    }
    return pool.withTransaction(tx -> RoomRepository.lockAndCountMembers(tx, tenantId, room.id())
      .compose(count -> RoomRepository.addMember(tx, tenantId, room.id(), userId)
        .compose(added -> added && count >= ConversationVerticle.MAX_GROUP
          ? Future.failedFuture(ApiError.GROUP_FULL.exception())
          : Future.succeededFuture(added))));
  }
}
