package parley.room;

import io.vertx.core.Future;
import parley.service.ServiceVerticle;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import parley.auth.UserRepository;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.bus.Services;
import parley.db.SqlErrors;
import parley.name.Skeletons;
import parley.limit.Budget;
import parley.limit.RateLimiter;
import parley.role.Permission;

import java.util.Locale;
import java.util.stream.IntStream;

/** Rooms themselves: listing, browsing, creating, deleting, and their topic. Memberships are in {@link MembershipVerticle}. */
public class RoomVerticle extends ServiceVerticle {

  private RateLimiter roomBudget;
  private RateLimiter renameBudget;

  @Override
  protected void serveAll() {
    roomBudget = Budget.ROOMS.limiter(vertx, settings);
    renameBudget = Budget.RENAMES.limiter(vertx, settings);
    serve(Addresses.ROOM_LIST, this::list);
    serve(Addresses.ROOM_BROWSE, this::browse);
    serve(Addresses.ROOM_CREATE, this::create);
    serve(Addresses.ROOM_DELETE, this::delete);
    serve(Addresses.ROOM_SET_TOPIC, this::setTopic);
  }

  private Future<JsonObject> list(Message<Object> message) {
    Caller caller = Caller.of(message);
    return permissions.of(caller).compose(grant -> RoomRepository.joined(pool, caller.tenantId(), caller.userId())
      .compose(joined -> RoomRepository.withMembers(pool, caller.tenantId(), joined.stream().map(RoomRepository.Joined::room).toList())
        .map(rooms -> IntStream.range(0, rooms.size())
          .mapToObj(i -> joined.get(i).with(rooms.get(i)).toJson(grant.seesDeactivated())).toList())))
      .map(rooms -> new JsonObject().put("rooms", new JsonArray(rooms)));
  }

  private Future<JsonObject> browse(Message<Object> message) {
    Caller caller = Caller.of(message);
    return permissions.require(caller, Permission.BROWSE_ROOMS)
      .compose(grant -> RoomRepository.browse(pool, caller.tenantId(), caller.userId()))
      .map(rooms -> new JsonObject().put("rooms", rooms));
  }

  private Future<JsonObject> create(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    String name = RoomNames.name(Fields.string(body, "name", ApiError.INVALID_ROOM_NAME));
    String description = RoomNames.description(Fields.optionalString(body, "description", ApiError.INVALID_DESCRIPTION));
    boolean isPrivate = Fields.optionalBoolean(body, "private", false);
    String[] skeletons = Skeletons.of(name);
    return permissions.require(caller, Permission.CREATE_ROOMS)
      .compose(grant -> roomBudget.spend(Long.toString(caller.userId())))
      .compose(spent -> pool.withTransaction(tx -> refuseLookalike(tx, caller.tenantId(), name, skeletons)
          .compose(free -> RoomRepository.insert(tx, caller.tenantId(), name, skeletons, description, isPrivate, caller.userId()))
          .compose(room -> RoomRepository.addMember(tx, caller.tenantId(), room.id(), caller.userId()).map(added -> room)))
        .recover(failure -> Future.failedFuture(SqlErrors.isUniqueViolation(failure, "rooms_tenant_name")
          ? ApiError.ROOM_NAME_TAKEN.exception() : failure)))
      .compose(room -> UserRepository.byId(pool, caller.tenantId(), caller.userId()).map(creator -> {
        RoomEvents.joinedBy(vertx.eventBus(), room, creator);
        RoomEvents.created(vertx.eventBus(), caller.tenantId(), room);
        return new JsonObject().put("room", room.toJson());
      }));
  }

  /**
   * Under the tenant's lock, so that two look-alikes cannot be made at once: a channel named the same but for case
   * makes the name taken; one that only looks the same, confusable.
   */
  private static Future<Void> refuseLookalike(SqlClient tx, long tenantId, String name, String[] skeletons) {
    return RoomRepository.lockTenant(tx, tenantId)
      .compose(locked -> RoomRepository.lookalike(tx, tenantId, skeletons))
      .compose(existing -> existing == null
        ? Future.succeededFuture()
        : Future.failedFuture(existing.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
          ? ApiError.ROOM_NAME_TAKEN.exception() : ApiError.NAME_CONFUSABLE.exception()));
  }

  private Future<JsonObject> delete(Message<Object> message) {
    Caller caller = Caller.of(message);
    long roomId = Fields.id(Services.body(message).getValue("roomId"));
    return permissions.require(caller, Permission.DELETE_ROOMS)
      .compose(grant -> RoomAccess.channel(pool, caller, roomId))
      .compose(seen -> seen.room().isDefault()
        ? Future.failedFuture(ApiError.DEFAULT_ROOM.exception())
        : pool.withTransaction(tx -> RoomRepository.delete(tx, caller.tenantId(), roomId)).map(formerMembers -> {
          RoomEvents.deleted(vertx.eventBus(), caller.tenantId(), seen.room(), formerMembers);
          return new JsonObject().put("deleted", true);
        }));
  }

  private Future<JsonObject> setTopic(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    long roomId = Fields.id(body.getValue("roomId"));
    String topic = RoomNames.topic(Fields.string(body, "topic", ApiError.INVALID_TOPIC));
    return permissions.require(caller, Permission.SET_ROOM_TOPIC)
      .compose(grant -> RoomAccess.asMember(pool, caller, roomId))
      .compose(room -> room.isChannel() ? Future.succeededFuture(room) : Future.failedFuture(ApiError.NOT_A_CHANNEL.exception()))
      .compose(room -> renameBudget.spend(Long.toString(caller.userId())))
      .compose(spent -> RoomRepository.setTopic(pool, caller.tenantId(), roomId, topic))
      .map(room -> {
        RoomEvents.updated(vertx.eventBus(), room);
        return new JsonObject().put("room", room.toJson());
      });
  }
}
