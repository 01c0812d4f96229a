package parley.push;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.bus.Services;
import parley.role.Permission;
import parley.room.Access;
import parley.room.RoomMembers;
import parley.service.ServiceVerticle;

import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a person's pushes go and what they want of them: devices (a browser's Web Push subscription or a phone's
 * Expo token), the level (all, direct, none), previews, each room's own level (all, mentions, nothing); the VAPID
 * public key browsers subscribe with; and reports of what was pushed, for them and for admins.
 */
public class PushDevicesVerticle extends ServiceVerticle {

  private static final Pattern EXPO_TOKEN = Pattern.compile("Expo(nent)?PushToken\\[[A-Za-z0-9_-]{1,200}]");
  private static final Set<String> LEVELS = Set.of(PushAudience.ALL, PushAudience.DIRECT, PushAudience.NONE);
  private static final Set<String> ROOM_LEVELS = Set.of(PushAudience.ALL, PushAudience.MENTIONS, PushAudience.NOTHING);

  private PushEndpoints endpoints;
  private String vapidPublicKey;
  private RoomMembers members;

  @Override
  protected void serveAll() {
    endpoints = new PushEndpoints(vertx, settings.pushAllowedOrigins());
    members = RoomMembers.of(vertx);
    startsAfter(members.listening());
    startsAfter(ServerKeys.vapid(vertx, pool, settings).onSuccess(keys -> vapidPublicKey = keys.publicKeyBase64Url()));
    serve(Addresses.PUSH_SUBSCRIBE, message -> subscribe(Caller.of(message), Services.body(message)));
    serve(Addresses.PUSH_DEVICES, message -> {
      Caller caller = Caller.of(message);
      return Devices.list(pool, caller.tenantId(), caller.userId()).map(devices -> new JsonObject().put("subscriptions", devices));
    });
    serve(Addresses.PUSH_UNSUBSCRIBE, message -> unsubscribe(Caller.of(message), Services.body(message)));
    serve(Addresses.PUSH_SETTINGS, message -> Devices.settings(pool, Caller.of(message).userId()));
    serve(Addresses.PUSH_SET_SETTINGS, message -> setSettings(Caller.of(message), Services.body(message)));
    serve(Addresses.PUSH_MUTE_ROOM, message -> setRoomLevel(Caller.of(message), Services.body(message)));
    serve(Addresses.PUSH_VAPID_KEY, message -> Future.succeededFuture(new JsonObject().put("publicKey", vapidPublicKey)));
    serve(Addresses.PUSH_DELIVERIES, message -> {
      Caller caller = Caller.of(message);
      return PushReports.mine(pool, caller.tenantId(), caller.userId());
    });
    serve(Addresses.PUSH_ADMIN, message -> {
      Caller caller = Caller.of(message);
      return permissions.require(caller, Permission.VIEW_ADMIN).compose(grant -> PushReports.admin(pool, caller.tenantId()));
    });
  }

  /** {@code {kind: "webpush", endpoint, keys: {p256dh, auth}}} or {@code {kind: "expo", token}}. */
  private Future<JsonObject> subscribe(Caller caller, JsonObject body) {
    String kind = Fields.string(body, "kind", ApiError.INVALID_PUSH_SUBSCRIPTION);
    if (kind.equals("expo")) {
      String token = Fields.string(body, "token", ApiError.INVALID_PUSH_SUBSCRIPTION);
      if (!EXPO_TOKEN.matcher(token).matches()) {
        throw ApiError.INVALID_PUSH_SUBSCRIPTION.exception();
      }
      return registered(Devices.register(pool, caller.tenantId(), caller.userId(), kind, token, null, null));
    }
    if (!kind.equals("webpush") || !(body.getValue("keys") instanceof JsonObject keys)) {
      throw ApiError.INVALID_PUSH_SUBSCRIPTION.exception();
    }
    String p256dh = Fields.string(keys, "p256dh", ApiError.INVALID_PUSH_SUBSCRIPTION);
    String auth = Fields.string(keys, "auth", ApiError.INVALID_PUSH_SUBSCRIPTION);
    try {
      P256.publicKey(Base64Url.decode(p256dh));
      if (Base64Url.decode(auth).length != WebPushEncryption.AUTH_SECRET_LENGTH) {
        throw ApiError.INVALID_PUSH_SUBSCRIPTION.exception();
      }
    } catch (IllegalArgumentException notAKey) {
      throw ApiError.INVALID_PUSH_SUBSCRIPTION.exception();
    }
    URI endpoint = endpoints.parse(Fields.string(body, "endpoint", ApiError.INVALID_PUSH_SUBSCRIPTION));
    return endpoints.resolve(endpoint)
      .recover(refused -> Future.failedFuture(ApiError.PUSH_ENDPOINT_REFUSED.exception()))
      .compose(address -> registered(Devices.register(pool, caller.tenantId(), caller.userId(), kind, endpoint.toString(), p256dh, auth)));
  }

  private static Future<JsonObject> registered(Future<JsonObject> device) {
    return device.map(subscription -> new JsonObject().put("subscription", subscription));
  }

  private Future<JsonObject> unsubscribe(Caller caller, JsonObject body) {
    long subscriptionId = Fields.id(body.getValue("subscriptionId"));
    return Devices.forget(pool, caller.tenantId(), caller.userId(), subscriptionId).compose(forgotten -> forgotten
      ? Future.succeededFuture(new JsonObject().put("deleted", true))
      : Future.failedFuture(ApiError.SUBSCRIPTION_NOT_FOUND.exception()));
  }

  /** {@code {level?, previews?}}: what is left out stays as it was. */
  private Future<JsonObject> setSettings(Caller caller, JsonObject body) {
    String level = Fields.optionalString(body, "level", ApiError.INVALID_PUSH_SETTINGS);
    if (level != null && !LEVELS.contains(level)) {
      throw ApiError.INVALID_PUSH_SETTINGS.exception();
    }
    Boolean previews = body.getValue("previews") == null ? null
      : Fields.optionalBoolean(body, "previews", true, ApiError.INVALID_PUSH_SETTINGS);
    return Devices.set(pool, caller.userId(), level, previews).compose(done -> Devices.settings(pool, caller.userId()));
  }

  /**
   * {@code {roomId, level}} (all, mentions, nothing; null: the person's own level again), or {@code {roomId, muted}}
   * as clients that know only muting send it (true: nothing; false: the person's own level): members only.
   */
  private Future<JsonObject> setRoomLevel(Caller caller, JsonObject body) {
    long roomId = Fields.id(body.getValue("roomId"));
    // Whether the caller is in the room comes first: what they asked for is read only then.
    return members.access(pool, caller, roomId).compose(Access::requiredMembership)
      .compose(member -> Devices.setRoomLevel(pool, caller.userId(), roomId, roomLevel(body)))
      .compose(done -> Devices.settings(pool, caller.userId()));
  }

  private static String roomLevel(JsonObject body) {
    if (body.containsKey("level") == body.containsKey("muted")) {
      throw ApiError.INVALID_PUSH_SETTINGS.exception();
    }
    if (body.containsKey("muted")) {
      if (!(body.getValue("muted") instanceof Boolean muted)) {
        throw ApiError.INVALID_PUSH_SETTINGS.exception();
      }
      return muted ? PushAudience.NOTHING : null;
    }
    Object level = body.getValue("level");
    if (level != null && !(level instanceof String named && ROOM_LEVELS.contains(named))) {
      throw ApiError.INVALID_PUSH_SETTINGS.exception();
    }
    return (String) level;
  }
}
