package parley.bus;

import java.util.List;

/**
 * Every event-bus address Parley uses. Public addresses are reachable through the bridge and form the contract
 * in docs/protocol.md; {@code svc.*} (request/reply) and {@code evt.*} (publish) stay inside the server.
 */
public final class Addresses {

  private Addresses() {
  }

  // Public outbound: clients register to receive events.
  public static final String ROOM_PREFIX = "room.";
  public static final String USER_PREFIX = "user.";
  /** An id as it appears in an address: no leading zero, so each id has exactly one address. */
  public static final String ID_REGEX = "[1-9][0-9]{0,17}";
  public static final String ROOM_REGEX = "room\\." + ID_REGEX;
  public static final String USER_REGEX = "user\\." + ID_REGEX;
  public static final String TENANT_PREFIX = "tenant.";
  public static final String TENANT_REGEX = "tenant\\." + ID_REGEX;
  /**
   * For the platform's operators alone (an operator's bridge connection may register these and nothing else; a tenant's
   * connection never may): {@code {type: tenant.online, tenantId, onlineNow}} whenever a tenant's count of connected
   * people changes. Counts and presence only, never content.
   */
  public static final String OPERATOR_TENANTS = "platform.tenants";
  /** {@code {type: person.presence, tenantId, userId, online, state}} when a person of that tenant connects or leaves. */
  public static final String OPERATOR_PRESENCE_REGEX = "platform\\.tenant\\." + ID_REGEX + "\\.presence";

  // Public inbound: clients send requests and get a reply.
  public static final String CHAT_SEND = "chat.send";
  public static final String CHAT_HISTORY = "chat.history";
  public static final String CHAT_SYNC = "chat.sync";
  public static final String CHAT_TYPING = "chat.typing";
  public static final String CHAT_EDIT = "chat.edit";
  public static final String CHAT_DELETE = "chat.delete";
  public static final String CHAT_REACT = "chat.react";
  /** {@code {roomId, seq}}: moves the caller's read cursor forward; answers {@code {roomId, seq, unread, mentions}}. */
  public static final String CHAT_READ = "chat.read";
  /** {@code {messageId, optionIds}}: the caller's whole choice in a poll (empty withdraws); answers {@code {message}}. */
  public static final String POLL_VOTE = "poll.vote";
  /** {@code {messageId}}: closes a poll (its author, or someone with {@code delete_any_message}); answers {@code {message}}. */
  public static final String POLL_CLOSE = "poll.close";
  /** {@code {idle?}}: this connection is alive, and whether its person is away from it. */
  public static final String PRESENCE_HEARTBEAT = "presence.heartbeat";
  /** {@code {userId, until?, text?}} for the tenant in the headers: the identity provider's vacation, which only it clears. */
  public static final String PRESENCE_PROVIDER_VACATION = "svc.presence.providerVacation";
  /** {@code {userId}} for the tenant in the headers: ends the identity provider's vacation. */
  public static final String PRESENCE_END_PROVIDER_VACATION = "svc.presence.endProviderVacation";
  /** {@code {state: online | dnd | vacation, text?, emoji?}}: what the caller chooses to show. */
  public static final String PRESENCE_SET = "presence.set";
  /** {@code {}}: answers {@code {users: [{userId, state, text, emoji}]}} for everyone in the tenant. */
  public static final String PRESENCE_LIST = "presence.list";
  /**
   * {@code {userIds}}: from now on this connection hears {@code presence.changed} of these people (and no others) on
   * its {@code user.<id>}; answers {@code {users}}, their presence now.
   */
  public static final String PRESENCE_WATCH = "presence.watch";
  /**
   * {@code {token}}: a renewed token of the connection's own person; from the next request on, the connection is in
   * its session and has what it grants. The bridge verifies it before anything else sees it; answers {@code {renewed}}.
   */
  public static final String AUTH_TOKEN = "auth.token";
  /**
   * {@code {q, cursor?, limit?}}: the messages the caller may read that match {@code q} (words, "phrases" and filters,
   * see docs/protocol.md), newest first; answers {@code {results: [{message, roomId, snippet, highlights}], cursor}}.
   */
  public static final String CHAT_SEARCH = "chat.search";
  /**
   * {@code {messageId, pinned}}: pins the message to its room, or unpins it ({@code pin_messages}, a member of the
   * room); answers {@code {message}}, and the room hears {@code message.updated}.
   */
  public static final String CHAT_PIN = "chat.pin";
  public static final List<String> PUBLIC_INBOUND =
    List.of(CHAT_SEND, CHAT_HISTORY, CHAT_SYNC, CHAT_TYPING, CHAT_EDIT, CHAT_DELETE, CHAT_REACT, CHAT_READ, POLL_VOTE, POLL_CLOSE,
      PRESENCE_HEARTBEAT, PRESENCE_SET, PRESENCE_LIST, PRESENCE_WATCH, AUTH_TOKEN, CHAT_SEARCH, CHAT_PIN);

  // Internal request/reply services.
  public static final String AUTH_REGISTER = "svc.auth.register";
  public static final String AUTH_LOGIN = "svc.auth.login";
  public static final String AUTH_ME = "svc.auth.me";
  /** {@code {current, new}}: the caller's password; ends the caller's other sessions. */
  public static final String AUTH_CHANGE_PASSWORD = "svc.auth.changePassword";
  /** {@code {code}}: answers {@code {valid, username?}} for a password reset link. */
  public static final String AUTH_RESET_CHECK = "svc.auth.resetCheck";
  /** {@code {code, password}}: sets the password of the link's user, ends every session of theirs; answers {@code {user}}. */
  public static final String AUTH_RESET_REDEEM = "svc.auth.resetRedeem";

  /**
   * {@code {subject, profile, sessionId, expiresAt}} of a verified external token, for the tenant in the headers, with
   * the device's: the user it names (made at its first token, its profile brought up to date) and the token's session,
   * started at its first use; answers {@code {userId}}, or {@code 403 account_deactivated}. Without a
   * {@code sessionId} (single sign-on's ID token) no session is started: the caller starts one of Parley's own.
   */
  public static final String IDENTITY_SIGN_IN = "svc.identity.signIn";
  /**
   * {@code {redirectUri}}: a sign-in through the identity provider begins; answers {@code {loginId, authorizeUrl}}, the
   * browser's cookie value and where to send the browser.
   */
  public static final String SSO_START = "svc.sso.start";
  /**
   * {@code {loginId, state, code}} as the provider sent the browser back, with the device's: the sign-in is finished
   * once; answers {@code {userId, idToken}} of the person signed in, or refuses with an {@code sso_*} slug.
   */
  public static final String SSO_FINISH = "svc.sso.finish";
  /** {@code {idToken, postLogoutRedirectUri}}: answers {@code {logoutUrl}}, the provider's end of session, or null. */
  public static final String SSO_LOGOUT_URL = "svc.sso.logoutUrl";
  /** {@code {externalId}}: the identity provider deactivates (or reactivates) the user of a subject, provisioned yet or not. */
  public static final String IDENTITY_DEACTIVATE = "svc.identity.deactivate";
  public static final String IDENTITY_REACTIVATE = "svc.identity.reactivate";
  /** {@code {externalId, until?, text?}}: the identity provider puts the user of a subject on vacation, provisioned yet or not. */
  public static final String IDENTITY_VACATION = "svc.identity.vacation";
  /** {@code {externalId}}: the identity provider ends the vacation it set. */
  public static final String IDENTITY_END_VACATION = "svc.identity.endVacation";
  /**
   * {@code {userId, idToken?, tokenGrant?}} for the tenant in the headers, with the device's: answers
   * {@code {sessionId, expiresAt}}. {@code idToken}: the provider's, when single sign-on started it, kept for signing
   * out there too; {@code tokenGrant}: what that ID token granted, carried by the session's requests.
   */
  public static final String SESSION_START = "svc.session.start";
  /** {@code {}} as the caller, with the session header: answers {@code {live, tokenGrant}} (see SESSION_START). */
  public static final String SESSION_LIVE = "svc.session.live";
  /** {@code {}}: answers {@code {sessions: [{id, userAgent, ip, createdAt, lastSeenAt, current}]}}, the caller's. */
  public static final String SESSION_LIST = "svc.session.list";
  /** {@code {sessionId}}: ends one of the caller's sessions. */
  public static final String SESSION_END = "svc.session.end";
  /** {@code {sessionId}}: the caller signs out of it; answers {@code {idToken}}, the provider's if single sign-on started it. */
  public static final String SESSION_SIGN_OUT = "svc.session.signOut";
  /** {@code {}}: ends every session of the caller, the asking one included. */
  public static final String SESSION_END_ALL = "svc.session.endAll";
  /** Sent, not published: the session id (a string) made a request; its last-seen time moves on. */
  public static final String SESSION_SEEN = "evt.session.seen";

  public static final String ROOM_LIST = "svc.room.list";
  public static final String ROOM_BROWSE = "svc.room.browse";
  public static final String ROOM_CREATE = "svc.room.create";
  public static final String ROOM_DELETE = "svc.room.delete";
  public static final String ROOM_JOIN = "svc.room.join";
  public static final String ROOM_LEAVE = "svc.room.leave";
  public static final String ROOM_MEMBERS = "svc.room.members";
  public static final String ROOM_KICK = "svc.room.kick";
  public static final String ROOM_ADD_MEMBER = "svc.room.addMember";
  public static final String ROOM_SET_TOPIC = "svc.room.setTopic";
  /** {@code {userId}}: answers {@code {room, created}}, the caller's DM with that user, made on first use. */
  public static final String CONVERSATION_DM = "svc.conversation.dm";
  /** {@code {userIds, name?}}: answers {@code {room}}, a new group of the caller and those users. */
  public static final String CONVERSATION_GROUP = "svc.conversation.group";

  public static final String ROLE_LIST = "svc.role.list";
  public static final String ROLE_CREATE = "svc.role.create";
  public static final String ROLE_UPDATE = "svc.role.update";
  public static final String ROLE_DELETE = "svc.role.delete";

  public static final String USER_LIST = "svc.user.list";
  public static final String USER_FIND = "svc.user.find";
  public static final String USER_SET_ROLE = "svc.user.setRole";
  public static final String USER_SET_DISPLAY_NAME = "svc.user.setDisplayName";
  public static final String USER_GRANT = "svc.user.grant";
  /** {@code {userId}}: {@code manage_users}; answers {@code {reset: {path, url?, expiresAt}}}, a one-time link to hand over. */
  public static final String USER_PASSWORD_RESET = "svc.user.passwordReset";
  /** {@code {userId}}: {@code manage_users}; ends every session of theirs and takes them out of the directory. */
  public static final String USER_DEACTIVATE = "svc.user.deactivate";
  public static final String USER_REACTIVATE = "svc.user.reactivate";
  /** Sent, not published, so one node tells the rooms: {@code {tenantId, userIds}} whose names or roles changed. */
  public static final String USERS_CHANGED = "svc.user.changed";

  /** {@code {roomId, messageId}}: answers {@code {readers: [{id, username, displayName}]}}; members only. */
  public static final String READ_READERS = "svc.read.readers";

  public static final String INVITE_LIST = "svc.invite.list";
  public static final String INVITE_CREATE = "svc.invite.create";
  public static final String INVITE_DELETE = "svc.invite.delete";
  public static final String INVITE_CHECK = "svc.invite.check";

  /** {@code {}}: {@code export_tenant}; answers {@code {exports: [export]}}, the tenant's exports, newest first. */
  public static final String TENANT_EXPORTS = "svc.tenant.exports";
  /** {@code {}}: {@code view_admin}; answers {@code {settings, own}}: the settings in force, and those the tenant set. */
  public static final String TENANT_SETTINGS = "svc.tenant.settings";
  /**
   * {@code {requireInvite?, retentionDays?, widgetOrigins?}}: {@code manage_tenant_settings}; null takes the install's
   * setting back. Answers as {@link #TENANT_SETTINGS}.
   */
  public static final String TENANT_SET_SETTINGS = "svc.tenant.setSettings";
  /** {@code {}}: deletes the tenants whose {@code delete_after} has passed, now; answers {@code {removed}}. Never bridged. */
  public static final String TENANT_SWEEP = "svc.tenant.sweep";

  /**
   * The platform's operators (parley.platform). {@code {username, password}}: answers {@code {operator: {id, username},
   * sessionId, expiresAt}}, a platform session begun, or {@code 401 invalid_credentials}.
   */
  public static final String PLATFORM_LOGIN = "svc.platform.login";
  /** {@code {sessionId}}: answers {@code {live, operatorId}}. */
  public static final String PLATFORM_LIVE = "svc.platform.live";
  /** {@code {sessionId}}: ends it; answers {@code {loggedOut: true}}. */
  public static final String PLATFORM_LOGOUT = "svc.platform.logout";
  /** {@code {}} from an operator (OPERATOR_HEADER): answers {@code {tenants: [tenant]}}, with their counts. */
  public static final String PLATFORM_TENANTS = "svc.platform.tenants";
  /** {@code {tenantId}} from an operator: suspends it (every session ended); answers {@code {tenant}}. */
  public static final String PLATFORM_SUSPEND = "svc.platform.suspend";
  /** {@code {tenantId}} from an operator: active again, and no longer to be deleted; answers {@code {tenant}}. */
  public static final String PLATFORM_RESUME = "svc.platform.resume";
  /** {@code {tenantId}} from an operator: suspended, and deleted after TENANT_DELETION_GRACE_DAYS; answers {@code {tenant}}. */
  public static final String PLATFORM_DELETE = "svc.platform.delete";
  /**
   * {@code {tenantId}} from an operator: answers {@code {people: [{id, username, displayName, role, deactivated, online}]}},
   * {@code online} whether they have a live connection on any node.
   */
  public static final String PLATFORM_PEOPLE = "svc.platform.people";
  /** {@code {tenantId}} from an operator: answers {@code {rooms: [{id, kind, name, private, members, messages}]}}. */
  public static final String PLATFORM_ROOMS = "svc.platform.rooms";
  /** {@code {slug, name, domains?}} from an operator: a new tenant with its system roles and #general; answers {@code {tenant}}. */
  public static final String PLATFORM_CREATE = "svc.platform.create";
  /** {@code {tenantId, change: {name?, domains?}}} from an operator ({@code domains} replaces the list); answers {@code {tenant}}. */
  public static final String PLATFORM_UPDATE = "svc.platform.update";
  /**
   * {@code {roomId, content, clientMsgId?}}: a {@code chat.send} whose content is a slash command. Answers
   * {@code {command, ephemeral: true, text}} or {@code {command, ephemeral: false, message}}.
   */
  public static final String COMMANDS_RUN = "svc.commands.run";
  /** {@code {}}: answers {@code {commands: [{name, usage, description, permission}]}}, those the caller may run. */
  public static final String COMMANDS_LIST = "svc.commands.list";
  /** {@code {roomId, kind: "action" | "system", content, clientMsgId?}}: stores what a command says in the room, as the caller. */
  public static final String MESSAGE_POST = "svc.message.post";
  /** A page of history as chat.history answers it, already encoded: a Buffer of its JSON, for REST. */
  public static final String MESSAGE_HISTORY_PAGE = "svc.message.historyPage";
  /** {@code {roomId}}: the room's pinned messages, the latest pin first; members only. Answers {@code {pins: [message]}}. */
  public static final String MESSAGE_PINS = "svc.message.pins";
  /** {@code {roomId, messageId}}: that message of the room, as history shows it; members only. Answers {@code {message}}. */
  public static final String MESSAGE_ONE = "svc.message.one";

  // Presence: the bridge reports its sockets, {connectionId} as the socket's user.
  public static final String PRESENCE_CONNECTED = "svc.presence.connected";
  public static final String PRESENCE_ALIVE = "svc.presence.alive";
  public static final String PRESENCE_DISCONNECTED = "svc.presence.disconnected";
  /** {@code {userIds}}: answers {@code {connected}}, those with a live connection on any node (for what goes to the offline). */
  public static final String PRESENCE_CONNECTED_AMONG = "svc.presence.connectedAmong";
  /**
   * {@code {tenantIds}}: answers {@code {online: {<tenantId>: n}}}, how many people of each have a live connection on
   * any node; {@code 503 unavailable} while the store cannot tell.
   */
  public static final String PRESENCE_ONLINE_COUNTS = "svc.presence.onlineCounts";

  // Announcements: REST only; recipients hear of them on user.<id>.
  /** {@code {title, body, audience, requireAck?}}: needs {@code manage_announcements}; answers {@code {announcement, recipients}}. */
  public static final String ANNOUNCEMENT_CREATE = "svc.announcement.create";
  /** {@code {before?, limit?}}: the caller's, answers {@code {unread, read, unreadCount, more}}. */
  public static final String ANNOUNCEMENT_LIST = "svc.announcement.list";
  /** {@code {before?, limit?}}: those the caller sent (all of them, with {@code manage_announcements}). */
  public static final String ANNOUNCEMENT_SENT = "svc.announcement.sent";
  /** {@code {announcementId}}: one, as a recipient or its sender sees it. */
  public static final String ANNOUNCEMENT_GET = "svc.announcement.get";
  public static final String ANNOUNCEMENT_READ = "svc.announcement.read";
  public static final String ANNOUNCEMENT_ACK = "svc.announcement.ack";
  /** {@code {announcementId, emoji, on}}. */
  public static final String ANNOUNCEMENT_REACT = "svc.announcement.react";
  /** {@code {announcementId, after?, limit?}}: counts, and who has not read it, paged by user id. */
  public static final String ANNOUNCEMENT_STATS = "svc.announcement.stats";
  public static final String ANNOUNCEMENT_WITHDRAW = "svc.announcement.withdraw";

  // Files: the HTTP verticle streams the bytes; these keep the rows that say what they are and who may read them.
  /** {@code {}}: checks {@code upload_files} and the quota, records an upload; answers {@code {id, limit, quotaLimited}}. */
  public static final String FILE_BEGIN = "svc.file.begin";
  /** {@code {id, name, contentType, size, sha256, width?, height?, thumbnailType?, thumbnailSize?}}: the bytes are stored; answers {@code {file}}. */
  public static final String FILE_FINISH = "svc.file.finish";
  /** {@code {id}}: the upload failed; forgets its row. */
  public static final String FILE_ABANDON = "svc.file.abandon";
  /** {@code {fileId}}: answers the file's row ({@code file_not_found} unless the caller may read it). */
  public static final String FILE_OPEN = "svc.file.open";
  /** {@code {}}: removes files nobody attached within a day of their upload; answers {@code {removed}}. */
  public static final String FILE_SWEEP = "svc.file.sweep";
  /** {@code {}}: deletes messages past their tenant's retentionDays now (also every ten minutes); answers {@code {deleted}}. */
  public static final String MESSAGE_RETENTION_SWEEP = "svc.message.retentionSweep";

  // Push: devices and preferences (REST), and the queue (internal, answered on the node that stored the item).
  /** {@code {kind: "webpush", endpoint, keys: {p256dh, auth}} | {kind: "expo", token}}: answers {@code {subscription}}. */
  public static final String PUSH_SUBSCRIBE = "svc.push.subscribe";
  public static final String PUSH_DEVICES = "svc.push.devices";
  public static final String PUSH_UNSUBSCRIBE = "svc.push.unsubscribe";
  /** {@code {}}: answers {@code {level, previews, mutedRoomIds}}. */
  public static final String PUSH_SETTINGS = "svc.push.settings";
  /** {@code {level?, previews?}}: answers the settings. */
  public static final String PUSH_SET_SETTINGS = "svc.push.setSettings";
  /** {@code {roomId, muted}}: answers the settings. */
  public static final String PUSH_MUTE_ROOM = "svc.push.muteRoom";
  public static final String PUSH_VAPID_KEY = "svc.push.vapidKey";
  /** {@code {}}: the last pushes to the caller's devices and what became of them. */
  public static final String PUSH_DELIVERIES = "svc.push.deliveries";
  /** {@code {}}: the tenant's queue, sent and failed in the last hour per provider, the last errors; {@code view_admin}. */
  public static final String PUSH_ADMIN = "svc.push.admin";
  /** {@code {roomId, messageId, authorId, authorName, preview, mentions, mentionsRoom}}: a message was stored. */
  public static final String PUSH_MESSAGE = "svc.push.message";
  /** {@code {announcementId, title, body, senderName}}: an announcement was sent. */
  public static final String PUSH_ANNOUNCEMENT = "svc.push.announcement";

  // Internal events, published to every node.
  /** {@code {roomId, userIds}}: they are members now; published before anything else tells of it (see room.RoomMembers). */
  public static final String ROOM_MEMBERS_JOINED = "evt.room.membersJoined";
  /** {@code {userId, roomId}}: the user is no longer a member; each node forgets it, then its bridges stop delivering the room to them. */
  public static final String ROOM_MEMBER_LEFT = "evt.room.memberLeft";
  /** {@code {roomId}}: the room is gone; each node forgets it, then its bridges stop delivering it to anyone. */
  public static final String ROOM_DELETED = "evt.room.deleted";
  /** {@code {userId} | {roleId} | {}}: cached permission grants of that user, role, or everyone are stale. */
  public static final String PERMISSIONS_CHANGED = "evt.perm.changed";
  /** {@code {tenantId, userId, sessionIds}}: those sessions ended; their tokens are refused and their connections close. */
  public static final String SESSIONS_ENDED = "evt.session.ended";
  /** {@code {tenantId, userId}}: the person was deactivated; presence forgets their status, so they show offline. */
  public static final String USER_DEACTIVATED = "evt.user.deactivated";
  /** {@code {tenantId, users}}: one announcing round, whose presence as others see it changed; bridges tell their watchers. */
  public static final String PRESENCE_CHANGED = "evt.presence.changed";
  /** {@code {sessionId}}: an operator's platform session ended; its bridge connections close. */
  public static final String PLATFORM_SESSION_ENDED = "evt.platform.sessionEnded";
  /** {@code {}}: a tenant's slug or domains changed; every node forgets which tenant each host belongs to (tenant.TenantHosts). */
  public static final String TENANT_HOSTS_CHANGED = "evt.tenant.hostsChanged";
  /** {@code {}}: a tenant's settings changed; every node forgets the settings it kept (tenant.EffectiveSettings). */
  public static final String TENANT_SETTINGS_CHANGED = "evt.tenant.settingsChanged";


  public static String room(long roomId) {
    return ROOM_PREFIX + roomId;
  }

  public static String tenant(long tenantId) {
    return TENANT_PREFIX + tenantId;
  }

  public static String user(long userId) {
    return USER_PREFIX + userId;
  }

  public static String operatorPresence(long tenantId) {
    return "platform.tenant." + tenantId + ".presence";
  }

  /** Whether an address is one of the platform's live addresses, which only an operator's connection may register. */
  public static boolean isOperatorOnly(String address) {
    return address.startsWith("platform.") && (OPERATOR_TENANTS.equals(address) || address.matches(OPERATOR_PRESENCE_REGEX));
  }
}
