package parley.room;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import parley.auth.Role;
import parley.auth.User;
import parley.auth.UserRepository;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.bus.Services;
import parley.config.AppConfig;
import parley.db.Pools;
import parley.db.SqlErrors;

/** Rooms: who is in which, who may create, join, leave and delete them. */
public class RoomVerticle extends VerticleBase {

  private Pool pool;

  @Override
  public Future<?> start() {
    pool = Pools.shared(vertx, AppConfig.fromJson(config()));
    EventBus bus = vertx.eventBus();
    return Future.all(java.util.List.of(
      Services.serve(bus, Addresses.ROOM_LIST, this::list).completion(),
      Services.serve(bus, Addresses.ROOM_BROWSE, this::browse).completion(),
      Services.serve(bus, Addresses.ROOM_CREATE, this::create).completion(),
      Services.serve(bus, Addresses.ROOM_DELETE, this::delete).completion(),
      Services.serve(bus, Addresses.ROOM_JOIN, this::join).completion(),
      Services.serve(bus, Addresses.ROOM_LEAVE, this::leave).completion(),
      Services.serve(bus, Addresses.ROOM_MEMBERS, this::members).completion(),
      Services.serve(bus, Addresses.ROOM_IS_MEMBER, this::isMember).completion()));
  }

  @Override
  public Future<?> stop() {
    return pool.close();
  }

  private Future<JsonObject> list(Message<Object> message) {
    Caller caller = Caller.of(message);
    return RoomRepository.joined(pool, caller.tenantId(), caller.userId())
      .map(rooms -> new JsonObject().put("rooms", new JsonArray(rooms.stream().map(Room::toJson).toList())));
  }

  private Future<JsonObject> browse(Message<Object> message) {
    Caller caller = Caller.of(message);
    return RoomRepository.browse(pool, caller.tenantId(), caller.userId())
      .map(rooms -> new JsonObject().put("rooms", rooms));
  }

  private Future<JsonObject> create(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    String name = RoomNames.name(Fields.string(body, "name", ApiError.INVALID_ROOM_NAME));
    String description = RoomNames.description(Fields.optionalString(body, "description", ApiError.INVALID_DESCRIPTION));
    boolean isPrivate = Fields.optionalBoolean(body, "private", false);
    return actor(caller, Role.MODERATOR)
      .compose(user -> pool.withTransaction(tx ->
          RoomRepository.insert(tx, caller.tenantId(), name, description, isPrivate, user.id())
            .compose(room -> RoomRepository.addMember(tx, caller.tenantId(), room.id(), user.id()).map(added -> room)))
        .recover(failure -> Future.failedFuture(SqlErrors.isUniqueViolation(failure, "rooms_tenant_name")
          ? ApiError.ROOM_NAME_TAKEN.exception() : failure))
        .map(room -> {
          RoomEvents.joinedBy(vertx.eventBus(), room, user);
          return new JsonObject().put("room", room.toJson());
        }));
  }

  private Future<JsonObject> delete(Message<Object> message) {
    Caller caller = Caller.of(message);
    long roomId = Fields.id(Services.body(message).getValue("roomId"));
    return actor(caller, Role.SUPERADMIN)
      .compose(user -> seen(caller, roomId))
      .compose(seen -> seen.room().isDefault()
        ? Future.failedFuture(ApiError.DEFAULT_ROOM.exception())
        : pool.withTransaction(tx -> RoomRepository.delete(tx, caller.tenantId(), roomId)))
      .map(formerMembers -> {
        RoomEvents.deleted(vertx.eventBus(), roomId, formerMembers);
        return new JsonObject().put("deleted", true);
      });
  }

  private Future<JsonObject> join(Message<Object> message) {
    Caller caller = Caller.of(message);
    long roomId = Fields.id(Services.body(message).getValue("roomId"));
    return seen(caller, roomId).compose(seen -> {
      if (seen.member()) {
        return Future.succeededFuture(new JsonObject().put("room", seen.room().toJson()));
      }
      if (seen.room().isPrivate()) {
        return Future.failedFuture(ApiError.PRIVATE_ROOM.exception());
      }
      return actor(caller, Role.MEMBER)
        .compose(user -> RoomRepository.addMember(pool, caller.tenantId(), roomId, user.id()).map(added -> {
          if (added) {
            RoomEvents.joinedBy(vertx.eventBus(), seen.room(), user);
          }
          return new JsonObject().put("room", seen.room().toJson());
        }));
    });
  }

  private Future<JsonObject> leave(Message<Object> message) {
    Caller caller = Caller.of(message);
    long roomId = Fields.id(Services.body(message).getValue("roomId"));
    return seen(caller, roomId).compose(seen -> {
      if (seen.room().isDefault()) {
        return Future.failedFuture(ApiError.DEFAULT_ROOM.exception());
      }
      return RoomRepository.removeMember(pool, caller.tenantId(), roomId, caller.userId()).compose(removed -> {
        if (!removed) {
          return Future.failedFuture(ApiError.NOT_A_MEMBER.exception());
        }
        RoomEvents.left(vertx.eventBus(), roomId, caller.userId());
        return Future.succeededFuture(new JsonObject().put("left", true));
      });
    });
  }

  private Future<JsonObject> members(Message<Object> message) {
    Caller caller = Caller.of(message);
    long roomId = Fields.id(Services.body(message).getValue("roomId"));
    return seen(caller, roomId)
      .compose(seen -> seen.member() || !seen.room().isPrivate()
        ? RoomRepository.members(pool, caller.tenantId(), roomId)
        : Future.failedFuture(ApiError.NOT_A_MEMBER.exception()))
      .map(members -> new JsonObject().put("members", members));
  }

  private Future<JsonObject> isMember(Message<Object> message) {
    Caller caller = Caller.of(message);
    long roomId = Fields.id(Services.body(message).getValue("roomId"));
    return RoomRepository.find(pool, caller.tenantId(), roomId, caller.userId())
      .map(seen -> new JsonObject().put("member", seen != null && seen.member()));
  }

  /** The room as the caller sees it, or {@code 404 room_not_found} when it is not in their tenant. */
  private Future<RoomRepository.Seen> seen(Caller caller, long roomId) {
    return RoomRepository.find(pool, caller.tenantId(), roomId, caller.userId())
      .compose(seen -> seen == null ? Future.failedFuture(ApiError.ROOM_NOT_FOUND.exception()) : Future.succeededFuture(seen));
  }

  /** The calling user, provided their role is at least {@code needed}. */
  private Future<User> actor(Caller caller, Role needed) {
    return UserRepository.byId(pool, caller.tenantId(), caller.userId()).compose(user -> {
      if (user == null) {
        return Future.failedFuture(ApiError.UNAUTHENTICATED.exception());
      }
      return user.role().atLeast(needed) ? Future.succeededFuture(user) : Future.failedFuture(ApiError.FORBIDDEN.exception());
    });
  }
}
