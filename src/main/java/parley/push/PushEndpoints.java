package parley.push;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import parley.bus.ApiError;
import parley.config.AppConfig;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Where a Web Push endpoint may lead: an https URL whose host resolves to public addresses only, unless its origin
 * is allow-listed (PUSH_ALLOWED_ORIGINS, for a test's fake push service). Checked when a browser subscribes and
 * again before every delivery, which then connects to the address checked, so a name that later resolves elsewhere
 * (DNS rebinding) cannot turn a push into a request to the inside.
 */
final class PushEndpoints {

  static final int MAX_LENGTH = 2048;

  private final Vertx vertx;
  private final List<String> allowedOrigins;

  PushEndpoints(Vertx vertx, List<String> allowedOrigins) {
    this.vertx = vertx;
    this.allowedOrigins = allowedOrigins;
  }

  /** The parsed endpoint, or {@code 400 push_endpoint_refused} when it is no absolute https URL of ours to call. */
  URI parse(String endpoint) {
    try {
      URI uri = endpoint.length() > MAX_LENGTH ? null : new URI(endpoint);
      if (uri != null && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawFragment() == null
        && ("https".equalsIgnoreCase(uri.getScheme()) || allowed(uri) && "http".equalsIgnoreCase(uri.getScheme()))) {
        return uri;
      }
    } catch (URISyntaxException | IllegalArgumentException malformed) {
      // refused below
    }
    throw ApiError.PUSH_ENDPOINT_REFUSED.exception();
  }

  /**
   * The address to connect to for the endpoint, asking DNS on a worker thread: {@code push_endpoint_refused} when
   * any of its addresses is not public, an {@link java.net.UnknownHostException} when the name does not resolve now.
   */
  Future<InetAddress> resolve(URI endpoint) {
    boolean allowed = allowed(endpoint);
    return vertx.executeBlocking(() -> {
      InetAddress[] addresses = InetAddress.getAllByName(endpoint.getHost());
      for (InetAddress address : addresses) {
        // Every address must be public: a name with one public and one private record is a way in.
        if (!allowed && !PublicAddresses.isPublic(address)) {
          throw ApiError.PUSH_ENDPOINT_REFUSED.exception();
        }
      }
      return addresses[0];
    }, false);
  }

  private boolean allowed(URI uri) {
    try {
      return allowedOrigins.contains(AppConfig.originOf(uri.toString()));
    } catch (IllegalArgumentException notAbsolute) {
      return false;
    }
  }
}
