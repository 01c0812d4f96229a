package parley.bridge;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.sqlclient.SqlClient;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.Fields;
import parley.bus.ServiceException;
import parley.log.LogFields;
import parley.metrics.ParleyMetrics;
import parley.presence.PresenceVerticle;
import parley.room.RoomMembers;
import parley.shutdown.Draining;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every access rule of the bridge in one place, together with the permitted addresses in {@link Bridge} and the
 * operators' own rules ({@link OperatorConnections}). A socket may register its own {@code user.<id>} and {@code tenant.<id>}, and the
 * {@code room.<id>} of rooms it is a member of ({@link RoomMembers} decides); room events reach it only while that
 * stays true; its requests carry the identity of its token and nothing else. Confined to the HTTP verticle's event loop.
 */
final class BridgeGuard {

  /** How a connection whose sign-in session ended is closed: the client must sign in again, not reconnect. */
  static final int SESSION_ENDED_CODE = 4001;
  static final String SESSION_ENDED_REASON = "session_ended";
  /** How a connection past the person's cap is refused. */
  static final int TOO_MANY_CODE = 4002;
  static final String TOO_MANY_REASON = "too_many_connections";
  private static final System.Logger LOG = System.getLogger(BridgeGuard.class.getName());
  /** Service Restart (RFC 6455's registry): the server goes away for now; reconnect, and resync. */
  static final short RESTARTING = 1012;
  static final String RESTARTING_REASON = "Server restarting";
  /** The stock bridge refuses a longer replyAddress itself, after the guard has let the request through. */
  private static final int MAX_REPLY_ADDRESS = 36;
  private static final long ANSWERED_POLL_MILLIS = 10;
  private static final long SAYING_MILLIS = 1_000;

  private final Vertx vertx;
  private final Map<SockJSSocket, Connection> connections = new HashMap<>();
  private final Map<Long, Set<Connection>> connectionsByUser = new HashMap<>();

  /** What the guard knows of one open socket: whose it is and which rooms it was allowed to register. */
  private static final class Connection {
    final SockJSSocket socket;
    /** Who the socket is, with what their latest token grants (it changes with {@code auth.token}). */
    Caller caller;
    /** The sign-in session (the jti of the latest token the socket was given); it closes when that session ends. */
    String session;
    /** Names the connection to presence, which counts someone's connections across nodes. */
    final String id = UUID.randomUUID().toString();
    long aliveReportedAt = System.currentTimeMillis();
    final Set<Long> rooms = new HashSet<>();
    /** Room registrations whose membership check has not answered yet. */
    int pendingChecks;
    /** Requests that arrived during those checks, released in arrival order once none is pending. */
    final Deque<Runnable> heldRequests = new ArrayDeque<>();
    /** Room registrations waiting for the membership check they will share with those arriving alongside. */
    final List<RoomRegistration> unchecked = new ArrayList<>();
    boolean closed;

    Connection(SockJSSocket socket, Caller caller, String session) {
      this.socket = socket;
      this.caller = caller;
      this.session = session;
    }

    /**
     * Where the stock bridge keeps this socket's registration of a room: an address nobody publishes to, since the
     * room's events reach the socket through {@link RoomFanOut}.
     */
    String registrationOf(long roomId) {
      return Bridge.SOCKET_ROOM_PREFIX + id + ".room." + roomId;
    }

    void checkDone() {
      pendingChecks--;
      while (pendingChecks == 0 && !heldRequests.isEmpty()) {
        heldRequests.poll().run();
      }
    }
  }

  private record RoomRegistration(long roomId, BridgeEvent event) {
  }

  private final long aliveEveryMillis;
  private final SessionBinding sessions;
  private final ConnectionCap cap;
  private final RoomFanOut fanOut;
  private final PresenceFanOut presence;
  private final ParleyMetrics metrics;
  private final Counter directDeliveries;
  private final Counter capRefusals;
  private final Draining draining;
  private final RoomMembers members;
  private final SqlClient sql;
  private final TokenRenewal renewal;
  private final OperatorConnections operators = new OperatorConnections();
  private Runnable removalsHeard = () -> { };
  /** Set when the server stops: no socket opens and no request is carried out any more. */
  private boolean stopping;

  /** {@code aliveEveryMillis}: how often presence hears that a pinging socket still lives. */
  BridgeGuard(Vertx vertx, long aliveEveryMillis, SessionBinding sessions, ConnectionCap cap, Draining draining,
              RoomMembers members, SqlClient sql, TokenRenewal renewal) {
    this.vertx = vertx;
    this.renewal = renewal;
    this.members = members;
    this.sql = sql;
    this.sessions = sessions;
    this.cap = cap;
    this.metrics = ParleyMetrics.of(vertx);
    this.fanOut = new RoomFanOut(vertx.eventBus(), metrics);
    this.presence = new PresenceFanOut(metrics.presenceDeliveries());
    this.directDeliveries = metrics.directDeliveries();
    this.capRefusals = metrics.rateLimitRefusals("connections");
    this.aliveEveryMillis = aliveEveryMillis;
    this.draining = draining;
  }

  /**
   * Leaves, kicks and deletions are heard twice. Here first, on this loop, in the order they were published: the
   * room's own event of a leave comes after it, so it never reaches the leaver (whose app would take a kick for a
   * leave). Then from {@link RoomMembers}, once it stopped counting the membership: a registration it allowed from
   * what it knew before is then always followed by the removal, never overtaken by it.
   */
  void listen(EventBus bus) {
    RoomMembers.Removals removals = new RoomMembers.Removals() {
      @Override
      public void left(long roomId, long userId) {
        connectionsByUser.getOrDefault(userId, Set.of()).forEach(connection -> disallow(connection, roomId));
      }

      @Override
      public void deleted(long roomId) {
        connections.values().forEach(connection -> disallow(connection, roomId));
      }
    };
    bus.<JsonObject>consumer(Addresses.ROOM_MEMBER_LEFT, message ->
      removals.left(Fields.id(message.body().getValue("roomId")), Fields.id(message.body().getValue("userId"))));
    bus.<JsonObject>consumer(Addresses.ROOM_DELETED, message -> removals.deleted(Fields.id(message.body().getValue("roomId"))));
    removalsHeard = members.onRemovals(removals);
    bus.<JsonObject>consumer(Addresses.PRESENCE_CHANGED, message -> presence.deliver(message.body()));
    bus.<JsonObject>consumer(Addresses.PLATFORM_SESSION_ENDED, message -> operators.of(message.body().getString("sessionId"))
      .forEach(socket -> closeOnceSaid(socket, SESSION_ENDED_CODE, SESSION_ENDED_REASON)));
    bus.<JsonObject>consumer(Addresses.SESSIONS_ENDED, message -> {
      long userId = Fields.id(message.body().getValue("userId"));
      Set<Object> ended = Set.copyOf(message.body().getJsonArray("sessionIds").getList());
      List.copyOf(connectionsByUser.getOrDefault(userId, Set.of())).stream()
        .filter(connection -> ended.contains(connection.session))
        .forEach(connection -> {
          // Forgotten at once: nothing it sends is carried out while the reason is on its way.
          closed(connection.socket);
          closeOnceSaid(connection.socket, SESSION_ENDED_CODE, SESSION_ENDED_REASON);
        });
    });
  }

  void handle(BridgeEvent event) {
    BridgeEventType type = event.type();
    if (operators.handle(event, stopping)) {
      if (type == BridgeEventType.SOCKET_CLOSED) {
        sessions.forget(event.socket());
      }
      return;
    }
    switch (type) {
      case SOCKET_CREATED -> event.complete(!stopping && opened(event.socket()));
      case SOCKET_CLOSED -> {
        closed(event.socket());
        event.complete(true);
      }
      case SOCKET_PING -> {
        pinged(event.socket());
        event.complete(true);
      }
      case REGISTER -> register(event);
      case UNREGISTER -> {
        unregistered(event);
        event.complete(true);
      }
      case SEND -> send(event);
      case RECEIVE -> {
        boolean delivered = mayReceive(event);
        if (delivered) {
          directDeliveries.increment();
        }
        event.complete(delivered);
      }
      case PUBLISH -> event.complete(false);
      default -> event.complete(true);
    }
  }

  private boolean opened(SockJSSocket socket) {
    if (socket.webUser() == null) {
      return false;
    }
    JsonObject claims = socket.webUser().principal();
    Caller caller = new Caller(Long.parseLong(claims.getString("sub")), Long.parseLong(claims.getString("tid")),
      socket.webUser().attributes().getString(Caller.TOKEN_GRANT_ATTRIBUTE));
    if (!cap.tryOpen(caller.userId())) {
      capRefusals.increment();
      // Still on the socket's own context here, so the frame goes out at once, before the close.
      say(socket, TOO_MANY_REASON);
      socket.close(TOO_MANY_CODE, TOO_MANY_REASON);
      return false;
    }
    Connection connection = new Connection(socket, caller, claims.getString("jti"));
    connections.put(socket, connection);
    connectionsByUser.computeIfAbsent(caller.userId(), id -> new HashSet<>()).add(connection);
    tellPresence(Addresses.PRESENCE_CONNECTED, connection);
    metrics.bridgeConnectionOpened();
    return true;
  }

  /**
   * Tells a client why its socket is about to close. A SockJS session cannot carry a close code (it always closes
   * with SockJS's own 3000 "Go away!"), so the reason goes first as a bridge error frame, which the JavaScript client
   * hands to its {@code onerror}; a raw WebSocket gets both.
   */
  private static Future<Void> say(SockJSSocket socket, String reason) {
    return socket.write(Buffer.buffer(new JsonObject().put("type", "err").put("body", reason).encode()));
  }

  /**
   * Closes once the reason is out: from another context a SockJS session only queues the frame, and closing drops
   * what is queued. Closed after {@link #SAYING_MILLIS} all the same, since an XHR session may not poll again.
   */
  private void closeOnceSaid(SockJSSocket socket, int code, String reason) {
    long timer = vertx.setTimer(SAYING_MILLIS, late -> socket.close(code, reason));
    say(socket, reason).onComplete(said -> {
      if (vertx.cancelTimer(timer)) {
        socket.close(code, reason);
      }
    });
  }

  private void pinged(SockJSSocket socket) {
    Connection connection = connections.get(socket);
    long now = System.currentTimeMillis();
    if (connection != null && now - connection.aliveReportedAt >= aliveEveryMillis) {
      connection.aliveReportedAt = now;
      tellPresence(Addresses.PRESENCE_ALIVE, connection);
    }
  }

  /** Presence is told, never asked: a presence store in trouble must not hold up the socket. */
  private void tellPresence(String address, Connection connection) {
    vertx.eventBus().send(address, new JsonObject().put("connectionId", connection.id), connection.caller.deliveryOptions());
  }

  /** The socket may receive the room's events; completes once they reach this node from every node. */
  private Future<Void> allow(Connection connection, long roomId) {
    return connection.rooms.add(roomId) ? fanOut.add(roomId, connection.socket) : fanOut.ready(roomId);
  }

  private void disallow(Connection connection, long roomId) {
    if (connection.rooms.remove(roomId)) {
      fanOut.remove(roomId, connection.socket);
    }
  }

  private void closed(SockJSSocket socket) {
    sessions.forget(socket);
    Connection connection = connections.remove(socket);
    if (connection != null) {
      metrics.bridgeConnectionClosed();
      cap.closed(connection.caller.userId());
      connection.closed = true;
      Set.copyOf(connection.rooms).forEach(roomId -> disallow(connection, roomId));
      presence.forget(socket);
      tellPresence(Addresses.PRESENCE_DISCONNECTED, connection);
      Set<Connection> ofUser = connectionsByUser.get(connection.caller.userId());
      ofUser.remove(connection);
      if (ofUser.isEmpty()) {
        connectionsByUser.remove(connection.caller.userId());
      }
    }
  }

  private void register(BridgeEvent event) {
    Connection connection = connections.get(event.socket());
    String address = address(event.getRawMessage());
    Long userId = idAfter(address, Addresses.USER_PREFIX);
    Long roomId = idAfter(address, Addresses.ROOM_PREFIX);
    Long tenantId = idAfter(address, Addresses.TENANT_PREFIX);
    if (connection == null || Addresses.isOperatorOnly(address)) {
      event.complete(false);
    } else if (userId != null) {
      event.complete(userId == connection.caller.userId());
    } else if (tenantId != null) {
      event.complete(tenantId == connection.caller.tenantId());
    } else if (roomId != null) {
      connection.pendingChecks++;
      if (connection.unchecked.isEmpty()) {
        // A client registers its rooms together after connecting: one membership check for all that arrive at once.
        vertx.runOnContext(next -> checkMemberships(connection));
      }
      connection.unchecked.add(new RoomRegistration(roomId, event));
    } else if (address.startsWith(Bridge.SOCKET_ROOM_PREFIX)) {
      // The guard's own form of a room registration is never a client's to ask for.
      event.complete(false);
    } else {
      // Not a public address: the bridge's own permitted list answers access_denied.
      event.complete(true);
    }
  }

  private void checkMemberships(Connection connection) {
    List<RoomRegistration> registrations = List.copyOf(connection.unchecked);
    connection.unchecked.clear();
    List<Long> roomIds = registrations.stream().map(RoomRegistration::roomId).toList();
    // Settled in the task that answers, which read the memberships: a removal after that read is heard after this.
    members.memberOf(sql, connection.caller, roomIds)
      .onComplete(reply -> {
        Set<Long> member = reply.succeeded() ? reply.result() : Set.of();
        if (reply.failed()) {
          LogFields.of("connectionId", connection.id).log(LOG, System.Logger.Level.WARNING,
            "Refusing " + registrations.size() + " room registrations: the membership check failed (" + reply.cause().getMessage() + ")");
        }
        registrations.forEach(registration -> settle(connection, registration, member.contains(registration.roomId())));
      });
  }

  /** A socket closed meanwhile is refused: allowing it now would leave it in the room's fan-out for good. */
  private void settle(Connection connection, RoomRegistration registration, boolean member) {
    boolean allowed = member && !connection.closed;
    Future<Void> receiving = allowed ? allow(connection, registration.roomId()) : Future.succeededFuture();
    receiving.onComplete(ready -> {
      if (allowed) {
        registration.event().getRawMessage().put("address", connection.registrationOf(registration.roomId()));
      }
      registration.event().complete(allowed);
      connection.checkDone();
    });
  }

  private void unregistered(BridgeEvent event) {
    Connection connection = connections.get(event.socket());
    Long roomId = idAfter(address(event.getRawMessage()), Addresses.ROOM_PREFIX);
    if (connection != null && roomId != null) {
      disallow(connection, roomId);
      event.getRawMessage().put("address", connection.registrationOf(roomId));
    }
  }

  /**
   * A request waits for the room registrations sent before it: then "register, then chat.sync" cannot miss a
   * message stored between the sync's read and the registration taking effect.
   */
  private void send(BridgeEvent event) {
    Connection connection = connections.get(event.socket());
    if (stopping) {
      // Neither carried out nor answered: the socket closes soon, and its client sends the request again.
      return;
    }
    Runnable carryOut = () -> {
      if (connection != null && Addresses.AUTH_TOKEN.equals(address(event.getRawMessage()))) {
        renew(connection, event);
      } else {
        event.complete(forward(event));
      }
    };
    if (connection != null && connection.pendingChecks > 0) {
      connection.heldRequests.add(carryOut);
    } else {
      carryOut.run();
    }
  }

  /**
   * A renewed token: the requests sent after it wait, as they wait for room registrations, so that each carries
   * what the new token grants. A refused one changes nothing; the connection goes on as it was.
   */
  private void renew(Connection connection, BridgeEvent event) {
    connection.pendingChecks++;
    renewal.verify(connection.socket.routingContext(), connection.caller, event.getRawMessage().getValue("body"))
      .onComplete(verified -> {
        if (verified.succeeded() && !connection.closed) {
          connection.caller = verified.result().caller();
          connection.session = verified.result().session();
        }
        boolean carried = stampCaller(event);
        if (carried && verified.failed()) {
          ApiError refusal = ApiError.of(verified.cause());
          if (refusal == ApiError.INTERNAL) {
            LOG.log(System.Logger.Level.ERROR, "A renewed token could not be verified", verified.cause());
          }
          event.getRawMessage().getJsonObject("headers").put(TokenRenewal.REFUSED_HEADER, refusal.slug);
        }
        event.complete(carried);
        connection.checkDone();
      });
  }

  /**
   * A watch takes effect here, before presence answers it with everyone's state: a change after that answer's read
   * is then told, one before it is in the answer. A malformed one changes nothing; presence answers it with the error.
   */
  private boolean forward(BridgeEvent event) {
    Connection connection = connections.get(event.socket());
    JsonObject raw = event.getRawMessage();
    if (connection != null && Addresses.PRESENCE_WATCH.equals(address(raw)) && raw.getValue("body") instanceof JsonObject body) {
      try {
        List<Long> userIds = Fields.ids(body.getValue("userIds"), PresenceVerticle.MAX_WATCHED, ApiError.INVALID_WATCH);
        presence.watch(connection.socket, connection.caller.tenantId(), connection.caller.userId(), userIds);
      } catch (ServiceException invalid) {
        // answered by presence
      }
    }
    return stampCaller(event);
  }

  /** Requests carry the socket's identity; whatever headers the client wrote are dropped. */
  private boolean stampCaller(BridgeEvent event) {
    Connection connection = connections.get(event.socket());
    JsonObject raw = event.getRawMessage();
    if (connection == null) {
      return false;
    }
    if (!Addresses.PUBLIC_INBOUND.contains(address(raw))) {
      // Not a public address: the bridge's own permitted list answers access_denied.
      return true;
    }
    raw.put("headers", new JsonObject()
      .put(Caller.USER_HEADER, Long.toString(connection.caller.userId()))
      .put(Caller.TENANT_HEADER, Long.toString(connection.caller.tenantId()))
      .put(Caller.CONNECTION_HEADER, connection.id)
      .put(Caller.SESSION_HEADER, connection.session));
    if (connection.caller.tokenGrant() != null) {
      raw.getJsonObject("headers").put(Caller.TOKEN_GRANT_HEADER, connection.caller.tokenGrant());
    }
    if (raw.getValue("replyAddress") == null
      || raw.getValue("replyAddress") instanceof String replyAddress && replyAddress.length() <= MAX_REPLY_ADDRESS) {
      draining.handedOver();
    }
    return true;
  }

  /**
   * The server is stopping: from now on no socket opens and requests are not carried out (their clients send them
   * again after reconnecting). Once every request that did arrive is answered, room registrations being checked
   * included (requests wait for them), or at {@code deadline}, every socket is closed: the raw WebSocket with
   * {@link #RESTARTING}, SockJS sessions with SockJS's own close frame. Clients then reconnect and resync.
   */
  Future<Void> drain(long deadline) {
    stopping = true;
    Promise<Void> closed = Promise.promise();
    closeOnceAnswered(deadline, closed);
    return closed.future();
  }

  private void closeOnceAnswered(long deadline, Promise<Void> closed) {
    boolean owed = !draining.allAnswered() || connections.values().stream().anyMatch(connection -> connection.pendingChecks > 0);
    if (owed && System.currentTimeMillis() < deadline) {
      vertx.setTimer(ANSWERED_POLL_MILLIS, tick -> closeOnceAnswered(deadline, closed));
      return;
    }
    if (owed) {
      LOG.log(System.Logger.Level.WARNING, "Closing the bridge's sockets with requests still unanswered after the grace");
    }
    // Queued behind the last answer's delivery, which its service queued on this event loop before counting it
    // answered: that answer is written before the close.
    vertx.runOnContext(next -> {
      List.copyOf(connections.keySet()).forEach(socket -> socket.close(RESTARTING, RESTARTING_REASON));
      operators.all().forEach(socket -> socket.close(RESTARTING, RESTARTING_REASON));
      removalsHeard.run();
      closed.complete();
    });
  }

  /** Room events come through {@link RoomFanOut}, to allowed sockets only; what the stock bridge delivers is the rest. */
  private boolean mayReceive(BridgeEvent event) {
    String address = address(event.getRawMessage());
    return !address.startsWith(Addresses.ROOM_PREFIX) && !address.startsWith(Bridge.SOCKET_ROOM_PREFIX);
  }

  /** A malformed frame may carry any JSON as its address; it then matches nothing. */
  private static String address(JsonObject raw) {
    return raw != null && raw.getValue("address") instanceof String address ? address : "";
  }

  private static Long idAfter(String address, String prefix) {
    if (!address.startsWith(prefix)) {
      return null;
    }
    String id = address.substring(prefix.length());
    return id.matches(Addresses.ID_REGEX) ? Long.valueOf(id) : null;
  }
}
