package parley.bus;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

import java.util.UUID;

/**
 * Who asked. The HTTP verticle and the bridge stamp these headers from the verified token, after removing any
 * a client supplied, so a service can trust them. {@code tokenGrant}: what an identity provider's token says the
 * caller may do (an encoded {@code parley.role.TokenGrant}), or null, as for Parley's own tokens.
 */
public record Caller(long userId, long tenantId, String tokenGrant) {

  public static final String USER_HEADER = "parley-user-id";
  public static final String TENANT_HEADER = "parley-tenant-id";
  /** Which bridge connection a request came through, for presence. */
  public static final String CONNECTION_HEADER = "parley-connection-id";
  /** Which HTTP request a service request was asked for, so that the service's log lines name it. */
  public static final String REQUEST_HEADER = "parley-request-id";
  /** Which sign-in session (the token's {@code jti}) a request came with. */
  public static final String SESSION_HEADER = "parley-session-id";
  /** On a login: the user whose live session the request also carried, if any. */
  public static final String SIGNED_IN_AS_HEADER = "parley-signed-in-as";
  /** What the identity provider's token of the request grants, if it grants anything. */
  public static final String TOKEN_GRANT_HEADER = "parley-token-grant";
  /** Where a signed-in vertx User keeps {@code tokenGrant}: among its attributes, which no token's claims can write. */
  public static final String TOKEN_GRANT_ATTRIBUTE = "parleyTokenGrant";

  /** Someone with their stored role only. */
  public Caller(long userId, long tenantId) {
    this(userId, tenantId, null);
  }

  /** The caller stamped on a message, or a {@link ServiceException} if the message carries none. */
  public static Caller of(Message<?> message) {
    String user = message.headers().get(USER_HEADER);
    String tenant = message.headers().get(TENANT_HEADER);
    if (user == null || tenant == null) {
      throw ApiError.UNAUTHENTICATED.exception();
    }
    return new Caller(Long.parseLong(user), Long.parseLong(tenant), message.headers().get(TOKEN_GRANT_HEADER));
  }

  /** The tenant a request is for; set on every request, signed in or not. */
  public static long tenantOf(Message<?> message) {
    String tenant = message.headers().get(TENANT_HEADER);
    if (tenant == null) {
      throw ApiError.UNAUTHENTICATED.exception();
    }
    return Long.parseLong(tenant);
  }

  /** The caller's session, or {@code 401 unauthenticated} when the request carries none. */
  public static UUID sessionOf(Message<?> message) {
    String session = message.headers().get(SESSION_HEADER);
    try {
      return UUID.fromString(session);
    } catch (RuntimeException none) {
      throw ApiError.UNAUTHENTICATED.exception();
    }
  }

  /** Whose live session a login request carried, or null. */
  public static Long signedInAs(Message<?> message) {
    String user = message.headers().get(SIGNED_IN_AS_HEADER);
    return user == null ? null : Long.valueOf(user);
  }

  public static DeliveryOptions tenantOnly(long tenantId) {
    return new DeliveryOptions().addHeader(TENANT_HEADER, Long.toString(tenantId));
  }

  public DeliveryOptions deliveryOptions() {
    DeliveryOptions options = new DeliveryOptions().addHeader(USER_HEADER, Long.toString(userId))
      .addHeader(TENANT_HEADER, Long.toString(tenantId));
    return tokenGrant == null ? options : options.addHeader(TOKEN_GRANT_HEADER, tokenGrant);
  }
}
