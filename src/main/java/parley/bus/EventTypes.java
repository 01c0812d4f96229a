package parley.bus;

/** The {@code type} of every event a client can receive on {@code room.<id>} or {@code user.<id>}. */
public final class EventTypes {

  private EventTypes() {
  }

  // Changes to a room's history: each carries {@code roomId}, the {@code changeSeq} it took, and the changed
  // message in its state as of that change.
  /** On {@code room.<id>}: {@code {roomId, changeSeq, message}}. */
  public static final String MESSAGE_NEW = "message.new";
  /** On {@code room.<id>}: {@code {roomId, changeSeq, message}}; its author edited it. */
  public static final String MESSAGE_UPDATED = "message.updated";
  /** On {@code room.<id>}: {@code {roomId, changeSeq, messageId, message}}; {@code message} is the tombstone. */
  public static final String MESSAGE_DELETED = "message.deleted";
  /** On {@code room.<id>}: {@code {roomId, changeSeq, messageId, emoji, userIds, count, message}}. */
  public static final String REACTION_CHANGED = "reaction.changed";
  /**
   * On {@code room.<id>}: {@code {roomId, changeSeq, messageId, tallies, voters?, message}}; votes were cast or the
   * poll was closed. At most one per poll per {@code 250 ms} and node: votes in between are counted in one change.
   */
  public static final String POLL_UPDATED = "poll.updated";
  /** On {@code user.<id>}: {@code {roomId, messageId, seq, from, preview}}; a new or edited message names the user. */
  public static final String MENTION_NEW = "mention.new";
  /**
   * On {@code user.<id>}: {@code {roomId, seq, unread, mentions}}; the user's read cursor moved (from any of their
   * connections), with what is left unread.
   */
  public static final String READ_CURSOR = "read.cursor";
  /** On {@code room.<id>}: {@code {roomId, userId, seq}}; a member's read cursor moved (throttled; small rooms only). */
  public static final String READ_UPDATED = "read.updated";
  /** On {@code room.<id>}: {@code {roomId, userId, displayName, typing}}; never stored. */
  public static final String TYPING = "typing";
  /** On {@code tenant.<id>}: {@code {userId, state, text, emoji}}, when someone's presence as others see it changed. */
  public static final String PRESENCE_CHANGED = "presence.changed";
  /** On {@code room.<id>}: {@code {roomId, user}}. */
  public static final String MEMBER_JOINED = "member.joined";
  /** On {@code room.<id>}: {@code {roomId, userId, by?}}; {@code by} is set when the user was kicked. */
  public static final String MEMBER_LEFT = "member.left";
  /** On {@code room.<id>}, each former member's {@code user.<id>} and (public rooms) {@code tenant.<id>}: {@code {roomId}}. */
  public static final String ROOM_DELETED = "room.deleted";
  /** On {@code user.<id>}: {@code {room}}; the user is now a member (another tab or device joined). */
  public static final String ROOM_JOINED = "room.joined";
  /**
   * On the {@code user.<id>} of each member, the creator included: {@code {room}}; a DM or group with the user in it
   * was just created. Their connections may now register {@code room.<id>}.
   */
  public static final String CONVERSATION_CREATED = "conversation.created";
  /** On {@code user.<id>}: {@code {roomId}}; the user is no longer a member. */
  public static final String ROOM_LEFT = "room.left";
  /** On {@code user.<id>}: {@code {roomId, by}}; someone with {@code kick_users} removed the user from the room. */
  public static final String KICKED = "kicked";
  /** On {@code room.<id>}: {@code {room}}; its topic (or another property) changed. */
  public static final String ROOM_UPDATED = "room.updated";
  /** On {@code tenant.<id>}: {@code {role}}; a role's name, rank or permissions changed. */
  public static final String ROLE_UPDATED = "role.updated";
  /** On {@code tenant.<id>}: {@code {room}}; a public room was created. */
  public static final String ROOM_CREATED = "room.created";
  /** On {@code room.<id>} of every room the user is in: {@code {roomId, user}}; their display name or role changed. */
  public static final String MEMBER_UPDATED = "member.updated";
  /** On {@code user.<id>} of each recipient: {@code {announcement}}; it was just sent to them. */
  public static final String ANNOUNCEMENT_NEW = "announcement.new";
  /** On {@code user.<id>}: {@code {announcementId, readAt, ackedAt}}; the user read or acknowledged it (on any of their devices). */
  public static final String ANNOUNCEMENT_READ = "announcement.read";
  /**
   * On {@code user.<id>} of its sender: {@code {announcementId, recipients, delivered, read, acknowledged}}; how its
   * reading goes, at most one per announcement per second and node.
   */
  public static final String ANNOUNCEMENT_PROGRESS = "announcement.progress";
  /** On {@code user.<id>} of each recipient: {@code {announcementId}}; its sender withdrew it. */
  public static final String ANNOUNCEMENT_WITHDRAWN = "announcement.withdrawn";
  /**
   * On {@code user.<id>} of its sender and each recipient: {@code {announcementId, reactions: [{emoji, count}],
   * changes: [{userId, emoji, on}]}}; at most one per announcement per second and node.
   */
  public static final String ANNOUNCEMENT_REACTIONS = "announcement.reactions";
  /** On {@code user.<id>}: {@code {roomId, command, text, clientMsgId}}; a command's answer meant for that user alone. */
  public static final String COMMAND_OUTPUT = "command.output";
  /** On {@code platform.tenants}, for operators: {@code {tenantId, onlineNow}}; how many of a tenant's people are connected changed. */
  public static final String TENANT_ONLINE = "tenant.online";
  /** On {@code platform.tenant.<id>.presence}, for operators: {@code {tenantId, userId, online, state}}; a person connected or left. */
  public static final String PERSON_PRESENCE = "person.presence";
}
