package parley.invite;

import io.vertx.core.Future;
import parley.service.ServiceVerticle;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.tenant.TenantHosts;
import parley.bus.Fields;
import parley.bus.Services;
import parley.limit.Budget;
import parley.limit.RateLimiter;
import parley.role.Permission;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Invite codes for invite-only sign-up: made, listed and revoked by those with {@code manage_invites}; each one made
 * spends its maker's {@link Budget#INVITES}.
 */
public class InviteVerticle extends ServiceVerticle {

  private static final SecureRandom RANDOM = new SecureRandom();

  private String publicUrl;
  private RateLimiter budget;

  @Override
  protected void serveAll() {
    publicUrl = settings.publicUrl();
    budget = Budget.INVITES.limiter(vertx, settings);
    serve(Addresses.INVITE_LIST, this::list);
    serve(Addresses.INVITE_CREATE, this::create);
    serve(Addresses.INVITE_DELETE, this::delete);
    serve(Addresses.INVITE_CHECK, this::check);
  }

  private Future<JsonObject> list(Message<Object> message) {
    Caller caller = Caller.of(message);
    return permissions.require(caller, Permission.MANAGE_INVITES)
      .compose(grant -> InviteRepository.list(pool, caller.tenantId()))
      .map(invites -> new JsonObject().put("invites",
        new JsonArray(invites.stream().map(invite -> invite.toJson(addressOf(caller))).toList())));
  }

  private Future<JsonObject> create(Message<Object> message) {
    Caller caller = Caller.of(message);
    JsonObject body = Services.body(message);
    String label = Fields.optionalString(body, "label", ApiError.INVALID_INVITE_OPTIONS);
    if (label != null && (label.length() > 100 || label.codePoints().anyMatch(Character::isISOControl))) {
      throw ApiError.INVALID_INVITE_OPTIONS.exception();
    }
    Integer maxUses = maxUses(body);
    OffsetDateTime expiresAt = expiresAt(body);
    return permissions.require(caller, Permission.MANAGE_INVITES)
      .compose(grant -> budget.spend(Long.toString(caller.userId())))
      .compose(spent -> InviteRepository.insert(pool, caller.tenantId(), newCode(), label == null ? "" : label.strip(),
        maxUses, expiresAt, caller.userId()))
      .map(invite -> new JsonObject().put("invite", invite.toJson(addressOf(caller))));
  }

  /** PUBLIC_URL is the default tenant's address; another tenant's link is relative, to the host it was asked at. */
  private String addressOf(Caller caller) {
    return caller.tenantId() == TenantHosts.DEFAULT_TENANT ? publicUrl : "";
  }

  private Future<JsonObject> delete(Message<Object> message) {
    Caller caller = Caller.of(message);
    String code = Fields.string(Services.body(message), "code", ApiError.INVITE_NOT_FOUND);
    return permissions.require(caller, Permission.MANAGE_INVITES)
      .compose(grant -> InviteRepository.delete(pool, caller.tenantId(), code))
      .compose(deleted -> deleted
        ? Future.succeededFuture(new JsonObject().put("deleted", true))
        : Future.failedFuture(ApiError.INVITE_NOT_FOUND.exception()));
  }

  /** Public: whether a code can still be used, and nothing about who made it. */
  private Future<JsonObject> check(Message<Object> message) {
    long tenantId = Caller.tenantOf(message);
    String code = Fields.string(Services.body(message), "code", ApiError.INVALID_INVITE);
    return InviteRepository.valid(pool, tenantId, code).map(valid -> new JsonObject().put("valid", valid));
  }

  /** 192 random bits, URL-safe. */
  private static String newCode() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Integer maxUses(JsonObject body) {
    Object value = body.getValue("maxUses");
    if (value == null) {
      return null;
    }
    if (value instanceof Integer uses && uses > 0) {
      return uses;
    }
    throw ApiError.INVALID_INVITE_OPTIONS.exception();
  }

  private static OffsetDateTime expiresAt(JsonObject body) {
    Object value = body.getValue("expiresAt");
    if (value == null) {
      return null;
    }
    try {
      OffsetDateTime expiresAt = OffsetDateTime.parse((String) value);
      if (expiresAt.isAfter(OffsetDateTime.now())) {
        return expiresAt;
      }
    } catch (ClassCastException | DateTimeParseException e) {
      // one answer for every bad value, below
    }
    throw ApiError.INVALID_INVITE_OPTIONS.exception();
  }
}
