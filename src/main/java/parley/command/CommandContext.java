package parley.command;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.Caller;
import parley.role.Grant;


/** What a command runs with: who typed it, in which room, what their role allows, and the services to act through. */
public final class CommandContext {

  private final EventBus bus;
  private final Caller caller;
  private final Grant grant;
  private final long roomId;
  private final Arguments arguments;

  CommandContext(EventBus bus, Caller caller, Grant grant, long roomId, Arguments arguments) {
    this.bus = bus;
    this.caller = caller;
    this.grant = grant;
    this.roomId = roomId;
    this.arguments = arguments;
  }

  public Caller caller() {
    return caller;
  }

  public Grant grant() {
    return grant;
  }

  /** The room the command was typed in, as ids travel in requests. */
  public String roomId() {
    return Long.toString(roomId);
  }

  public Arguments arguments() {
    return arguments;
  }

  /** Asks a service as the caller, so it decides exactly as it does for the REST request. */
  public Future<JsonObject> ask(String address, JsonObject request) {
    return bus.<JsonObject>request(address, request, caller.deliveryOptions()).map(reply -> reply.body());
  }

  /** The caller's username, for the sentences that system messages are. */
  public Future<String> callerName() {
    return ask(Addresses.AUTH_ME, new JsonObject()).map(me -> me.getJsonObject("user").getString("username"));
  }

  /** The user of the caller's tenant with this username, or {@code 404 user_not_found}. */
  public Future<JsonObject> userNamed(String username) {
    return ask(Addresses.USER_FIND, new JsonObject().put("username", Arguments.withoutSigil(username)))
      .map(found -> found.getJsonObject("user"));
  }
}
