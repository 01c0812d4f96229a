package parley.bridge;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import parley.bus.ApiError;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SockJS session answers only the identity that opened it. The XHR transports name their session in the URL
 * (the client chooses the id), and the stock handler serves any request naming it, so without this anyone who
 * learns an id could send frames into someone else's session, or read its replies. Identity is the user and the
 * session token: the same person signed in on another device has a session of their own.
 *
 * <p>The owners live in a node-local shared map: every HTTP instance of the node serves the same SockJS sessions
 * (a cluster keeps a session's requests on one node with sticky sessions, as docs/deploy.md says).
 */
final class SessionBinding implements Handler<RoutingContext> {

  /** {@code /<server>/<session>/<transport>} at the end of a path: the XHR transports, which share sessions by id. */
  private static final Pattern SESSION_PATH = Pattern.compile("/[^/.]+/([^/.]+)/(xhr|xhr_streaming|xhr_send)$");
  private static final String SEND = "xhr_send";

  private final LocalMap<String, String> owners;

  SessionBinding(Vertx vertx) {
    this.owners = vertx.sharedData().getLocalMap("parley.bridge.sessionOwners");
  }

  @Override
  public void handle(RoutingContext ctx) {
    String mount = ctx.mountPoint() == null ? "" : ctx.mountPoint();
    Matcher session = SESSION_PATH.matcher(ctx.request().path().substring(mount.length()));
    if (!session.matches() || ctx.user() == null) {
      ctx.next();
      return;
    }
    String id = session.group(1);
    String identity = identity(ctx.user().principal());
    // Only the polling and streaming requests open a session; a send into one that does not exist opens nothing.
    String owner = SEND.equals(session.group(2)) ? owners.get(id) : owners.putIfAbsent(id, identity);
    if (owner == null ? SEND.equals(session.group(2)) : !owner.equals(identity)) {
      // As if there were no such session: whether someone else's exists is not this caller's to learn.
      ctx.fail(ApiError.NOT_FOUND.exception());
    } else {
      ctx.next();
    }
  }

  /** Called when a socket closes: its session id may be taken again. */
  void forget(SockJSSocket socket) {
    String uri = socket.uri();
    if (uri == null) {
      return;
    }
    int query = uri.indexOf('?');
    Matcher session = SESSION_PATH.matcher(query < 0 ? uri : uri.substring(0, query));
    if (session.find()) {
      owners.remove(session.group(1));
    }
  }

  private static String identity(JsonObject claims) {
    return claims.getString("tid") + ":" + claims.getString("sub") + ":" + claims.getValue("jti");
  }
}
