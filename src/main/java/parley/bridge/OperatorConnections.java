package parley.bridge;

import io.vertx.ext.auth.User;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import parley.bus.Addresses;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's operators on the bridge. A connection opened with a live platform session (the HTTP side admitted
 * it) may register the operators' addresses ({@code platform.tenants}, {@code platform.tenant.<id>.presence}) and
 * nothing else, receives nothing else, and sends nothing: it watches, it never acts as anyone of a tenant. It closes
 * when its platform session ends. Confined to the HTTP verticle's event loop, as {@link BridgeGuard} is.
 */
final class OperatorConnections {

  /** The operator's token's scope, which the HTTP side checked: Parley's JWT of a platform session. */
  private static final String SCOPE = "platform";

  /** Each operator's socket, with the platform session it was opened in. */
  private final Map<SockJSSocket, String> sessions = new HashMap<>();

  static boolean isOperator(User user) {
    return user != null && SCOPE.equals(user.principal().getValue("scope"));
  }

  /**
   * Settles the event when it is an operator's (answering true), and leaves it alone otherwise. {@code stopping}: the
   * server is stopping, and opens nothing more.
   */
  boolean handle(BridgeEvent event, boolean stopping) {
    SockJSSocket socket = event.socket();
    BridgeEventType type = event.type();
    if (type == BridgeEventType.SOCKET_CREATED) {
      if (!isOperator(socket.webUser())) {
        return false;
      }
      if (!stopping) {
        sessions.put(socket, socket.webUser().principal().getString("jti"));
      }
      event.complete(!stopping);
      return true;
    }
    if (!sessions.containsKey(socket)) {
      return false;
    }
    switch (type) {
      case SOCKET_CLOSED -> {
        sessions.remove(socket);
        event.complete(true);
      }
      case REGISTER, RECEIVE -> event.complete(Addresses.isOperatorOnly(address(event)));
      case SOCKET_PING, UNREGISTER -> event.complete(true);
      default -> event.complete(false);
    }
    return true;
  }

  /** The operators' sockets opened in that platform session. */
  List<SockJSSocket> of(String sessionId) {
    return sessions.entrySet().stream().filter(entry -> entry.getValue().equals(sessionId)).map(Map.Entry::getKey).toList();
  }

  List<SockJSSocket> all() {
    return List.copyOf(sessions.keySet());
  }

  private static String address(BridgeEvent event) {
    return event.getRawMessage() != null && event.getRawMessage().getValue("address") instanceof String address ? address : "";
  }
}
