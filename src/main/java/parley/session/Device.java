package parley.session;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * Where a sign-in comes from, as a person would recognise it in their list of sessions. Stamped by the HTTP
 * verticle, never taken from a request body.
 */
public record Device(String userAgent, String ip) {

  private static final String USER_AGENT_HEADER = "parley-user-agent";
  private static final String IP_HEADER = "parley-client-ip";
  private static final int MAX_USER_AGENT = 300;

  public static Device of(String userAgent, String ip) {
    String agent = userAgent == null ? "" : userAgent.strip();
    return new Device(agent.length() > MAX_USER_AGENT ? agent.substring(0, MAX_USER_AGENT) : agent, ip == null ? "" : ip);
  }

  public DeliveryOptions addTo(DeliveryOptions options) {
    return options.addHeader(USER_AGENT_HEADER, userAgent).addHeader(IP_HEADER, ip);
  }

  public static Device of(Message<?> message) {
    return of(message.headers().get(USER_AGENT_HEADER), message.headers().get(IP_HEADER));
  }
}
