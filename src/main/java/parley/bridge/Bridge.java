package parley.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.Transport;
import io.vertx.sqlclient.SqlClient;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.log.Upgrades;
import parley.room.RoomMembers;
import parley.shutdown.Draining;

import java.util.List;

/** The SockJS event-bus bridge: which addresses are public, and the guard that checks each use of them. */
public final class Bridge {

  /** Where the stock bridge keeps a socket's registration of a room; see {@link BridgeGuard}. */
  static final String SOCKET_ROOM_PREFIX = "parley.socket.";

  /**
   * How the HTTP side signs in with a token, for {@code auth.token}: the vertx User it makes (as for the socket's
   * opening request, {@code opening}), or a failure naming the check that failed.
   */
  @FunctionalInterface
  public interface TokenVerifier {
    Future<User> verify(RoutingContext opening, String token);
  }

  private final Router router;
  private final BridgeGuard guard;

  private Bridge(Router router, BridgeGuard guard) {
    this.router = router;
    this.guard = guard;
  }

  /**
   * A bridge whose {@link #router()} mounts under {@code /eventbus*}, after authentication and the Origin check.
   * {@code sql}: where room memberships are read when this node does not know them yet;
   * {@code aliveEveryMillis}: how often presence hears that a socket still lives (a third of its time to live, so
   * one lost report is harmless); {@code maxConnectionsPerUser}: how many connections one person may have open on
   * this node; {@code tokens}: how a token handed over by {@code auth.token} is verified.
   */
  public static Bridge create(Vertx vertx, SqlClient sql, long aliveEveryMillis, int maxConnectionsPerUser,
                              TokenVerifier tokens) {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
      .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.ROOM_REGEX))
      .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.USER_REGEX))
      .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.TENANT_REGEX))
      .addOutboundPermitted(new PermittedOptions().setAddress(Addresses.OPERATOR_TENANTS))
      .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.OPERATOR_PRESENCE_REGEX))
      .addOutboundPermitted(new PermittedOptions().setAddressRegex("parley\\.socket\\.[0-9a-f-]{36}\\.room\\." + Addresses.ID_REGEX))
      .setMaxHandlersPerSocket(2000)
      .setPingTimeout(90_000)
      .setReplyTimeout(30_000);
    Addresses.PUBLIC_INBOUND.forEach(address -> options.addInboundPermitted(new PermittedOptions().setAddress(address)));
    SessionBinding sessions = new SessionBinding(vertx);
    BridgeGuard guard = new BridgeGuard(vertx, aliveEveryMillis, sessions, ConnectionCap.shared(vertx, maxConnectionsPerUser),
      Draining.of(vertx), RoomMembers.of(vertx), sql, new TokenRenewal(tokens));
    guard.listen(vertx.eventBus());
    TokenRenewal.listen(vertx.eventBus(), Draining.of(vertx));
    Router router = Router.router(vertx);
    // The iframe page exists for cross-domain transports this bridge does not offer.
    router.getWithRegex("/iframe[^/]*\\.html").handler(ctx -> ctx.fail(ApiError.NOT_FOUND.exception()));
    router.route().handler(sessions);
    router.route("/*").subRouter(SockJSHandler.create(vertx, sockJsOptions()).bridge(options, event -> {
      if (event.type() == BridgeEventType.SOCKET_CREATED) {
        Upgrades.upgraded(event.socket().routingContext());
      }
      guard.handle(event);
    }));
    return new Bridge(router, guard);
  }

  public Router router() {
    return router;
  }

  /**
   * For a stopping server: takes no more requests, and closes every socket once what they asked before is answered,
   * or at {@code deadline} (epoch millis) at the latest. Completes when the sockets are told to close.
   */
  public Future<Void> drain(long deadline) {
    return guard.drain(deadline);
  }

  /**
   * Only the transports the web app and bots use: WebSocket, and XHR streaming and polling behind proxies that
   * refuse WebSockets. JSONP, htmlfile and EventSource are opened by a GET, which a cross-site page can make with
   * the visitor's cookie.
   */
  private static SockJSHandlerOptions sockJsOptions() {
    SockJSHandlerOptions options = new SockJSHandlerOptions().setRegisterWriteHandler(false).setInsertJSESSIONID(false);
    for (Transport transport : List.of(Transport.JSON_P, Transport.HTML_FILE, Transport.EVENT_SOURCE)) {
      options.addDisabledTransport(transport.name());
    }
    return options;
  }
}
