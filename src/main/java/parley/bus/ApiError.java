package parley.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one error vocabulary: services fail with {@code status + slug}, HTTP answers
 * {@code {error: slug, message: sentence}} with that status, and bridge clients see the same code and slug.
 */
public enum ApiError {
  INVALID_JSON(400, "invalid_json", "The request body must be a JSON object."),
  INVALID_REQUEST(400, "invalid_request", "The request is missing a field or has one of the wrong type."),
  INVALID_USERNAME(400, "invalid_username", "Username must be 3–32 characters of a–z, 0–9, underscore, dot or hyphen."),
  INVALID_PASSWORD(400, "invalid_password", "Password must be at least 8 characters (and at most 200)."),
  INVALID_DISPLAY_NAME(400, "invalid_display_name", "Display name must be 1–64 characters without control characters."),
  INVALID_ROOM_NAME(400, "invalid_room_name", "Room name must be 1–64 characters of letters, digits, underscore, dot or hyphen."),
  INVALID_DESCRIPTION(400, "invalid_description", "Room description must be at most 500 characters."),
  INVALID_CONTENT(400, "invalid_content", "A message needs some text and may not contain NUL characters."),
  CONTENT_TOO_LONG(400, "content_too_long", "A message may be at most 4,000 characters."),
  INVALID_CLIENT_MSG_ID(400, "invalid_client_msg_id", "clientMsgId must be a string of at most 64 characters."),
  INVALID_CURSOR(400, "invalid_cursor", "Cursors and 'before' must be whole numbers of zero or more."),
  INVALID_LIMIT(400, "invalid_limit", "limit must be a whole number from 1 to 100."),
  INVALID_SEARCH(400, "invalid_search", "A search needs words, \"a phrase\" or filters (in:#room, from:@user, has:file, has:link, is:pinned, before:YYYY-MM-DD, after:YYYY-MM-DD), at most 500 characters and 20 parts."),
  INVALID_EXTERNAL_ID(400, "invalid_external_id", "externalId must be the provider's subject: 1–255 characters, not only spaces."),
  INVALID_UNTIL(400, "invalid_until", "until must be a date and time still to come, in ISO 8601 with its offset, e.g. 2027-01-15T09:00:00Z."),
  INVALID_ID(400, "invalid_id", "That id is not a valid id."),
  INVALID_SLUG(400, "invalid_slug", "A slug is 2–32 of a–z, 0–9 and hyphens, begins and ends with a letter or digit, and is not a reserved word such as www, api, platform or default."),
  INVALID_TENANT_NAME(400, "invalid_tenant_name", "An organisation's name must be 1–100 characters without control characters."),
  INVALID_DOMAIN(400, "invalid_domain", "domains must be a list of at most 20 host names such as chat.example.org: no scheme, port or path."),
  UNKNOWN_TENANT_FIELD(400, "unknown_tenant_field", "An organisation is made with slug, name, domains and settings, and changed with name, domains and settings; and settings; nothing else."),
  INVALID_SETTING(400, "invalid_setting", "Settings are requireInvite (true or false), maxUploadBytes and storageQuotaBytes (whole numbers of bytes, 1 or more), retentionDays (1–36500, or null for forever), widgetOrigins (at most 20 origins such as https://shop.example.com) and identity (the platform's); null takes the install's setting back."),
  INVALID_IDENTITY_SETTING(400, "invalid_identity_setting", "An identity provider needs a mode (local, external or both); for external or both an issuer URL, an audience and exactly one of jwksUrl, publicKeys (PEM public keys) and hs256Secret (32 bytes or more); for single sign-on an issuer with both oidcClientId and oidcClientSecret, and providerName only then."),
  INVALID_GROUP_NAME(400, "invalid_group_name", "A group name may be at most 64 characters without control characters."),
  DM_WITH_SELF(400, "dm_with_self", "A direct message needs someone other than you."),
  GROUP_TOO_SMALL(400, "group_too_small", "A group needs at least 3 people, you included; for two, start a direct message."),
  GROUP_TOO_LARGE(400, "group_too_large", "A group may have at most 50 people, you included."),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Send the request body as application/json."),
  UNAUTHENTICATED(401, "unauthenticated", "Sign in first."),
  INVALID_CREDENTIALS(401, "invalid_credentials", "Wrong username or password."),
  TOKEN_SIGNATURE(401, "token_signature", "The token's signature cannot be verified: its key is unknown, its algorithm is not accepted, or it was altered."),
  TOKEN_ISSUER(401, "token_issuer", "The token comes from an issuer this server does not trust (iss)."),
  TOKEN_AUDIENCE(401, "token_audience", "The token is not meant for this server (aud)."),
  TOKEN_EXPIRED(401, "token_expired", "The token has expired, is not valid yet, or has no expiry (exp, nbf); get a new one."),
  IDP_CREDENTIAL(401, "idp_credential", "This call needs the identity provider's service token or its API key."),
  IDP_SCOPE(403, "idp_scope", "This token lacks the admin scope: only the identity provider's service client may make this call."),
  TOKEN_SUBJECT(401, "token_subject", "The token names nobody: its subject claim is missing or empty."),
  SSO_DENIED(401, "sso_denied", "The identity provider did not sign you in."),
  SSO_STATE(400, "sso_state", "This sign-in was not started in this browser, or was finished already; start again."),
  SSO_EXPIRED(400, "sso_expired", "This sign-in took too long; start again."),
  SSO_EXCHANGE(401, "sso_exchange", "The identity provider refused the sign-in code (expired, used, or not from this sign-in); start again."),
  SSO_ID_TOKEN(401, "sso_id_token", "The identity provider's ID token failed a check: signature, issuer, audience or expiry."),
  SSO_NONCE(401, "sso_nonce", "The identity provider's ID token belongs to another sign-in (nonce)."),
  SSO_UNAVAILABLE(503, "sso_unavailable", "The identity provider cannot be reached; try again shortly."),
  TOKEN_OTHER_PERSON(403, "token_other_person", "A renewed token must be the connection's own person's, in the same tenant; connect again to change who you are."),
  LOCAL_ACCOUNTS_DISABLED(403, "local_accounts_disabled", "This server signs people in through its identity provider only: it has no registration, passwords or password resets of its own."),
  EXTERNAL_ACCOUNT(403, "external_account", "This account signs in through the identity provider; it has no password here."),
  WRONG_PASSWORD(403, "wrong_password", "Your current password is not right."),
  ACCOUNT_DEACTIVATED(403, "account_deactivated", "This account has been deactivated; ask an administrator."),
  TENANT_SUSPENDED(403, "tenant_suspended", "This organisation is suspended; ask the people who run this server."),
  INVALID_RESET(403, "invalid_reset", "That password reset link is unknown, used or expired; ask for a new one."),
  DEACTIVATE_SELF(409, "deactivate_self", "You cannot deactivate your own account."),
  FORBIDDEN(403, "forbidden", "Your role does not allow this."),
  PLATFORM_SETTING(403, "platform_setting", "The upload limit, the storage quota and the identity provider are set by the platform's operators, not by the organisation."),
  FORBIDDEN_ORIGIN(403, "forbidden_origin", "Requests from this site are not allowed."),
  NOT_A_MEMBER(403, "not_a_member", "You are not a member of this room."),
  DEFAULT_ROOM(403, "default_room", "Everyone stays in the default room; it cannot be left or deleted."),
  DM_MEMBERSHIP_FIXED(403, "dm_membership_fixed", "A direct message stays between its two people: nobody leaves it or is added to it."),
  NOT_A_CHANNEL(403, "not_a_channel", "Only channels can be deleted, given a topic, or have people removed."),
  INVITE_REQUIRED(403, "invite_required", "Registration needs a valid invite code."),
  INVALID_INVITE(403, "invalid_invite", "That invite code is unknown, used up or expired."),
  VACATION_BY_PROVIDER(409, "vacation_by_provider", "Your organisation set this vacation: it ends when they clear it, or at its end."),
  LAST_SUPERADMIN(409, "last_superadmin", "The last superadmin cannot be demoted or deactivated."),
  DEFAULT_TENANT(409, "default_tenant", "The default organisation cannot be deleted."),
  OWN_ROLE(403, "own_role", "Nobody can change their own role; ask someone else."),
  RANK_TOO_HIGH(403, "rank_too_high", "You can only act on roles ranked below you, and on people not ranked above you."),
  SYSTEM_ROLE(403, "system_role", "System roles cannot be renamed or deleted."),
  INVALID_ROLE_NAME(400, "invalid_role_name", "Role name must be 1–32 characters of letters, digits, spaces, underscore, dot or hyphen."),
  INVALID_RANK(400, "invalid_rank", "Rank must be a whole number from 0 to 999."),
  INVALID_PERMISSION(400, "invalid_permission", "permissions must be a list of known permission names."),
  ROLE_NAME_TAKEN(409, "role_name_taken", "A role with that name already exists."),
  ROLE_NOT_FOUND(404, "role_not_found", "That role does not exist."),
  USER_NOT_FOUND(404, "user_not_found", "That user does not exist."),
  INVALID_TOPIC(400, "invalid_topic", "A topic may be at most 250 characters without control characters."),
  INVALID_INVITE_OPTIONS(400, "invalid_invite_options", "maxUses must be 1 or more and expiresAt an ISO-8601 time in the future."),
  INVITE_NOT_FOUND(404, "invite_not_found", "That invite does not exist."),
  NOT_FOUND(404, "not_found", "There is nothing here."),
  TENANT_NOT_FOUND(404, "tenant_not_found", "That organisation does not exist."),
  MESSAGE_NOT_FOUND(404, "message_not_found", "That message does not exist."),
  INVALID_REPLY(400, "invalid_reply", "replyTo must be the id of a message in the same room."),
  NOT_YOUR_MESSAGE(403, "not_your_message", "Only its author can edit a message."),
  NOT_EDITABLE(403, "not_editable", "Only text and /me messages can be edited."),
  NOT_PINNABLE(403, "not_pinnable", "What a command did cannot be pinned; pin a message someone wrote."),
  MESSAGE_DELETED(409, "message_deleted", "That message was deleted."),
  INVALID_EMOJI(400, "invalid_emoji", "A reaction must be one emoji or a known :shortcode:."),
  TOO_MANY_REACTIONS(409, "too_many_reactions", "A message can carry at most 50 different reactions."),
  INVALID_POLL(400, "invalid_poll", "A poll needs a question (up to 300 characters), 2–10 different options (up to 100 each) and, if it closes, a time in the future."),
  INVALID_VOTE(400, "invalid_vote", "optionIds must be options of this poll: one at most, or any of them in a multiple-choice poll."),
  NOT_A_POLL(400, "not_a_poll", "That message is not a poll."),
  POLL_CLOSED(409, "poll_closed", "This poll is closed."),
  ROOM_NOT_FOUND(404, "room_not_found", "That room does not exist."),
  USERNAME_TAKEN(409, "username_taken", "That username is already taken."),
  SLUG_TAKEN(409, "slug_taken", "Another organisation has that slug."),
  DOMAIN_TAKEN(409, "domain_taken", "One of those domains belongs to another organisation."),
  ROOM_NAME_TAKEN(409, "room_name_taken", "A room with that name already exists."),
  NAME_CONFUSABLE(409, "name_confusable", "That name looks too much like someone else's name or username, or another room's name; choose another."),
  GROUP_FULL(409, "group_full", "This group already has 50 people."),
  PAYLOAD_TOO_LARGE(413, "payload_too_large", "The request body is too large."),
  INVALID_WATCH(400, "invalid_watch", "userIds must be a list of at most 1,000 user ids."),
  INVALID_PRESENCE(400, "invalid_presence", "state must be online, dnd or vacation; text at most 100 characters; emoji one emoji."),
  FILE_TOO_LARGE(413, "file_too_large", "The file is larger than this server accepts."),
  STORAGE_QUOTA_EXCEEDED(413, "storage_quota_exceeded", "The files would take more than the storage quota, yours or your organisation's; remove some first."),
  INVALID_UPLOAD(400, "invalid_upload", "Send one file as multipart/form-data, with at most 8 other fields."),
  IMAGE_TOO_LARGE(400, "image_too_large", "Images may have at most 50 million pixels."),
  FILE_NOT_FOUND(404, "file_not_found", "That file does not exist."),
  RANGE_NOT_SATISFIABLE(416, "range_not_satisfiable", "The requested range is outside the file."),
  INVALID_ATTACHMENTS(400, "invalid_attachments", "attachments must be a list of 1 to 10 different file ids."),
  ATTACHMENT_UNAVAILABLE(400, "attachment_unavailable", "A file is not yours, not uploaded yet, already attached or removed."),
  INVALID_ANNOUNCEMENT(400, "invalid_announcement", "An announcement needs a title of 1–200 characters and a body of 1–10,000, without control characters."),
  INVALID_AUDIENCE(400, "invalid_audience", "audience must be {\"all\": true} or lists (up to 1,000 each) of userIds, roleIds and roomIds of channels in this organisation."),
  EMPTY_AUDIENCE(400, "empty_audience", "Nobody but you is in that audience."),
  ANNOUNCEMENT_NOT_FOUND(404, "announcement_not_found", "That announcement does not exist, or was withdrawn."),
  ACK_NOT_REQUIRED(409, "ack_not_required", "This announcement asks for no acknowledgement; marking it read is enough."),
  INVALID_PUSH_SUBSCRIPTION(400, "invalid_push_subscription", "A subscription is {kind: \"webpush\", endpoint, keys: {p256dh, auth}} with a P-256 key and a 16-byte secret, or {kind: \"expo\", token} with an Expo push token."),
  PUSH_ENDPOINT_REFUSED(400, "push_endpoint_refused", "A Web Push endpoint must be an https URL whose host has public addresses only."),
  INVALID_PUSH_SETTINGS(400, "invalid_push_settings", "level must be all, direct or none; previews and muted true or false."),
  SUBSCRIPTION_NOT_FOUND(404, "subscription_not_found", "That push subscription does not exist."),
  SESSION_NOT_FOUND(404, "session_not_found", "That session does not exist, or has ended."),
  RATE_LIMITED(429, "rate_limited", "Too many requests; wait a moment and try again."),
  UNAVAILABLE(503, "unavailable", "The server is busy; try again shortly."),
  INTERNAL(500, "internal_error", "Something went wrong on the server; it has been logged.");

  private static final Map<String, ApiError> BY_SLUG =
    Arrays.stream(values()).collect(Collectors.toMap(e -> e.slug, Function.identity()));

  public final int status;
  public final String slug;
  public final String sentence;

  ApiError(int status, String slug, String sentence) {
    this.status = status;
    this.slug = slug;
    this.sentence = sentence;
  }

  public void failReply(Message<?> message) {
    message.fail(status, slug);
  }

  public ServiceException exception() {
    return new ServiceException(this);
  }

  /** The error of a slug; {@link #INTERNAL} for one that is not ours. */
  public static ApiError bySlug(String slug) {
    return BY_SLUG.getOrDefault(slug, INTERNAL);
  }

  /** The error a failed request/reply stands for; anything that is not one of ours is internal. */
  public static ApiError of(Throwable failure) {
    if (failure instanceof ServiceException known) {
      return known.error;
    }
    if (failure instanceof ReplyException reply) {
      ApiError known = BY_SLUG.get(reply.getMessage());
      if (known != null) {
        return known;
      }
      if (reply.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT
        || reply.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS) {
        return UNAVAILABLE;
      }
    }
    return INTERNAL;
  }
}
